"""Planning admin."""
