"""Core api."""
