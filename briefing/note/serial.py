"""Typed conversion between dataclasses and JSON-plain data, driven by type hints.

:func:`to_plain` turns a dataclass (Note, Article, ...) into dicts, lists, strings and
numbers; :func:`from_plain` rebuilds it, checking every value against the field's type
hint and raising :class:`SerialError` with the path of the first bad value
(``"note.participants[2].name: expected text, got a number"``). :func:`check_value`
is the same check for one value, used by the edit functions.

Supported hints: str, int, float, bool, None, ``X | None``, ``list[T]``, ``tuple[A, B]``,
``tuple[T, ...]``, ``dict[str, T]``, ``Any`` and nested dataclasses. Fields missing from
the data take their defaults; unknown keys are ignored. Text is taken with any lone
UTF-16 surrogate (valid in JSON, not encodable as UTF-8) replaced by U+FFFD.
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any

from briefing.safe_text import replace_surrogates


class SerialError(ValueError):
    """A value does not have the type its field declares; the message names the path."""


def to_plain(obj: Any) -> Any:
    """JSON-plain copy of ``obj``: dataclasses become dicts, tuples become lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_plain(v) for k, v in obj.items()}
    return obj


@functools.cache
def field_hints(cls: type) -> dict[str, Any]:
    """Resolved type hints of a dataclass's fields."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def from_plain(hint: Any, data: Any, path: str = "value") -> Any:
    """Build a value of type ``hint`` from JSON-plain ``data``; raise SerialError if it does not fit."""
    if hint is Any:
        return data
    if dataclasses.is_dataclass(hint):
        return _dataclass_from_plain(hint, data, path)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _union_from_plain(args, data, path)
    if origin is list:
        if not isinstance(data, list):
            raise SerialError(f"{path}: expected a list, got {describe(data)}")
        return [from_plain(args[0] if args else Any, x, f"{path}[{i}]") for i, x in enumerate(data)]
    if origin is tuple:
        return _tuple_from_plain(args, data, path)
    if origin is dict:
        if not isinstance(data, dict):
            raise SerialError(f"{path}: expected an object, got {describe(data)}")
        value_hint = args[1] if len(args) == 2 else Any
        return {replace_surrogates(k): from_plain(value_hint, v, f"{path}.{k}") for k, v in data.items()}
    return _scalar_from_plain(hint, data, path)


def check_value(hint: Any, value: Any, path: str = "value") -> Any:
    """Check a Python value against ``hint``; return it normalised (lists copied, tuples kept)."""
    return from_plain(hint, to_plain(value), path)


def describe(value: Any) -> str:
    """A short phrase naming the JSON type of ``value`` for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _dataclass_from_plain(cls: type, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise SerialError(f"{path}: expected an object, got {describe(data)}")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = from_plain(field_hints(cls)[f.name], data[f.name], f"{path}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise SerialError(f"{path}: missing key {f.name!r}")
    return cls(**kwargs)


def _union_from_plain(args: tuple, data: Any, path: str) -> Any:
    if data is None:
        if type(None) in args:
            return None
        raise SerialError(f"{path}: expected {_hint_name(args)}, got null")
    errors = []
    for arg in args:
        if arg is type(None):
            continue
        try:
            return from_plain(arg, data, path)
        except SerialError as exc:
            errors.append(exc)
    raise SerialError(f"{path}: expected {_hint_name(args)}, got {describe(data)}")


def _tuple_from_plain(args: tuple, data: Any, path: str) -> tuple:
    if not isinstance(data, (list, tuple)):
        raise SerialError(f"{path}: expected a list, got {describe(data)}")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(from_plain(args[0], x, f"{path}[{i}]") for i, x in enumerate(data))
    if args and len(data) != len(args):
        raise SerialError(f"{path}: expected {len(args)} values, got {len(data)}")
    hints = args or (Any,) * len(data)
    return tuple(from_plain(h, x, f"{path}[{i}]") for i, (h, x) in enumerate(zip(hints, data)))


def _scalar_from_plain(hint: Any, data: Any, path: str) -> Any:
    if hint is type(None):
        if data is not None:
            raise SerialError(f"{path}: expected null, got {describe(data)}")
        return None
    if hint is bool:
        if not isinstance(data, bool):
            raise SerialError(f"{path}: expected true/false, got {describe(data)}")
        return data
    if hint is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise SerialError(f"{path}: expected a whole number, got {describe(data)}")
        return data
    if hint is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise SerialError(f"{path}: expected a number, got {describe(data)}")
        return float(data)
    if hint is str:
        if not isinstance(data, str):
            raise SerialError(f"{path}: expected text, got {describe(data)}")
        return replace_surrogates(data)
    return data  # a hint this module does not know: keep the JSON value as it is


def _hint_name(args: tuple) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true/false"}
    parts = [names.get(a, "a list" if typing.get_origin(a) in (list, tuple) else
                       "an object" if dataclasses.is_dataclass(a) or typing.get_origin(a) is dict
                       else getattr(a, "__name__", str(a)))
             for a in args if a is not type(None)]
    text = " or ".join(parts)
    return text + " or null" if type(None) in args else text
