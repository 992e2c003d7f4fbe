"""MATAC: areas and their members, scoring scheme versions, rankings, referrals, subjects, meetings, actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safer.safeguarding.choices import (
    ActionKind,
    ActionStatus,
    Intervention,
    MeetingStatus,
    RiskLevel,
    SubjectStatus,
)


class MatacArea(models.Model):
    """An area with its own 4-weekly MATAC meeting: the districts it covers and who takes part."""

    name = models.CharField(max_length=200, unique=True)
    district_codes = models.JSONField(default=list, blank=True, help_text="Local authority district codes covered")
    organisations = models.ManyToManyField("accounts.Organisation", related_name="matac_areas", blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="matac_areas", blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name


class ScoringSchemeVersion(models.Model):
    """One immutable version of the MATAC points rules (a change saves a new version)."""

    version = models.PositiveIntegerField(unique=True)
    rules = models.JSONField()
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Scheme version {self.version}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)


class Ranking(models.Model):
    """A ranking produced for an area on a date with one scheme version (kept so it can be reproduced)."""

    area = models.ForeignKey(MatacArea, on_delete=models.PROTECT, related_name="rankings")
    scheme = models.ForeignKey(ScoringSchemeVersion, on_delete=models.PROTECT, related_name="rankings")
    as_of = models.DateField()
    incidents_considered = models.PositiveIntegerField(default=0)
    known_by = models.DateTimeField(help_text="Partner referrals received up to this moment were counted")
    synthetic = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_of", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.area.name} ranking as of {self.as_of:%d %B %Y}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return f"ranking {self.pk}"


class RankingEntry(models.Model):
    """One perpetrator's line in a ranking: pseudonymous reference, score and each component."""

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    rank = models.PositiveIntegerField()
    perpetrator_ref = models.CharField(max_length=64)
    score = models.FloatField()
    recency = models.FloatField()
    frequency = models.FloatField()
    gravity = models.FloatField()
    victims = models.FloatField()
    incidents = models.PositiveIntegerField()
    victim_count = models.PositiveIntegerField()
    latest_at = models.DateTimeField()
    latest_risk = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    serial = models.BooleanField(default=False)

    class Meta:
        ordering = ["ranking", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "perpetrator_ref"], name="ranking_entry_unique_ref"),
            models.UniqueConstraint(fields=["ranking", "rank"], name="ranking_entry_unique_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.perpetrator_ref}"


class PartnerReferral(models.Model):
    """A partner agency's referral of a perpetrator, assessed on the same scale as police incidents."""

    area = models.ForeignKey(MatacArea, on_delete=models.PROTECT, related_name="referrals")
    perpetrator_ref = models.CharField(max_length=64)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    referred_at = models.DateTimeField(auto_now_add=True)
    latest_incident_on = models.DateField()
    incidents = models.PositiveIntegerField(default=1)
    crime = models.BooleanField(default=False)
    offence_code = models.CharField(max_length=10, blank=True)
    victim_count = models.PositiveIntegerField(default=1)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, default=RiskLevel.STANDARD)
    evidence = models.TextField()

    class Meta:
        ordering = ["-referred_at"]
        constraints = [models.CheckConstraint(condition=models.Q(incidents__gte=1), name="referral_incidents_min")]

    def __str__(self) -> str:
        return f"Referral of {self.perpetrator_ref}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events (the pseudonymous reference only)."""
        return self.perpetrator_ref


class Subject(models.Model):
    """A perpetrator chosen for MATAC in an area; the name is seen only by that area's meeting members."""

    area = models.ForeignKey(MatacArea, on_delete=models.PROTECT, related_name="subjects")
    perpetrator_ref = models.CharField(max_length=64)
    full_name = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=SubjectStatus.choices, default=SubjectStatus.SELECTED)
    selected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "perpetrator_ref"]
        constraints = [models.UniqueConstraint(fields=["area", "perpetrator_ref"], name="subject_unique_per_area")]

    def __str__(self) -> str:
        return self.perpetrator_ref

    @property
    def audit_label(self) -> str:
        """Label used on audit events (never the name)."""
        return self.perpetrator_ref


class ProgrammeEpisode(models.Model):
    """A spell on the MATAC programme: score at the start, and at discharge (a second spell is a re-entry)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="episodes")
    started_on = models.DateField()
    score_at_start = models.FloatField()
    discharged_on = models.DateField(null=True, blank=True)
    score_at_discharge = models.FloatField(null=True, blank=True)
    discharge_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["subject", "started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discharged_on__isnull=True) | models.Q(discharged_on__gte=models.F("started_on")),
                name="episode_discharge_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Spell from {self.started_on}"


class Meeting(models.Model):
    """One 4-weekly MATAC meeting of an area."""

    area = models.ForeignKey(MatacArea, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    chair = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-held_on"]
        constraints = [models.UniqueConstraint(fields=["area", "held_on"], name="meeting_unique_per_day")]

    def __str__(self) -> str:
        return f"{self.area.name} MATAC, {self.held_on:%d %B %Y}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)


class AgendaItem(models.Model):
    """A subject on a meeting's agenda, with the meeting's decision about them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveIntegerField()
    score = models.FloatField(null=True, blank=True)
    intervention = models.CharField(max_length=20, choices=Intervention.choices, blank=True)
    decision = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "subject"], name="agenda_subject_once")]

    def __str__(self) -> str:
        return f"{self.position}. {self.subject}"


class MatacAction(models.Model):
    """An action a meeting gives an agency, about a perpetrator or a victim's safety."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=20, choices=ActionKind.choices, default=ActionKind.PERPETRATOR)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    owner = models.CharField(max_length=200)
    description = models.TextField()
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]
