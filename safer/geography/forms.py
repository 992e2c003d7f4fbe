"""Geography forms."""
