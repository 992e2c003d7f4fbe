"""Geography selectors."""
