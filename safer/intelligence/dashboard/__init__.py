"""The dashboard: figures (figures.py, every warehouse read of the dashboard), the table registry feeding
page, export and `safer table` (tables.py), periods, areas, aggregates and charts."""
