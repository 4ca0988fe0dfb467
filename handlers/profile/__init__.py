"""Handlers of the profile feature: onboarding and the profile.

The onboarding / profile form is ``screens.FORM`` on the form engine (``handlers/forms``);
``router`` holds the feature's routers in order."""

from handlers.profile.screens import (  # noqa: F401
    EDIT_STEPS,
    FORM,
    ORDER,
    Ctx,
    ProfileForm,
    reask_current,
    router,
    show_profile,
    start_onboarding,
)
