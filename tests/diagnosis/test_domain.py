"""Scoring and the instrument schema: pure functions, no database, no Telegram."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import yaml

from domain import diagnosis as diag
from domain import instrument as instruments
from domain.diagnosis import Attempt, AttemptStatus, Incomplete, Result
from domain.errors import ValidationError
from domain.instrument import GROUP_ORDER, CompetenceGroup, InstrumentInvalid
from handlers import uploads


@pytest.fixture(scope="module")
def default() -> instruments.Instrument:
    return instruments.load_default()[0]


def all_answers(instrument: instruments.Instrument, value: int) -> dict[str, int]:
    return {item.statement.code: value for item in instrument.items}


def test_default_instrument_meets_the_issue(default: instruments.Instrument) -> None:
    groups, _, statements = default.counts()
    assert groups == 4 and [g.code for g in default.groups] == list(GROUP_ORDER)
    assert all(len(g.indicators) >= 6 for g in default.groups)
    assert 30 <= statements <= 40
    assert [p.label.ru for p in default.scale] == [
        "Не владею", "Владею частично", "Владею уверенно", "Могу научить других"]
    # English translation of every text the teacher sees
    for item in default.items:
        assert item.statement.text.en and item.indicator.title.en and item.group.title.en
    assert all(p.label.en for p in default.scale) and all(lv.label.en for lv in default.levels)
    assert default.retake_days == 30 and default.minutes == 5


def test_all_lowest_all_highest(default: instruments.Instrument) -> None:
    low = diag.score(default, all_answers(default, 1))
    assert low.total == 0 and all(g.percent == 0 and g.level == "low" for g in low.groups)
    indicators = sum(len(g.indicators) for g in default.groups)
    assert len(low.deficits) == indicators  # every indicator is a deficit
    high = diag.score(default, all_answers(default, 4))
    assert high.total == 100 and all(g.level == "expert" for g in high.groups)
    assert high.deficits == () and all(not g.deficits for g in high.groups)


def test_percentages_levels_and_worst_first(default: instruments.Instrument) -> None:
    answers = all_answers(default, 3)  # «владею уверенно»: 66.7 %
    answers["m06"] = 1  # formative assessment: 0 %
    answers["m04"], answers["m05"] = 2, 1  # differentiation: (33.3 + 0) / 2 = 16.7 %
    answers["c01"] = 2  # classroom dialogue: 33.3 %
    result = diag.score(default, answers)
    meth = result.group("methodological")
    assert [d.indicator for d in meth.deficits] == ["meth_assessment", "meth_differentiation"]
    assert [d.percent for d in meth.deficits] == [0.0, 16.7]
    # 6 indicators: four at 66.7, one 16.7, one 0 → 47.2 %
    assert meth.percent == pytest.approx(47.2, abs=0.05) and meth.level == "low"
    assert result.group("subject").percent == pytest.approx(66.7) and \
        result.group("subject").level == "basic"
    assert [d.indicator for d in result.deficits] == [
        "meth_assessment", "meth_differentiation", "com_classroom"]
    summary = diag.summarise(result)
    assert set(summary.strong) == {CompetenceGroup.SUBJECT, CompetenceGroup.PSYCHO_PEDAGOGICAL}
    assert summary.focus == (CompetenceGroup.METHODOLOGICAL, CompetenceGroup.COMMUNICATIVE)
    assert summary.deficit_count == 3


def test_threshold_is_strict(default: instruments.Instrument) -> None:
    data = default.model_dump(mode="json")
    data["deficit_below"] = 100 / 3  # exactly «владею частично» on a 4-point scale
    data["version"] = "t"
    inst = instruments.validate(data)
    result = diag.score(inst, all_answers(inst, 2))
    assert result.deficits == ()  # equal to the threshold is not below it


def test_unanswered_or_invalid_cannot_be_scored(default: instruments.Instrument) -> None:
    answers = all_answers(default, 3)
    del answers["c09"]
    with pytest.raises(Incomplete) as err:
        diag.score(default, answers)
    assert err.value.params == {"missing": 1, "first": "c09"}
    with pytest.raises(Incomplete):
        diag.score(default, {})
    with pytest.raises(ValidationError):
        diag.score(default, {**all_answers(default, 3), "s01": 7})


def test_result_round_trip_and_changes(default: instruments.Instrument) -> None:
    first = diag.score(default, all_answers(default, 2))
    second = diag.score(default, all_answers(default, 3))
    assert Result.from_dict(json.loads(json.dumps(second.to_dict()))) == second
    delta = diag.changes(second, first)
    assert set(delta) == set(GROUP_ORDER) and all(v == pytest.approx(33.3, abs=0.2) for v in delta.values())
    assert diag.changes(second, None) == {}
    rows = diag.deficit_rows(default, first)
    assert [r.rank for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].title == "Владение содержанием преподаваемого предмета"


def test_retake_interval_and_unlock() -> None:
    now = datetime(2026, 11, 24, 10, tzinfo=UTC)
    done = Attempt(1, 1, 1, AttemptStatus.COMPLETED, 36, {}, now, now, completed_at=now)
    assert diag.retake_status(None, 30, now).allowed
    assert not diag.retake_status(done, 30, now + timedelta(days=29)).allowed
    assert diag.retake_status(done, 30, now).available_at == now + timedelta(days=30)
    assert diag.retake_status(done, 30, now + timedelta(days=30)).allowed
    assert diag.retake_status(done, 0, now).allowed
    done.retake_unlocked_at = now
    status = diag.retake_status(done, 30, now)
    assert status.allowed and status.unlocked


def test_self_analysis_rules() -> None:
    assert diag.validate_self_analysis("  Результаты ВПР подтверждают  \n") == \
        "Результаты ВПР подтверждают"
    for bad, key in [("", "diag-error-analysis-empty"), ("коротко", "diag-error-analysis-short"),
                     ("я" * 3001, "diag-error-analysis-long")]:
        with pytest.raises(ValidationError) as err:
            diag.validate_self_analysis(bad)
        assert err.value.key == key


# ---- the schema -------------------------------------------------------------------------


def problems(text: str, name: str = "x.yaml") -> list[instruments.Problem]:
    with pytest.raises(InstrumentInvalid) as err:
        uploads.read_instrument(text.encode("utf-8"), name)
    return err.value.problems


def default_text() -> str:
    return instruments.DEFAULT_PATH.read_text(encoding="utf-8")


def test_errors_name_the_line_and_the_field() -> None:
    text = default_text().replace("        title:\n          ru: Знание ФГОС", "        titel:\n"
                                  "          ru: Знание ФГОС", 1)
    found = problems(text)
    lines = text.splitlines()
    titel = next(n for n, s in enumerate(lines, 1) if "titel:" in s)
    owner = next(n for n, s in enumerate(lines, 1) if "code: subj_standards" in s)
    assert {(p.key, p.where, p.line) for p in found} == {
        ("diag-ierr-missing", "groups.1.indicators.2.title", owner),  # the item lacking it
        ("diag-ierr-extra", "groups.1.indicators.2.titel", titel),
    }


def test_cross_checks() -> None:
    data = yaml.safe_load(default_text())
    data["groups"][3]["code"] = "subject"
    data["groups"][1]["indicators"][0]["statements"][0]["code"] = "s01"
    data["scale"][1]["value"] = 1
    data["levels"][0]["min_percent"] = 10
    with pytest.raises(InstrumentInvalid) as err:
        instruments.validate(data)
    keys = {(p.key, p.where) for p in err.value.problems}
    assert ("diag-ierr-groups", "groups") in keys
    assert ("diag-ierr-duplicate", "groups.2.indicators.1.statements.1.code") in keys
    assert ("diag-ierr-scale-order", "scale") in keys
    assert ("diag-ierr-levels-first", "levels.1.min_percent") in keys


def test_syntax_type_size_encoding() -> None:
    [p] = problems("format: 1\ncode: [unclosed\n")
    assert p.key == "diag-ierr-syntax" and p.line == 3
    [p] = problems('{"format": 1,\n "code": }', "x.json")
    assert p.key == "diag-ierr-syntax" and p.line == 2
    [p] = problems("- a\n- b\n")
    assert p.key == "diag-ierr-not-mapping"
    assert problems("x", "x.txt")[0].key == "diag-ierr-file-type"
    with pytest.raises(InstrumentInvalid) as err:
        uploads.read_instrument("ы".encode("cp1251"), "x.yaml")
    assert err.value.problems[0].key == "diag-ierr-encoding"
    with pytest.raises(InstrumentInvalid) as err:
        uploads.read_instrument(b"#" * (instruments.MAX_FILE_BYTES + 1), "x.yaml")
    assert err.value.problems[0].key == "diag-ierr-file-size"


def test_json_and_plain_strings_are_accepted() -> None:
    data = yaml.safe_load(default_text())
    data["title"] = "Просто строка"  # a plain string is the Russian text
    data["version"] = 2027.1  # a number in YAML is taken as text
    inst, _ = uploads.read_instrument(json.dumps(data, ensure_ascii=False).encode(), "i.json")
    assert inst.title.ru == "Просто строка" and inst.title.get("en") == "Просто строка"
    assert inst.version == "2027.1"
    # same content, whatever the layout: the same checksum
    again = instruments.validate(inst.model_dump(mode="json"))
    assert again.checksum == inst.checksum
