"""Evaluate an intervention: before/after counts for target, buffer and control areas, difference-in-differences
and the Weighted Displacement Quotient. Pure numpy/scipy/shapely, no Django; methods in docs/hotspots.md."""
