"""A hand-edited project file is either read or refused with ProjectError, never a crash.

Starting from a real saved project (the seed article, its extraction and drafted note),
any one value anywhere in the JSON is replaced by any other JSON value, or a key is
removed; loading then returns a project or raises :class:`ProjectError` with one line
naming the file, and the file is not touched.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.note.project import Project, ProjectError, load_project, project_to_json, save_project

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True)
    | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)


@pytest.fixture(scope="module")
def document(seed_article, seed_extraction) -> dict[str, Any]:
    from briefing.note.draft import draft_note

    return project_to_json(Project(draft_note(seed_article, seed_extraction), seed_article,
                                   seed_extraction))


def paths_in(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path in a JSON value (dict keys and list indices)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_in(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            found += paths_in(child, (*prefix, index))
    return found


def edited(document: dict[str, Any], path: tuple, new: Any, remove: bool) -> dict[str, Any]:
    copy = json.loads(json.dumps(document))
    if not path:
        return new
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    if remove:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return copy


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_hand_edit_loads_or_is_refused_in_one_line(document, data):
    paths = paths_in(document)
    path = data.draw(st.sampled_from(paths), label="path")
    remove = bool(path) and data.draw(st.booleans(), label="remove")
    new = None if remove else data.draw(JSON_VALUES, label="new value")
    payload = json.dumps(edited(document, path, new, remove), ensure_ascii=False).encode()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "edited.briefing"
        target.write_bytes(payload)
        try:
            project = load_project(target)
        except ProjectError as exc:
            message = str(exc)
            assert message.startswith(f"{target}: ") and "\n" not in message
        else:
            assert isinstance(project, Project)
            save_project(target, project)  # what was read can be written again
            assert load_project(target).note == project.note
        if not target.exists():
            pytest.fail("the project file disappeared")
