"""Storage of the route feature: ``models`` (tables) and ``repo`` (the repository)."""
