"""Dashboard logic without Django: periods, areas, aggregates."""
