"""Intelligence views."""
