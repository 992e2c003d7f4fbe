"""Safeguarding admin."""
