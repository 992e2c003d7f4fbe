"""Planning selectors."""
