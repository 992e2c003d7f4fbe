"""Geography admin."""
