"""The case review's messages to applicants (editable on the message templates page): registered at start-up."""

from __future__ import annotations

from safer.core.notifications import message_template_register

_CLOSE = (
    "You can see your application at any time through this link (keep it private; it works only for you):\n"
    "{status_link}\n\n{partnership}"
)

MESSAGES = {
    "case-review-acknowledgement": (
        "ASB Case Review application {reference} received",
        "Dear {applicant_name},\n\nWe have received your application for an anti-social behaviour case review "
        "(Community Trigger). Your reference is {reference}.\n\nWe will tell you by {decision_due} whether the "
        "threshold for a review is met.\n\n" + _CLOSE,
        ("reference", "applicant_name", "decision_due", "status_link", "partnership"),
        "Sent to the applicant when an application is submitted.",
    ),
    "case-review-threshold-met": (
        "ASB Case Review {reference}: a review will take place",
        "Dear {applicant_name},\n\nThe threshold for an anti-social behaviour case review is met, so the agencies "
        "involved will review how your reports were handled.\n\nWhy: {reasons}\n\nWe will tell you the outcome and "
        "any recommendations by {review_due}.\n\n" + _CLOSE,
        ("reference", "applicant_name", "reasons", "review_due", "status_link", "partnership"),
        "Sent when the coordinator decides the threshold is met.",
    ),
    "case-review-threshold-not-met": (
        "ASB Case Review {reference}: the threshold is not met",
        "Dear {applicant_name},\n\nWe have checked your application against the reports recorded by the agencies. "
        "The threshold for an anti-social behaviour case review is not met.\n\nWhy: {reasons}\n\nIf you are not "
        "satisfied with how your application was handled, you can ask {pcc_contact} to look at it.\n\n" + _CLOSE,
        ("reference", "applicant_name", "reasons", "pcc_contact", "status_link", "partnership"),
        "Sent when the coordinator decides the threshold is not met; says how to ask the PCC's office.",
    ),
    "case-review-outcome": (
        "ASB Case Review {reference}: the outcome",
        "Dear {applicant_name},\n\nThe review of how your reports were handled is complete.\n\nOutcome: {outcome}\n\n"
        "Recommendations:\n{recommendations}\n\nIf you are not satisfied with how the review was carried out, you "
        "can ask {pcc_contact} to look at how it was done.\n\n" + _CLOSE,
        ("reference", "applicant_name", "outcome", "recommendations", "pcc_contact", "status_link", "partnership"),
        "Sent when the review closes: outcome, recommendations and how to ask the PCC's office for a review.",
    ),
}

# The same messages in Welsh, for applicants who applied on the Welsh pages: registered under `<key>-cy`, so a
# partnership edits the Welsh wording on the message templates page as it does the English. Letters
# kept as PDFs for printing use a Latin-1 font, so the defaults avoid ŵ and ŷ.
_CLOSE_CY = (
    "Gallwch weld eich cais unrhyw bryd drwy'r ddolen hon (cadwch hi'n breifat; dim ond i chi mae'n gweithio):\n"
    "{status_link}\n\n{partnership}"
)

MESSAGES_CY = {
    "case-review-acknowledgement": (
        "Cais am Adolygiad Achos YGG {reference} wedi dod i law",
        "Annwyl {applicant_name},\n\nRydym wedi cael eich cais am adolygiad achos ymddygiad gwrthgymdeithasol "
        "(y Sbardun Cymunedol). Eich cyfeirnod yw {reference}.\n\nByddwn yn rhoi gwybod i chi erbyn {decision_due} "
        "a yw'r trothwy ar gyfer adolygiad wedi'i gyrraedd.\n\n" + _CLOSE_CY,
    ),
    "case-review-threshold-met": (
        "Adolygiad Achos YGG {reference}: bydd adolygiad yn cael ei gynnal",
        "Annwyl {applicant_name},\n\nMae'r trothwy ar gyfer adolygiad achos ymddygiad gwrthgymdeithasol wedi'i "
        "gyrraedd, felly bydd yr asiantaethau dan sylw yn adolygu sut yr ymdriniwyd â'ch adroddiadau.\n\n"
        "Pam: {reasons}\n\nByddwn yn rhoi gwybod i chi am y canlyniad ac unrhyw argymhellion erbyn {review_due}.\n\n"
        + _CLOSE_CY,
    ),
    "case-review-threshold-not-met": (
        "Adolygiad Achos YGG {reference}: nid yw'r trothwy wedi'i gyrraedd",
        "Annwyl {applicant_name},\n\nRydym wedi gwirio eich cais yn erbyn yr adroddiadau a gofnodwyd gan yr "
        "asiantaethau. Nid yw'r trothwy ar gyfer adolygiad achos ymddygiad gwrthgymdeithasol wedi'i gyrraedd.\n\n"
        "Pam: {reasons}\n\nOs nad ydych yn fodlon â'r ffordd yr ymdriniwyd â'ch cais, gallwch ofyn i {pcc_contact} "
        "edrych arno.\n\n" + _CLOSE_CY,
    ),
    "case-review-outcome": (
        "Adolygiad Achos YGG {reference}: y canlyniad",
        "Annwyl {applicant_name},\n\nMae'r adolygiad o'r ffordd yr ymdriniwyd â'ch adroddiadau wedi'i gwblhau.\n\n"
        "Canlyniad: {outcome}\n\nArgymhellion:\n{recommendations}\n\nOs nad ydych yn fodlon â'r ffordd y "
        "cynhaliwyd yr adolygiad, gallwch ofyn i {pcc_contact} edrych ar sut y cafodd ei wneud.\n\n" + _CLOSE_CY,
    ),
}
WELSH_SUFFIX = "-cy"


def message_key(key: str, language: str) -> str:
    """The template key of a message in the applicant's language (the Welsh one ends in -cy)."""
    return key + WELSH_SUFFIX if language == "cy" else key


def case_review_messages_register() -> None:
    """Register every case review message, in English and in Welsh, for email and for letter."""
    for key, (subject, body, placeholders, description) in MESSAGES.items():
        subject_cy, body_cy = MESSAGES_CY[key]
        for channel in ("email", "letter"):
            message_template_register(
                key=key, channel=channel, subject=subject, body=body, placeholders=placeholders, description=description
            )
            message_template_register(
                key=message_key(key, "cy"),
                channel=channel,
                subject=subject_cy,
                body=body_cy,
                placeholders=placeholders,
                description=f"In Welsh, for applicants who applied in Welsh. {description}",
            )
