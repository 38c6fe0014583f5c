"""A template's files stay inside its folder: a logo or reference document named by an
absolute path, through ``..`` or through a link leading out is refused when the template
loads, never read, embedded or copied; a project's template is a name, never a path;
``templates new`` and saving a user template copy files, never link targets."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from hostile import project_inputs, template_inputs
from hostile.template_inputs import SECRET

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_30b27e0cb4826dc3.txt"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(folder))
    return folder


def embeds_secret(path: Path) -> bool:
    if not path.exists():
        return False
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return b"/Subtype /Image" in data  # the base template has no logo
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return any(SECRET in package.read(n) for n in package.namelist())


@pytest.mark.parametrize("how, words", [
    ("traversal", "'..' is not allowed"),
    ("relative", "'..' is not allowed"),
    ("absolute", "not an absolute path"),
    ("symlink", "leads outside the template folder"),
])
def test_a_logo_outside_the_folder_is_refused_on_load(how, words, tmp_path, child):
    folder = template_inputs.logo_outside(tmp_path, how)
    outcome = child("template", folder)
    assert len(outcome["errors"]) == 1, outcome
    assert "logo.file" in outcome["errors"][0] and words in outcome["errors"][0]


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink", "traversal"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_export_never_embeds_a_file_outside_the_template(how, fmt, tmp_path, cli):
    folder = template_inputs.logo_outside(tmp_path, how)
    out = tmp_path / f"note.{fmt}"
    run = cli("export", SEED, "-o", out, "--template", folder)
    assert run.returncode == 1
    assert "logo.file" in run.stderr and len(run.stderr.splitlines()) == 1
    assert not out.exists() and not embeds_secret(out)


def test_a_link_inside_the_folder_to_a_file_inside_it_is_used(tmp_path, child):
    folder = template_inputs.template(tmp_path, "inner-link", {"logo.file": "logo.png"},
                                      {"real.png": template_inputs.png()})
    (folder / "logo.png").symlink_to("real.png")
    outcome = child("template", folder)
    assert outcome.get("logo") == str((folder / "real.png").resolve())


def test_a_reference_document_linked_from_outside_is_refused(tmp_path, child):
    outside = tmp_path / "private" / "reference.docx"
    outside.parent.mkdir()
    outside.write_bytes(b"PK private")
    folder = template_inputs.template(tmp_path, "linked-reference", {"docx.reference": "reference.docx"})
    (folder / "reference.docx").symlink_to(outside)
    outcome = child("template", folder)
    assert "docx.reference" in outcome["error"] and "leads outside" in outcome["error"]


def test_a_project_template_that_is_a_folder_path_is_not_followed(tmp_path, cli):
    attacker = template_inputs.template(tmp_path, "attacker", {"name": "Attacker"})
    project = project_inputs.template_path(tmp_path, attacker)
    out = tmp_path / "note.pdf"
    run = cli("export", project, "-o", out)
    assert run.returncode == 1 and not out.exists()
    assert run.stderr.startswith(f"briefing: {project}: invalid template name")
    assert len(run.stderr.splitlines()) == 1


def test_templates_new_copies_files_never_link_targets(tmp_path, data_dir, cli):
    linked = template_inputs.logo_outside(tmp_path, "symlink")
    run = cli("templates", "new", "mine", "--from", linked)
    assert run.returncode == 1 and "leads outside" in run.stderr
    assert not (data_dir / "templates" / "mine").exists()
    # a template with an extra link it does not name: the link is not copied
    base = template_inputs.template(tmp_path, "base", {"logo.file": "logo.png"}, {"logo.png": template_inputs.png()})
    (base / "notes.png").symlink_to(template_inputs.private_image(tmp_path))
    run = cli("templates", "new", "mine", "--from", base)
    assert run.returncode == 0, run.stderr
    copied = data_dir / "templates" / "mine"
    assert sorted(p.name for p in copied.iterdir()) == ["logo.png", "template.toml"]
    assert not any(p.is_symlink() for p in copied.iterdir())


def test_saving_a_user_template_writes_nothing_outside_its_folder(tmp_path, data_dir):
    from briefing.templates import Template, TemplateError, load_template, save_user_template

    good = load_template(template_inputs.template(tmp_path, "good", {"logo.file": "logo.png"},
                                                  {"logo.png": template_inputs.png()}))
    template_inputs.private_image(tmp_path)
    (data_dir / "templates" / "private").mkdir(parents=True)  # another user template's folder
    edited = Template(**{**good.__dict__, "logo": "../private/secret.png"})
    with pytest.raises(TemplateError, match="'..' is not allowed"):
        save_user_template(edited, "copy")
    assert not (data_dir / "templates" / "private" / "secret.png").exists()
    assert not (data_dir / "templates" / "copy" / "template.toml").exists()
