"""Planning choices."""
