"""Readers for published open data: police.uk street, outcomes and stop-and-search files (policeuk.py)."""
