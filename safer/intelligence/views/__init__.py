"""Intelligence views: imports (views/imports.py) and the dashboard (views/dashboard.py)."""
