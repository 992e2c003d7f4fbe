"""Safeguarding api."""
