"""Storage of the events feature: ``models`` (tables) and ``repo`` (the repository)."""
