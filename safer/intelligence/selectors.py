"""Intelligence selectors."""
