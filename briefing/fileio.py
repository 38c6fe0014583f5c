"""File I/O: atomic writes, bounded reads of untrusted files, and no output over an input.

:func:`read_bounded` is the one reader of files that may come from anyone (articles,
projects, templates, logos, reference documents) or that a user may have edited (the
preferences, the reference sequence, resources; :func:`read_text_bounded` decodes): it
opens regular files only (a named pipe, a device such as ``/dev/zero`` or a socket is
refused without waiting on it, also through a link), and counts the bytes while reading,
so a file that grows after its size was checked, or whose size the file system does not
report, is still refused at the limit. Its errors are :class:`ReadError`, one line naming the file.

:func:`refuse_overwrite` stops an output that would replace one of the inputs (the same
path, a link to it, or another hard link of the same file).

:func:`atomic_write_bytes` is the one writer every file the program saves goes through
(exports, projects, templates, extraction JSON). A reader never sees a half-written file and the previous file stays
intact if writing fails at any point (full disk, killed process): the temp file is
removed on error. The new file keeps the mode of the file it replaces (a new file gets
the usual ``0o666`` less the umask).

A process killed while writing cannot remove its temp file ``.NAME.<pid>-<host>.XXXXXXXX.tmp``.
The next successful write of ``NAME`` removes such leftovers in the same folder when the
process that made them no longer runs (same machine) or they are older than
``STALE_AFTER_SECONDS``, so the live temp file of a concurrent writer is never touched.
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import stat
import tempfile
import time
import zlib
from functools import cache
from pathlib import Path

__all__ = ["WriteError", "ReadError", "atomic_write_bytes", "atomic_write_text", "read_bounded",
           "read_text_bounded", "check_bounded", "refuse_overwrite", "same_file", "remove_stale_temp_files",
           "STALE_AFTER_SECONDS"]

STALE_AFTER_SECONDS = 600.0
_TAGGED = re.compile(r"(\d+)-([0-9a-f]{6})\.[a-z0-9_]{6,}")  # <pid>-<host>.<random>
_UNTAGGED = re.compile(r"[a-z0-9_]{6,}")  # <random> (temp files of earlier versions)


class WriteError(OSError):
    """A file could not be written; the message is one line naming the file."""


class ReadError(OSError):
    """A file could not be read (missing, not a regular file, too large...); the message
    is one line naming the file."""


READ_CHUNK = 1024 * 1024
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISSOCK, "a socket"))


def read_bounded(path: str | os.PathLike[str], limit: int, *, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, refused past ``limit`` bytes.

    The size is checked from ``stat`` (to refuse early) and again while reading (what
    counts). ``what`` names the kind of file in messages ("project", "logo").
    Raises :class:`ReadError` with a one-line message naming ``path``."""
    from briefing.safe_text import display_name, on_disk

    name = display_name(path)
    path = on_disk(path)  # a name stored with U+FFFD for bytes that are not UTF-8
    try:
        _check_regular(os.stat(path), name, what)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(_read_problem(exc, name, what)) from None
    try:
        info = os.fstat(fd)
        _check_regular(info, name, what)  # the file opened is the one checked (no swap)
        if info.st_size > limit:
            raise ReadError(_too_large(name, info.st_size, limit))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ReadError(_too_large(name, None, limit))
        return b"".join(chunks)
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(_read_problem(exc, name, what)) from None
    finally:
        os.close(fd)


