"""Storage of the mentoring feature: ``models`` (tables) and ``repo`` (the repository)."""
