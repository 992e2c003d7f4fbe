"""Intelligence choices."""
