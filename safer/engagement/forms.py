"""Engagement forms."""
