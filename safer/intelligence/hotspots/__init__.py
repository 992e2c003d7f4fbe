"""Hotspot analysis: grid counts, kernel density, Getis-Ord Gi*, emerging hot spots, change and concentration.

Pure numpy/scipy, no Django (as sfhotspot and PySAL esda): coordinates are British National Grid metres,
every public function takes keyword arguments and returns a frozen dataclass of documented numpy columns.
The rules behind each output are written down in docs/hotspots.md.
"""
