from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionType(models.TextChoices):
    CLASSIC = "classic", _("Classic")
    HOLISTIC = "holistic", _("Holistic capacity development")
    REGIONAL = "regional", _("Regional capacity development partnership")


class RequestChannel(models.TextChoices):
    DIRECT = "direct", _("Directly from the institution")
    EU_DELEGATION = "eu_delegation", _("Through an EU Delegation")


class RequesterRole(models.TextChoices):
    LEAD = "lead", _("Lead requester")
    CO_REQUESTER = "co_requester", _("Co-requester")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    CLARIFICATION_REQUESTED = "clarification_requested", _("Clarification requested")
    SUBMITTED = "submitted", _("Submitted to the Steering Committee")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A request in one of these states waits for someone; the others are decided or closed.
OPEN_REQUEST_STATUSES = frozenset(
    {
        RequestStatus.RECEIVED,
        RequestStatus.SCREENING,
        RequestStatus.CLARIFICATION_REQUESTED,
        RequestStatus.SUBMITTED,
        RequestStatus.DEFERRED,
    }
)


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


class ActionStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    FORMULATION = "formulation", _("Formulation")
    PLAN_AGREED = "plan_agreed", _("Plan agreed")
    IMPLEMENTATION = "implementation", _("Implementation")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


# IATI activity status codes (DOMAIN.md): 1 pipeline, 2 implementation, 3 finalisation,
# 4 closed, 5 cancelled, 6 suspended.
IATI_ACTIVITY_STATUS = {
    ActionStatus.APPROVED: 1,
    ActionStatus.FORMULATION: 1,
    ActionStatus.PLAN_AGREED: 1,
    ActionStatus.IMPLEMENTATION: 2,
    ActionStatus.FOLLOW_UP: 3,
    ActionStatus.CLOSED: 4,
    ActionStatus.CANCELLED: 5,
    ActionStatus.SUSPENDED: 6,
}


class PartnerRole(models.TextChoices):
    LEAD_BENEFICIARY = "lead_beneficiary", _("Lead beneficiary")
    CO_BENEFICIARY = "co_beneficiary", _("Co-beneficiary")
    CAPACITY_DEVELOPMENT_INSTITUTION = (
        "capacity_development_institution",
        _("Capacity development institution"),
    )
    REGIONAL_ORGANISATION = "regional_organisation", _("Regional organisation")
    EU_DELEGATION = "eu_delegation", _("EU Delegation")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# An activity in one of these states has taken place: the first one marks the Action's launch.
HELD_ACTIVITY_STATUSES = frozenset({ActivityStatus.HELD, ActivityStatus.REPORTED, ActivityStatus.CLOSED})


class ActivityType(models.TextChoices):
    IDENTIFICATION_MISSION = "identification_mission", _("Identification mission")
    ASSESSMENT = "assessment", _("Assessment")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    TRAINING = "training", _("Training")
    TRAINING_OF_TRAINERS = "training_of_trainers", _("Training of trainers")
    STUDY_VISIT = "study_visit", _("Study visit")
    ROUND_TABLE = "round_table", _("Round table")
    EXPERT_ADVISORY_MISSION = "expert_advisory_mission", _("Expert advisory mission")
    DRAFTING_SUPPORT = "drafting_support", _("Drafting support")
    ONLINE_COURSE = "online_course", _("Online course")
    REPLICA_TRAINING = "replica_training", _("Replica training")
    LAUNCH_EVENT = "launch_event", _("Launch event")
    CLOSING_EVENT = "closing_event", _("Closing event")


# Target from approval to launch (DOMAIN.md: launch within three months of approval).
LAUNCH_TARGET_DAYS = 92
