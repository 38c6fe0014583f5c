"""Every change to a Note, as a named function that returns its undo.

Each function applies one change and returns an :class:`Edit` describing the *inverse*
change: ``apply_edit(note, edit)`` undoes it and itself returns the edit that redoes it,
so an undo stack only ever stores Edits::

    undo = remove_item(note, "agreements", item_id)   # note changed
    redo = apply_edit(note, undo)                     # change undone
    undo = apply_edit(note, redo)                     # change redone

``Edit.description`` names the analyst's action ("Remove agreement", "Edit participant
role") and is the same on the undo and the redo edit: it is the text for the GUI's
Undo/Redo menu items. :func:`compound` bundles several edits into one undo step.

Bad arguments (unknown section, id or field, a value of the wrong type) raise
:class:`EditError` and leave the note unchanged.
"""
from __future__ import annotations

import contextlib
import copy
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from briefing.note.model import (
    ITEM_TYPES,
    SECTION_SINGULAR,
    SECTIONS,
    SOURCE_TEXT_FIELDS,
    Conflict,
    Item,
    Note,
    NoteHeader,
    SourceInfo,
)
from briefing.note.serial import SerialError, check_value, field_hints
from briefing.safe_text import replace_surrogates

__all__ = [
    "Edit", "EditError", "add_item", "remove_item", "move_item", "update_item",
    "set_included", "set_field", "get_field", "apply_edit", "compound", "FIELD_PATHS",
    "insert_source", "remove_source", "set_source_conflicts",
]


class EditError(ValueError):
    """An edit was asked with bad arguments; the note is unchanged."""


@dataclass
class Edit:
    """One change to a note, ready to apply (usually the inverse of a change just made).

    ``kind`` is ``insert`` (put ``item`` at ``index`` of ``section``), ``remove``
    (take ``item_id`` out of ``section``), ``move`` (``item_id`` to ``index``),
    ``update`` (set ``changes`` on ``item_id``), ``set`` (``field_path`` to ``value``;
    a value of None removes an ``extra_sections`` key), ``insert_source`` (put the source
    ``item`` at ``index`` of ``note.sources``), ``remove_source`` (take the source
    ``item_id`` out), ``source_conflicts`` (set ``note.source_conflicts`` to ``value``)
    or ``compound`` (``edits`` in order).
    """

    kind: str
    description: str
    section: str = ""
    item_id: str = ""
    index: int | None = None
    item: Any = None
    changes: dict[str, Any] = field(default_factory=dict)
    field_path: str = ""
    value: Any = None
    edits: list[Edit] = field(default_factory=list)


# ---------------------------------------------------------------- item edits

def add_item(note: Note, section: str, item: Item, index: int | None = None, *,
             description: str | None = None) -> Edit:
    """Insert ``item`` into ``section`` at ``index`` (end when None); returns the undo."""
    items = _section(note, section)
    if not isinstance(item, ITEM_TYPES[section]):
        raise EditError(f"{section} holds {ITEM_TYPES[section].__name__} items, "
                        f"not {type(item).__name__}")
    _check_item(section, item)
    if note.find_item(item.id) is not None:
        raise EditError(f"an item with id {item.id!r} is already in the note")
    if index is None:
        index = len(items)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= len(items):
        raise EditError(f"cannot insert into {section} at position {index!r} "
                        f"(0 to {len(items)})")
    items.insert(index, item)
    return Edit("remove", description or f"Add {SECTION_SINGULAR[section]}",
                section=section, item_id=item.id)


def remove_item(note: Note, section: str, item_id: str, *,
                description: str | None = None) -> Edit:
    """Remove the item ``item_id`` from ``section``; returns the undo."""
    items = _section(note, section)
    index = _index_of(items, section, item_id)
    item = items.pop(index)
    return Edit("insert", description or f"Remove {SECTION_SINGULAR[section]}",
                section=section, item_id=item_id, index=index, item=copy.deepcopy(item))


