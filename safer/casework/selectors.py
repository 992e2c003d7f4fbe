"""Casework selectors."""
