"""Copies of files in the other messenger (domain/files.py)."""
