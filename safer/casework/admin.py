"""Casework admin."""
