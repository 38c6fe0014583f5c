"""resources/ is found from a checkout (editable install) and from an installed wheel."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefing.resources_path import resource, resources_dir

REPO = Path(__file__).resolve().parent.parent
NEEDED = ["taxonomy/themes.toml", "gazetteer/countries.tsv", "gazetteer/titles.toml",
          "gazetteer/agreements.toml"]


def test_checkout_resources_are_the_repository_folder() -> None:
    assert resources_dir() == REPO / "resources"
    for rel in NEEDED:
        assert resource(*rel.split("/")).is_file(), rel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Build from a clean copy: a stale build/ folder in the checkout would hide a missing package.
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("briefing", "resources"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "-q", "-w", str(out), str(src)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    (path,) = out.glob("briefing_composer-*.whl")
    return path


def test_wheel_ships_the_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in NEEDED:
        assert f"briefing/resources/{rel}" in names, rel
    assert any(n.startswith("briefing/resources/templates/") for n in names)
    assert any(n.startswith("briefing/resources/fonts/") for n in names)


def test_installed_wheel_finds_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("from briefing.resources_path import resources_dir, resource; "
            "print(resources_dir()); print(resource('taxonomy', 'themes.toml').is_file())")
    done = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    where, found = done.stdout.split()
    assert Path(where).is_relative_to(site) and found == "True"


def test_wheel_ships_every_code_package(wheel: Path) -> None:
    """Every folder of Python code under briefing/ is listed in pyproject.toml's packages."""
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = sorted(p.parent for p in (REPO / "briefing").rglob("__init__.py")
                      if "__pycache__" not in p.parts)
    for folder in packages:
        rel = folder.relative_to(REPO).as_posix()
        assert f"{rel}/__init__.py" in names, f"{rel} is missing from [tool.setuptools] packages"
