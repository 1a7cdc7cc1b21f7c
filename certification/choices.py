from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CredentialKind(models.TextChoices):
    TRAINER = "trainer", _("Trainer")
    EXPERT = "expert", _("Expert")


class EnrolmentStatus(models.TextChoices):
    """An official's path to certification (DOMAIN: nominated → enrolled → training → assessment →
    supervised practice → portfolio review → panel decision → certified or not)."""

    NOMINATED = "nominated", _("Nominated")
    ENROLLED = "enrolled", _("Enrolled")
    IN_TRAINING = "in_training", _("In training")
    ASSESSMENT = "assessment", _("Assessment")
    SUPERVISED_PRACTICE = "supervised_practice", _("Supervised practice")
    PORTFOLIO_REVIEW = "portfolio_review", _("Portfolio review")
    PANEL_DECISION = "panel_decision", _("Panel decision")
    CERTIFIED = "certified", _("Certified")
    NOT_CERTIFIED = "not_certified", _("Not certified")
    DECLINED = "declined", _("Nomination declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The path in order, up to the panel; then how it ends.
CERTIFICATION_PATH = (
    EnrolmentStatus.NOMINATED,
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.IN_TRAINING,
    EnrolmentStatus.ASSESSMENT,
    EnrolmentStatus.SUPERVISED_PRACTICE,
    EnrolmentStatus.PORTFOLIO_REVIEW,
    EnrolmentStatus.PANEL_DECISION,
)
DECIDED_ENROLMENT_STATUSES = (EnrolmentStatus.CERTIFIED, EnrolmentStatus.NOT_CERTIFIED)

# Enrolments that still hold the official's place in a programme.
LIVE_ENROLMENT_STATUSES = frozenset({*CERTIFICATION_PATH, EnrolmentStatus.CERTIFIED})


class AssessmentKind(models.TextChoices):
    KNOWLEDGE_TEST = "knowledge_test", _("Knowledge test")
    PRACTICAL = "practical", _("Practical assessment")
    SUPERVISED_DELIVERY = "supervised_delivery", _("Supervised delivery")
    PORTFOLIO_REVIEW = "portfolio_review", _("Portfolio review")


class SignOffUnit(models.TextChoices):
    """Which part of the partner institution signs a certification step off."""

    HR = "hr", _("HR department")
    TRAINING_UNIT = "training_unit", _("Training unit")


class CredentialStatus(models.TextChoices):
    # In context: French and Spanish agree these with the feminine noun (attestation, credencial),
    # while the same English words elsewhere describe a person, an Action or an invitation.
    ACTIVE = "active", pgettext_lazy("credential", "Active")
    SUSPENDED = "suspended", pgettext_lazy("credential", "Suspended")
    REVOKED = "revoked", pgettext_lazy("credential", "Revoked")
    EXPIRED = "expired", pgettext_lazy("credential", "Expired")
    SUPERSEDED = "superseded", pgettext_lazy("credential", "Superseded")


class RevocationReason(models.TextChoices):
    """Reason categories shown publicly on the verification page; the detail stays internal."""

    ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
    REQUIREMENTS_NOT_MET = "requirements_not_met", _("Requirements no longer met")
    MISCONDUCT = "misconduct", _("Professional misconduct")
    HOLDER_REQUEST = "holder_request", _("At the holder's request")
    OTHER = "other", _("Other reason")


class ModuleProvider(models.TextChoices):
    MIEUX = "mieux", _("MIEUX+")
    OTHER = "other", _("Another provider")


class CareerChangeKind(models.TextChoices):
    TRAINER_ROLE = "trainer_role", _("Trainer role")
    EXPERT_ROLE = "expert_role", _("Expert role")
    GRADE_STEP = "grade_step", _("Grade step")
    OTHER = "other", _("Other change")


class RecognitionKind(models.TextChoices):
    """How the enabling environment recognises a certification scheme."""

    COORDINATION_MECHANISM = (
        "coordination_mechanism",
        _("Recognised by the inter-agency coordination mechanism"),
    )
    REGULATION = "regulation", _("Recognised in a regulation")
    POLICY = "policy", _("Recognised in a policy or strategy")


class BulkIssueStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
