"""The diagnostic instrument: a data file (YAML or JSON) validated against a pydantic schema.

A regional centre replaces the instrument by uploading a new file; every problem in it is
reported with the line and the field, as message keys (``diag-ierr-*``) with parameters, so
the bot and the command line can each say it in their own language. Reading the file itself
(with limits on size, depth and aliases) is ``handlers.uploads``; this module validates the data.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

import yaml  # type: ignore[import-untyped]
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic import ValidationError as PydanticValidationError

from domain.competences import GROUP_ORDER, CompetenceGroup

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "instrument_default.yaml"
MAX_FILE_BYTES = 256 * 1024
MAX_STATEMENTS = 200
#: seconds a teacher needs for one statement on a phone (for the «how long» estimate)
SECONDS_PER_STATEMENT = 8



Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$")]


class _Text(BaseModel):
    """A text in Russian (required) with an optional English translation.

    A plain string in the file is taken as the Russian text.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    ru: str
    en: str | None = None

    def get(self, locale: str | None) -> str:
        if locale == "en" and self.en:
            return self.en
        return self.ru

    @classmethod
    def _coerce(cls, value: Any) -> Any:
        return {"ru": value} if isinstance(value, str) else value


class Label(_Text):
    """Fits on a button."""

    ru: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    en: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = None


class Title(_Text):
    ru: Annotated[str, StringConstraints(min_length=1, max_length=150)]
    en: Annotated[str, StringConstraints(min_length=1, max_length=150)] | None = None


class LongText(_Text):
    ru: Annotated[str, StringConstraints(min_length=1, max_length=600)]
    en: Annotated[str, StringConstraints(min_length=1, max_length=600)] | None = None


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _plain_string_is_russian(cls, value: Any, info: Any) -> Any:
        annotation = cls.model_fields[info.field_name].annotation
        kinds = getattr(annotation, "__args__", (annotation,))
        if any(isinstance(k, type) and issubclass(k, _Text) for k in kinds):
            return _Text._coerce(value)
        return value


class ScalePoint(_Node):
    value: int = Field(ge=0, le=10)
    label: Label
    hint: Title | None = None


class Level(_Node):
    code: Code
    min_percent: float = Field(ge=0, le=100)
    label: Label
    mark: Annotated[str, StringConstraints(max_length=4)] | None = None


class Statement(_Node):
    code: Code
    text: LongText


class Indicator(_Node):
    code: Code
    title: Title
    statements: list[Statement] = Field(min_length=1, max_length=10)


class Group(_Node):
    code: CompetenceGroup
    title: Title
    short: Label | None = None
    indicators: list[Indicator] = Field(min_length=1, max_length=20)

    def short_title(self, locale: str | None) -> str:
        return (self.short or self.title).get(locale)


@dataclass(frozen=True, slots=True)
class Item:
    """One statement in questionnaire order, with where it belongs."""

    index: int
    group: Group
    indicator: Indicator
    statement: Statement


class Instrument(_Node):
    """The whole questionnaire with its scale, levels, deficit threshold and version."""

    format: int = Field(1, ge=1, le=1)
    code: Code
    version: Annotated[str, StringConstraints(pattern=r"^[\w.\-]{1,32}$")]
    title: Title
    description: LongText | None = None
    scale: list[ScalePoint] = Field(min_length=2, max_length=6)
    levels: list[Level] = Field(min_length=1, max_length=6)
    #: an indicator scoring below this percentage is a deficit
    deficit_below: float = Field(gt=0, le=100)
    #: the least number of days between two completed attempts (0: no limit)
    retake_days: int = Field(30, ge=0, le=730)
    groups: list[Group] = Field(min_length=4, max_length=4)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        # `version: 2026.1` in YAML is a number; it is meant as text
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @cached_property
    def items(self) -> tuple[Item, ...]:
        out: list[Item] = []
        for group in self.groups:
            for indicator in group.indicators:
                for statement in indicator.statements:
                    out.append(Item(len(out), group, indicator, statement))
        return tuple(out)

    @cached_property
    def values(self) -> frozenset[int]:
        return frozenset(p.value for p in self.scale)

    @cached_property
    def checksum(self) -> str:
        """Same content, same checksum, whatever the comments, layout or file format."""
        body = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def group(self, code: str) -> Group:
        for group in self.groups:
            if group.code == code:
                return group
        raise KeyError(code)

    def indicator(self, code: str) -> tuple[Group, Indicator]:
        for group in self.groups:
            for indicator in group.indicators:
                if indicator.code == code:
                    return group, indicator
        raise KeyError(code)

    def level_for(self, percent: float) -> Level:
        chosen = self.levels[0]
        for level in self.levels:
            if percent + 1e-9 >= level.min_percent:
                chosen = level
        return chosen

    def level(self, code: str) -> Level:
        """A level by its code (as stored in a result); the lowest if the code is unknown."""
        for level in self.levels:
            if level.code == code:
                return level
        return self.levels[0]

    def scale_point(self, value: int) -> ScalePoint | None:
        for point in self.scale:
            if point.value == value:
                return point
        return None

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(len(self.items) * SECONDS_PER_STATEMENT / 60))

    def counts(self) -> tuple[int, int, int]:
        """Groups, indicators, statements."""
        indicators = sum(len(g.indicators) for g in self.groups)
        return len(self.groups), indicators, len(self.items)