def move_item(note: Note, section: str, item_id: str, new_index: int, *,
              description: str | None = None) -> Edit:
    """Move ``item_id`` to position ``new_index`` of its section; returns the undo."""
    items = _section(note, section)
    old_index = _index_of(items, section, item_id)
    if isinstance(new_index, bool) or not isinstance(new_index, int) \
            or not 0 <= new_index < len(items):
        raise EditError(f"cannot move a {SECTION_SINGULAR[section]} to position "
                        f"{new_index!r} (0 to {len(items) - 1})")
    items.insert(new_index, items.pop(old_index))
    return Edit("move", description or f"Move {SECTION_SINGULAR[section]}",
                section=section, item_id=item_id, index=old_index)


def update_item(note: Note, section: str, item_id: str, /, *, description: str | None = None,
                **changes: Any) -> Edit:
    """Set fields of item ``item_id`` (``role="Prime Minister"``); returns the undo.

    The first three arguments are positional-only, so item fields named like them
    (a theme's ``note``) can be changed: ``update_item(n, "themes", tid, note="...")``.
    """
    items = _section(note, section)
    item = items[_index_of(items, section, item_id)]
    checked = _check_changes(section, changes)
    old = {name: copy.deepcopy(getattr(item, name)) for name in checked}
    for name, value in checked.items():
        setattr(item, name, value)
    return Edit("update", description or _update_description(section, checked),
                section=section, item_id=item_id, changes=old)


def set_included(note: Note, section: str, item_id: str, included: bool, *,
                 description: str | None = None) -> Edit:
    """Accept (True) or reject (False) an item; returns the undo."""
    if not isinstance(included, bool):
        raise EditError(f"included must be true or false, not {included!r}")
    verb = "Include" if included else "Exclude"
    label = SECTION_SINGULAR.get(section, section)
    return update_item(note, section, item_id, included=included,
                       description=description or f"{verb} {label}")


# ---------------------------------------------------------------- field edits

_TOP_FIELDS = ("summary", "analyst_comment", "template")
FIELD_PATHS: tuple[str, ...] = (
    _TOP_FIELDS
    + tuple(f"header.{f.name}" for f in dataclasses.fields(NoteHeader) if f.name != "authority")
    + tuple(f"source.{name}" for name in SOURCE_TEXT_FIELDS)
)
"""Every settable text field; ``extra_sections.<key>``, ``portions.<section>`` and
``header.authority.<field>`` (any key) are settable too (None removes the key), and so is
``sources.<id>.<field>`` for each source's text fields (``source.<field>``: the first)."""
DICT_FIELDS = ("extra_sections", "portions", "header.authority")


def get_field(note: Note, field_path: str) -> str | None:
    """Current value of ``field_path`` (None for an unset ``extra_sections`` key)."""
    owner, name = _resolve(note, field_path)
    if isinstance(owner, dict):
        return owner.get(name)
    return getattr(owner, name)


def set_field(note: Note, field_path: str, value: str | None, *,
              description: str | None = None) -> Edit:
    """Set a text field such as ``"header.title"``, ``"summary"``,
    ``"extra_sections.background"``, ``"portions.summary"`` (a text section's portion
    level) or ``"header.authority.classified_by"`` (None removes such a key); returns the undo."""
    owner, name = _resolve(note, field_path)
    is_extra = isinstance(owner, dict)
    if not (isinstance(value, str) or (value is None and is_extra)):
        raise EditError(f"{field_path} must be text, not {type(value).__name__}")
    if field_path == "template" and not value.strip():
        raise EditError("template name must not be empty")
    if field_path == "template":
        from briefing.templates import template_name_problem

        problem = template_name_problem(value)
        if problem:
            raise EditError(problem)
    if value is not None:
        value = replace_surrogates(value)
    if is_extra:
        old = owner.get(name)
        if value is None:
            owner.pop(name, None)
        else:
            owner[name] = value
    else:
        old = getattr(owner, name)
        setattr(owner, name, value)
    return Edit("set", description or _field_description(field_path),
                field_path=field_path, value=old)


