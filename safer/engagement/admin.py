"""Engagement admin."""
