"""Account services: sign-in, two-factor, and administration of organisations and users."""
