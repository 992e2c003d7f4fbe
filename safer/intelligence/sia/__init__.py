"""The Strategic Intelligence Assessment: a report model built from the dashboard's table registry, and its
HTML, PDF and Word renderers (docs/sia.md)."""
