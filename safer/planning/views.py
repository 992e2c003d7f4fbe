"""Planning views."""
