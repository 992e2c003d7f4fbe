"""Accounts app configuration."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Configuration of the accounts app."""

    name = "safer.accounts"
    label = "accounts"
    verbose_name = "Accounts"
