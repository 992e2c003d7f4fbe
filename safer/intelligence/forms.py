"""Intelligence forms."""
