"""`{% url %}` remembering reversed URLs: the same output as Django's tag, per script prefix and URLconf."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from safer.core.templatetags import remembered_urls


def _render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_the_builtin_url_tag_is_the_remembering_one():
    template = Template("{% url 'casework:case-detail' ref %}")
    assert isinstance(template.nodelist[0], remembered_urls.RememberedURLNode)


def test_same_urls_as_reverse_and_remembered():
    remembered_urls._REMEMBERED.clear()
    source = "{% url 'casework:case-detail' ref %}|{% url 'casework:case-detail' reference=ref %}|{% url 'core:home' %}"
    for ref in ("ASB-2026-00001", "ASB-2026-00002", "ASB-2026-00001"):
        expected = "|".join(
            [
                reverse("casework:case-detail", args=[ref]),
                reverse("casework:case-detail", kwargs={"reference": ref}),
                reverse("core:home"),
            ]
        )
        assert _render(source, ref=ref) == expected
    assert len(remembered_urls._REMEMBERED) == 5  # three for the first reference, two more for the second


def test_the_script_prefix_is_part_of_the_answer():
    remembered_urls._REMEMBERED.clear()
    try:
        set_script_prefix("/safer/")
        assert _render("{% url 'core:home' %}") == "/safer/"
    finally:
        set_script_prefix("/")
    assert _render("{% url 'core:home' %}") == "/"


def test_failures_and_as_var_behave_as_django():
    with pytest.raises(NoReverseMatch):
        _render("{% url 'casework:case-detail' 'not a reference' %}")
    assert _render("{% url 'casework:case-detail' 'nope' as link %}[{{ link }}]") == "[]"
    assert _render("{% url 'core:home' as link %}[{{ link }}]") == "[/]"


def test_escaped_unless_autoescape_is_off():
    remembered_urls._REMEMBERED.clear()
    # Reversing quotes unsafe characters, so the remembered answer is already safe HTML; escaping is kept anyway.
    assert _render("{% autoescape off %}{% url 'core:home' %}{% endautoescape %}") == "/"
