"""Classification marking schemes: parse and validate markings, write banners and portion marks.

A scheme is data: ``resources/markings/<id>.toml`` (``us``, ``uk``, ``nato``, ``none``),
and the user's own in ``<user data dir>/markings/`` (same name: overrides). It lists the
levels in rising order (name, portion abbreviation, banner colours, the authority-block
fields the level needs), the controls (descriptors, caveats, dissemination controls:
which levels they go with, what they conflict with, whether they take a country list)
and how a banner is written (``SECRET//REL TO USA, AUS``, ``OFFICIAL-SENSITIVE
COMMERCIAL``, ``TOP SECRET – UK EYES ONLY``). Nothing here knows a particular scheme:
banners and portion marks come from the scheme's tables, never from initials.

:meth:`Scheme.parse` reads what an analyst typed, tolerant of case, spacing and dash
style, and returns a :class:`Marking` written the scheme's way; anything the scheme
cannot read raises :class:`MarkingError` with one line naming the allowed values.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from briefing.resources_path import resource

SEPARATOR_CHARS = " /-:;,"
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " "})


class MarkingError(ValueError):
    """A marking the scheme cannot accept; the message is one line naming the allowed values."""


@dataclass(frozen=True)
class Level:
    name: str
    portion: str
    rank: int
    fill: str = ""  # banner background, "" for none
    text: str = "#000000"  # banner text colour
    aliases: tuple[str, ...] = ()
    authority: tuple[str, ...] = ()  # note authority fields this level requires


@dataclass(frozen=True)
class Group:
    name: str
    separator: str
    joiner: str
    portion_separator: str
    portion_joiner: str


@dataclass(frozen=True)
class Control:
    name: str
    portion: str
    group: str
    order: int
    levels: tuple[str, ...] = ()  # empty: every level
    aliases: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    countries: bool = False
    description: str = ""

    def allowed_at(self, level: Level) -> bool:
        return not self.levels or level.name in self.levels


@dataclass(frozen=True)
class Marking:
    """A parsed marking: a level and its controls (each with its country list)."""

    scheme: Scheme = field(compare=False, repr=False)
    level: Level
    controls: tuple[tuple[Control, tuple[str, ...]], ...] = ()

    @property
    def banner(self) -> str:
        """The marking as printed at the top and bottom of a page ("" when the scheme has none)."""
        if not self.scheme.banner:
            return ""
        return self.level.name + self._groups(portion=False)

    @property
    def text(self) -> str:
        """The marking in the scheme's own spelling (what the note stores)."""
        return self.level.name + self._groups(portion=False)

    @property
    def portion(self) -> str:
        """The portion mark, e.g. ``(S//NF)`` (``""`` when the scheme has none)."""
        if not self.scheme.portion_marks or not self.level.portion:
            return ""
        return f"({self.level.portion}{self._groups(portion=True) if self.scheme.portion_controls else ''})"

    @property
    def control_names(self) -> list[str]:
        return [c.name for c, _ in self.controls]

    def countries(self, control_name: str) -> tuple[str, ...]:
        return next((codes for c, codes in self.controls if c.name == control_name), ())

    def at_level(self, level: Level) -> Marking:
        """The same controls at ``level`` (those the level does not take are dropped)."""
        return Marking(self.scheme, level, tuple((c, codes) for c, codes in self.controls
                                                 if c.allowed_at(level)))

    def _groups(self, *, portion: bool) -> str:
        out = []
        for group in self.scheme.groups:
            parts = []
            for control, codes in self.controls:
                if control.group != group.name:
                    continue
                name = control.portion if portion else control.name
                if not name:
                    continue
                parts.append(name + (" " + ", ".join(codes) if codes else ""))
            if parts:
                sep, join = ((group.portion_separator, group.portion_joiner) if portion
                             else (group.separator, group.joiner))
                out.append(sep + join.join(parts))
        return "".join(out)

    def __str__(self) -> str:
        return self.text


