"""Requests for support, Steering Committee decisions and the Actions they lead to, with the code
lists the programme reports by."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mieux.models import TimeStampedModel, VersionedModel
from partners.models import Institution, validate_language_codes

from .choices import (
    HELD_ACTIVITY_STATUSES,
    IATI_ACTIVITY_STATUS,
    LAUNCH_TARGET_DAYS,
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    DecisionOutcome,
    PartnerRole,
    RequestChannel,
    RequesterRole,
    RequestStatus,
)
from .querysets import (
    ActionQuerySet,
    ActivityQuerySet,
    CodeListQuerySet,
    MeetingQuerySet,
    SupportRequestQuerySet,
)

# --- Code lists (editable by staff, seeded by a data migration) -------------------------------


class ThematicArea(TimeStampedModel):
    """A thematic area (IMT, LM, IP, MD, HO) or, with a parent, one of its specific areas."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thematic area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="specific_areas",
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("actions:thematic_area_update", args=[self.pk])

    def clean(self) -> None:
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("Specific areas sit directly under a thematic area.")})


class GlobalCompactObjective(TimeStampedModel):
    """One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    title = models.CharField(_("title"), max_length=300)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        verbose_name = _("Global Compact objective")
        verbose_name_plural = _("Global Compact objectives")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:gcm_objective_update", args=[self.pk])


class PurposeCode(TimeStampedModel):
    """An OECD-DAC purpose code; 15190 (migration and mobility) is the default for every Action."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=300)
    is_default = models.BooleanField(_("default"), default=False)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        verbose_name = _("purpose code")
        verbose_name_plural = _("purpose codes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_purpose_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("actions:purpose_code_update", args=[self.pk])


class ProgrammePhase(TimeStampedModel):
    """MIEUX I, II, III and MIEUX+ with their dates."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    objects = CodeListQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")
        ordering = ["starts_on"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actions:phase_update", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A phase cannot end before it starts.")})


# --- Requests -------------------------------------------------------------------------------


class SupportRequest(TimeStampedModel, VersionedModel):
    """A request for support from one or more partner institutions."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=255)
    channel = models.CharField(_("channel"), max_length=20, choices=RequestChannel.choices)
    received_on = models.DateField(_("received on"), default=datetime.date.today, db_index=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    thematic_area = models.ForeignKey(
        ThematicArea, verbose_name=_("thematic area"), on_delete=models.PROTECT, related_name="requests"
    )
    specific_area = models.ForeignKey(
        ThematicArea,
        verbose_name=_("specific area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="specific_requests",
    )
    proposed_action_type = models.CharField(
        _("proposed Action type"), max_length=20, choices=ActionType.choices, default=ActionType.CLASSIC
    )
    needs_statement = models.TextField(_("needs"))
    expected_results = models.TextField(_("expected results"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=RequestStatus.choices,
        default=RequestStatus.RECEIVED,
        db_index=True,
    )
    # The eligibility check as made when the request was registered and each time it moved on.
    is_eligible = models.BooleanField(_("eligible"), default=False)
    eligibility_reasons = models.JSONField(_("eligibility"), default=list, blank=True)
    institutions = models.ManyToManyField(
        Institution,
        through="RequestingInstitution",
        verbose_name=_("requesting institutions"),
        related_name="support_requests",
    )

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:request_detail", args=[self.pk])

    def clean(self) -> None:
        if self.specific_area_id and self.specific_area.parent_id != self.thematic_area_id:
            raise ValidationError({"specific_area": _("Choose a specific area of the chosen thematic area.")})
        if self.thematic_area_id and self.thematic_area.parent_id:
            raise ValidationError({"thematic_area": _("Choose a thematic area, not a specific area.")})


class RequestingInstitution(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="requesters")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=RequesterRole.choices)

    class Meta:
        verbose_name = _("requesting institution")
        verbose_name_plural = _("requesting institutions")
        constraints = [
            models.UniqueConstraint(fields=["request", "institution"], name="requester_once_per_request"),
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(role="lead"), name="one_lead_requester_per_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.get_role_display()})"


class RequestAttachment(TimeStampedModel):
    """A letter, e-mail or concept note attached to a request, stored through Django's storage API."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="requests/%Y/")
    title = models.CharField(_("title"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


# --- Steering Committee ---------------------------------------------------------------------


class SteeringCommitteeMeeting(TimeStampedModel):
    """A meeting of the Steering Committee. Its membership changed over the years, so the members
    present are recorded per meeting."""

    held_on = models.DateField(_("held on"), db_index=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    members_present = models.JSONField(
        _("members present"),
        default=list,
        blank=True,
        help_text=_(
            "One line per member: name and organisation (e.g. DG INTPA, DG HOME, EEAS, DG NEAR, ICMPD)."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Steering Committee meeting")
        verbose_name_plural = _("Steering Committee meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return str(_("Steering Committee of %(date)s") % {"date": date_format(self.held_on)})

    def get_absolute_url(self) -> str:
        return reverse("actions:meeting_detail", args=[self.pk])

    def clean(self) -> None:
        members = self.members_present
        if not isinstance(members, list) or not all(
            isinstance(m, str) and 0 < len(m) <= 200 for m in members
        ):
            raise ValidationError(
                {"members_present": _("Give one line of at most 200 characters per member.")}
            )


class SteeringCommitteeDecision(TimeStampedModel):
    meeting = models.ForeignKey(
        SteeringCommitteeMeeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    request = models.ForeignKey(
        SupportRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=32, choices=DecisionOutcome.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Steering Committee decision")
        verbose_name_plural = _("Steering Committee decisions")
        ordering = ["meeting__held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "request"], name="one_decision_per_request_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()

    def clean(self) -> None:
        if self.outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not self.conditions.strip():
            raise ValidationError({"conditions": _("State the conditions of the approval.")})
        if self.outcome in {DecisionOutcome.REJECTED, DecisionOutcome.DEFERRED} and not self.reason.strip():
            raise ValidationError({"reason": _("Give the reason for the decision.")})


# --- Actions --------------------------------------------------------------------------------


class Action(TimeStampedModel, VersionedModel):
    """A capacity-building Action: classic, holistic capacity development or regional partnership."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    short_name = models.CharField(_("short name"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    type = models.CharField(_("type"), max_length=20, choices=ActionType.choices, db_index=True)
    phase = models.ForeignKey(
        ProgrammePhase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="actions"
    )
    thematic_area = models.ForeignKey(
        ThematicArea, verbose_name=_("thematic area"), on_delete=models.PROTECT, related_name="actions"
    )
    specific_area = models.ForeignKey(
        ThematicArea,
        verbose_name=_("specific area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="specific_actions",
    )
    gcm_objectives = models.ManyToManyField(
        GlobalCompactObjective,
        verbose_name=_("Global Compact objectives"),
        blank=True,
        related_name="actions",
    )
    purpose_code = models.ForeignKey(
        PurposeCode, verbose_name=_("purpose code"), on_delete=models.PROTECT, related_name="actions"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    partners = models.ManyToManyField(
        Institution, through="ActionPartner", verbose_name=_("partners"), related_name="actions"
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor Action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
    )
    request = models.OneToOneField(
        SupportRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action",
    )
    approved_on = models.DateField(_("approved on"), db_index=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    budget_eur = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_assigned",
    )
    published = models.BooleanField(_("published in the public catalogue"), default=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.APPROVED, db_index=True
    )
    # Where a suspended Action resumes.
    suspended_from = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True, editable=False)
    # The day the first activity took place (kept by the activity services; drives launch tracking).
    launched_on = models.DateField(_("launched on"), null=True, blank=True, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Action")
        verbose_name_plural = _("Actions")
        ordering = ["-approved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="action_planned_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual end cannot be before the actual start.")
        if self.specific_area_id and self.specific_area.parent_id != self.thematic_area_id:
            errors["specific_area"] = _("Choose a specific area of the chosen thematic area.")
        if self.predecessor_id and self.pk and self.predecessor_id == self.pk:
            errors["predecessor"] = _("An Action cannot follow itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def iati_status(self) -> int:
        return IATI_ACTIVITY_STATUS[self.status]

    @property
    def days_to_launch(self) -> int | None:
        """Days from approval to the first activity held (so far, while none has been held)."""
        if self.approved_on is None:
            return None
        end = self.launched_on or datetime.date.today()
        return (end - self.approved_on).days

    @property
    def launch_overdue(self) -> bool:
        days = self.days_to_launch
        return days is not None and days > LAUNCH_TARGET_DAYS


class ActionPartner(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="partner_links")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="action_links"
    )
    role = models.CharField(_("role"), max_length=40, choices=PartnerRole.choices)

    class Meta:
        verbose_name = _("Action partner")
        verbose_name_plural = _("Action partners")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "institution", "role"], name="action_partner_role_once")
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.get_role_display()})"


class Activity(TimeStampedModel):
    """An activity of an Action. Issue 4 completes it (experts, participants, reports); the Action's
    guards and launch tracking need its plan and status already."""

    action = models.ForeignKey(
        Action, verbose_name=_("Action"), on_delete=models.CASCADE, related_name="activities"
    )
    sequence = models.PositiveSmallIntegerField(_("number"))
    type = models.CharField(_("type"), max_length=40, choices=ActivityType.choices)
    title = models.CharField(_("title"), max_length=255)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
        db_index=True,
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["action_id", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["action", "sequence"], name="activity_sequence_unique_in_action")
        ]

    def __str__(self) -> str:
        return f"{self.sequence}. {self.title}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()

    def clean(self) -> None:
        if self.status in HELD_ACTIVITY_STATUSES and not self.held_on:
            raise ValidationError({"held_on": _("Give the date the activity was held.")})
