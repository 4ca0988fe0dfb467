"""«Моя территория» and «Мои педагоги» for coordinators (domain.territory). ``build_router``
makes a fresh router each call (one per Dispatcher)."""

from handlers.routing import Router


def build_router() -> Router:
    from handlers.territory import admin, dashboard, digest, export, orgs, roles, teachers

    root = Router(name="territory")
    root.include_routers(dashboard.build(), teachers.build(), export.build(), digest.build(),
                         admin.build(), orgs.build(), roles.build())
    return root


__all__ = ["build_router"]