@dataclass
class Scheme:
    """One marking scheme, loaded from its TOML file."""

    id: str
    name: str
    levels: tuple[Level, ...]
    controls: tuple[Control, ...] = ()
    groups: tuple[Group, ...] = ()
    description: str = ""
    banner: bool = True
    portion_marks: bool = True
    portion_controls: bool = True
    default_level: str = ""
    authority: dict[str, str] = field(default_factory=dict)
    countries_first: str = ""
    countries_order: str = ""
    tetragraphs: dict[str, str] = field(default_factory=dict)
    retired: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    origin: str = "shipped"

    # ---------------------------------------------------------------- levels
    @property
    def level_names(self) -> list[str]:
        return [lv.name for lv in self.levels]

    def find_level(self, name: str) -> Level | None:
        key = normalise(name)
        for level in self.levels:
            if key == normalise(level.name) or key in map(normalise, level.aliases):
                return level
        return None

    def level(self, name: str) -> Level:
        """The level called ``name`` (or an alias); MarkingError naming the levels if none."""
        found = self.find_level(name)
        if found is None:
            raise MarkingError(f"'{name}' is not a level of the {self.name} scheme "
                               f"(levels: {', '.join(self.level_names)})")
        return found

    @property
    def default(self) -> Level:
        return self.find_level(self.default_level) or self.levels[0]

    def highest(self, levels: Iterable[Level]) -> Level:
        return max(levels, key=lambda lv: lv.rank, default=self.default)

    def controls_at(self, level: Level) -> list[Control]:
        return [c for c in self.controls if c.allowed_at(level)]

    # ---------------------------------------------------------------- markings
    def marking(self, level: str | Level, controls: Iterable[str | tuple[str, Iterable[str]]] = ()) -> Marking:
        """A marking from a level and control names (``("REL TO", ["USA", "GBR"])`` for lists),
        validated as :meth:`parse` would."""
        lv = level if isinstance(level, Level) else self.level(level)
        text = lv.name
        for entry in controls:
            name, codes = (entry, ()) if isinstance(entry, str) else (entry[0], tuple(entry[1]))
            text += "//" + name + (" " + ", ".join(codes) if codes else "")
        return self.parse(text)

    def parse(self, text: str) -> Marking:
        """Read ``text`` as a marking of this scheme; MarkingError (one line) if it is not one."""
        raw = " ".join(str(text).split())
        norm = normalise(raw)
        if not norm:
            raise MarkingError(f"no marking given (levels of the {self.name} scheme: "
                               f"{', '.join(self.level_names)})")
        self._refuse_retired(raw, norm)
        level, rest = self._match_level(norm)
        if level is None:
            raise MarkingError(f"'{raw}' does not start with a level of the {self.name} scheme "
                               f"(levels: {', '.join(self.level_names)})")
        found: list[tuple[Control, tuple[str, ...]]] = []
        while True:
            rest = rest.lstrip(SEPARATOR_CHARS)
            if not rest:
                break
            control, rest = self._match_control(rest)
            if control is None:
                token = re.split(r"\s*/+\s*", rest)[0].strip()
                self._refuse_retired(raw, normalise(token))
                raise MarkingError(f"'{raw}': '{token}' is not a control of the {self.name} scheme "
                                   f"({self._allowed_controls(level)})")
            codes: tuple[str, ...] = ()
            if control.countries:
                codes, rest = self._countries(raw, control, rest)
            found.append((control, codes))
        self._validate(raw, level, found)
        found.sort(key=lambda pair: (self._group_index(pair[0].group), pair[0].order))
        return Marking(self, level, tuple(found))

    def _refuse_retired(self, raw: str, norm: str) -> None:
        for key, why in self.retired.items():
            k = normalise(key)
            if norm == k or re.search(rf"(^|[{re.escape(SEPARATOR_CHARS)}]){re.escape(k)}($|[/ ])", norm):
                raise MarkingError(f"'{raw}': {why}")

    def _match_level(self, norm: str) -> tuple[Level | None, str]:
        best: tuple[int, Level] | None = None
        for level in self.levels:
            for name in (level.name, *level.aliases):
                key = normalise(name)
                if norm.startswith(key) and _boundary(norm, len(key)) and (best is None or len(key) > best[0]):
                    best = (len(key), level)
        return (best[1], norm[best[0]:]) if best else (None, norm)

    def _match_control(self, rest: str) -> tuple[Control | None, str]:
        best: tuple[int, Control] | None = None
        for control in self.controls:
            names = [control.name, *control.aliases]
            if control.portion and control.portion != control.name and len(control.portion) > 1:
                names.append(control.portion)
            for name in names:
                key = normalise(name)
                if rest.startswith(key) and _boundary(rest, len(key)) and (best is None or len(key) > best[0]):
                    best = (len(key), control)
        return (best[1], rest[best[0]:]) if best else (None, rest)

    def _countries(self, raw: str, control: Control, rest: str) -> tuple[tuple[str, ...], str]:
        m = re.match(r"\s*([A-Z]{2,4}(?:\s*,\s*[A-Z]{2,4})*)(?=$|[\s/])", rest)
        example = ", ".join(x for x in (self.countries_first, "AUS", "GBR") if x)
        if not m:
            raise MarkingError(f"'{raw}': {control.name} needs a list of country codes, e.g. "
                               f"{control.name} {example}")
        codes = tuple(re.split(r"\s*,\s*", m.group(1).strip()))
        known = trigraphs()
        for code in codes:
            if code not in known and code not in self.tetragraphs:
                raise MarkingError(f"'{raw}': {control.name}: '{code}' is not an ISO 3166 trigraph "
                                   f"or a known tetragraph ({', '.join(sorted(self.tetragraphs)) or 'none'})")
        if len(set(codes)) != len(codes):
            raise MarkingError(f"'{raw}': {control.name} names a country twice")
        first = self.countries_first
        others = [c for c in codes if c != first]
        canonical = ([first] if first else []) + sorted(c for c in others if len(c) == 3) \
            + sorted(c for c in others if len(c) == 4)
        if first and (not codes or codes[0] != first):
            raise MarkingError(f"'{raw}': {control.name} lists {first} first, then trigraphs A-Z, "
                               f"then tetragraphs: {control.name} {', '.join(canonical)}")
        if self.countries_order == "alphabetical" and list(codes) != canonical:
            raise MarkingError(f"'{raw}': {control.name} lists " + (f"{first} first, then " if first else "")
                               + f"trigraphs A-Z, then tetragraphs: {control.name} {', '.join(canonical)}")
        return codes, rest[m.end():]

    def _validate(self, raw: str, level: Level, found: list[tuple[Control, tuple[str, ...]]]) -> None:
        names = [c.name for c, _ in found]
        for control, _ in found:
            if names.count(control.name) > 1:
                raise MarkingError(f"'{raw}': {control.name} is given twice")
            if not control.allowed_at(level):
                raise MarkingError(f"'{raw}': {control.name} is not used with {level.name} "
                                   f"(used with: {', '.join(control.levels)})")
            clash = [c for c in control.conflicts if c in names]
            if clash:
                raise MarkingError(f"'{raw}': {control.name} cannot be combined with {', '.join(clash)}")

    def _allowed_controls(self, level: Level) -> str:
        names = [c.name for c in self.controls_at(level)]
        return f"with {level.name}: {', '.join(names)}" if names else f"{level.name} takes no controls"

    def _group_index(self, name: str) -> int:
        return next((i for i, g in enumerate(self.groups) if g.name == name), len(self.groups))


