"""Forms for signing in, two-factor and account administration."""

from __future__ import annotations

from typing import Any

from django import forms

from safer.accounts.choices import AgencyKind, Role
from safer.accounts.models import Organisation, Team, User


class SignInForm(forms.Form):
    """Username and password."""

    username = forms.CharField(label="Username", max_length=150, error_messages={"required": "Enter your username"})
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )


class TokenForm(forms.Form):
    """The six-digit code from an authenticator app."""

    token = forms.RegexField(
        label="Security code",
        regex=r"^\s*\d{6}\s*$",
        help_text="The 6-digit code shown in your authenticator app",
        error_messages={
            "required": "Enter the 6-digit security code",
            "invalid": "Enter the security code as 6 digits",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class OrganisationForm(forms.Form):
    """Create or change an organisation."""

    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the organisation's name"})
    kind = forms.ChoiceField(
        label="Kind of agency",
        choices=AgencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of agency"},
    )
    is_active = forms.BooleanField(label="Active (its users can sign in)", required=False, initial=True)

    def __init__(self, *args: Any, instance: Organisation | None = None, **kwargs: Any) -> None:
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(name__iexact=name)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"An organisation called {name} already exists")
        return name


class TeamForm(forms.Form):
    """Add a team to an organisation."""

    name = forms.CharField(label="Team name", max_length=200, error_messages={"required": "Enter the team's name"})


class _UserFieldsForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.filter(is_active=True),
        required=True,
        error_messages={"required": "Select the user's organisation"},
    )
    team = forms.ModelChoiceField(
        label="Team (optional)", queryset=Team.objects.select_related("organisation"), required=False
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the user's role"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, organisation = data.get("team"), data.get("organisation")
        if team and organisation and team.organisation_id != organisation.pk:
            self.add_error("team", "Select a team in the user's organisation")
        return data


class UserCreateForm(_UserFieldsForm):
    """Create an account."""

    username = forms.RegexField(
        label="Username",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={
            "required": "Enter a username",
            "invalid": "Username can only have letters, digits and . @ + - _",
        },
    )
    password = forms.CharField(
        label="Initial password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; the user should change it",
        error_messages={"required": "Enter a password"},
    )
    field_order = ["username", "first_name", "last_name", "email", "organisation", "team", "role", "password"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is already taken")
        return username


class UserUpdateForm(_UserFieldsForm):
    """Change an account."""

    is_active = forms.BooleanField(label="Active (may sign in)", required=False)
