"""The one error ingestion raises: a file that cannot be read as an article."""
from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be read as an article; the message is one line naming the file."""
