"""Message templates: strict placeholders, and the partnership's wording overriding the default."""

from __future__ import annotations

import pytest

from safer.core.notifications import Channel, MessageTemplatePlaceholderError
from safer.core.notifications.message_templates import (
    TEMPLATE_DEFAULTS,
    message_template_register,
    message_template_render,
    placeholders_in,
    template_render,
)


class TestTemplateRender:
    def test_a_missing_value_is_refused_naming_it(self):
        with pytest.raises(MessageTemplatePlaceholderError, match=r"No value given for placeholder \{name\}"):
            template_render(subject="", body="Dear {name}", allowed=("name",), context={})

    def test_an_unknown_placeholder_is_refused_listing_the_allowed_ones(self):
        with pytest.raises(MessageTemplatePlaceholderError, match=r"Unknown placeholder \{nmae\}.*\{name\}"):
            template_render(subject="", body="Dear {nmae}", allowed=("name",), context={"nmae": "x"})

    @pytest.mark.parametrize("body", ["Dear {name", "Dear {name.upper}", "Dear {name!r}", "Dear {name:>10}", "{0}"])
    def test_anything_but_a_plain_placeholder_is_refused(self, body):
        with pytest.raises(MessageTemplatePlaceholderError):
            template_render(subject="", body=body, allowed=("name",), context={"name": "x"})

    def test_filled_and_literal_braces_kept(self):
        rendered = template_render(
            subject="Ref {ref}",
            body="{{not a placeholder}} {ref}",
            allowed=("ref",),
            context={"ref": "R1", "extra": "ignored"},
        )
        assert rendered.subject == "Ref R1" and rendered.body == "{not a placeholder} R1"
        assert placeholders_in("{a} and {b}") == {"a", "b"}


@pytest.mark.django_db
class TestStoredTemplates:
    def test_the_partnerships_wording_overrides_the_default(self, make_user):
        from safer.accounts.choices import Role
        from safer.core.notifications.services import message_template_reset, message_template_update

        admin = make_user(role=Role.ADMINISTRATOR)
        message_template_register(
            key="test-x", channel=Channel.EMAIL, subject="S {a}", body="B {a}", placeholders=("a",)
        )
        try:
            message_template_update(actor=admin, key="test-x", channel=Channel.EMAIL, subject="New {a}", body="Nb {a}")
            assert message_template_render(key="test-x", channel=Channel.EMAIL, context={"a": 1}).subject == "New 1"
            with pytest.raises(MessageTemplatePlaceholderError, match="Unknown placeholder"):
                message_template_update(actor=admin, key="test-x", channel=Channel.EMAIL, subject="S", body="{b}")
            message_template_reset(actor=admin, key="test-x", channel=Channel.EMAIL)
            assert message_template_render(key="test-x", channel=Channel.EMAIL, context={"a": 1}).body == "B 1"
        finally:
            TEMPLATE_DEFAULTS.pop(("test-x", Channel.EMAIL))

    def test_a_default_with_an_undeclared_placeholder_fails_at_registration(self):
        with pytest.raises(MessageTemplatePlaceholderError):
            message_template_register(key="test-y", channel=Channel.EMAIL, subject="", body="{b}", placeholders=("a",))
        assert ("test-y", Channel.EMAIL) not in TEMPLATE_DEFAULTS
