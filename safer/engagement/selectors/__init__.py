"""Engagement selectors: reads with permission filtering and read audit."""
