"""Casework choices."""
