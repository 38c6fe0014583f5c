"""The knowledge layer: one loader with one error behaviour, free of Qt and spaCy, and the
one place country names, flags and dates are written for readers."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.knowledge import countries, dates, loader
from briefing.knowledge.loader import KnowledgeError
from briefing.knowledge.patterns import pattern_set

REPO = Path(__file__).resolve().parent.parent


def test_knowledge_layer_loads_neither_qt_nor_spacy():
    code = ("import sys, briefing.knowledge, briefing.knowledge.gazetteer, briefing.knowledge.dates, "
            "briefing.knowledge.countries, briefing.knowledge.lexicon, briefing.knowledge.patterns, "
            "briefing.knowledge.taxonomy\n"
            "from briefing.knowledge.patterns import pattern_set; pattern_set('commitments')\n"
            "from briefing.knowledge.gazetteer import find_country_mentions; find_country_mentions('Japan')\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc', 'PySide6'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


@pytest.mark.parametrize("package, forbidden", [
    ("note", "briefing.extract"),  # the note reads the extraction records, never extraction code
    ("knowledge", "briefing.extract"),
    ("knowledge", "briefing.note"),
    ("knowledge", "spacy"),
])
def test_layers_do_not_import_upwards(package: str, forbidden: str):
    offenders = [f"{path.name}: {name}" for path in sorted((REPO / "briefing" / package).glob("*.py"))
                 for name in _imports(path) if name == forbidden or name.startswith(forbidden + ".")]
    assert offenders == []


def test_dependency_labels_are_named_once():
    """No extraction rule spells a set of dependency labels; briefing/extract/syntax.py names them."""
    labels = {"nsubj", "nsubjpass", "dobj", "pobj", "pcomp", "conj", "appos", "acl", "relcl", "xcomp",
              "ccomp", "advcl", "aux", "auxpass", "compound", "amod", "nmod", "poss", "det", "agent"}
    found = []
    for path in sorted((REPO / "briefing" / "extract").glob("*.py")):
        if path.name == "syntax.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(values & labels) >= 2:
                    found.append(f"{path.name}:{node.lineno}")
    assert found == []


@pytest.mark.parametrize("content, key, problem", [
    ("words = 'not a list'\n", "words", "expected a list of strings"),
    ("other = ['a']\n", "words", "missing"),
    ("words = [1, 2]\n", "words", "expected a list of strings"),
    ("words = [ = \n", "words", "not valid TOML"),
])
def test_a_broken_word_list_is_one_line_naming_file_and_key(tmp_path: Path, content: str, key: str,
                                                           problem: str):
    path = tmp_path / "words.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        loader.word_set(path, key)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and problem in message
    if problem != "not valid TOML":
        assert f": {key}:" in message


def test_a_missing_file_and_a_bad_pattern_are_the_same_kind_of_error(tmp_path: Path):
    with pytest.raises(KnowledgeError, match="cannot read"):
        loader.read_toml(tmp_path / "absent.toml")
    path = tmp_path / "p.toml"
    path.write_text("patterns = ['(']\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"p\.toml: patterns: bad pattern"):
        loader.regexes(path, "patterns")


def test_cli_reports_a_broken_resource_in_one_line(tmp_path: Path):
    """A user's resources folder (BRIEFING_RESOURCES_DIR) with a broken word list: one line
    naming the file and the key, exit 1, in the batch form too."""
    import os
    import shutil

    folder = tmp_path / "resources"
    shutil.copytree(REPO / "resources", folder)
    (folder / "gazetteer" / "titles.toml").write_text("role_heads = 'minister'\n", encoding="utf-8")
    env = {**os.environ, "BRIEFING_RESOURCES_DIR": str(folder)}
    briefing = Path(sys.executable).with_name("briefing")
    seed = str(REPO / "seeds" / "000_30b27e0cb4826dc3.txt")
    for extra in ([], ["--out-dir", str(tmp_path / "out")]):
        done = subprocess.run([str(briefing), "extract", seed, *extra], capture_output=True, text=True,
                              env=env, timeout=300)
        err = done.stderr.strip().splitlines()
        assert done.returncode == 1, done.stderr
        assert any("titles.toml: " in line for line in err) and "Traceback" not in done.stderr


def test_pattern_file_lists_are_filled_in_and_checked():
    commitments = pattern_set("commitments")
    signed = dict(commitments.token)["signed"][0]["LEMMA"]["IN"]
    assert "sign" in signed and "Sign" in signed  # lower-case lemmas also match capitalised
    assert all(label in commitments.order for label, _ in commitments.token + commitments.dependency)


def test_country_names_and_flags_come_from_one_place():
    from briefing.export.outline import clean_text, country_name
    from briefing.ingest.clean import country_name as cleaning_name
    from briefing.note.wording import country_label

    for code in ("JP", "PH", "US", "GB"):
        assert country_name(code) == cleaning_name(code) == country_label(code) == countries.country_label(code)
    assert countries.country_phrase("PH") == "the Philippines"
    assert countries.country_phrase("JP") == "Japan"
    assert clean_text("\U0001F1EF\U0001F1F5 and \U0001F1FB\U0001F1F3") == "Japan and Vietnam"
    assert countries.country_label("Free text") == "Free text"


def test_dates_are_written_with_the_names_of_the_data_file():
    assert dates.format_date("2021-09-11") == "11 September 2021"
    assert dates.format_date("2021-09-11", short=True) == "11 Sep 2021"
    assert dates.format_date("2021-09") == "2021-09"  # a month is shown as written
    assert [m.kind for m in dates.find_date_phrases("on Sept. 11, 2021 and Thurs (Dec 10)")] == ["mdy", "wd_paren"]


def test_a_resource_file_is_read_bounded(tmp_path: Path):
    path = tmp_path / "huge.toml"
    with open(path, "wb") as fh:
        fh.write(b"words = ['a']\n")
        fh.truncate(loader.MAX_RESOURCE_BYTES + 1)
    with pytest.raises(KnowledgeError) as caught:
        loader.read_toml(path)
    assert str(caught.value) == f"{path}: cannot read: too large (16.8 MB; the limit is 16 MB)"
