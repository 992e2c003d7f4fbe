"""The SIA tests use the dashboard tests' warehouse of real-shaped rows."""

from safer.intelligence.tests.dashboard.conftest import dashboard_warehouse

__all__ = ["dashboard_warehouse"]
