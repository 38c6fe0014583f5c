"""The files a template names (logo, reference document): found inside its folder, checked, copied.

A template may come from anyone, so a file it names is used only when it is a regular
file inside the template's own folder once links are resolved: no absolute path, no
``..``, no link leading out (:func:`contained_file`). A logo must be a PNG or JPEG of
at most ``MAX_LOGO_BYTES`` and ``MAX_LOGO_PIXELS`` that decodes (:func:`logo_problem`);
a reference document at most ``MAX_REFERENCE_BYTES`` on disk (its parts are checked
and cleaned when it is used: :mod:`briefing.export.reference_doc`). A logo is read once
and its bytes checked (:func:`read_logo`); the writers are given those same bytes
(:class:`CheckedLogo`), never the file again, so a file swapped after the check is not
what a note shows. Copies
(:func:`copy_file_into`) read the bytes with :func:`briefing.fileio.read_bounded` and
write them atomically, so a link is never copied as a link and never followed out of
the folder. Problems are :class:`TemplateFileProblem`, whose message completes
"file 'NAME' ...".
"""
from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from briefing.safe_text import control_characters

__all__ = ["TemplateFileProblem", "CheckedLogo", "contained_file", "logo_problem", "read_logo",
           "copy_file_into",
           "MAX_LOGO_BYTES", "MAX_LOGO_PIXELS", "MAX_REFERENCE_BYTES", "MAX_TEMPLATE_TOML_BYTES"]

MAX_TEMPLATE_TOML_BYTES = 256 * 1024
MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_LOGO_PIXELS = 16_000_000  # 4,000 x 4,000: decoded, about 64 MB
MAX_REFERENCE_BYTES = 20 * 1024 * 1024
LOGO_FORMATS = ("PNG", "JPEG")


class TemplateFileProblem(Exception):
    """Why a file a template names cannot be used (completes "file 'NAME' ...")."""


def _plain_relative(name: str) -> PurePosixPath:
    """``name`` as a relative path with no ``..``; TemplateFileProblem otherwise."""
    if control_characters(name):
        raise TemplateFileProblem("has control characters in its name")
    windows = PureWindowsPath(name)
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or windows.drive or windows.root:
        raise TemplateFileProblem("must be inside the template folder, not an absolute path")
    if ".." in posix.parts:
        raise TemplateFileProblem("must be inside the template folder ('..' is not allowed)")
    if not posix.parts:
        raise TemplateFileProblem("is not a file name")
    return posix


def contained_file(folder: Path, name: str) -> Path:
    """The regular file ``name`` names inside ``folder``, links resolved; raises
    :class:`TemplateFileProblem` for anything outside the folder or not a regular file."""
    relative = _plain_relative(name)
    try:
        base = Path(os.path.realpath(folder))
        real = Path(os.path.realpath(folder / relative))
    except (OSError, ValueError) as exc:
        raise TemplateFileProblem(f"cannot be resolved ({exc})") from None
    if real != base and base not in real.parents:
        raise TemplateFileProblem("leads outside the template folder (a link)")
    try:
        info = real.stat()
    except FileNotFoundError:
        raise TemplateFileProblem(f"not found in {folder}") from None
    except OSError as exc:
        raise TemplateFileProblem(f"cannot be read ({exc.strerror or exc})") from None
    import stat

    if not stat.S_ISREG(info.st_mode):
        raise TemplateFileProblem("is not a regular file")
    return real


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be a logo (format, pixel count, damage), or None. Pixels are
    counted from the header before anything is decoded. The answer for the same bytes is
    remembered (a template is checked at every export and preview)."""
    import hashlib

    digest = hashlib.sha256(data).digest()
    if digest not in _LOGO_ANSWERS:
        if len(_LOGO_ANSWERS) >= 32:
            _LOGO_ANSWERS.pop(next(iter(_LOGO_ANSWERS)))
        _LOGO_ANSWERS[digest] = _decoded_logo_problem(data)
    return _LOGO_ANSWERS[digest]


_LOGO_ANSWERS: dict[bytes, str | None] = {}  # sha256 of a logo's bytes -> logo_problem's answer


def _decoded_logo_problem(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_LOGO_BYTES:
        return f"is too large ({len(data) / 1e6:.1f} MB; the limit is {MAX_LOGO_BYTES // 2**20} MB)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # pixels counted below
            image = Image.open(io.BytesIO(data))
        with image:
            if image.format not in LOGO_FORMATS:
                return f"is not a PNG or JPEG image ({image.format})"
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                return (f"is too large ({width:,} x {height:,} pixels; the limit is "
                        f"{MAX_LOGO_PIXELS / 1e6:g} megapixels)")
            image.load()
    except UnidentifiedImageError:
        return "is not a PNG or JPEG image"
    except Image.DecompressionBombError:
        return f"is too large (the limit is {MAX_LOGO_PIXELS / 1e6:g} megapixels)"
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        return f"is a damaged image ({type(exc).__name__})"
    return None


@dataclass(frozen=True)
class CheckedLogo:
    """A logo's bytes as read once from ``folder``/``name`` and found good by
    :func:`logo_problem`: what the writers draw."""

    folder: Path
    name: str
    data: bytes


def read_logo(folder: Path, name: str) -> CheckedLogo:
    """Read the logo ``name`` of the template in ``folder`` once and check those bytes.
    Raises :class:`TemplateFileProblem` (outside the folder, not an image, too large) or
    :class:`briefing.fileio.ReadError` (cannot be read)."""
    from briefing.fileio import read_bounded

    data = read_bounded(contained_file(folder, name), MAX_LOGO_BYTES, what="logo")
    problem = logo_problem(data)
    if problem:
        raise TemplateFileProblem(problem)
    return CheckedLogo(folder, name, data)


def copy_file_into(source: Path, folder: Path, name: str, limit: int) -> Path:
    """Copy the bytes of regular file ``source`` (at most ``limit``) to ``folder/name``
    (a plain relative name) atomically; ReadError/WriteError (OSError) on failure."""
    from briefing.fileio import atomic_write_bytes, read_bounded

    target = folder / _plain_relative(name)
    data = read_bounded(source, limit)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, data)
    return target


def install_logo(source: Path, folder: Path) -> str:
    """Copy a logo the analyst chose (anywhere) into template ``folder`` after checking
    it (:func:`logo_problem`); returns its file name there. Raises TemplateFileProblem
    naming ``source``, or OSError when the folder cannot be written."""
    from briefing.fileio import ReadError, atomic_write_bytes, read_bounded
    from briefing.safe_text import display_name

    try:
        data = read_bounded(source, MAX_LOGO_BYTES, what="logo")
    except ReadError as exc:
        raise TemplateFileProblem(str(exc)) from None
    problem = logo_problem(data)
    if problem:
        raise TemplateFileProblem(f"{display_name(source)}: {problem}")
    name = display_name(source.name)
    if control_characters(name) or name.startswith(".") or "\ufffd" in name:
        name = "logo" + source.suffix.lower()
    atomic_write_bytes(folder / name, data)
    return name
