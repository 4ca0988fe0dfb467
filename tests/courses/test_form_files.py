"""Review of course forms: a «file» button of a form that has no file."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery, SendDocument, SendPhoto

from tests.courses.test_flows import COORD, TEACHER, fill_assignment, forms, people, sent_to
from tests.harness import Person


async def test_file_button_of_a_form_without_a_file_is_explained(app, orgs) -> None:
    """A technical assignment has no certificate; a forged or replayed «file» button on it
    used to be answered with nothing at all (the spinner stopped, no word)."""
    await people(app, orgs)
    teacher, coordinator = Person(app, TEACHER), Person(app, COORD)
    await fill_assignment(teacher)
    form_id = (await forms(app))[0].id
    await coordinator.send("/menu")
    for person, data in ((teacher, f"crf:file:{form_id}"), (coordinator, f"crv:file:{form_id}")):
        calls = await person.press_data(data)
        said = [c.text for c in calls if isinstance(c, AnswerCallbackQuery) and c.text]
        assert any("не приложен файл" in t for t in said), (data, said)
        assert "не приложен файл" in person.last.text
        assert not sent_to(app, person.chat.id, SendDocument)
        assert not sent_to(app, person.chat.id, SendPhoto)
