"""Intelligence api."""
