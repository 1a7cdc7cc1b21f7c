"""Requests for support, Steering Committee decisions and the Actions they lead to, with the code
lists the programme reports by."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from mieux.models import TimeStampedModel, VersionedModel
from partners.choices import Gender
from partners.models import Expert, Institution, Person, validate_language_codes

from .choices import (
    HELD_ACTIVITY_STATUSES,
    IATI_ACTIVITY_STATUS,
    LAUNCH_TARGET_DAYS,
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    DecisionOutcome,
    DeliverableStatus,
    DeliverableType,
    ExpertRole,
    FollowUpAnswer,
    ImportStatus,
    IndicatorMeasure,
    IndicatorUnit,
    KirkpatrickLevel,
    Modality,
    OecdLevel,
    PartnerRole,
    PeriodStatus,
    RequestChannel,
    RequesterRole,
    RequestStatus,
    ResultKind,
)
from .querysets import (
    ActionQuerySet,
    ActivityQuerySet,
    AttendanceImportQuerySet,
    CodeListQuerySet,
    CoordinationCellQuerySet,
    DeliverableQuerySet,
    ExpertAssignmentQuerySet,
    IndicatorPeriodQuerySet,
    IndicatorQuerySet,
    MeetingQuerySet,
    ParticipationQuerySet,
    RequestClarificationQuerySet,
    ResultQuerySet,
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
    # Blank only while a draft (or a draft withdrawn unsent): clean() asks for it otherwise.
    needs_statement = models.TextField(_("needs"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    timing = models.CharField(
        _("timing"),
        max_length=255,
        blank=True,
        help_text=_("When the support is needed, and any period to avoid."),
    )
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
        # A draft may be half-written, and stays so if it is withdrawn without being sent (a sent
        # request has its needs: sending and every later edit ask for them).
        may_lack_needs = self.status in {RequestStatus.DRAFT, RequestStatus.WITHDRAWN}
        if not may_lack_needs and not self.needs_statement.strip():
            raise ValidationError({"needs_statement": _("Describe the needs the support should meet.")})

    @property
    def is_draft(self) -> bool:
        return self.status == RequestStatus.DRAFT

    @property
    def open_clarification(self):
        """The clarification question waiting for an answer, if any (from the prefetched list when
        there is one): the latest question, while the request is in "clarification requested" — the
        one the focal point's answer is stored with. A question the officer moved on from without an
        answer ("Resume screening") no longer waits."""
        if self.status != RequestStatus.CLARIFICATION_REQUESTED:
            return None
        clarifications = list(self.clarifications.all())
        if clarifications and not clarifications[-1].answered_at:
            return clarifications[-1]
        return None


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


class RequestClarification(models.Model):
    """A question the programme asks about a request during screening, and the requesting
    institution's answer. Asking moves the request to "clarification requested"; answering moves it
    back to screening (workflows.REQUEST_WORKFLOW)."""

    request = models.ForeignKey(
        SupportRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="clarifications"
    )
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = RequestClarificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")
        ordering = ["request_id", "asked_at", "id"]

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.question[:60]}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()


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
        return self.launch_delay(self.approved_on, self.launched_on)

    @staticmethod
    def launch_delay(approved_on: datetime.date | None, launched_on: datetime.date | None) -> int | None:
        if approved_on is None:
            return None
        end = launched_on or datetime.date.today()
        return (end - approved_on).days

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


# --- Activities and who takes part in them ---------------------------------------------------


class Activity(TimeStampedModel):
    """An activity of an Action: a mission, workshop, training or visit, with its experts, its
    participants and its status (planned → confirmed → held → reported → closed; workflows.py)."""

    action = models.ForeignKey(
        Action, verbose_name=_("Action"), on_delete=models.CASCADE, related_name="activities"
    )
    sequence = models.PositiveSmallIntegerField(_("number"))
    type = models.CharField(_("type"), max_length=40, choices=ActivityType.choices, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    modality = models.CharField(
        _("modality"), max_length=16, choices=Modality.choices, default=Modality.IN_PERSON
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True, db_index=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    duration_hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("2000"))],
        help_text=_("Lets attendance be entered in hours as well as in per cent."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    oecd_level = models.CharField(
        _("OECD level targeted"), max_length=24, choices=OecdLevel.choices, blank=True, db_index=True
    )
    agenda = models.FileField(_("agenda"), upload_to="activities/agendas/%Y/", blank=True)
    report = models.FileField(_("report"), upload_to="activities/reports/%Y/", blank=True)
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
            models.UniqueConstraint(fields=["action", "sequence"], name="activity_sequence_unique_in_action"),
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="activity_planned_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sequence}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:activity_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.status in HELD_ACTIVITY_STATUSES and not self.held_on:
            errors["held_on"] = _("Give the date the activity was held.")
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        if errors:
            raise ValidationError(errors)

    @property
    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """The days the activity takes (or took): from its start to its end, inclusive. None while
        it has no date at all. Expert bookings must not overlap on these days."""
        start = self.held_on or self.planned_start
        if start is None:
            return None
        end = self.planned_end or start
        if self.held_on and self.planned_start and self.planned_end:
            # Held on another day than planned: it lasted as long as planned, from the day held.
            end = self.held_on + (self.planned_end - self.planned_start)
        return start, max(start, end)

    @property
    def is_replica(self) -> bool:
        return self.type == ActivityType.REPLICA_TRAINING


class ExpertAssignment(TimeStampedModel):
    """An expert of the roster booked on an activity."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="expert_assignments"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=ExpertRole.choices, default=ExpertRole.EXPERT)
    days = models.DecimalField(
        _("days"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("366"))],
        help_text=_("Working days, preparation and travel included."),
    )
    nominating_focal_point = models.ForeignKey(
        Person,
        verbose_name=_("nominating Member State focal point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_nominations",
    )
    mission_report = models.FileField(_("mission report"), upload_to="activities/missions/%Y/", blank=True)

    objects = ExpertAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["activity_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "expert"], name="expert_once_per_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.expert} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()


class Participation(TimeStampedModel):
    """A person's attendance of an activity, with their test scores, satisfaction and follow-up.

    Gender and institution are copied from the person when the row is recorded, so reports
    disaggregate by who the participant was then, even if the person later moves on."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, editable=False)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="participations",
        editable=False,
    )
    attendance_percent = models.DecimalField(
        _("attendance (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    attendance_hours = models.DecimalField(
        _("attendance (hours)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    pre_test_score = models.DecimalField(
        _("pre-test score (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    post_test_score = models.DecimalField(
        _("post-test score (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    follow_up_answer = models.CharField(
        _("applied what was learned (3–6-month follow-up)"),
        max_length=8,
        choices=FollowUpAnswer.choices,
        blank=True,
    )
    follow_up_comment = models.TextField(_("follow-up comment"), blank=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["activity_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="person_once_per_activity"),
            models.CheckConstraint(
                condition=models.Q(attendance_percent__isnull=True)
                | models.Q(attendance_percent__gte=0, attendance_percent__lte=100),
                name="participation_attendance_percent_range",
            ),
        ]
        # The lists' orders and filters over a million rows: each filter that narrows by one column
        # reads its index in id order, so a page never sorts (or scans) the whole table.
        indexes = [
            models.Index(fields=["institution", "activity"]),
            models.Index(fields=["activity", "id"], name="participation_by_activity"),
            models.Index(fields=["gender", "id"], name="participation_by_gender"),
            models.Index(fields=["follow_up_answer", "id"], name="participation_by_follow_up"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.activity}"

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()

    def clean(self) -> None:
        errors = {}
        duration = self.activity.duration_hours if self.activity_id else None
        if self.attendance_hours is not None and duration is not None and self.attendance_hours > duration:
            errors["attendance_hours"] = _("Attendance cannot exceed the activity's %(hours)s hours.") % {
                "hours": duration
            }
        if errors:
            raise ValidationError(errors)

    @property
    def knowledge_gain(self) -> Decimal | None:
        if self.pre_test_score is None or self.post_test_score is None:
            return None
        return self.post_test_score - self.pre_test_score


class AttendanceImport(TimeStampedModel):
    """An attendance list uploaded (CSV or XLSX) or pasted for an activity, imported by a Celery task.

    Every row is checked before anything is written: one bad row and nothing is imported, and the
    errors name the row and the column."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="attendance_imports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.FileField(_("file"), upload_to="activities/attendance/%Y/")
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    # [{"row": 3, "field": "post_test_score", "message": "..."}]
    errors = models.JSONField(_("errors"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = AttendanceImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance import")
        verbose_name_plural = _("attendance imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(_("Attendance list for %(activity)s") % {"activity": self.activity})

    def get_absolute_url(self) -> str:
        return reverse("actions:attendance_import_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}


# --- Deliverables -------------------------------------------------------------------------------


class Deliverable(TimeStampedModel):
    """What an Action produces: a report, policy, law, procedure, manual, curriculum …
    draft → validated → handed over → adopted (by a named body on a date)."""

    action = models.ForeignKey(
        Action, verbose_name=_("Action"), on_delete=models.CASCADE, related_name="deliverables"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverables",
    )
    title = models.CharField(_("title"), max_length=300)
    type = models.CharField(_("type"), max_length=24, choices=DeliverableType.choices, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    oecd_level = models.CharField(_("OECD level"), max_length=24, choices=OecdLevel.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to="deliverables/%Y/", blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DeliverableStatus.choices,
        default=DeliverableStatus.DRAFT,
        db_index=True,
    )
    adopting_body = models.CharField(_("adopting body"), max_length=255, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, db_index=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["action_id", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.action_id]) + "?tab=deliverables"

    def clean(self) -> None:
        errors = {}
        if self.language:
            try:
                validate_language_codes([self.language])
            except ValidationError as error:
                errors["language"] = error.messages
        if self.activity_id and self.action_id and self.activity.action_id != self.action_id:
            errors["activity"] = _("Choose an activity of the same Action.")
        if self.status == DeliverableStatus.ADOPTED:
            if not self.adopting_body.strip():
                errors["adopting_body"] = _("Name the body that adopted it.")
            if not self.adopted_on:
                errors["adopted_on"] = _("Give the date it was adopted.")
        if errors:
            raise ValidationError(errors)


# --- Results framework ----------------------------------------------------------------------------


class Result(TimeStampedModel):
    """An expected outcome of an Action, or an output beneath an outcome."""

    action = models.ForeignKey(
        Action, verbose_name=_("Action"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ResultKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=pgettext_lazy("results framework", "outcome"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outputs",
    )
    code = models.CharField(_("code"), max_length=16, help_text=_("Such as OC1 or OP1.2."))
    statement = models.TextField(_("statement"))

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["action_id", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "code"], name="result_code_unique_in_action")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.statement[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.action_id]) + "?tab=results"

    def clean(self) -> None:
        errors = {}
        if self.kind == ResultKind.OUTCOME and self.parent_id:
            errors["parent"] = _("An outcome sits directly under the Action.")
        if self.kind == ResultKind.OUTPUT and self.parent_id:
            if self.parent.kind != ResultKind.OUTCOME:
                errors["parent"] = _("An output sits under an outcome.")
            elif self.parent.action_id != self.action_id:
                errors["parent"] = _("Choose an outcome of the same Action.")
        if errors:
            raise ValidationError(errors)


class Indicator(TimeStampedModel):
    """A measure of a result, at one OECD level, with a baseline and a target and actual per period."""

    action = models.ForeignKey(
        Action, verbose_name=_("Action"), on_delete=models.CASCADE, related_name="indicators"
    )
    result = models.ForeignKey(
        Result,
        verbose_name=_("result"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=300)
    oecd_level = models.CharField(_("OECD level"), max_length=24, choices=OecdLevel.choices, db_index=True)
    kirkpatrick_level = models.PositiveSmallIntegerField(
        _("Kirkpatrick level"), choices=KirkpatrickLevel.choices, null=True, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=8, choices=IndicatorUnit.choices, default=IndicatorUnit.NUMBER
    )
    measure = models.CharField(
        _("source of the actual"),
        max_length=40,
        choices=IndicatorMeasure.choices,
        default=IndicatorMeasure.ENTERED,
    )
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=Decimal("0"))
    comments = models.TextField(_("comments"), blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action_id", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.action_id]) + "?tab=results"

    def clean(self) -> None:
        errors = {}
        if self.result_id and self.action_id and self.result.action_id != self.action_id:
            errors["result"] = _("Choose a result of the same Action.")
        if self.unit == IndicatorUnit.PERCENT and self.baseline is not None and not 0 <= self.baseline <= 100:
            errors["baseline"] = _("A percentage lies between 0 and 100.")
        if self.baseline is not None and self.baseline < 0:
            errors["baseline"] = _("The baseline cannot be negative.")
        if self.measure != IndicatorMeasure.ENTERED and self.unit != IndicatorUnit.NUMBER:
            errors["unit"] = _("Computed actuals are counts: choose the unit Number.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_computed(self) -> bool:
        return self.measure != IndicatorMeasure.ENTERED


class IndicatorPeriod(TimeStampedModel):
    """One reporting period of an indicator: its target and its actual.

    A computed indicator's actual is recalculated from the data whenever it changes; an entered
    actual goes draft → submitted → approved (then locked) or returned with a comment."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="periods"
    )
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(
        pgettext_lazy("indicator value", "actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # {"sex": {"female": 12, "male": 9}, "institution_type": {"national_authority": 21}}
    disaggregation = models.JSONField(_("disaggregation"), default=dict, blank=True)
    evidence = models.FileField(_("evidence"), upload_to="results/evidence/%Y/", blank=True)
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = IndicatorPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["indicator_id", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "starts_on"], name="one_period_per_start"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A period cannot end before it starts.")
        for name in ("target", "actual"):
            value = getattr(self, name)
            if value is None or not self.indicator_id:
                continue
            if value < 0:
                errors[name] = _("Give a value of zero or more.")
            elif self.indicator.unit == IndicatorUnit.PERCENT and value > 100:
                errors[name] = _("A percentage lies between 0 and 100.")
        if errors:
            raise ValidationError(errors)


# --- Holistic coordination ------------------------------------------------------------------------


class CoordinationCell(TimeStampedModel):
    """One cell of a holistic Action's coordination matrix: an actor of the partner country at one
    stage of the implementation cycle, planned → engaged → signed off by a named person."""

    action = models.ForeignKey(
        Action, verbose_name=_("Action"), on_delete=models.CASCADE, related_name="coordination_cells"
    )
    stage = models.CharField(_("stage"), max_length=24, choices=CoordinationStage.choices)
    actor = models.CharField(_("actor"), max_length=40, choices=CoordinationActor.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=CoordinationStatus.choices, default=CoordinationStatus.PLANNED
    )
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordination_cells",
    )
    signed_off_by = models.ForeignKey(
        Person,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordination_sign_offs",
    )
    signed_off_on = models.DateField(_("signed off on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = CoordinationCellQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordination cell")
        verbose_name_plural = _("coordination cells")
        ordering = ["action_id", "stage", "actor"]
        constraints = [
            models.UniqueConstraint(fields=["action", "stage", "actor"], name="one_cell_per_stage_and_actor")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} × {self.get_actor_display()}"

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.action_id]) + "?tab=coordination"

    def clean(self) -> None:
        if self.status == CoordinationStatus.SIGNED_OFF and not self.signed_off_by_id:
            raise ValidationError({"signed_off_by": _("Name the person who signed off.")})
