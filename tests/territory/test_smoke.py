from tests.harness import Person
from tests.territory.kit import SCHOOL_C, territory


async def test_smoke(app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, SCHOOL_C)
    await p.send("/menu")
    await p.press("Координатор")
    await p.press("Моя территория")
    print(p.last.text)
    print(p.last.buttons())
    await p.press("Педагоги")
    print(p.last.text)
    print(p.last.buttons())
    await p.press("Алексеева")
    print(p.last.text)
    print(p.last.buttons())
    await p.press("Напомнить")
    print(p.last.text)
    await p.press("К списку")
    await p.press("К показателям")
    await p.press("Графики")
    print(p.last.text)
    await p.press("Выгрузить")
    print(p.last.text, p.last.document)
