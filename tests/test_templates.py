"""Templates: the shipped ones load and differ, user templates add and override, bad ones are named."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from briefing.templates import (TemplateError, dump_toml, list_templates, load_template,
                                new_user_template, save_user_template, shipped_dir)

SHIPPED = ("ministerial", "intsum", "one-page")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(folder))
    return folder


def test_shipped_templates_load_and_are_distinct():
    loaded = [load_template(name) for name in SHIPPED]
    assert [t.origin for t in loaded] == ["shipped"] * 3
    layouts = {tuple((s.kind, s.heading) for s in t.sections) for t in loaded}
    assert len(layouts) == 3
    assert {t.page_size for t in loaded} == {"A4", "Letter"}


def test_ministerial_sections_in_order():
    t = load_template("ministerial")
    top = [s.heading for s in t.sections if s.level == 1]
    assert top[:5] == ["Summary", "Issue", "Background", "Considerations", "Recommendation"]
    assert {s.key for s in t.sections if s.kind == "text"} >= {"issue", "background",
                                                              "considerations", "recommendation"}
    assert t.logo_path is not None and t.logo_path.is_file()
    assert t.reference_path is not None and t.reference_path.is_file()


def test_intsum_has_bluf_judgements_and_yardstick():
    t = load_template("intsum")
    headings = [s.heading for s in t.sections]
    assert headings[:2] == ["BLUF", "Key judgements"]
    assert any(s.kind == "yardstick" and s.page_break_before for s in t.sections)
    assert ("Almost certain / nearly certain", "95–99%") in t.yardstick  # ICD 203
    assert t.portion_marks


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "template.toml").write_text(text, encoding="utf-8")
    return folder


VALID = (shipped_dir() / "one-page" / "template.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("change, key, words", [
    (('kind = "themes"', 'kind = "horoscope"'), "sections[3].kind", "unknown section"),
    (('heading = "#7A1F2B"', 'heading = "crimson"'), "colours.heading", "bad colour"),
    (("[citations]", '[logo]\nfile = "crest.png"\n\n[citations]'), "logo.file", "not found"),
    (("body_size = 9", 'body_size = "nine"'), "fonts.body_size", "must be"),
    (("banner = true", 'banner = "yes"'), "classification.banner", "true or false"),
    (('size = "A4"', 'size = "A3"'), "page.size", "not one of"),
    (('right = "{reference}"', 'right = "{secret}"'), "header.right", "unknown field"),
    (("[fonts]", "[fonts]\ncolour = 1"), "fonts.colour", "unknown key"),
    (('style = "paragraph"', 'style = "harvard"'), "citations.style", "not one of"),
    (('body = "Calibri"', 'body = "Comic Sans"'), "fonts.body", "not one of"),
])
def test_invalid_template_error_names_file_key_and_problem(tmp_path, change, key, words):
    old, new = change
    assert old in VALID
    folder = _write(tmp_path / "bad", VALID.replace(old, new, 1))
    with pytest.raises(TemplateError) as info:
        load_template(folder)
    matching = [e for e in info.value.errors if key in e]
    assert matching, info.value.errors
    assert str(folder / "template.toml") in matching[0]
    assert words in matching[0]


def test_invalid_toml_and_missing_sections(tmp_path):
    folder = _write(tmp_path / "broken", "name = \"x\"\n[page\n")
    with pytest.raises(TemplateError, match="invalid TOML") as info:
        load_template(folder)
    assert str(folder / "template.toml") in str(info.value)
    folder = _write(tmp_path / "nosections", 'name = "x"\n')
    with pytest.raises(TemplateError, match="sections: missing"):
        load_template(folder)


def test_several_errors_are_all_reported(tmp_path):
    text = VALID.replace('heading = "#7A1F2B"', 'heading = "red"').replace('size = "A4"', "size = 4")
    with pytest.raises(TemplateError) as info:
        load_template(_write(tmp_path / "two", text))
    assert len(info.value.errors) == 2


def test_unknown_template_name_lists_available():
    with pytest.raises(TemplateError, match="unknown template 'nope'.*ministerial"):
        load_template("nope")


def test_user_template_adds_and_overrides(data_dir):
    folder = new_user_template("ministerial", "intsum")
    assert folder == data_dir / "templates" / "ministerial"
    infos = {i.name: i for i in list_templates()}
    assert infos["ministerial"].origin == "user" and infos["ministerial"].overrides_shipped
    assert load_template("ministerial").sections[0].heading == "BLUF"
    new_user_template("desk-note", "one-page")
    assert "desk-note" in {i.name for i in list_templates()}
    with pytest.raises(TemplateError, match="already exists"):
        new_user_template("desk-note", "one-page")
    with pytest.raises(TemplateError, match="invalid template name"):
        new_user_template("../escape", "one-page")


def test_broken_user_template_is_listed_with_its_error(data_dir):
    _write(data_dir / "templates" / "wrong", 'name = "Wrong"\n[[sections]]\nkind = "nothing"\n')
    info = {i.name: i for i in list_templates()}["wrong"]
    assert "unknown section 'nothing'" in info.error


def test_save_user_template_round_trip(data_dir):
    t = load_template("ministerial")
    t.sections[0].heading = "Summary for the Minister"
    t.colours["heading"] = "#123456"
    folder = save_user_template(t, "my-minister")
    again = load_template("my-minister")
    assert again.origin == "user"
    assert again.to_toml_data() == t.to_toml_data()
    assert (folder / "logo.png").is_file() and (folder / "reference.docx").is_file()
    t.colours["heading"] = "blue"
    with pytest.raises(TemplateError, match="colours.heading"):
        save_user_template(t, "my-minister")
    assert load_template("my-minister").colours["heading"] == "#123456"  # old file kept


@pytest.mark.parametrize("name", SHIPPED)
def test_dump_toml_round_trips(name):
    data = load_template(name).to_toml_data()
    assert tomllib.loads(dump_toml(data)) == data
