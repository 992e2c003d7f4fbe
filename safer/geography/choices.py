"""Geography choices."""
