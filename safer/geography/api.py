"""Geography api."""
