"""Campaigns and surveys over SQLAlchemy (migration 0011_campaigns)."""