# ---- reading a file with line-precise problems ------------------------------------------

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an uploaded instrument: a message key, its parameters, where."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    path: Path_ = ()
    line: int | None = None

    @property
    def where(self) -> str:
        """``groups.2.indicators.1.title`` — list positions counted from 1, as people count."""
        return ".".join(str(p + 1) if isinstance(p, int) else p for p in self.path)


class InstrumentInvalid(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the instrument")


#: pydantic error types → our keys (parameters come from the error's ``ctx``)
_PYDANTIC_KEYS = {
    "missing": "diag-ierr-missing",
    "extra_forbidden": "diag-ierr-extra",
    "string_too_short": "diag-ierr-empty",
    "string_too_long": "diag-ierr-too-long",
    "string_type": "diag-ierr-type-text",
    "string_pattern_mismatch": "diag-ierr-pattern",
    "int_type": "diag-ierr-type-int",
    "int_parsing": "diag-ierr-type-int",
    "int_from_float": "diag-ierr-type-int",
    "float_type": "diag-ierr-type-number",
    "float_parsing": "diag-ierr-type-number",
    "greater_than_equal": "diag-ierr-range",
    "greater_than": "diag-ierr-range",
    "less_than_equal": "diag-ierr-range",
    "less_than": "diag-ierr-range",
    "too_short": "diag-ierr-list-short",
    "too_long": "diag-ierr-list-long",
    "list_type": "diag-ierr-type-list",
    "model_type": "diag-ierr-type-map",
    "model_attributes_type": "diag-ierr-type-map",
    "dict_type": "diag-ierr-type-map",
    "enum": "diag-ierr-enum",
    "literal_error": "diag-ierr-enum",
}


def _problem_from_pydantic(err: Mapping[str, Any]) -> Problem:
    loc = tuple(p for p in err.get("loc", ()) if p != "__root__")
    ctx = dict(err.get("ctx") or {})
    key = _PYDANTIC_KEYS.get(err["type"], "diag-ierr-other")
    params: dict[str, Any] = {"msg": err.get("msg", "")}
    if err["type"] in ("missing", "extra_forbidden") and loc:
        params["name"] = loc[-1]
    elif err["type"] in ("string_too_long", "too_long"):
        params["max"] = ctx.get("max_length", "")
    elif err["type"] == "too_short":
        params["min"] = ctx.get("min_length", "")
    elif err["type"] in ("greater_than_equal", "greater_than"):
        params["bound"] = "≥ " + str(ctx.get("ge", ctx.get("gt", "")))
        if err["type"] == "greater_than":
            params["bound"] = "> " + str(ctx.get("gt", ""))
    elif err["type"] in ("less_than_equal", "less_than"):
        params["bound"] = ("≤ " if err["type"] == "less_than_equal" else "< ") + str(
            ctx.get("le", ctx.get("lt", ""))
        )
    elif err["type"] in ("enum", "literal_error"):
        params["expected"] = str(ctx.get("expected", ""))
    return Problem(key, params, loc)


def _locate(problem: Problem, lines: Mapping[Path_, int]) -> Problem:
    path = problem.path
    for cut in range(len(path), -1, -1):
        line = lines.get(path[:cut])
        if line is not None:
            return Problem(problem.key, problem.params, problem.path, line)
    return problem


def _cross_checks(instrument: Instrument) -> list[Problem]:
    problems: list[Problem] = []
    codes = [g.code for g in instrument.groups]
    if sorted(codes) != sorted(GROUP_ORDER):
        problems.append(Problem(
            "diag-ierr-groups", {"expected": ", ".join(GROUP_ORDER)}, ("groups",),
        ))
    values = [p.value for p in instrument.scale]
    if any(b <= a for a, b in itertools.pairwise(values)):
        problems.append(Problem("diag-ierr-scale-order", {}, ("scale",)))
    seen_labels: set[str] = set()
    for i, point in enumerate(instrument.scale):
        if point.label.ru in seen_labels:
            problems.append(Problem(
                "diag-ierr-duplicate", {"value": point.label.ru}, ("scale", i, "label")
            ))
        seen_labels.add(point.label.ru)
    if instrument.levels[0].min_percent != 0:
        problems.append(Problem("diag-ierr-levels-first", {}, ("levels", 0, "min_percent")))
    for i in range(1, len(instrument.levels)):
        if instrument.levels[i].min_percent <= instrument.levels[i - 1].min_percent:
            problems.append(Problem("diag-ierr-levels-order", {}, ("levels", i, "min_percent")))
    level_codes: set[str] = set()
    for i, level in enumerate(instrument.levels):
        if level.code in level_codes:
            problems.append(Problem(
                "diag-ierr-duplicate", {"value": level.code}, ("levels", i, "code")
            ))
        level_codes.add(level.code)
    if len(instrument.items) > MAX_STATEMENTS:
        problems.append(Problem("diag-ierr-too-many", {"max": MAX_STATEMENTS}, ("groups",)))
    return problems


def _duplicate_codes(data: Mapping[str, Any]) -> list[Problem]:
    """Indicator and statement codes unique across the file; read from the raw data, so these
    are reported together with any schema problems, not one upload later."""
    problems: list[Problem] = []
    seen: dict[str, set[Any]] = {"indicators": set(), "statements": set()}

    def items(value: Any) -> list[tuple[int, Mapping[str, Any]]]:
        return [(i, v) for i, v in enumerate(value) if isinstance(v, Mapping)] \
            if isinstance(value, list) else []

    for gi, group in items(data.get("groups")):
        for ii, indicator in items(group.get("indicators")):
            where: Path_ = ("groups", gi, "indicators", ii)
            code = indicator.get("code")
            if isinstance(code, str):
                if code in seen["indicators"]:
                    problems.append(Problem("diag-ierr-duplicate", {"value": code},
                                            (*where, "code")))
                seen["indicators"].add(code)
            for si, statement in items(indicator.get("statements")):
                code = statement.get("code")
                if isinstance(code, str):
                    if code in seen["statements"]:
                        problems.append(Problem("diag-ierr-duplicate", {"value": code},
                                                (*where, "statements", si, "code")))
                    seen["statements"].add(code)
    return problems


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)


