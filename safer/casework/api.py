"""Casework api."""
