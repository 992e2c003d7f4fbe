"""Message templates: defaults each app registers in code, rendering with `{placeholders}` checked strictly.

An app declares its messages once (`message_template_register`, from its AppConfig.ready()); a partnership
edits the wording on the templates page, which stores a `MessageTemplate` row overriding the default. Rendering
refuses a placeholder the template may not use and a placeholder the caller gave no value for, so a message never
goes out with a gap or with a stray brace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Formatter
from typing import Any

from safer.core.notifications.choices import Channel
from safer.core.notifications.errors import MessageTemplateNotFoundError, MessageTemplatePlaceholderError


@dataclass(frozen=True)
class TemplateDefault:
    """The wording an app ships for one message on one channel, and the placeholders it supplies."""

    key: str
    channel: str
    subject: str
    body: str
    placeholders: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class RenderedMessage:
    """A template filled in: what is sent."""

    subject: str
    body: str


_KEY = re.compile(r"^[a-z0-9_-]{1,100}$")

# Extension point: apps add their defaults here (message_template_register), keyed by (key, channel).
TEMPLATE_DEFAULTS: dict[tuple[str, str], TemplateDefault] = {}


def message_template_register(
    *, key: str, channel: str, subject: str, body: str, placeholders: tuple[str, ...], description: str = ""
) -> TemplateDefault:
    """Declare the default wording of a message (idempotent; the defaults are checked here, at start-up)."""
    if channel not in Channel.values:
        raise MessageTemplatePlaceholderError(f"Channel {channel!r} is not one of {', '.join(Channel.values)}.")
    if not _KEY.match(key):
        raise MessageTemplatePlaceholderError(f"Template key {key!r} must be lower-case letters, digits, - and _.")
    default = TemplateDefault(key, channel, subject, body, tuple(placeholders), description)
    template_placeholders_check(subject=subject, body=body, allowed=default.placeholders)
    TEMPLATE_DEFAULTS[(key, channel)] = default
    return default


def placeholders_in(text: str) -> set[str]:
    """The placeholder names in a text; only plain `{name}` is allowed (no formats, attributes or indexes)."""
    names: set[str] = set()
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as error:
        raise MessageTemplatePlaceholderError(
            f"The template has an unmatched brace ({error}). Write placeholders as {{name}}; "
            "write a literal brace as {{ or }}."
        ) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise MessageTemplatePlaceholderError(
                f"Placeholder {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} is not "
                "allowed: use a plain name such as {reference}."
            )
        names.add(name)
    return names


def template_placeholders_check(*, subject: str, body: str, allowed: tuple[str, ...] | list[str]) -> None:
    """Refuse a subject or body using a placeholder not in `allowed`, naming it and the allowed ones."""
    unknown = sorted((placeholders_in(subject) | placeholders_in(body)) - set(allowed))
    if unknown:
        names = ", ".join("{" + name + "}" for name in unknown)
        offered = ", ".join("{" + name + "}" for name in allowed) or "none"
        raise MessageTemplatePlaceholderError(
            f"Unknown placeholder {names}. This message can use: {offered}.", field="body"
        )


def template_render(
    *, subject: str, body: str, allowed: tuple[str, ...] | list[str], context: dict[str, Any]
) -> RenderedMessage:
    """Fill a template: every placeholder must be allowed and have a value in `context`."""
    template_placeholders_check(subject=subject, body=body, allowed=allowed)
    missing = sorted((placeholders_in(subject) | placeholders_in(body)) - set(context))
    if missing:
        names = ", ".join("{" + name + "}" for name in missing)
        raise MessageTemplatePlaceholderError(
            f"No value given for placeholder {names}; the sending code must supply it."
        )
    values = {name: str(value) for name, value in context.items()}
    return RenderedMessage(subject=subject.format_map(values), body=body.format_map(values))


def message_template_get(*, key: str, channel: str) -> tuple[str, str, tuple[str, ...]]:
    """The wording in use for a key and channel: (subject, body, placeholders), the partnership's or the default."""
    from safer.core.notifications.models import MessageTemplate

    stored = MessageTemplate.objects.filter(key=key, channel=channel).first()
    if stored is not None:
        return stored.subject, stored.body, tuple(stored.placeholders)
    default = TEMPLATE_DEFAULTS.get((key, channel))
    if default is None:
        raise MessageTemplateNotFoundError(
            f"No {channel} template with key {key!r}. Register a default with message_template_register."
        )
    return default.subject, default.body, default.placeholders


def message_template_render(*, key: str, channel: str, context: dict[str, Any]) -> RenderedMessage:
    """Render the template in use for this key and channel with `context`."""
    subject, body, allowed = message_template_get(key=key, channel=channel)
    return template_render(subject=subject, body=body, allowed=allowed, context=context)
