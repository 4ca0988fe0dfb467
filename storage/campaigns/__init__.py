"""Campaigns and surveys over SQLAlchemy (migration 0014_campaigns)."""
