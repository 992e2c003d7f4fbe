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


def case_review_messages_register() -> None:
    """Register every case review message for email and for letter."""
    for key, (subject, body, placeholders, description) in MESSAGES.items():
        for channel in ("email", "letter"):
            message_template_register(
                key=key, channel=channel, subject=subject, body=body, placeholders=placeholders, description=description
            )
