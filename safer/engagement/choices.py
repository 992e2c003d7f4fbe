"""Engagement choices."""
