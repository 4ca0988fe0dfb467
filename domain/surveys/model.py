"""A survey is data (YAML or JSON), like the self-diagnosis instrument: questions of five
kinds, optional ones, and forward skips ("if no, skip to …"). ``validate`` reports every
problem with the field's path and, when the reader gives them, its line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.instrument import Problem

KINDS = ("single", "multi", "scale", "number", "text")
END = "end"  # a skip target: the end of the survey
MAX_QUESTIONS = 60
MAX_OPTIONS = 12
MAX_TEXT = 1000  # a free-text answer
TITLE_MAX = 300
QUESTION_MAX = 600
LABEL_MAX = 60  # an option's label (a button)
CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")
NUMBER_LIMIT = 1_000_000


class SurveyInvalid(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the survey")


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    kind: str
    text: str
    options: tuple[Option, ...] = ()
    optional: bool = False
    min: int = 1  # scale and number bounds
    max: int = 5
    #: answer (an option's code) → the question to go to next (or END)
    skip: Mapping[str, str] = field(default_factory=dict)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True, slots=True)
class Survey:
    code: str
    title: str
    questions: tuple[Question, ...]
    description: str = ""

    def index(self, code: str) -> int:
        return next(i for i, q in enumerate(self.questions) if q.code == code)

    def next_index(self, i: int, answer: Any) -> int | None:
        """The question after ``i`` given its answer (None: the end)."""
        q = self.questions[i]
        if isinstance(answer, str) and answer in q.skip:
            target = q.skip[answer]
            return None if target == END else self.index(target)
        return i + 1 if i + 1 < len(self.questions) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "title": self.title, "description": self.description,
            "questions": [
                {"code": q.code, "kind": q.kind, "text": q.text, "optional": q.optional,
                 "min": q.min, "max": q.max, "skip": dict(q.skip),
                 "options": [{"code": o.code, "label": o.label} for o in q.options]}
                for q in self.questions
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Survey:
        """Stored definitions (already validated)."""
        return cls(
            code=data["code"], title=data["title"], description=data.get("description", ""),
            questions=tuple(
                Question(code=q["code"], kind=q["kind"], text=q["text"],
                         optional=bool(q.get("optional")), min=int(q.get("min", 1)),
                         max=int(q.get("max", 5)), skip=dict(q.get("skip") or {}),
                         options=tuple(Option(o["code"], o["label"]) for o in q.get("options", [])))
                for q in data["questions"]
            ),
        )


# ---- validation ---------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _locate(path: Path_, lines: Mapping[Path_, int]) -> int | None:
    for cut in range(len(path), -1, -1):
        line = lines.get(path[:cut])
        if line is not None:
            return line
    return None


def validate(data: Any, lines: Mapping[Path_, int] | None = None) -> Survey:
    """A survey from parsed data, or ``SurveyInvalid`` with every problem (keys ``srv-err-*``,
    the field's path and line)."""
    lines = lines or {}
    problems: list[Problem] = []

    def problem(key: str, path: Path_, **params: Any) -> None:
        problems.append(Problem(key, params, path, _locate(path, lines)))

    def text(value: Any, path: Path_, limit: int, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            problem("srv-err-missing" if value is None else "srv-err-type-text", path,
                    name=str(path[-1]))
            return ""
        value = value.strip()
        if required and not value:
            problem("srv-err-empty", path)
        if len(value) > limit:
            problem("srv-err-too-long", path, max=limit)
        return value

    def code(value: Any, path: Path_) -> str:
        value = text(value, path, 48)
        if value and not set(value) <= CODE_CHARS:
            problem("srv-err-code", path, value=value)
        return value

    if not isinstance(data, Mapping):
        raise SurveyInvalid([Problem("srv-err-not-mapping", {}, (), 1)])
    for key in data:
        if key not in ("code", "title", "description", "questions", "version"):
            problem("srv-err-extra", (str(key),), name=str(key))
    survey_code = code(data.get("code"), ("code",))
    title = text(data.get("title"), ("title",), TITLE_MAX)
    description = text(data.get("description"), ("description",), 2000, required=False)
    raw_questions = data.get("questions")
    questions: list[Question] = []
    if not isinstance(raw_questions, list) or not raw_questions:
        problem("srv-err-questions", ("questions",))
        raw_questions = []
    if len(raw_questions) > MAX_QUESTIONS:
        problem("srv-err-too-many", ("questions",), max=MAX_QUESTIONS)
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_questions):
        where: Path_ = ("questions", i)
        if not isinstance(raw, Mapping):
            problem("srv-err-type-map", where)
            continue
        for key in raw:
            if key not in ("code", "kind", "text", "options", "optional", "min", "max",
                           "skip_if"):
                problem("srv-err-extra", (*where, str(key)), name=str(key))
        q_code = code(raw.get("code"), (*where, "code"))
        if q_code in seen:
            problem("srv-err-duplicate", (*where, "code"), value=q_code)
        seen.setdefault(q_code, i)
        kind = raw.get("kind")
        if kind not in KINDS:
            problem("srv-err-kind", (*where, "kind"), expected=", ".join(KINDS))
            kind = "text"
        q_text = text(raw.get("text"), (*where, "text"), QUESTION_MAX)
        optional = raw.get("optional", False)
        if not isinstance(optional, bool):
            problem("srv-err-type-bool", (*where, "optional"))
            optional = False
        options: list[Option] = []
        if kind in ("single", "multi"):
            raw_options = raw.get("options")
            if not isinstance(raw_options, list) or len(raw_options) < 2:
                problem("srv-err-options", (*where, "options"))
                raw_options = []
            if len(raw_options) > MAX_OPTIONS:
                problem("srv-err-options-many", (*where, "options"), max=MAX_OPTIONS)
            codes: set[str] = set()
            for j, o in enumerate(raw_options):
                ow: Path_ = (*where, "options", j)
                if not isinstance(o, Mapping):
                    problem("srv-err-type-map", ow)
                    continue
                oc = code(o.get("code"), (*ow, "code"))
                if oc in codes:
                    problem("srv-err-duplicate", (*ow, "code"), value=oc)
                codes.add(oc)
                options.append(Option(oc, text(o.get("label"), (*ow, "label"), LABEL_MAX)))
        elif "options" in raw:
            problem("srv-err-options-kind", (*where, "options"))
        low, high = 1, 5
        if kind in ("scale", "number"):
            low_raw = raw.get("min", 1 if kind == "scale" else 0)
            high_raw = raw.get("max", 5 if kind == "scale" else 1000)
            for name, value in (("min", low_raw), ("max", high_raw)):
                if not isinstance(value, int) or isinstance(value, bool) \
                        or abs(value) > NUMBER_LIMIT:
                    problem("srv-err-type-int", (*where, name))
            if isinstance(low_raw, int) and isinstance(high_raw, int):
                low, high = low_raw, high_raw
                if low >= high:
                    problem("srv-err-range", (*where, "max"))
                if kind == "scale" and high - low > 10:
                    problem("srv-err-scale-wide", (*where, "max"))
        skip: dict[str, str] = {}
        raw_skip = raw.get("skip_if")
        if raw_skip is not None:
            sw: Path_ = (*where, "skip_if")
            if kind != "single":
                problem("srv-err-skip-kind", sw)
            elif not isinstance(raw_skip, Mapping) or set(raw_skip) != {"answer", "to"}:
                problem("srv-err-skip-shape", sw)
            else:
                answer, target = raw_skip.get("answer"), raw_skip.get("to")
                if not any(o.code == answer for o in options):
                    problem("srv-err-skip-answer", (*sw, "answer"), value=str(answer))
                if not isinstance(target, str):
                    problem("srv-err-skip-target", (*sw, "to"), value=str(target))
                else:
                    skip[str(answer)] = target
        questions.append(Question(q_code, kind, q_text, tuple(options), optional, low, high,
                                  skip))
    # skips go forward, to a question that exists
    for i, q in enumerate(questions):
        for target in q.skip.values():
            if target != END and (target not in seen or seen[target] <= i):
                problem("srv-err-skip-target", ("questions", i, "skip_if", "to"), value=target)
    if problems:
        raise SurveyInvalid(sorted(problems, key=lambda p: p.line or 0))
    return Survey(survey_code, title, tuple(questions), description)


def check_answer(q: Question, value: Any) -> Any:
    """The answer as stored, or ValueError: a code (single), codes (multi), an int (scale,
    number), text (free text); None skips an optional question."""
    if value is None:
        if not q.optional:
            raise ValueError("required")
        return None
    if q.kind == "single":
        if not isinstance(value, str) or q.option(value) is None:
            raise ValueError("option")
        return value
    if q.kind == "multi":
        if not isinstance(value, list) or not value or any(q.option(v) is None for v in value):
            raise ValueError("options")
        return [o.code for o in q.options if o.code in value]
    if q.kind in ("scale", "number"):
        try:
            number = int(str(value).strip().replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            raise ValueError("number") from None
        if not q.min <= number <= q.max:
            raise ValueError("range")
        return number
    value = str(value).strip()
    if not value:
        raise ValueError("empty")
    if len(value) > MAX_TEXT:
        raise ValueError("long")
    return value
