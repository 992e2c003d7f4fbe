"""Engagement selectors."""
