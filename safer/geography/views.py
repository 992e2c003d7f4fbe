"""Geography views."""
