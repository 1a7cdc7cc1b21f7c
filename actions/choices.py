from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActionType(models.TextChoices):
    CLASSIC = "classic", _("Classic")
    HOLISTIC = "holistic", _("Holistic capacity development")
    REGIONAL = "regional", _("Regional capacity development partnership")


class RequestChannel(models.TextChoices):
    DIRECT = "direct", _("Directly from the institution")
    EU_DELEGATION = "eu_delegation", _("Through an EU Delegation")
    PORTAL = "portal", _("Through the partner portal")


class RequesterRole(models.TextChoices):
    LEAD = "lead", _("Lead requester")
    CO_REQUESTER = "co_requester", _("Co-requester")


class RequestStatus(models.TextChoices):
    # Written by a focal point in the portal and not yet sent: seen only by its institution.
    DRAFT = "draft", _("Draft")
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    CLARIFICATION_REQUESTED = "clarification_requested", _("Clarification requested")
    SUBMITTED = "submitted", _("Submitted to the Steering Committee")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A draft's provisional reference starts so until it is sent (and keeps it if withdrawn unsent):
# services give it, querysets keep such requests with their institution.
DRAFT_REFERENCE_PREFIX = "DRAFT-"

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


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class OecdLevel(models.TextChoices):
    """The OECD's three levels of capacity (DOMAIN.md): every indicator carries one."""

    INDIVIDUAL = "individual", _("Individual")
    ORGANISATIONAL = "organisational", _("Organisational")
    ENABLING_ENVIRONMENT = "enabling_environment", _("Enabling environment")


class KirkpatrickLevel(models.IntegerChoices):
    REACTION = 1, _("1 – Reaction")
    LEARNING = 2, _("2 – Learning")
    BEHAVIOUR = 3, _("3 – Behaviour")
    RESULTS = 4, _("4 – Results")


# Activities that have not happened and may still be moved or called off.
NOT_YET_HELD_ACTIVITY_STATUSES = frozenset(
    {ActivityStatus.PLANNED, ActivityStatus.CONFIRMED, ActivityStatus.POSTPONED}
)


class ExpertRole(models.TextChoices):
    LEAD_EXPERT = "lead_expert", _("Lead expert")
    EXPERT = "expert", _("Expert")
    TRAINER = "trainer", _("Trainer")
    CO_TRAINER = "co_trainer", _("Co-trainer")
    ASSESSOR = "assessor", _("Assessor")


class FollowUpAnswer(models.TextChoices):
    """The 3–6-month follow-up question: has the participant applied what they learned?"""

    YES = "yes", _("Yes, applied")
    PARTLY = "partly", _("Partly applied")
    NO = "no", _("Not applied")


class DeliverableType(models.TextChoices):
    ANALYTICAL_REPORT = "analytical_report", _("Analytical report")
    POLICY = "policy", _("Policy")
    STRATEGY = "strategy", _("Strategy")
    LAW_OR_REGULATION = "law_or_regulation", _("Law or regulation")
    PROCEDURE = "procedure", _("Procedure")
    MANUAL = "manual", _("Manual")
    CURRICULUM = "curriculum", _("Curriculum")
    E_LEARNING = "e_learning", _("E-learning")
    STUDY = "study", _("Study")
    RECOMMENDATIONS = "recommendations", _("Recommendations")


class DeliverableStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VALIDATED = "validated", _("Validated")
    HANDED_OVER = "handed_over", _("Handed over")
    ADOPTED = "adopted", _("Adopted")


class ResultKind(models.TextChoices):
    # "Outcome" also names a Committee decision's outcome: a context lets French and Spanish differ.
    OUTCOME = "outcome", pgettext_lazy("results framework", "Outcome")
    OUTPUT = "output", _("Output")


class IndicatorUnit(models.TextChoices):
    NUMBER = "number", pgettext_lazy("indicator unit", "Number")
    PERCENT = "percent", _("Percentage")


class IndicatorMeasure(models.TextChoices):
    """Where an indicator's actual comes from: entered by staff, or computed from the data."""

    ENTERED = "entered", _("Entered by staff")
    PARTICIPANTS_TRAINED = "participants_trained", _("Computed: people who attended activities")
    PARTICIPANTS_WITH_KNOWLEDGE_GAIN = (
        "participants_with_knowledge_gain",
        _("Computed: participants whose post-test beat their pre-test"),
    )
    PARTICIPANTS_APPLYING_LEARNING = (
        "participants_applying_learning",
        _("Computed: participants who applied what they learned (follow-up)"),
    )
    ACTIVITIES_HELD = "activities_held", _("Computed: activities held")
    REPLICA_SESSIONS_HELD = "replica_sessions_held", _("Computed: replica trainings held")
    EXPERT_DAYS = "expert_days", _("Computed: expert-days on activities held")
    DELIVERABLES_ADOPTED = "deliverables_adopted", _("Computed: deliverables adopted")


# Computed measures that count people: their actuals are disaggregated by sex and institution type.
PARTICIPANT_MEASURES = frozenset(
    {
        IndicatorMeasure.PARTICIPANTS_TRAINED,
        IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN,
        IndicatorMeasure.PARTICIPANTS_APPLYING_LEARNING,
    }
)


class PeriodStatus(models.TextChoices):
    """An entered actual: draft → submitted → approved (locked) or returned with a comment."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    COMPUTED = "computed", _("Computed from the data")


class Disaggregation(models.TextChoices):
    SEX = "sex", _("Sex")
    INSTITUTION_TYPE = "institution_type", _("Institution type")


class CoordinationStage(models.TextChoices):
    """Stages of the implementation cycle of a holistic Action."""

    IDENTIFICATION = "identification", _("Identification")
    DESIGN = "design", _("Design")
    DELIVERY = "delivery", _("Delivery")
    CERTIFICATION = "certification", _("Certification")
    INSTITUTIONALISATION = "institutionalisation", _("Institutionalisation")


class CoordinationActor(models.TextChoices):
    """The actors of the partner country who coordinate in a holistic Action."""

    LEADERSHIP = "leadership", _("Leadership")
    HR = "hr", _("HR department")
    TRAINING_UNIT = "training_unit", _("Training unit")
    THEMATIC_DEPARTMENTS = "thematic_departments", _("Thematic departments")
    CAPACITY_DEVELOPMENT_INSTITUTION = (
        "capacity_development_institution",
        _("Capacity development institution"),
    )
    INTER_AGENCY_MECHANISM = "inter_agency_mechanism", _("Inter-agency mechanism")


class CoordinationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ENGAGED = "engaged", _("Engaged")
    SIGNED_OFF = "signed_off", _("Signed off")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# Files recorded on activities, missions, deliverables and indicator evidence (pages and API alike):
# documents, spreadsheets, slides and scans, at most 10 MB.
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "jpg": "image/jpeg",
    "png": "image/png",
}
