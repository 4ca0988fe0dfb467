"""Surveys as data: the shipped ones, validation with line and field, uploads in the bot
(admin only) and by the CLI, versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from domain import surveys
from handlers.callbacks import CampCb
from handlers.campaigns.watch import read_survey
from tests.campaigns.kit import people
from tests.conftest import ADMIN_ID
from tests.diagnosis.test_admin import FilesTelegram, send_file
from tests.harness import Person
from tests.test_cli import cli_db, on_db, run_cli  # noqa: F401  (fixture)
from tests.test_settings import clean_env  # noqa: F401  (fixture)

BAD = """\
code: Motives
title: Тест
questions:
  - code: q1
    kind: single
    text: Были ли курсы?
    options:
      - {code: "yes", label: Да}
      - {code: "no", label: Нет}
    skip_if: {answer: "maybe", to: q9}
  - code: q1
    kind: slider
    text: ""
  - code: q3
    kind: scale
    text: Оценка
    min: 5
    max: 1
"""

GOOD = """\
code: region_check
title: Короткий опрос
questions:
  - code: ok
    kind: single
    text: Всё ли понятно?
    options:
      - {code: "yes", label: Да}
      - {code: "no", label: Нет}
    skip_if: {answer: "yes", to: end}
  - code: why
    kind: text
    text: Что непонятно?
"""


def test_the_shipped_surveys_are_valid_and_follow_the_seed() -> None:
    found = {s.code: s for s, _ in surveys.shipped()}
    assert set(found) == {"motives", "support"}
    kinds = {q.kind for s in found.values() for q in s.questions}
    assert kinds == {"single", "multi", "scale", "number", "text"}
    motives = found["motives"]
    i = motives.index("had_courses")
    assert motives.next_index(i, "no") == motives.index("obstacles")  # «if no, skip to»
    assert motives.next_index(i, "yes") == i + 1


def test_every_problem_is_reported_with_its_line_and_field() -> None:
    with pytest.raises(surveys.SurveyInvalid) as info:
        read_survey(BAD.encode(), "bad.yaml")
    found = {(p.key, p.where, p.line) for p in info.value.problems}
    assert ("srv-err-code", "code", 1) in found  # capital letters
    assert ("srv-err-skip-answer", "questions.1.skip_if.answer", 10) in found
    assert ("srv-err-duplicate", "questions.2.code", 11) in found
    assert ("srv-err-kind", "questions.2.kind", 12) in found
    assert ("srv-err-empty", "questions.2.text", 13) in found
    assert ("srv-err-range", "questions.3.max", 18) in found
    with pytest.raises(surveys.SurveyInvalid) as info:
        read_survey(b"code: [unclosed", "broken.yaml")
    assert info.value.problems[0].key == "file-error-syntax"
    with pytest.raises(surveys.SurveyInvalid) as info:
        read_survey(b"{}", "survey.txt")
    assert info.value.problems[0].key == "file-error-type"
    survey, _ = read_survey(GOOD.encode(), "good.yaml")
    assert survey.next_index(0, "yes") is None  # skip to the end


async def test_the_admin_uploads_a_survey_in_the_bot(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    app.bot.session = FilesTelegram()  # files the admin sends
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await admin.send("/menu")
    await admin.press("Опросы и мониторинг")
    await admin.press("Загрузить опрос")
    await send_file(admin, "bad.yaml", BAD.encode())
    text = admin.last.text
    assert "Опрос не загружен, ошибок: 7" in text
    assert "строка 10, поле questions.1.skip_if.answer: нет варианта «maybe»" in text
    assert "строка 12, поле questions.2.kind: тип вопроса" in text
    await send_file(admin, "good.yaml", GOOD.encode())
    assert "Опрос «Короткий опрос» загружен, версия 1, вопросов: 2" in admin.last.text
    await admin.press("Опросы и мониторинг")
    await admin.press("Загрузить опрос")
    await send_file(admin, "good.yaml", GOOD.encode())
    assert "версия 2" in admin.last.text
    # a teacher cannot upload
    teacher = Person(app, 601)
    await teacher.send("/menu")
    await teacher.press("Опросы и мониторинг")
    assert "Загрузить опрос" not in str(teacher.last.buttons())
    await teacher.press_data(CampCb(a="upload").pack())
    assert "недоступно" in teacher.alerts()[-1]


def test_cli_import_survey(cli_db: str, tmp_path: Path, capsys: Any) -> None:  # noqa: F811
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = run_cli(capsys, "import-survey", str(path))
    assert code == 2 and "7 problem(s) in bad.yaml; nothing imported" in err
    assert "bad.yaml:10: questions.1.skip_if.answer: there is no option «maybe»" in err
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    code, out, err = run_cli(capsys, "import-survey", "--check", str(path))
    assert code == 0 and "good.yaml is valid: 2 questions" in out
    code, out, err = run_cli(capsys, "import-survey", str(path))
    assert code == 0 and "stored as version 1" in out
    found = on_db(cli_db, lambda uow: uow.surveys.latest())
    assert [s.code for s in found] == ["region_check"]
