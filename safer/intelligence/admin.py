"""Intelligence admin."""