# ---------------------------------------------------------------- source edits

def insert_source(note: Note, source: SourceInfo, index: int | None = None, *,
                  description: str | None = None) -> Edit:
    """Add ``source`` to the note's sources at ``index`` (end when None); returns the undo."""
    if not isinstance(source, SourceInfo):
        raise EditError(f"a source is a SourceInfo, not {type(source).__name__}")
    if not isinstance(source.id, str) or not source.id:
        raise EditError("a source needs a non-empty text id")
    if any(s.id == source.id for s in note.sources):
        raise EditError(f"a source with id {source.id!r} is already in the note")
    for name in SOURCE_TEXT_FIELDS:
        if not isinstance(getattr(source, name), str):
            raise EditError(f"source {name} must be text")
    if index is None:
        index = len(note.sources)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= len(note.sources):
        raise EditError(f"cannot insert a source at position {index!r} (0 to {len(note.sources)})")
    note.sources.insert(index, source)
    return Edit("remove_source", description or "Add source", item_id=source.id)


def remove_source(note: Note, source_id: str, *, description: str | None = None) -> Edit:
    """Take the source ``source_id`` out of the note's list; returns the undo. (Items citing
    it are left as they are: :func:`briefing.note.merge.drop_source` does both.)"""
    for index, source in enumerate(note.sources):
        if source.id == source_id:
            if len(note.sources) == 1:
                raise EditError("a note keeps at least one source")
            note.sources.pop(index)
            return Edit("insert_source", description or "Remove source", item_id=source_id,
                        index=index, item=source)
    raise EditError(f"no source with id {source_id!r}")


def set_source_conflicts(note: Note, conflicts: list[Conflict], *,
                         description: str | None = None) -> Edit:
    """Replace the disagreements between the sources' own metadata; returns the undo."""
    try:
        checked = check_value(list[Conflict], conflicts, "source conflicts")
    except SerialError as exc:
        raise EditError(str(exc)) from None
    old = copy.deepcopy(note.source_conflicts)
    note.source_conflicts = checked
    return Edit("source_conflicts", description or "Edit source conflicts", field_path="source_conflicts",
                value=old)


# ---------------------------------------------------------------- applying edits

def apply_edit(note: Note, edit: Edit) -> Edit:
    """Apply ``edit`` (usually an undo or redo) to ``note``; returns its inverse."""
    desc = edit.description
    if edit.kind == "insert":
        if edit.item is None:
            raise EditError("insert edit has no item")
        return add_item(note, edit.section, copy.deepcopy(edit.item), edit.index, description=desc)
    if edit.kind == "remove":
        return remove_item(note, edit.section, edit.item_id, description=desc)
    if edit.kind == "move":
        return move_item(note, edit.section, edit.item_id, edit.index, description=desc)
    if edit.kind == "update":
        return update_item(note, edit.section, edit.item_id, description=desc,
                           **copy.deepcopy(edit.changes))
    if edit.kind == "set":
        return set_field(note, edit.field_path, edit.value, description=desc)
    if edit.kind == "insert_source":
        return insert_source(note, edit.item, edit.index, description=desc)
    if edit.kind == "remove_source":
        return remove_source(note, edit.item_id, description=desc)
    if edit.kind == "source_conflicts":
        return set_source_conflicts(note, copy.deepcopy(edit.value), description=desc)
    if edit.kind == "compound":
        return _apply_compound(note, edit)
    raise EditError(f"unknown edit kind {edit.kind!r}")


def compound(description: str, undo_edits: list[Edit]) -> Edit:
    """One undo step from several: ``undo_edits`` are the edits returned by changes made
    in order; the compound undoes them in reverse order."""
    return Edit("compound", description, edits=list(reversed(undo_edits)))


@contextlib.contextmanager
def all_or_nothing(note: Note, undo: list[Edit]) -> Iterator[None]:
    """Edits made inside append their undo to ``undo``; when one is refused (EditError) the
    ones already made are undone, newest first, and the error goes on: the note is as it was."""
    try:
        yield
    except EditError:
        for inverse in reversed(undo):
            apply_edit(note, inverse)
        raise


