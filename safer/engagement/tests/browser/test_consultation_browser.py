"""A consultation from creation to results in Chromium, the pin placed by keyboard only; axe on every page."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from safer.engagement.models import Contribution


def _tab_to(page: Any, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.django_db(transaction=True)
def test_consultation_from_creation_to_results(
    page: Any, browser_sign_in: Any, axe: Any, world: SimpleNamespace, streets: None
) -> None:
    # Staff create and publish the consultation.
    browser_sign_in(page, world.manager)
    page.goto("/engagement/")
    axe(page)
    page.get_by_role("link", name="Create a consultation").click()
    axe(page)
    today = timezone.localdate()
    page.get_by_label("Title", exact=True).fill("Feeling safe in Oxford")
    page.get_by_label("A district").check()
    page.get_by_label("District", exact=True).select_option("Oxford")
    for prefix, date in (("opens_on", today), ("closes_on", today.replace(year=today.year + 1))):
        page.locator(f"#id_{prefix}_0").fill(str(date.day))
        page.locator(f"#id_{prefix}_1").fill(str(date.month))
        page.locator(f"#id_{prefix}_2").fill(str(date.year))
    page.get_by_label("Privacy notice", exact=True).fill("We keep answers for two years.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    axe(page)
    public_url = page.locator("dd a[href*='/engagement/public/consultations/']").get_attribute("href")

    # A resident, signed out, takes part with the keyboard only.
    page.context.clear_cookies()
    page.goto(public_url)
    axe(page)
    _tab_to(page, "a.govuk-button--start")
    page.keyboard.press("Enter")
    page.wait_for_selector("#place-map[data-ready='true']")
    axe(page)
    _tab_to(page, "#place-map")
    for key in ("ArrowUp", "ArrowUp", "ArrowLeft"):
        page.keyboard.press(key)
    _tab_to(page, "#pin-centre")
    page.keyboard.press("Enter")
    assert "Pin placed" in page.locator("#pin-status").inner_text()
    _tab_to(page, "#use-point")
    page.keyboard.press("Enter")
    page.wait_for_url("**/feeling/")
    axe(page)
    _tab_to(page, "input[name='feeling']")
    page.keyboard.press("Space")  # the first answer: Very unsafe
    _tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/why/")
    axe(page)
    _tab_to(page, "input[value='poor_lighting']")
    page.keyboard.press("Space")
    _tab_to(page, "textarea")
    page.keyboard.type("Very dark by the park at night.")
    _tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/about/")
    axe(page)
    _tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/")
    axe(page)
    _tab_to(page, "#send button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sent/")
    axe(page)
    contribution = Contribution.objects.get()
    assert contribution.feeling == 1 and contribution.place_label == ""
    assert [t.code for t in contribution.tags.all()] == ["poor_lighting"]

    # Staff moderate the comment and see the results.
    browser_sign_in(page, world.manager)
    page.goto(f"/engagement/consultations/{contribution.consultation_id}/moderation/")
    axe(page)
    page.get_by_role("link", name="Decide").click()
    axe(page)
    page.get_by_label("Published", exact=True).check()
    page.get_by_label("Reason").select_option("suitable")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    axe(page)
    page.goto(f"/engagement/consultations/{contribution.consultation_id}/results/")
    axe(page)
    assert page.locator("#results-map.leaflet-container").count() == 1
    by_feeling = page.locator("table", has_text="By feeling")
    assert (
        "Very unsafe" in by_feeling.inner_text()
        and "1" in by_feeling.locator("tr", has_text="Very unsafe").inner_text()
    )
    page.goto(f"/engagement/public/consultations/{contribution.consultation_id}/comments/")
    axe(page)
    assert "Very dark by the park at night." in page.content()
