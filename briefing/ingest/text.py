"""Plain-text files: bytes -> str (UTF-8 with or without BOM, else cp1252 with a warning)."""
from __future__ import annotations

from pathlib import Path

from briefing.ingest.errors import IngestError


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
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError(f"{name}: undecodable bytes, neither UTF-8 nor cp1252 text") from None
    if _looks_binary(text):
        raise IngestError(f"{name}: binary data, not a text article")
    return text, [f"{name}: not UTF-8; read as Windows-1252 (cp1252)"]


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls > max(8, len(sample) // 100)


def read_text_file(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Text of a ``.txt`` file whose bytes are ``data``; errors and warnings name ``path`` as given."""
    return decode(data, str(path))
