"""Keyboard builders. Labels come from locales/ through the i18n context."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_i18n import I18nContext

from domain.access import Actor, is_school_coordinator
from domain.entities import Org
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import ChoiceCb, MenuCb, NavCb, PageCb, PickOrgCb

PAGE_SIZE = 8

TEACHER_MENU = ("diagnosis", "route", "events", "courses", "profile", "help")
#: the bot's commands, in the order setMyCommands shows them
COMMANDS = ("start", "menu", "profile", "help", "mydata", "forgetme", "cancel",
            "verify")  # verify: check a certificate by its number (handlers/certificates)
#: what a role adds to the command menu of its own chat (bot/commands.py); a school
#: coordinator («school») also builds the school's group ИОМ (/groupiom, handlers/group_route)
ROLE_COMMANDS = {"coordinator": ("coordinator",), "school": ("groupiom",), "admin": ("admin",)}


def command_menu(actor: Actor | None) -> tuple[str, ...]:
    """The roles whose commands this person's menu shows: () for a teacher (the bot's
    default menu), or some of ("coordinator", "school", "admin") in that order."""
    if actor is None:
        return ()
    school = any(is_school_coordinator(actor, g.org_id) for g in actor.grants)
    return tuple(role for role, has in (("coordinator", actor.is_coordinator),
                                        ("school", school), ("admin", actor.is_admin)) if has)


def commands_of(menu: tuple[str, ...]) -> tuple[str, ...]:
    return COMMANDS[:2] + tuple(c for role in menu for c in ROLE_COMMANDS[role]) + COMMANDS[2:]


def button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def nav_row(i18n: I18nContext, back: bool = True, cancel: bool = True) -> list[InlineKeyboardButton]:
    row = []
    if back:
        row.append(button(i18n.get("btn-back"), NavCb(action="back").pack()))
    if cancel:
        row.append(button(i18n.get("btn-cancel"), NavCb(action="cancel").pack()))
    return row


_MAIN_MENUS: dict[tuple[str, bool, bool], InlineKeyboardMarkup] = {}


def main_menu(i18n: I18nContext, actor: Actor) -> InlineKeyboardMarkup:
    """Built once per (language, which role buttons): the most frequent keyboard."""
    key = (str(i18n.locale), actor.is_coordinator, actor.is_admin)
    markup = _MAIN_MENUS.get(key)
    if markup is None:
        markup = _MAIN_MENUS[key] = _build_main_menu(i18n, actor)
    return markup


def _build_main_menu(i18n: I18nContext, actor: Actor) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for item in TEACHER_MENU:
        kb.button(text=i18n.get(f"menu-{item}"), callback_data=MenuCb(to=item))
    kb.button(text=i18n.get("menu-mentoring"), callback_data=MenuCb(to="mentoring"))
    kb.button(text=i18n.get("menu-activity"), callback_data=MenuCb(to="activity"))
    kb.button(text=i18n.get("menu-campaigns"), callback_data=MenuCb(to="campaigns"))
    if actor.is_coordinator:
        kb.button(text=i18n.get("menu-coordinator"), callback_data=MenuCb(to="coordinator"))
    if actor.is_admin:
        kb.button(text=i18n.get("menu-admin"), callback_data=MenuCb(to="admin"))
    kb.adjust(2)
    return kb.as_markup()


def to_menu(i18n: I18nContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(i18n.get("btn-menu"), MenuCb(to="home").pack())]]
    )


def choices(
    i18n: I18nContext,
    prefix: str,
    values: Iterable[str],
    selected: Sequence[str] = (),
    columns: int = 2,
    done: bool = False,
    back: bool = True,
) -> InlineKeyboardMarkup:
    """Single choice (no ``done``) or multi-select with ✅ marks and a «Готово» button."""
    kb = InlineKeyboardBuilder()
    for value in values:
        mark = "✅ " if value in selected else ""
        kb.button(text=mark + i18n.get(f"{prefix}-{value}"), callback_data=ChoiceCb(value=value))
    kb.adjust(columns)
    if done:
        kb.row(button(i18n.get("btn-done"), NavCb(action="done").pack()))
    kb.row(*nav_row(i18n, back=back))
    return kb.as_markup()


def pager(page: int, pages: int, data: Callable[[int], str]) -> list[InlineKeyboardButton]:
    """◀️ n / N ▶️ for a paged list; ``data(page)`` packs the callback for a page.
    Empty when everything fits on one page."""
    if pages <= 1:
        return []
    row = []
    if page > 0:
        row.append(button("◀️", data(page - 1)))
    row.append(button(f"{page + 1} / {pages}", data(page)))
    if page + 1 < pages:
        row.append(button("▶️", data(page + 1)))
    return row


def org_page(
    i18n: I18nContext,
    orgs: list[Org],
    page: int,
    total: int,
    query: str | None,
    extra: Sequence[InlineKeyboardButton] = (),
    back: bool = True,
    pick: Callable[[int], str] | None = None,
    marked: Collection[int] | None = None,
    top: Sequence[InlineKeyboardButton] = (),
) -> InlineKeyboardMarkup:
    """A page of org units, with paging, search reset and navigation: ``top`` buttons above
    them, ``extra`` below; ``pick(org_id)`` packs a pick (``PickOrgCb`` by default);
    ``marked``: a multi-select, the chosen ones with ✅."""
    if pick is None:
        def pick(org_id: int) -> str:
            return PickOrgCb(org_id=org_id).pack()
    kb = InlineKeyboardBuilder()
    for top_button in top:
        kb.row(top_button)
    for org in orgs:
        mark = "✅ " if marked is not None and org.id in marked else ""
        kb.row(button((mark + org.name)[:60], pick(org.id)))
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if nav := pager(page, pages, lambda n: PageCb(page=n).pack()):
        kb.row(*nav)
    if query:
        kb.row(button(i18n.get("btn-reset-search"), NavCb(action="reset").pack()))
    for extra_button in extra:
        kb.row(extra_button)
    kb.row(*nav_row(i18n, back=back))
    return kb.as_markup()
