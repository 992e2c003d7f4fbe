"""Casework forms."""