def normalise(text: str) -> str:
    """Upper case, one kind of dash, single spaces (how markings are compared)."""
    text = str(text).translate(_DASHES).upper()
    text = re.sub(r"\s*-\s*", lambda m: " - " if " " in m.group(0) else "-", text)
    return " ".join(text.split())


def _boundary(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in SEPARATOR_CHARS


@cache
def trigraphs() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> country name (``resources/markings/trigraphs.tsv``)."""
    table: dict[str, str] = {}
    from briefing.knowledge.loader import read_resource_text

    for line in read_resource_text(resource("markings", "trigraphs.tsv")).splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and not line.startswith("#"):
            table[cols[0]] = cols[2]
    return table


# ---------------------------------------------------------------- loading

class SchemeError(Exception):
    """A scheme that cannot be found or is invalid (``FILE: KEY: problem``)."""


def shipped_schemes_dir() -> Path:
    return resource("markings")


def user_schemes_dir() -> Path:
    from briefing.userdirs import data_dir

    return data_dir() / "markings"


def scheme_ids() -> list[str]:
    """Every scheme id: shipped ones and the user's (a user scheme of the same id overrides)."""
    ids = {p.stem for root in (shipped_schemes_dir(), user_schemes_dir()) if root.is_dir()
           for p in root.glob("*.toml")}
    return sorted(ids)


MAX_SCHEME_BYTES = 256 * 1024


def load_scheme(scheme_id: str) -> Scheme:
    """The scheme ``scheme_id`` (the user's file first, then the shipped one)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", scheme_id or ""):
        raise SchemeError(f"invalid marking scheme name '{scheme_id}' (known: {', '.join(scheme_ids())})")
    for origin, root in (("user", user_schemes_dir()), ("shipped", shipped_schemes_dir())):
        path = root / f"{scheme_id}.toml"
        if path.exists():  # a named pipe or a device is refused by the reader, as such
            return _load_cached(str(path), path.stat().st_mtime_ns, origin)
    raise SchemeError(f"unknown marking scheme '{scheme_id}' (known: {', '.join(scheme_ids())})")


@cache
def _load_cached(path: str, _mtime: int, origin: str) -> Scheme:
    from briefing.fileio import read_bounded
    from briefing.safe_text import printable

    file = Path(path)
    try:  # a scheme file may come from anyone: bounded, regular files only (briefing.fileio)
        data = tomllib.loads(read_bounded(file, MAX_SCHEME_BYTES, what="scheme file").decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SchemeError(printable(f"{file}: cannot read: {exc}")) from None
    except RecursionError:
        raise SchemeError(f"{file}: cannot read: nested too deeply") from None
    return scheme_from_data(data, file.stem, file, origin)


def scheme_from_data(data: dict[str, Any], scheme_id: str, file: Path | str = "scheme.toml",
                     origin: str = "path") -> Scheme:
    """Validate a parsed scheme file into a :class:`Scheme` (SchemeError on the first problem)."""
    def need(cond: bool, key: str, problem: str) -> None:
        if not cond:
            raise SchemeError(f"{file}: {key}: {problem}")

    def strings(value: Any, key: str) -> tuple[str, ...]:
        need(isinstance(value, list) and all(isinstance(v, str) for v in value), key, "must be a list of strings")
        return tuple(value)

    raw_levels = data.get("levels", [])
    need(isinstance(raw_levels, list) and bool(raw_levels), "levels", "a scheme needs at least one [[levels]]")
    levels = []
    for rank, entry in enumerate(raw_levels):
        key = f"levels[{rank}]"
        need(isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip(),
             key, "needs name = \"...\"")
        for colour in ("fill", "text"):
            value = entry.get(colour, "")
            need(value == "" or bool(re.fullmatch(r"#[0-9A-Fa-f]{6}", str(value))), f"{key}.{colour}",
                 f"bad colour '{value}' (use #RRGGBB)")
        levels.append(Level(entry["name"].strip(), str(entry.get("portion", "")), rank,
                            str(entry.get("fill", "")).upper(), str(entry.get("text", "#000000")).upper(),
                            strings(entry.get("aliases", []), f"{key}.aliases"),
                            strings(entry.get("authority", []), f"{key}.authority")))
    names = {lv.name for lv in levels}
    groups = []
    for i, entry in enumerate(data.get("groups", [])):
        need(isinstance(entry, dict) and isinstance(entry.get("name"), str), f"groups[{i}]", "needs name")
        sep = str(entry.get("separator", "//"))
        join = str(entry.get("joiner", "/"))
        groups.append(Group(entry["name"], sep, join, str(entry.get("portion_separator", sep)),
                            str(entry.get("portion_joiner", join))))
    group_names = {g.name for g in groups}
    controls = []
    for i, entry in enumerate(data.get("controls", [])):
        key = f"controls[{i}]"
        need(isinstance(entry, dict) and isinstance(entry.get("name"), str), key, "needs name")
        group = str(entry.get("group", groups[0].name if groups else ""))
        need(group in group_names, f"{key}.group",
             f"unknown group '{group}' (groups: {', '.join(sorted(group_names))})")
        lvls = strings(entry.get("levels", []), f"{key}.levels")
        need(all(lv in names for lv in lvls), f"{key}.levels", f"unknown level (levels: {', '.join(names)})")
        controls.append(Control(entry["name"], str(entry.get("portion", "")), group, i, lvls,
                                strings(entry.get("aliases", []), f"{key}.aliases"),
                                strings(entry.get("conflicts", []), f"{key}.conflicts"),
                                bool(entry.get("countries", False)), str(entry.get("description", ""))))
    default = str(data.get("default_level", levels[0].name))
    need(default in names, "default_level", f"'{default}' is not a level")
    authority = data.get("authority", {})
    need(isinstance(authority, dict), "authority", "must be a table of field = \"Label\"")
    for lv in levels:
        need(all(a in authority for a in lv.authority), f"levels.{lv.name}.authority",
             f"names a field not in [authority] ({', '.join(authority) or 'none'})")
    return Scheme(id=scheme_id, name=str(data.get("name", scheme_id)), levels=tuple(levels),
                  controls=tuple(controls), groups=tuple(groups),
                  description=str(data.get("description", "")), banner=bool(data.get("banner", True)),
                  portion_marks=bool(data.get("portion_marks", True)),
                  portion_controls=bool(data.get("portion_controls", True)), default_level=default,
                  authority={str(k): str(v) for k, v in authority.items()},
                  countries_first=str(data.get("countries_first", "")),
                  countries_order=str(data.get("countries_order", "")),
                  tetragraphs={str(k): str(v) for k, v in data.get("tetragraphs", {}).items()},
                  retired={str(k): str(v) for k, v in data.get("retired", {}).items()},
                  path=Path(file), origin=origin)
