"""Keyboards shared by features' conversations (the date picker); no handlers of their own —
a feature packs their buttons into its own callback data, so its stale-step checks apply."""
