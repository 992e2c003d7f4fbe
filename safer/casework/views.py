"""Casework views."""
