"""External diagnostics: tables and repository (domain/external)."""