def check_bounded(path: str | os.PathLike[str], limit: int, *, what: str = "file") -> None:
    """Refuse ``path`` as :func:`read_bounded` would, from its ``stat`` alone: for a file
    another library reads itself (the spell checker's word list). Raises :class:`ReadError`."""
    from briefing.safe_text import display_name

    name = display_name(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReadError(_read_problem(exc, name, what)) from None
    _check_regular(info, name, what)
    if info.st_size > limit:
        raise ReadError(_too_large(name, info.st_size, limit))


def read_text_bounded(path: str | os.PathLike[str], limit: int, *, what: str = "file",
                      encoding: str = "utf-8", errors: str = "strict") -> str:
    """The text of ``path`` read with :func:`read_bounded` (a user's preferences, a
    resource file); raises :class:`ReadError`, or ``UnicodeDecodeError`` when ``errors``
    is ``"strict"`` and the bytes are not ``encoding``."""
    return read_bounded(path, limit, what=what).decode(encoding, errors)


def _check_regular(info: os.stat_result, name: str, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{name}: is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        kind = next((k for test, k in _KINDS if test(info.st_mode)), "a special file")
        raise ReadError(f"{name}: not a regular file ({kind})")


def _too_large(name: str, size: int | None, limit: int) -> str:
    if size is None:  # found while reading: the file grew, or its size was not reported
        return f"{name}: too large (over the {_megabytes(limit)} limit)"
    return f"{name}: too large ({size / 1e6:.1f} MB; the limit is {_megabytes(limit)})"


def _megabytes(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{n / 1024:g} KB"


def _read_problem(exc: OSError, name: str, what: str) -> str:
    problems = {errno.ENOENT: "no such file", errno.EACCES: "permission denied",
                errno.EPERM: "permission denied", errno.EISDIR: f"is a folder, not a {what}",
                errno.ENAMETOOLONG: "file name too long", errno.ELOOP: "too many levels of links",
                errno.ENOTDIR: "no such file (a part of the path is not a folder)"}
    return f"{name}: {problems.get(exc.errno) or f'cannot be read ({exc.strerror or exc})'}"


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` are the same file: the same path once links are resolved,
    or (both existing) the same device and inode, so hard links count too."""
    from briefing.safe_text import on_disk

    a, b = on_disk(a), on_disk(b)  # a name stored with U+FFFD is the file it shows
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def refuse_overwrite(output: str | os.PathLike[str], inputs: list[str | os.PathLike[str]]) -> None:
    """Raise :class:`WriteError` when ``output`` is one of ``inputs`` (see :func:`same_file`)."""
    from briefing.safe_text import display_name

    for source in inputs:
        if source and same_file(output, source):
            raise WriteError(f"{display_name(output)}: refused: it is the input "
                             f"{display_name(source)}; choose another output name or folder")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; :class:`WriteError` (one line) on failure."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise WriteError(f"{target}: cannot write: {folder} {problem}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{_writer_tag()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write to folder {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WriteError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise
    _fsync_folder(folder)
    remove_stale_temp_files(target)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (UTF-8 by default)."""
    atomic_write_bytes(path, text.encode(encoding))


def remove_stale_temp_files(target: str | os.PathLike[str], *,
                            older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove the temp files other writes of ``target`` left behind (killed writers);
    returns what was removed. Best effort: a file that cannot be removed is left."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        middle = name[len(prefix):-len(".tmp")]
        tagged = _TAGGED.fullmatch(middle)
        if tagged is None and _UNTAGGED.fullmatch(middle) is None:
            continue  # not a temp file of this writer (".note.pdf.x.tmp" of target "note")
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > older_than
            gone = tagged is not None and tagged.group(2) == _host_tag() and not _running(int(tagged.group(1)))
            if old or gone:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _writer_tag() -> str:
    """``<pid>-<host>``: who wrote a temp file, so a later write can tell if it still runs."""
    return f"{os.getpid()}-{_host_tag()}"


@cache
def _host_tag() -> str:
    return f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')) & 0xFFFFFF:06x}"


def _running(pid: int) -> bool:
    """Whether process ``pid`` of this machine runs (True where that cannot be told)."""
    if os.name != "posix" or pid <= 0:
        return True  # on Windows os.kill would terminate the process
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def _file_mode(target: Path) -> int:
    """The mode of the file ``target`` replaces, else ``0o666`` less the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask would, for a moment, for all threads)
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
