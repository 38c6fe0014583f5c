"""Atomic file writes: a temporary file in the target's folder, fsync, then rename.

The one writer every file the program saves goes through (exports, projects, templates,
extraction JSON). A reader never sees a half-written file and the previous file stays
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
import os
import re
import socket
import tempfile
import time
import zlib
from functools import cache
from pathlib import Path

__all__ = ["WriteError", "atomic_write_bytes", "atomic_write_text", "remove_stale_temp_files",
           "STALE_AFTER_SECONDS"]

STALE_AFTER_SECONDS = 600.0
_TAGGED = re.compile(r"(\d+)-([0-9a-f]{6})\.[a-z0-9_]{6,}")  # <pid>-<host>.<random>
_UNTAGGED = re.compile(r"[a-z0-9_]{6,}")  # <random> (temp files of earlier versions)


class WriteError(OSError):
    """A file could not be written; the message is one line naming the file."""


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
