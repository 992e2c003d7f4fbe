"""Planning forms."""
