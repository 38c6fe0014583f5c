"""The template editor dialog: sections, marking scheme, banner, logo, fonts, page, header, footer.

The classification is chosen from a marking scheme (a combo of schemes, then the
scheme's levels and caveats for the default marking, and the level of open-source
facts), never typed: the banner colour comes from the scheme's level.

It edits a copy of a loaded :class:`~briefing.templates.Template` and saves it with
:func:`briefing.templates.save_user_template` under a name the analyst chooses; shipped
templates are never changed.  Validation is the core's: a :class:`TemplateError` is
shown as it is, and the dialog stays open so nothing typed is lost.
"""
from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from briefing.gui.plain_text import as_rich_text, plain_label
from briefing.template_files import TemplateFileProblem, install_logo
from briefing.templates import (PAGE_SIZES, SECTION_KINDS, Band, SectionSpec, TemplateError,
                                load_named_template, save_user_template)


class TemplateEditor(QDialog):
    """Edit a template and save it as a user template."""

    def __init__(self, template_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = copy.deepcopy(load_named_template(template_name))
        self.saved_name: str | None = None
        self.new_logo: Path | None = None
        self.setWindowTitle(f"Edit template — {self.template.title or self.template.name}")
        self.setMinimumSize(760, 640)
        layout = QVBoxLayout(self)
        from PySide6.QtWidgets import QScrollArea, QTabWidget

        from briefing.gui.style_editor import StyleEditor

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._sections_box(), "Sections")
        self.tabs.addTab(self._look_box(), "Marking and page")
        self.tabs.addTab(self._bands_box(), "Header and footer")
        self.styles = StyleEditor(self.template.stylesheet, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.styles)
        self.tabs.addTab(scroll, "Styles")
        layout.addWidget(self.tabs)
        save_row = QHBoxLayout()
        self.name_edit = QLineEdit(self._suggested_name(), self)
        self.name_edit.setAccessibleName("User template name")
        self.name_edit.setToolTip("Letters, digits, '-' and '_'; a user template of this name is overwritten")
        save_row.addWidget(QLabel("Save as user template named:", self))
        save_row.addWidget(self.name_edit, 1)
        layout.addLayout(save_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _suggested_name(self) -> str:
        return self.template.name if self.template.origin == "user" else f"{self.template.name}-mine"

    # -- sections ------------------------------------------------------------------
    def _sections_box(self) -> QGroupBox:
        box = QGroupBox("Sections (tick to include, drag order with Up/Down, edit headings)", self)
        self.sections = QTableWidget(0, 2, box)
        self.sections.setHorizontalHeaderLabels(["Heading", "Content"])
        self.sections.setAccessibleName("Template sections")
        self.sections.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sections.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sections.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        used = {s.kind for s in self.template.sections if s.kind != "text"}
        specs = list(self.template.sections) + [SectionSpec(kind, kind.replace("_", " ").capitalize())
                                                for kind in SECTION_KINDS if kind not in used and kind != "text"]
        for spec in specs:
            self._add_section_row(spec, spec in self.template.sections)
        side = QVBoxLayout()
        for text, step in (("Up", -1), ("Down", 1)):
            button = QPushButton(text, box)
            button.setToolTip(f"Move the selected section {text.lower()}")
            button.clicked.connect(lambda _=False, s=step: self._move_section(s))
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout(box)
        row.addWidget(self.sections, 1)
        row.addLayout(side)
        return box

    def _add_section_row(self, spec: SectionSpec, included: bool) -> None:
        row = self.sections.rowCount()
        self.sections.insertRow(row)
        heading = QTableWidgetItem(spec.heading)
        heading.setFlags(heading.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        heading.setCheckState(Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)
        heading.setData(Qt.ItemDataRole.UserRole, spec)
        kind = QTableWidgetItem(SECTION_KINDS.get(spec.kind, spec.kind) + (f" ({spec.key})" if spec.key else ""))
        kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.sections.setItem(row, 0, heading)
        self.sections.setItem(row, 1, kind)

    def _move_section(self, step: int) -> None:
        row = self.sections.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.sections.rowCount():
            return
        items = [self.sections.takeItem(row, c) for c in range(2)]
        others = [self.sections.takeItem(target, c) for c in range(2)]
        for c in range(2):
            self.sections.setItem(target, c, items[c])
            self.sections.setItem(row, c, others[c])
        self.sections.setCurrentCell(target, 0)

    def section_specs(self) -> list[SectionSpec]:
        specs = []
        for row in range(self.sections.rowCount()):
            item = self.sections.item(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                spec = copy.copy(item.data(Qt.ItemDataRole.UserRole))
                spec.heading = item.text().strip() or spec.heading
                specs.append(spec)
        return specs

    # -- look: banner, logo, fonts, page --------------------------------------------
    def _look_box(self) -> QGroupBox:
        from briefing.gui.classification_widget import ClassificationWidget
        from briefing.markings import scheme_ids

        t = self.template
        box = QGroupBox("Marking, logo and page", self)
        form = QFormLayout(box)
        self.scheme = QComboBox(box)
        self.scheme.setToolTip("Marking scheme (resources/markings/, or your own in the user data folder)")
        for scheme_id in scheme_ids():
            self.scheme.addItem(self._scheme_label(scheme_id), scheme_id)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(t.scheme)))
        self.default_marking = ClassificationWidget(box)
        self.portion_default = QComboBox(box)
        self.portion_default.setToolTip("Level of open-source facts (every item starts at this level)")
        self.scheme.currentIndexChanged.connect(lambda _i: self._load_scheme(""))
        self._load_scheme(t.classification, t.portion_default)
        self.banner_on = QCheckBox("Show the classification banner", box, checked=t.banner)
        self.portion_marks = QCheckBox("Mark every paragraph and row with its portion mark", box,
                                       checked=t.portion_marks)
        self.language = QLineEdit(t.language, box)
        self.language.setToolTip("Proofing and spell-check language, e.g. en-GB or en-US")
        self.logo_label = plain_label(QLabel(t.logo or "(none)", box))
        logo_row = QWidget(box)
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        choose = QPushButton("Choose…", logo_row)
        choose.setToolTip("Choose a PNG or JPEG logo")
        choose.clicked.connect(self._pick_logo)
        clear = QPushButton("Remove", logo_row)
        clear.clicked.connect(self._clear_logo)
        for widget in (self.logo_label, choose, clear):
            logo_layout.addWidget(widget)
        self.page_size = QComboBox(box)
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setCurrentText(t.page_size)
        for label, widget in (("Marking scheme", self.scheme), ("Default marking", self.default_marking),
                              ("Open-source facts", self.portion_default), ("Banner", self.banner_on),
                              ("Portion marks", self.portion_marks), ("Language", self.language),
                              ("Logo", logo_row), ("Page size", self.page_size)):
            widget.setAccessibleName(label)
            form.addRow(f"{label}:", widget)
        return box

    @staticmethod
    def _scheme_label(scheme_id: str) -> str:
        from briefing.markings import SchemeError, load_scheme

        try:
            return f"{load_scheme(scheme_id).name} ({scheme_id})"
        except SchemeError:
            return f"{scheme_id} (cannot be read)"

    def _load_scheme(self, marking: str, portion_default: str = "") -> None:
        from briefing.markings import SchemeError, load_scheme

        try:
            scheme = load_scheme(self.scheme.currentData())
        except SchemeError as exc:
            QMessageBox.warning(self, "Marking scheme", str(exc))
            return
        self.default_marking.set_scheme(scheme, marking)
        self.portion_default.clear()
        for level in scheme.levels:
            self.portion_default.addItem(level.name, level.name)
        wanted = scheme.find_level(portion_default) or scheme.default
        self.portion_default.setCurrentIndex(max(0, self.portion_default.findData(wanted.name)))

    def _pick_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Logo", "", "Images (*.png *.jpg *.jpeg)")
        if name:
            self.new_logo = Path(name)
            self.logo_label.setText(self.new_logo.name)

    def _clear_logo(self) -> None:
        self.new_logo = None
        self.template.logo = ""
        self.logo_label.setText("(none)")

    # -- header and footer ---------------------------------------------------------
    def _bands_box(self) -> QGroupBox:
        box = QGroupBox("Page header and footer ({title}, {date}, {reference}, {page}, {pages}…)", self)
        form = QFormLayout(box)
        self.band_edits: dict[tuple[str, str], QLineEdit] = {}
        for band_name in ("header", "footer"):
            band = getattr(self.template, band_name)
            for slot in ("left", "centre", "right"):
                edit = QLineEdit(getattr(band, slot), box)
                edit.setAccessibleName(f"{band_name} {slot}")
                self.band_edits[(band_name, slot)] = edit
                form.addRow(f"{band_name.capitalize()} {slot}:", edit)
        return box

    # -- saving --------------------------------------------------------------------
    def edited_template(self):  # noqa: ANN201 - briefing.templates.Template
        t = copy.deepcopy(self.template)
        t.sections = self.section_specs()
        t.banner = self.banner_on.isChecked()
        t.scheme = self.scheme.currentData() or t.scheme
        t.classification = self.default_marking.marking_text() or t.classification
        t.portion_default = self.portion_default.currentData() or ""
        t.portion_marks = self.portion_marks.isChecked()
        t.language = self.language.text().strip()
        t.page_size = self.page_size.currentText()
        t.styles_from_reference = {}
        t.style_overrides, t.table_overrides = self.styles.overrides(t.base_stylesheet())
        for band_name in ("header", "footer"):
            setattr(t, band_name, Band(**{slot: self.band_edits[(band_name, slot)].text()
                                          for slot in ("left", "centre", "right")}))
        return t

    def save(self) -> None:
        name = self.name_edit.text().strip()
        template = self.edited_template()
        try:
            folder = save_user_template(template, name)
            if self.new_logo is not None:
                template.logo, template.folder = install_logo(self.new_logo, folder), folder
                save_user_template(template, name)
        except (TemplateError, TemplateFileProblem, OSError) as exc:
            QMessageBox.warning(self, "Could not save the template",
                                as_rich_text(f"{exc}\n\nFix the fields named above and save again."))
            return
        self.saved_name = name
        self.accept()