def _apply_compound(note: Note, edit: Edit) -> Edit:
    done: list[Edit] = []
    with all_or_nothing(note, done):
        for sub in edit.edits:
            done.append(apply_edit(note, sub))
    return compound(edit.description, done)


# ---------------------------------------------------------------- checks

def _section(note: Note, section: str) -> list:
    if section not in SECTIONS:
        raise EditError(f"unknown section {section!r} (expected one of {', '.join(SECTIONS)})")
    return getattr(note, section)


def _index_of(items: list, section: str, item_id: str) -> int:
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    raise EditError(f"no {SECTION_SINGULAR[section]} with id {item_id!r}")


def _check_changes(section: str, changes: dict[str, Any]) -> dict[str, Any]:
    hints = field_hints(ITEM_TYPES[section])
    label = SECTION_SINGULAR[section]
    checked = {}
    for name, value in changes.items():
        if name == "id":
            raise EditError(f"the id of a {label} cannot be changed")
        if name not in hints:
            raise EditError(f"a {label} has no field {name!r} "
                            f"(fields: {', '.join(h for h in hints if h != 'id')})")
        try:
            checked[name] = check_value(hints[name], value, f"{label} {name}")
        except SerialError as exc:
            raise EditError(str(exc)) from None
    return checked


def _check_item(section: str, item: Item) -> None:
    label = SECTION_SINGULAR[section]
    if not isinstance(item.id, str) or not item.id:
        raise EditError(f"a {label} needs a non-empty text id")
    _check_changes(section, {f.name: getattr(item, f.name)
                             for f in dataclasses.fields(item) if f.name != "id"})


def _resolve(note: Note, field_path: str) -> tuple[Any, str]:
    """The object (or dict) holding ``field_path`` and the attribute (or key) name."""
    if not isinstance(field_path, str):
        raise EditError(f"field path must be text, not {type(field_path).__name__}")
    head, _, rest = field_path.partition(".")
    if head == "extra_sections" and rest:
        return note.extra_sections, rest
    if head == "portions" and rest:
        return note.portions, rest
    if field_path.startswith("header.authority.") and len(field_path) > len("header.authority."):
        return note.header.authority, field_path[len("header.authority."):]
    if head == "sources" and rest:
        source_id, _, name = rest.partition(".")
        source = next((s for s in note.sources if s.id == source_id), None)
        if source is None:
            raise EditError(f"no source with id {source_id!r}")
        if name not in SOURCE_TEXT_FIELDS:
            raise EditError(f"a source has no text field {name!r} (fields: {', '.join(SOURCE_TEXT_FIELDS)})")
        return source, name
    if field_path in FIELD_PATHS:
        if not rest:
            return note, head
        return getattr(note, head), rest
    raise EditError(f"unknown field {field_path!r} (expected one of {', '.join(FIELD_PATHS)}, "
                    "or extra_sections.<name>, portions.<section>, header.authority.<field>)")


def _label(name: str) -> str:
    return {"source_spans": "source", "theme_id": "theme id",
            "analyst_comment": "analyst comment"}.get(name, name.replace("_", " "))


def _update_description(section: str, changes: dict[str, Any]) -> str:
    label = SECTION_SINGULAR[section]
    if len(changes) == 1:
        return f"Edit {label} {_label(next(iter(changes)))}"
    return f"Edit {label}"


def _field_description(field_path: str) -> str:
    head, _, rest = field_path.partition(".")
    if head == "template":
        return "Change template"
    if head == "source":
        return f"Edit source {_label(rest)}"
    if head == "sources":
        return f"Edit source {_label(rest.rpartition('.')[2])}"
    if head == "portions":
        return f"Change portion level of {_label(rest)}"
    if field_path.startswith("header.authority."):
        return f"Edit {_label(field_path.rsplit('.', 1)[1])}"
    return f"Edit {_label(rest or head)}"
