"""The notes library as a SQLite database in the per-user data folder.

``<user data dir>/library/notes.sqlite3`` (``$BRIEFING_DATA_DIR`` moves it) holds one row
per note with its stable id, header fields, sort date, marking scheme and classification
rank; tables of countries,
participants (name, folded name, role, country), agreements (status, date, parties),
themes and sources; an FTS5 table of the note's text; and the whole record as JSON for
``show``. It runs in WAL mode with a busy timeout, and every write is one ``BEGIN
IMMEDIATE`` transaction, so several processes (two composer windows, a composer and a CLI
batch) can write at once and none loses a note.

A note is known by its file's path and by the stable id it carries: a note saved again
under a new path whose old file is gone (moved or renamed) replaces its old row; a copy
whose original is still there is a note of its own.

The ``.briefing`` files are the truth and the database only an index of them. Beside it,
``known-files.txt`` lists the files added (one ``+path`` or ``-path`` line per change,
appended), so that a missing, corrupt or out-of-date database is rebuilt from the files
with a one-line warning instead of failing: an unusable database is moved aside to
``notes.sqlite3.unusable`` and a new one is built.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefing.fileio import read_text_bounded
from briefing.safe_text import display_name, on_disk
from briefing.library.record import NoteRecord, name_key
from briefing.library.store import (Facets, LibraryError, RelatedNote, RelatedQuery, SearchHit,
                                    SearchQuery, SearchResult)

SCHEMA_VERSION = 2
DB_NAME = "notes.sqlite3"
JOURNAL_NAME = "known-files.txt"
MAX_JOURNAL_BYTES = 64 * 1024 * 1024
"""The largest journal of known note files read (a path a line: some 500,000 notes)."""
BUSY_TIMEOUT_SECONDS = 30.0
WRITE_BATCH = 500  # records per transaction when re-indexing

Recover = Callable[[list[str]], Iterable[NoteRecord]]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    note_key TEXT NOT NULL,
    title TEXT NOT NULL, note_date TEXT NOT NULL, sort_date TEXT NOT NULL, meeting_date TEXT NOT NULL,
    reference TEXT NOT NULL, classification TEXT NOT NULL, classification_rank INTEGER,
    scheme TEXT NOT NULL, indexed_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS notes_key ON notes(note_key);
CREATE TABLE IF NOT EXISTS records (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS notes_sort_date ON notes(sort_date, id);
CREATE INDEX IF NOT EXISTS notes_meeting_date ON notes(meeting_date);
CREATE INDEX IF NOT EXISTS notes_rank ON notes(scheme, classification_rank);
CREATE INDEX IF NOT EXISTS notes_reference ON notes(reference);
CREATE TABLE IF NOT EXISTS note_countries (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE, code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS note_countries_code ON note_countries(code, note_id);
CREATE INDEX IF NOT EXISTS note_countries_note ON note_countries(note_id);
CREATE TABLE IF NOT EXISTS participants (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    name TEXT NOT NULL, name_key TEXT NOT NULL, role TEXT NOT NULL, country TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS participants_key ON participants(name_key, note_id);
CREATE INDEX IF NOT EXISTS participants_note ON participants(note_id);
CREATE TABLE IF NOT EXISTS agreements (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    text TEXT NOT NULL, status TEXT NOT NULL, instrument TEXT NOT NULL,
    parties TEXT NOT NULL, date TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS agreements_note ON agreements(note_id);
CREATE INDEX IF NOT EXISTS agreements_status_date ON agreements(status, date);
CREATE TABLE IF NOT EXISTS themes (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS themes_id ON themes(theme_id, note_id);
CREATE INDEX IF NOT EXISTS themes_note ON themes(note_id);
CREATE INDEX IF NOT EXISTS themes_label ON themes(label COLLATE NOCASE, note_id);
CREATE TABLE IF NOT EXISTS sources (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL, date TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sources_note ON sources(note_id);
CREATE INDEX IF NOT EXISTS sources_date ON sources(date);
CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2');
"""
CHILD_TABLES = ("records", "note_countries", "participants", "agreements", "themes", "sources")


