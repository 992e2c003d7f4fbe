"""Partner extracts (offence-level recorded crime, ASB incidents): schemas, offence codes, serious violence,
column mapping and the synthetic generator. Pure Python and DuckDB SQL text; no Django here.

The Django-side import services that use these live in safer/intelligence/imports/.
"""
