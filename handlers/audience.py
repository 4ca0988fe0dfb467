"""An audience (``domain.audience``) described for people: the filters chosen, with the
profile's own labels. Shared by the broadcasts and the campaigns screens."""

from __future__ import annotations

from aiogram_i18n import I18nContext

from domain.audience import Audience
from domain.ports import UnitOfWork
from handlers.views import esc

#: labels of filter values: the profile's own where they exist
PREFIX = {"roles": "role", "positions": "position", "subjects": "subject",
          "categories": "category", "statuses": "status", "deficits": "ev-group",
          "routes": "bc-routes"}


def value_label(i18n: I18nContext, dim: str, value: str) -> str:
    if dim == "deficits" and value == "never":
        return i18n.get("bc-deficits-never")
    return i18n.get(f"{PREFIX[dim]}-{value}")


def audience_summary(i18n: I18nContext, a: Audience, org_names: dict[int, str],
                     event_title: str | None) -> str:
    lines = []
    if a.orgs:
        names = ", ".join(esc(org_names.get(o, str(o))) for o in a.orgs)
        lines.append(i18n.get("bc-aud-line", name=i18n.get("bc-dim-orgs"), values=names))
    for dim in ("roles", "positions", "subjects", "categories", "statuses", "deficits",
                "routes"):
        values: tuple[str, ...] = getattr(a, dim)
        if values:
            shown = ", ".join(value_label(i18n, dim, v) for v in values)
            lines.append(i18n.get("bc-aud-line", name=i18n.get(f"bc-dim-{dim}"), values=shown))
    if a.event_id is not None and a.event_relation:
        lines.append(i18n.get("bc-aud-line", name=i18n.get("bc-dim-event"),
                              values=i18n.get(f"bc-rel-{a.event_relation}") + " «"
                              + esc(event_title or str(a.event_id)) + "»"))
    if not a.consent_only:
        lines.append(i18n.get("bc-aud-all-people"))
    return "\n".join(lines) if lines else i18n.get("bc-aud-everyone")


async def describe_audience(i18n: I18nContext, uow: UnitOfWork, a: Audience) -> str:
    orgs = await uow.orgs.get_many(list(a.orgs)) if a.orgs else {}
    title = None
    if a.event_id is not None:
        event = await uow.events.get(a.event_id)
        title = event.title if event else None
    return audience_summary(i18n, a, {i: o.name for i, o in orgs.items()}, title)


__all__ = ["PREFIX", "audience_summary", "describe_audience", "value_label"]
