"""Demo SIA: one report for Oxfordshire, FY2021/22, written as the `analyst` demo user (listed at /intelligence/sia/).

Built from the real police.uk sample and the SYNTHETIC partner extracts, so the report says SYNTHETIC.
Idempotent: written once.
"""

from __future__ import annotations

DEMO_AREA, DEMO_PERIOD = "Oxfordshire", "FY2021/22"
DEMO_COMPARATORS = ["E06000038", "E06000037", "E06000036"]  # Reading, West Berkshire, Bracknell Forest


def sia_demo_load() -> list[str]:
    """Write the demo report (HTML, PDF, Word) once; lines to print."""
    from django.contrib.auth import get_user_model

    from safer.intelligence.models import SiaReport, SiaReportStatus
    from safer.intelligence.sia.jobs import SiaReportInputError, sia_report_create, sia_report_run

    if SiaReport.objects.filter(
        status=SiaReportStatus.SUCCEEDED, period="FY2021/22", created_by__username="analyst"
    ).exists():
        return ["SIA: the demo report is already written (/intelligence/sia/, sign in as analyst)."]
    analyst = get_user_model().objects.filter(username="analyst").first()
    try:
        report = sia_report_create(
            actor=analyst, area=DEMO_AREA, period=DEMO_PERIOD, comparators=DEMO_COMPARATORS, queue=False
        )
    except SiaReportInputError as error:
        return [f"SIA: demo report skipped ({error})."]
    report = sia_report_run(str(report.pk))
    if report.status != SiaReportStatus.SUCCEEDED:
        return [f"SIA: the demo report failed ({report.error_message})."]
    return [
        f"SIA: {report.title} written as HTML, PDF and Word (SYNTHETIC extracts): /intelligence/sia/ "
        "(sign in as analyst), or `safer sia --area Oxfordshire --period FY2021/22`."
    ]
