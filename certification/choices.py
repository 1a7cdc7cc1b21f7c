from django.db import models
from django.utils.translation import gettext_lazy as _


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


# Enrolments that still hold the official's place in a programme.
LIVE_ENROLMENT_STATUSES = frozenset(
    {
        EnrolmentStatus.NOMINATED,
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.IN_TRAINING,
        EnrolmentStatus.ASSESSMENT,
        EnrolmentStatus.SUPERVISED_PRACTICE,
        EnrolmentStatus.PORTFOLIO_REVIEW,
        EnrolmentStatus.PANEL_DECISION,
        EnrolmentStatus.CERTIFIED,
    }
)
