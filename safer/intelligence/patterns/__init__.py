"""Time patterns of records: day-of-week by hour heat map, month-of-year seasonality, night-time-economy window.

Pure numpy, no Django. Times are local clock times (Europe/London) as numpy datetime64 values; the caller
converts from UTC before calling.
"""
