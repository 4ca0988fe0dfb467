from tests.harness import Person


async def test_start_shows_consent(app, teacher: Person) -> None:
    await teacher.send("/start")
    assert "152-ФЗ" in teacher.last.text