def default_library_dir() -> Path:
    """``<user data dir>/library`` (the folder user templates also live under)."""
    from briefing.templates import user_data_dir

    return user_data_dir() / "library"


class UnusableDatabase(Exception):
    """The database file is corrupt, not a database, or of another schema."""


def _stored(path: str | os.PathLike[str]) -> str:
    """A note's path as the index keeps it: absolute, a name that is not UTF-8 shown with
    U+FFFD (:func:`briefing.safe_text.display_name`; :func:`~briefing.safe_text.on_disk`
    finds the file again)."""
    return display_name(Path(path).resolve())


def _is_unusable(exc: sqlite3.Error) -> bool:
    """Whether an SQLite error means a broken file (not a busy or locked one)."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return False
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(
        exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError))


class SqliteLibrary:
    """:class:`~briefing.library.store.LibraryStore` on one SQLite file."""

    def __init__(self, folder: str | os.PathLike[str] | None = None, *,
                 warn: Callable[[str], None] | None = None,
                 recover: Recover | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_library_dir()
        self.db_path = self.folder / DB_NAME
        self.journal_path = self.folder / JOURNAL_NAME
        self._warn = warn or (lambda message: None)
        self._recover = recover
        self._conn: sqlite3.Connection | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"{self.folder}: cannot create the library folder: {exc.strerror or exc}") from None
        existed = self.db_path.is_file() and self.db_path.stat().st_size > 0
        try:
            self._conn = self._connect()
        except UnusableDatabase as exc:
            self._set_aside(str(exc))
            self._conn = self._connect()
            self._rebuild_from_journal()
            return
        if not existed and self.known_paths():
            self._warn(f"the library index {self.db_path} was missing; rebuilding it from "
                       f"{len(self.known_paths())} known note files")
            self._rebuild_from_journal()

    # ------------------------------------------------------------ connection

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.db_path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise LibraryError(f"{self.db_path}: cannot open the library index: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            version = self._schema_version(conn)
            if version is None:
                with _transaction(conn):
                    for statement in _statements(SCHEMA):
                        conn.execute(statement)
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                 (str(SCHEMA_VERSION),))
            elif version != SCHEMA_VERSION:
                conn.close()
                raise UnusableDatabase(f"it was written by another version (library schema {version})")
            conn.execute("SELECT count(*) FROM notes").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            if _is_unusable(exc):
                raise UnusableDatabase(str(exc)) from None
            raise LibraryError(f"{self.db_path}: {exc}") from None
        return conn

    @staticmethod
    def _schema_version(conn: sqlite3.Connection) -> int | None:
        has_meta = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise UnusableDatabase("it holds tables of something else")
            return None
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        try:
            return int(row[0]) if row else -1
        except ValueError:
            return -1

    def _set_aside(self, reason: str) -> None:
        """Move an unusable database (and its WAL files) aside, warn, and start anew."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        aside = self.db_path.with_name(DB_NAME + ".unusable")
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(self.db_path) + suffix)
            if source.exists():
                try:
                    os.replace(source, Path(str(aside) + suffix))
                except OSError:
                    source.unlink(missing_ok=True)
        known = len(self.known_paths())
        self._warn(f"the library index {self.db_path} was unusable ({reason}); moved it to "
                   f"{aside.name} and rebuilt it from {known} known note files")

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError("the library is closed")
        return self._conn

    def _guarded(self, action: Callable[[], Any]) -> Any:
        """Run ``action``; if the file turns out to be broken, rebuild it once and retry."""
        try:
            return action()
        except sqlite3.Error as exc:
            if not _is_unusable(exc):
                raise LibraryError(f"{self.db_path}: {exc}") from None
            self._set_aside(str(exc))
            self._conn = self._connect()
            self._rebuild_from_journal()
            self._recovered_at = time.time()  # a rebuild under way counts from here
            try:
                return action()
            except sqlite3.Error as again:
                raise LibraryError(f"{self.db_path}: {again}") from None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SqliteLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ known files

    def known_paths(self) -> list[str]:
        """The note files the library has been told of (the journal replayed)."""
        try:
            lines = read_text_bounded(self.journal_path, MAX_JOURNAL_BYTES, what="library journal",
                                      errors="replace").splitlines()
        except OSError:  # missing, too large or not a regular file: nothing known
            return []
        known: dict[str, None] = {}
        for line in lines:
            if line.startswith("+"):
                known[line[1:]] = None
            elif line.startswith("-"):
                known.pop(line[1:], None)
        return list(known)

    def _journal(self, lines: Iterable[str]) -> None:
        payload = "".join(f"{line}\n" for line in lines if "\n" not in line)
        if not payload:
            return
        try:
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, payload.encode("utf-8"))
            finally:
                os.close(fd)
        except OSError as exc:
            self._warn(f"{self.journal_path}: cannot record the note file: {exc.strerror or exc}")

    def _compact_journal(self) -> None:
        from briefing.fileio import atomic_write_bytes

        paths = [row[0] for row in self.conn.execute("SELECT path FROM notes ORDER BY path")]
        try:
            atomic_write_bytes(self.journal_path, "".join(f"+{p}\n" for p in paths).encode("utf-8"))
        except OSError as exc:
            self._warn(f"{self.journal_path}: cannot rewrite the list of note files: {exc}")

    def _rebuild_from_journal(self) -> None:
        paths = self.known_paths()
        if not paths:
            return
        if self._recover is None:
            from briefing.library.files import records_from_files

            records: Iterable[NoteRecord] = records_from_files([p for p in paths if Path(p).is_file()])
        else:
            records = self._recover(paths)
        self.rebuild(records)

    # ------------------------------------------------------------ writing

    def add(self, record: NoteRecord) -> int:
        def write() -> int:
            with _transaction(self.conn):
                return self._write(record, time.time())
        note_id = self._guarded(write)
        self._journal([f"+{record.path}"])
        return note_id

    def add_many(self, records: Iterable[NoteRecord]) -> int:
        """Add records in transactions of a few hundred; return how many."""
        count = 0
        for chunk in _chunks(records, WRITE_BATCH):
            def write(chunk: list[NoteRecord] = chunk) -> None:
                with _transaction(self.conn):
                    now = time.time()
                    for record in chunk:
                        self._write(record, now)
            self._guarded(write)
            self._journal(f"+{r.path}" for r in chunk)
            count += len(chunk)
        return count

    def _write(self, record: NoteRecord, now: float) -> int:
        c = self.conn
        values = (record.note_id, record.title, record.note_date, record.sort_date,
                  record.meeting_date or record.sort_date, record.reference,
                  record.classification, record.classification_rank, record.scheme, now)
        row = c.execute("SELECT id FROM notes WHERE path = ?", (record.path,)).fetchone()
        if not row and record.note_id:
            row = self._moved_from(record)
        if row:
            note_id = int(row[0])
            for table in CHILD_TABLES:
                c.execute(f"DELETE FROM {table} WHERE note_id = ?", (note_id,))
            c.execute("DELETE FROM notes_fts WHERE rowid = ?", (note_id,))
            c.execute("UPDATE notes SET note_key=?, title=?, note_date=?, sort_date=?, meeting_date=?, reference=?,"
                      " classification=?, classification_rank=?, scheme=?, indexed_at=?, path=? WHERE id=?",
                      (*values, record.path, note_id))
        else:
            cur = c.execute("INSERT INTO notes (note_key, title, note_date, sort_date, meeting_date, reference,"
                            " classification, classification_rank, scheme, indexed_at, path)"
                            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            (*values, record.path))
            note_id = int(cur.lastrowid)
        c.execute("INSERT INTO records VALUES (?, ?)", (note_id, json.dumps(record.to_json(), ensure_ascii=False)))
        c.executemany("INSERT INTO note_countries VALUES (?, ?)", [(note_id, x) for x in record.countries])
        c.executemany("INSERT INTO participants VALUES (?, ?, ?, ?, ?)",
                      [(note_id, p.name, _padded(name_key(p.name)), p.role, p.country)
                       for p in record.participants])
        c.executemany("INSERT INTO agreements VALUES (?, ?, ?, ?, ?, ?)",
                      [(note_id, a.text, a.status, a.instrument, ",".join(a.parties), a.date)
                       for a in record.agreements])
        c.executemany("INSERT INTO themes VALUES (?, ?, ?)",
                      [(note_id, t.theme_id, t.label) for t in record.themes])
        c.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                      [(note_id, s.outlet, s.title, s.url, s.date) for s in record.sources])
        c.execute("INSERT INTO notes_fts (rowid, title, body) VALUES (?, ?, ?)",
                  (note_id, record.title, record.text))
        return note_id

    def _moved_from(self, record: NoteRecord) -> tuple | None:
        """The row of the same note under a path whose file is gone (the note was moved)."""
        for row in self.conn.execute("SELECT id, path FROM notes WHERE note_key = ?", (record.note_id,)).fetchall():
            if not Path(on_disk(row[1])).exists():
                self._journal([f"-{row[1]}"])
                return row
        return None

    def remove(self, path: str) -> bool:
        path = display_name(path)  # as stored

        def delete() -> bool:
            with _transaction(self.conn):
                row = self.conn.execute("SELECT id FROM notes WHERE path = ?", (path,)).fetchone()
                if not row:
                    return False
                self.conn.execute("DELETE FROM notes_fts WHERE rowid = ?", (row[0],))
                self.conn.execute("DELETE FROM notes WHERE id = ?", (row[0],))
                return True
        removed = self._guarded(delete)
        self._journal([f"-{path}"])
        return removed

    def rebuild(self, records: Iterable[NoteRecord]) -> int:
        """Index ``records``, then drop every note indexed before this began and not among
        them; notes other processes add meanwhile are kept. Readers see old or new rows
        throughout, never an empty index."""
        started = time.time() - 1e-6
        count = self.add_many(records)
        cutoff = max(started, getattr(self, "_recovered_at", 0.0))  # the index was rebuilt meanwhile

        def drop_stale() -> None:
            with _transaction(self.conn):
                stale = [r[0] for r in self.conn.execute(
                    "SELECT id FROM notes WHERE indexed_at < ?", (cutoff,))]
                for note_id in stale:
                    self.conn.execute("DELETE FROM notes_fts WHERE rowid = ?", (note_id,))
                self.conn.executemany("DELETE FROM notes WHERE id = ?", [(i,) for i in stale])
        self._guarded(drop_stale)
        self._compact_journal()
        return count

    # ------------------------------------------------------------ reading

    def count(self) -> int:
        return int(self._guarded(lambda: self.conn.execute("SELECT count(*) FROM notes").fetchone()[0]))

    def get(self, key: int | str) -> NoteRecord | None:
        def read() -> NoteRecord | None:
            if isinstance(key, int):
                row = self.conn.execute("SELECT record FROM records WHERE note_id = ?", (key,)).fetchone()
            elif re.fullmatch(r"[0-9a-f]{32}", key):  # a note's stable id
                row = self.conn.execute("SELECT r.record FROM notes n JOIN records r ON r.note_id = n.id"
                                        " WHERE n.note_key = ? ORDER BY n.indexed_at DESC", (key,)).fetchone()
            else:
                path = _stored(key)
                row = self.conn.execute("SELECT r.record FROM notes n JOIN records r ON r.note_id = n.id"
                                        " WHERE n.path = ?", (path,)).fetchone()
            return NoteRecord.from_json(json.loads(row[0])) if row else None
        return self._guarded(read)

    def id_of(self, path: str) -> int | None:
        row = self._guarded(lambda: self.conn.execute(
            "SELECT id FROM notes WHERE path = ?", (_stored(path),)).fetchone())
        return int(row[0]) if row else None

    def search(self, query: SearchQuery) -> SearchResult:
        return self._guarded(lambda: self._search(query))

    def _search(self, query: SearchQuery) -> SearchResult:
        text = fts_query(query.text)
        where, params = _filters(query, text)
        base = " AND ".join(where) or "1"
        rank_sql, rank_params = _rank_filter(query.max_ranks)
        if rank_sql:  # one pass counts both the matches and those the marking lets through
            total_all, total = self.conn.execute(
                f"SELECT count(*), coalesce(sum({rank_sql}), 0) FROM notes n WHERE {base}",
                rank_params + params).fetchone()
            full, full_params = f"{base} AND {rank_sql}", params + rank_params
        else:
            total_all = total = self.conn.execute(f"SELECT count(*) FROM notes n WHERE {base}", params).fetchone()[0]
            full, full_params = base, params
        rows = self.conn.execute(
            f"SELECT n.id, n.path, n.title, n.sort_date, n.reference, n.classification,"
            f" n.classification_rank, n.note_key,"
            f" (SELECT group_concat(code, ',') FROM note_countries c WHERE c.note_id = n.id)"
            f" FROM notes n WHERE {full} ORDER BY n.sort_date DESC, n.id DESC LIMIT ? OFFSET ?",
            full_params + [max(0, query.limit), max(0, query.offset)]).fetchall()
        snippets: dict[int, str] = {}
        if text and rows:  # snippets only for the notes shown, not for every match
            ids = [r[0] for r in rows]
            snippets = dict(self.conn.execute(
                "SELECT rowid, snippet(notes_fts, 1, '[', ']', '…', 12) FROM notes_fts"
                f" WHERE notes_fts MATCH ? AND rowid IN ({','.join('?' * len(ids))})", [text, *ids]))
        hits = [SearchHit(id=r[0], path=r[1], title=r[2], sort_date=r[3], reference=r[4],
                          classification=r[5], classification_rank=r[6], note_id=r[7],
                          snippet=snippets.get(r[0], ""), countries=sorted(r[8].split(",")) if r[8] else [])
                for r in rows]
        return SearchResult(hits=hits, total=int(total), hidden=int(total_all - total))

    def facets(self) -> Facets:
        def read() -> Facets:
            c = self.conn
            countries = c.execute("SELECT code, count(DISTINCT note_id) AS k FROM note_countries"
                                  " GROUP BY code ORDER BY k DESC, code").fetchall()
            themes = c.execute("SELECT theme_id, max(label), count(DISTINCT note_id) AS k FROM themes"
                               " GROUP BY theme_id ORDER BY k DESC, theme_id").fetchall()
            schemes = [r[0] for r in c.execute("SELECT DISTINCT scheme FROM notes WHERE scheme != ''"
                                               " ORDER BY scheme")]
            return Facets([(r[0], r[1]) for r in countries], [(r[0], r[1], r[2]) for r in themes], schemes)
        return self._guarded(read)

    def related(self, query: RelatedQuery) -> list[RelatedNote]:
        return self._guarded(lambda: self._related(query))

    def _related(self, query: RelatedQuery) -> list[RelatedNote]:
        codes = sorted({c.upper() for c in query.countries if c})
        keys = sorted({_padded(name_key(p)) for p in query.participants if name_key(p)})
        if not codes and not keys:
            return []
        need = min(2, len(codes)) if codes else 1
        cc = (f"SELECT note_id, group_concat(code, ',') AS codes, count(DISTINCT code) AS k FROM note_countries"
              f" WHERE code IN ({','.join('?' * len(codes))}) GROUP BY note_id") if codes else \
             "SELECT NULL AS note_id, NULL AS codes, 0 AS k WHERE 0"
        pp = (f"SELECT note_id, group_concat(name, '|') AS names, count(DISTINCT name_key) AS k FROM participants"
              f" WHERE name_key IN ({','.join('?' * len(keys))}) GROUP BY note_id") if keys else \
             "SELECT NULL AS note_id, NULL AS names, 0 AS k WHERE 0"
        where = ["(coalesce(pp.k, 0) > 0 OR coalesce(cc.k, 0) >= ?)"]
        params: list[Any] = [*codes, *keys, need]
        if query.before:
            where.append("n.meeting_date != '' AND n.meeting_date < ?")
            params.append(query.before)
        if query.exclude_path:
            where.append("n.path != ?")
            params.append(_stored(query.exclude_path))
        if query.exclude_note:
            where.append("n.note_key != ?")
            params.append(query.exclude_note)
        rank_sql, rank_params = _rank_filter(query.max_ranks)
        if rank_sql:
            where.append(rank_sql)
            params += rank_params
        rows = self.conn.execute(
            f"WITH cc AS ({cc}), pp AS ({pp})"
            f" SELECT n.id, cc.codes, pp.names FROM notes n"
            f" LEFT JOIN cc ON cc.note_id = n.id LEFT JOIN pp ON pp.note_id = n.id"
            f" WHERE (cc.note_id IS NOT NULL OR pp.note_id IS NOT NULL) AND {' AND '.join(where)}"
            f" ORDER BY coalesce(pp.k, 0) DESC, coalesce(cc.k, 0) DESC, n.meeting_date DESC, n.id DESC"
            f" LIMIT ?", params + [max(0, query.limit)]).fetchall()
        ids = [r[0] for r in rows]
        records = dict(self.conn.execute(
            f"SELECT note_id, record FROM records WHERE note_id IN ({','.join('?' * len(ids))})", ids)) if ids else {}
        return [RelatedNote(record=NoteRecord.from_json(json.loads(records[r[0]])), id=r[0],
                            shared_countries=sorted(set((r[1] or "").split(","))) if r[1] else [],
                            shared_participants=sorted(set((r[2] or "").split("|"))) if r[2] else [])
                for r in rows if r[0] in records]


