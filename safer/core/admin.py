"""Core admin."""
