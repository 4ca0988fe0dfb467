"""Storage of the courses feature: ``models`` (tables) and ``repo`` (the repository)."""
