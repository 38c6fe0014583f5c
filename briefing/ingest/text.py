"""Plain-text files: bytes -> str.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are. Bytes that are
not UTF-8 are read as Windows-1252 (cp1252), with a warning: a whole cp1252 file, or a
UTF-8 file with a few stray cp1252 bytes (text pasted from an old Word document), whose
valid UTF-8 stays as it is. The five bytes cp1252 leaves undefined become U+FFFD; a file
with many of them, or with control characters or NUL bytes, is refused as not text.
"""
from __future__ import annotations

import codecs
import threading
from pathlib import Path

from briefing.ingest.errors import IngestError
from briefing.safe_text import display_name

MAX_UNDECODABLE = 10  # bytes undefined in cp1252 (U+FFFD) accepted in one file
_ERRORS = "briefing-utf8-cp1252"
_NON_ASCII = bytes(range(0x80, 0x100))
_count = threading.local()


def _cp1252_for_bad_utf8(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes UTF-8 cannot decode, read as cp1252 (U+FFFD if undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start:exc.end]
    _count.bad = getattr(_count, "bad", 0) + len(chunk)
    return chunk.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_ERRORS, _cp1252_for_bad_utf8)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text of ``data`` and any warnings; binary data raises :class:`IngestError`."""
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name}: binary data (NUL bytes), not a text article")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), []
            except UnicodeDecodeError as exc:
                raise IngestError(f"{name}: not valid {codec.upper()} text ({exc.reason})") from None
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text, bad = _utf8_with_cp1252(data)
    undecodable = text.count("\ufffd") - data.count("\ufffd".encode())
    if undecodable > MAX_UNDECODABLE:
        raise IngestError(f"{name}: undecodable bytes, neither UTF-8 nor cp1252 text "
                          f"({undecodable:,} bytes undefined in both)")
    if _looks_binary(text):
        raise IngestError(f"{name}: binary data, not a text article")
    non_ascii = len(data) - len(data.translate(None, _NON_ASCII))
    if bad >= non_ascii:
        warning = f"{name}: not UTF-8; read as Windows-1252 (cp1252)"
    else:
        warning = (f"{name}: mostly UTF-8; {bad:,} byte{'s' if bad != 1 else ''} that are not UTF-8 "
                   "read as Windows-1252 (cp1252)")
    if undecodable:
        warning += f"; {undecodable} undecodable byte{'s' if undecodable != 1 else ''} shown as \ufffd"
    return text, [warning]


def _utf8_with_cp1252(data: bytes) -> tuple[str, int]:
    """``data`` decoded as UTF-8 with the bytes that are not UTF-8 read as cp1252, and
    how many such bytes there were."""
    _count.bad = 0
    try:
        return data.decode("utf-8", errors=_ERRORS), _count.bad
    finally:
        _count.bad = 0


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls > max(8, len(sample) // 100)


def read_text_file(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Text of a ``.txt`` file whose bytes are ``data``; errors and warnings name ``path`` as given."""
    return decode(data, display_name(path))
