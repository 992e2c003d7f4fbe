"""Safeguarding selectors: every read checks need-to-know (access.py) and audits views of personal data."""
