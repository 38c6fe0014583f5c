"""The analyst's product: the briefing note, its drafting, edits and project files.

Public API (no Qt): the model records (``model``), :func:`draft_note` and the summary
(``draft``, ``commitments``, ``wording``), the edit functions that are the only way to
change a note (``edits``), :func:`parse_rich_text` for its free text (``richtext``), and
:func:`save_project` / :func:`load_project` for ``.briefing`` files (``project``, using
the typed JSON conversion of ``serial``).
"""
from __future__ import annotations

from briefing.note.draft import draft_note, draft_summary, redraft_summary
from briefing.note.edits import (
                                 Edit,
                                 EditError,
                                 add_item,
                                 apply_edit,
                                 compound,
                                 get_field,
                                 move_item,
                                 remove_item,
                                 set_field,
                                 set_included,
                                 update_item,
)
from briefing.note.model import (
                                 AGREEMENT_STATUSES,
                                 EXTRA_SECTION_KEYS,
                                 ITEM_TYPES,
                                 SECTIONS,
                                 AgreementItem,
                                 EventItem,
                                 Note,
                                 NoteHeader,
                                 NoteItem,
                                 ParticipantItem,
                                 QuoteItem,
                                 SourceInfo,
                                 ThemeItem,
                                 new_item_id,
)
from briefing.note.project import (
                                 PROJECT_SUFFIX,
                                 SCHEMA_VERSION,
                                 Project,
                                 ProjectError,
                                 load_project,
                                 new_project,
                                 save_project,
)
from briefing.note.richtext import (
                                 Block,
                                 Run,
                                 escape_rich_text,
                                 parse_rich_text,
                                 plain_text,
)
from briefing.note.wording import country_label, format_date

__all__ = [
    "SECTIONS", "EXTRA_SECTION_KEYS", "AGREEMENT_STATUSES", "ITEM_TYPES",
    "Note", "NoteHeader", "NoteItem", "ParticipantItem", "AgreementItem", "ThemeItem",
    "QuoteItem", "EventItem", "SourceInfo", "new_item_id",
    "Edit", "EditError", "add_item", "remove_item", "move_item", "update_item", "set_included",
    "set_field", "get_field", "apply_edit", "compound",
    "Block", "Run", "parse_rich_text", "plain_text", "escape_rich_text",
    "draft_note", "draft_summary", "redraft_summary", "country_label", "format_date",
    "Project", "ProjectError", "PROJECT_SUFFIX", "SCHEMA_VERSION", "save_project", "load_project",
    "new_project",
]
