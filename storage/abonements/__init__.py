"""Storage of the «методический абонемент» (domain/abonements)."""
