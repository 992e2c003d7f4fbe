"""Accounts api."""
