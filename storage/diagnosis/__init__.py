"""Storage of the diagnosis feature: ``models`` (tables) and ``repo`` (the repository)."""
