"""Storage of professional activity: ``models`` (tables) and ``repo`` (the repository)."""