# ---------------------------------------------------------------- helpers

@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _chunks(items: Iterable[NoteRecord], size: int) -> Iterator[list[NoteRecord]]:
    chunk: list[NoteRecord] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _padded(key: str) -> str:
    return f" {key} " if key else ""


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word a quoted term (so punctuation and
    operators are plain text), all required; a trailing ``*`` keeps prefix search."""
    terms = []
    for word in (text or "").split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word.strip():
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _filters(query: SearchQuery, text: str) -> tuple[list[str], list[Any]]:
    """Conditions on ``notes n``. Each is ``n.id IN (a subquery)``, which SQLite computes
    once per search rather than once per note."""
    where: list[str] = []
    params: list[Any] = []
    if text:
        where.append("n.id IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)")
        params.append(text)
    for code in query.countries:
        where.append("n.id IN (SELECT note_id FROM note_countries WHERE code = ?)")
        params.append(code.upper())
    for person in query.people:
        key = name_key(person)
        if key:
            where.append("n.id IN (SELECT note_id FROM participants WHERE name_key LIKE ? ESCAPE '\\')")
            params.append("% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %")
    for theme in query.themes:
        where.append("n.id IN (SELECT note_id FROM themes WHERE theme_id = ? OR label = ? COLLATE NOCASE)")
        params += [theme, theme]
    if query.date_from:
        where.append("n.sort_date >= ?")
        params.append(query.date_from)
    if query.date_to:
        where.append("n.sort_date != '' AND n.sort_date <= ?")
        params.append(query.date_to + "~")  # "2021-09" takes in every day of September
    return where, params


def _rank_filter(max_ranks: dict[str, int] | None) -> tuple[str, list[Any]]:
    """Notes of each scheme up to that scheme's highest allowed rank; notes of other schemes
    and notes of unknown rank never pass (``max_ranks`` None: no filter)."""
    if max_ranks is None:
        return "", []
    if not max_ranks:
        return "0", []
    parts = " OR ".join("(n.scheme = ? AND n.classification_rank <= ?)" for _ in max_ranks)
    params: list[Any] = [x for scheme, rank in sorted(max_ranks.items()) for x in (scheme, rank)]
    return f"(n.classification_rank IS NOT NULL AND ({parts}))", params
