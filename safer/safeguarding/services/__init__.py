"""Safeguarding services: every write validates, saves and records an audit event naming the actor."""
