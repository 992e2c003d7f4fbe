"""Planning api."""
