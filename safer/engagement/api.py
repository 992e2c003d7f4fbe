"""Engagement api."""
