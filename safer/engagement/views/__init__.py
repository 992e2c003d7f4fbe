"""Engagement views: public pages (no sign-in) and staff pages."""