def validate(data: Any, lines: Mapping[Path_, int] | None = None) -> Instrument:
    """Build an instrument from parsed data or raise ``InstrumentInvalid`` with every problem."""
    lines = lines or {}
    if not isinstance(data, dict):
        raise InstrumentInvalid([Problem("diag-ierr-not-mapping", {}, (), 1)])
    duplicates = _duplicate_codes(data)
    try:
        instrument = Instrument.model_validate(data)
    except PydanticValidationError as exc:
        problems = [_problem_from_pydantic(e) for e in exc.errors()] + duplicates
        raise InstrumentInvalid(_in_file_order([_locate(p, lines) for p in problems])) from None
    problems = [_locate(p, lines) for p in _cross_checks(instrument) + duplicates]
    if problems:
        raise InstrumentInvalid(_in_file_order(problems))
    return instrument


def load_default() -> tuple[Instrument, str]:
    """The instrument that ships with the project: trusted, read with PyYAML's safe loader.
    Uploaded files are read with limits by ``handlers.uploads.read_instrument``."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    return validate(yaml.safe_load(text)), text


#: parsed instruments by checksum: a stored instrument never changes, so parse it once
_cache: dict[str, Instrument] = {}


def cached(checksum: str) -> Instrument | None:
    return _cache.get(checksum)


def from_stored(content: Mapping[str, Any], checksum: str) -> Instrument:
    cached = _cache.get(checksum)
    if cached is None:
        cached = validate(dict(content))
        if len(_cache) > 64:
            _cache.clear()
        _cache[checksum] = cached
    return cached

