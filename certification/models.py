"""Certification of officials as trainers or experts, and the verifiable credentials it issues.

A programme (rules, competencies, issuers) → enrolments of nominated officials → assessments,
replica sessions and the institution's sign-offs → a panel decision → a credential anyone can verify.
Beside it, each institution's curriculum and its officials' learning records, so the skills stay
alive after the Action ends."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import Action, Activity
from mieux.models import TimeStampedModel
from partners.models import Institution, Person

from .choices import (
    LIVE_ENROLMENT_STATUSES,
    AssessmentKind,
    BulkIssueStatus,
    CareerChangeKind,
    CredentialKind,
    CredentialStatus,
    EnrolmentStatus,
    ModuleProvider,
    RecognitionKind,
    RevocationReason,
    SignOffUnit,
)
from .querysets import (
    AssessmentQuerySet,
    BulkIssueQuerySet,
    CareerStepQuerySet,
    CertificationProgrammeQuerySet,
    CredentialQuerySet,
    CurriculumModuleQuerySet,
    CurriculumQuerySet,
    EnrolmentQuerySet,
    LearningRecordQuerySet,
    RecognitionEvidenceQuerySet,
    ReplicaSessionQuerySet,
    SignOffQuerySet,
)

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class CertificationProgramme(TimeStampedModel):
    """A path to a trainer or expert credential, run within one or more holistic Actions."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("credential"), max_length=16, choices=CredentialKind.choices)
    description = models.TextField(_("description"), blank=True)
    actions = models.ManyToManyField(
        Action, verbose_name=_("Actions"), related_name="certification_programmes", blank=True
    )
    accepts_nominations = models.BooleanField(_("open for nominations"), default=True)
    co_signer = models.ForeignKey(
        Institution,
        verbose_name=_("co-signing institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_signed_programmes",
        help_text=_(
            "The partner's capacity development institution that issues the credential with the programme."
        ),
    )
    # The rules, with thresholds per programme (DOMAIN: "Certifying trainers and experts").
    mandatory_activities = models.ManyToManyField(
        Activity,
        verbose_name=_("mandatory modules"),
        related_name="+",
        blank=True,
        help_text=_("Activities of the programme's Actions every candidate must attend."),
    )
    min_attendance_percent = models.DecimalField(
        _("minimum attendance of the mandatory modules (%)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("80"),
        validators=PERCENT,
    )
    knowledge_test_threshold = models.DecimalField(
        _("knowledge test pass mark (%)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("70"),
        validators=PERCENT,
    )
    practical_threshold = models.DecimalField(
        _("practical assessment pass mark (% of the rubric)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("70"),
        validators=PERCENT,
    )
    replica_sessions_required = models.PositiveSmallIntegerField(
        _("supervised or co-delivered replica sessions required"),
        default=2,
        validators=[MaxValueValidator(20)],
    )
    replica_min_rating = models.DecimalField(
        _("minimum participant rating of a replica session (1–5)"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("4.0"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    portfolio_required = models.BooleanField(_("portfolio required"), default=True)
    validity_months = models.PositiveSmallIntegerField(
        _("credential valid for (months)"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    objects = CertificationProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification programme")
        verbose_name_plural = _("certification programmes")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("certification:programme_detail", args=[self.pk])


class Enrolment(TimeStampedModel):
    """An official on a certification programme, from nomination by their institution's HR or
    training unit to the panel's decision. The institution is the person's when nominated, so the
    nomination stays with the institution that made it."""

    programme = models.ForeignKey(
        CertificationProgramme,
        verbose_name=_("certification programme"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("official"), on_delete=models.PROTECT, related_name="enrolments"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.NOMINATED,
        db_index=True,
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominated_on = models.DateField(_("nominated on"))
    motivation = models.TextField(
        _("why this official"),
        blank=True,
        help_text=_("The official's role in the institution and how they will pass the skills on."),
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-nominated_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=models.Q(status__in=sorted(LIVE_ENROLMENT_STATUSES)),
                name="one_live_enrolment_per_programme_and_person",
            )
        ]
        indexes = [models.Index(fields=["institution", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("certification:enrolment_detail", args=[self.pk])


class Competency(models.Model):
    """One competency of a programme's framework; also a criterion of the practical rubric."""

    programme = models.ForeignKey(
        CertificationProgramme,
        on_delete=models.CASCADE,
        related_name="competencies",
        verbose_name=_("programme"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["programme", "position", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("certification:programme_detail", args=[self.programme_id]) + "#competencies"


class Assessment(TimeStampedModel):
    """A knowledge test, practical assessment, supervised delivery or portfolio review of a candidate.

    `score` is a percentage; for a practical assessment it is computed from the rubric (competency id
    → level 0–4). Whether it passes is read against the programme's current thresholds, so changing a
    threshold re-evaluates every candidate; a portfolio review is accepted or not by its reviewer."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("enrolment")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=AssessmentKind.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_on = models.DateField(_("assessed on"))
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=1, null=True, blank=True, validators=PERCENT
    )
    rubric = models.JSONField(_("rubric"), default=dict, blank=True)
    portfolio_accepted = models.BooleanField(_("portfolio accepted"), null=True, blank=True)
    replica_session = models.ForeignKey(
        "ReplicaSession",
        verbose_name=_("replica session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="certification/assessments/%Y/", blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["enrolment", "assessed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.enrolment.person}"

    def get_absolute_url(self) -> str:
        return reverse("certification:enrolment_detail", args=[self.enrolment_id]) + "#assessments"


class ReplicaSession(TimeStampedModel):
    """A session an official delivers to colleagues: during certification a supervised or
    co-delivered one counts toward the rule; after it, the multiplier effect. When it is a MIEUX+
    activity, the participant count and rating come from that activity's participations."""

    trainer = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="replica_sessions", verbose_name=_("trainer")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", editable=False, verbose_name=_("institution")
    )
    enrolment = models.ForeignKey(
        Enrolment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replica_sessions",
        verbose_name=_("enrolment"),
    )
    activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replica_sessions",
        verbose_name=_("activity"),
    )
    module = models.ForeignKey(
        "CurriculumModule",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replica_sessions",
        verbose_name=_("curriculum module"),
    )
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("held on"), db_index=True)
    supervised = models.BooleanField(_("supervised or co-delivered"), default=False)
    colleagues_trained = models.PositiveIntegerField(_("colleagues trained"), default=0)
    average_rating = models.DecimalField(
        _("participants' rating (1–5)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ReplicaSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("replica session")
        verbose_name_plural = _("replica sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["institution", "held_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.enrolment_id:
            return reverse("certification:enrolment_detail", args=[self.enrolment_id]) + "#replica-sessions"
        return reverse("certification:learning_record", args=[self.trainer_id])


class SignOff(models.Model):
    """The partner institution's HR department or training unit signing a certification step off.
    The panel cannot certify without the institution's sign-off at the panel step."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="sign_offs")
    step = models.CharField(_("step"), max_length=24, choices=EnrolmentStatus.choices)
    unit = models.CharField(_("unit"), max_length=16, choices=SignOffUnit.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["enrolment", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "step", "unit"], name="one_sign_off_per_step_and_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_unit_display()} – {self.get_step_display()}"


def _new_public_id() -> str:
    return uuid.uuid4().hex


class Credential(TimeStampedModel):
    """A trainer or expert credential issued on certification: an Open Badges 3.0 credential, signed
    as a VC-JWT, with a PDF certificate. The public id is random (unguessable); the signed documents
    are stored as issued so that they verify byte for byte after a key rotation, and their status is
    read live from the status list."""

    public_id = models.CharField(max_length=32, unique=True, default=_new_public_id, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="credentials")
    programme = models.ForeignKey(
        CertificationProgramme, on_delete=models.PROTECT, related_name="credentials"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("holder")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", editable=False, verbose_name=_("institution")
    )
    kind = models.CharField(_("credential"), max_length=16, choices=CredentialKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="en")
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CredentialStatus.choices,
        default=CredentialStatus.ACTIVE,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("reason"), max_length=32, choices=RevocationReason.choices, blank=True
    )
    status_note = models.TextField(_("internal note"), blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes", editable=False
    )
    # Position of this credential in the Bitstring Status Lists (revocation and suspension); random,
    # so the list does not reveal the order of issuing.
    status_index = models.PositiveIntegerField(unique=True, editable=False)
    # The subject is identified by sha256(e-mail + salt), never by the address itself.
    subject_salt = models.CharField(max_length=32, editable=False)
    subject_hash = models.CharField(max_length=80, editable=False)
    document = models.JSONField(_("credential"), default=dict, editable=False)
    jwt = models.TextField(editable=False, blank=True)
    signing_key_id = models.CharField(max_length=64, editable=False, blank=True)
    certificate = models.FileField(
        _("certificate (PDF)"), upload_to="certification/certificates/%Y/", blank=True
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    expiry_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["institution", "status"]),
            models.Index(fields=["status", "valid_until"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("certification:credential_detail", args=[self.pk])

    def get_verification_url(self) -> str:
        return reverse("credential_verify", args=[self.public_id])


class BulkIssue(TimeStampedModel):
    """Issuing the credentials of a cohort (the enrolments a panel certified) as one Celery job, with
    its progress shown on the page."""

    programme = models.ForeignKey(
        CertificationProgramme, on_delete=models.CASCADE, related_name="bulk_issues"
    )
    enrolments = models.ManyToManyField(Enrolment, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=BulkIssueStatus.choices, default=BulkIssueStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    issued_count = models.PositiveIntegerField(_("credentials issued"), default=0)
    total = models.PositiveIntegerField(_("candidates"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = BulkIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("bulk issue")
        verbose_name_plural = _("bulk issues")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(_("Credentials for %(programme)s") % {"programme": self.programme})

    def get_absolute_url(self) -> str:
        return reverse("certification:bulk_issue_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {BulkIssueStatus.DONE, BulkIssueStatus.FAILED}


class RecognitionEvidence(TimeStampedModel):
    """Enabling-environment evidence: the scheme recognised by the inter-agency coordination
    mechanism, a regulation or a policy."""

    programme = models.ForeignKey(
        CertificationProgramme,
        on_delete=models.CASCADE,
        related_name="recognitions",
        verbose_name=_("programme"),
    )
    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("institution"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=RecognitionKind.choices)
    title = models.CharField(_("title"), max_length=255)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    recognised_on = models.DateField(_("recognised on"))
    document = models.FileField(_("document"), upload_to="certification/recognitions/%Y/", blank=True)

    objects = RecognitionEvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition evidence")
        verbose_name_plural = _("recognition evidence")
        ordering = ["-recognised_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("certification:programme_detail", args=[self.programme_id]) + "#levels"


# --- One training programme per institution -------------------------------------------------------


class Curriculum(TimeStampedModel):
    """The institution's training curriculum, kept by its training unit: MIEUX+ modules and training
    from other providers in one place."""

    institution = models.OneToOneField(
        Institution, on_delete=models.PROTECT, related_name="curriculum", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = CurriculumQuerySet.as_manager()

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("certification:curriculum_detail", args=[self.pk])


class CurriculumModule(TimeStampedModel):
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.CASCADE, related_name="modules", verbose_name=_("curriculum")
    )
    title = models.CharField(_("title"), max_length=255)
    provider_kind = models.CharField(_("provided by"), max_length=8, choices=ModuleProvider.choices)
    provider = models.CharField(
        _("provider"),
        max_length=200,
        blank=True,
        help_text=_("The donor, programme or school that delivers it."),
    )
    programme = models.ForeignKey(
        CertificationProgramme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curriculum_modules",
        verbose_name=_("certification programme"),
    )
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    refresher_months = models.PositiveSmallIntegerField(
        _("refresher due after (months)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    trainers = models.ManyToManyField(
        Person, blank=True, related_name="modules_taught", verbose_name=_("in-house trainers")
    )
    is_active = models.BooleanField(_("in the training offer"), default=True)

    objects = CurriculumModuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum modules")
        ordering = ["curriculum", "title", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        anchor = "#mieux-modules" if self.provider_kind == ModuleProvider.MIEUX else "#other-modules"
        return reverse("certification:curriculum_detail", args=[self.curriculum_id]) + anchor


class LearningRecord(TimeStampedModel):
    """One line of an official's learning record: a module completed, from any provider, with the
    date the skill needs refreshing."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="learning_records", verbose_name=_("official")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", editable=False, verbose_name=_("institution")
    )
    module = models.ForeignKey(
        CurriculumModule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learning_records",
        verbose_name=_("module"),
    )
    title = models.CharField(_("title"), max_length=255)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    completed_on = models.DateField(_("completed on"))
    refresh_by = models.DateField(_("refresh by"), null=True, blank=True, db_index=True)
    credential = models.ForeignKey(
        Credential,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("credential"),
    )
    reminder_sent_on = models.DateField(null=True, blank=True, editable=False)

    objects = LearningRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning record")
        verbose_name_plural = _("learning records")
        ordering = ["person", "-completed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("certification:learning_record", args=[self.person_id])


class CareerStep(TimeStampedModel):
    """What a certification changed in the official's career, as HR records it."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="career_steps", verbose_name=_("official")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", editable=False, verbose_name=_("institution")
    )
    credential = models.ForeignKey(
        Credential,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="career_steps",
        verbose_name=_("credential"),
    )
    change = models.CharField(_("change"), max_length=16, choices=CareerChangeKind.choices)
    description = models.CharField(_("description"), max_length=255)
    effective_on = models.DateField(_("effective on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CareerStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("career step")
        verbose_name_plural = _("career steps")
        ordering = ["person", "-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} – {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("certification:learning_record", args=[self.person_id])
