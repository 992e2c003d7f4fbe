"""Importing the partner extracts (offence-level recorded crime, ASB incidents) into the warehouse.

Services: `offences_import`, `asb_import` (safer/intelligence/extracts/services.py) and the web-job runner
`extracts_import_runner`. Schemas, validation and the synthetic generator are in safer/intelligence/sources/.
"""
