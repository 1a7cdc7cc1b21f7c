"""Scoped reads of certification that are more than a filter: whom a user may nominate, which
programmes wait for their nominations, an official's own enrolments, and the certification path (the
board by stage with each candidate's rules, the programme across the three OECD levels, the pieces
of an enrolment's page)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    DecimalField,
    Exists,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce

from actions.models import ActionPartner, Activity, Participation
from partners.models import Institution, Person

from .choices import (
    CERTIFICATION_PATH,
    DECIDED_ENROLMENT_STATUSES,
    LIVE_ENROLMENT_STATUSES,
    AssessmentKind,
    CredentialStatus,
    EnrolmentStatus,
    SignOffUnit,
)
from .models import (
    Assessment,
    CertificationProgramme,
    Competency,
    Credential,
    CurriculumModule,
    Enrolment,
    RecognitionEvidence,
    ReplicaSession,
    SignOff,
)
from .permissions import NOMINATORS, sign_off_unit_of


def nominable_people(user, programme: CertificationProgramme) -> QuerySet:
    """The people this user may put forward for `programme`: people they see (PersonQuerySet.for_user,
    so an HR officer sees only their own institution's), of an institution taking part in one of the
    programme's Actions, and not already holding a live place in it. The service re-checks all of it."""
    taking_part = ActionPartner.objects.filter(action__in=programme.actions.values("pk")).values(
        "institution_id"
    )
    holding_a_place = Enrolment.objects.filter(
        programme=programme, status__in=sorted(LIVE_ENROLMENT_STATUSES)
    ).values("person_id")
    return (
        Person.objects.for_user(user)
        .filter(institution_id__in=taking_part)
        .exclude(pk__in=holding_a_place)
        .select_related("institution")
        .order_by("last_name", "first_name", "id")
    )


def programmes_open_for_nominations(user) -> QuerySet:
    """Programmes of the Actions the user's institution takes part in that take nominations now;
    empty for users who do not nominate (only HR and training-unit officers see this as a task)."""
    if not (user.is_authenticated and user.role in NOMINATORS):
        return CertificationProgramme.objects.none()
    return (
        CertificationProgramme.objects.for_user(user).filter(accepts_nominations=True).order_by("name", "id")
    )


def own_enrolments(user) -> QuerySet:
    """The user's own enrolments (as the official certified), newest first."""
    return (
        Enrolment.objects.for_user(user)
        .filter(person__user=user)
        .select_related("programme", "institution")
        .order_by("-nominated_on", "-id")
    )


def programme_enrolments(user, programme: CertificationProgramme) -> QuerySet:
    """The enrolments of `programme` this user sees: all for staff, their institution's for its focal
    point, HR and training-unit officers, their own for an official."""
    return (
        Enrolment.objects.for_user(user)
        .filter(programme=programme)
        .select_related("person", "institution", "nominated_by")
        .order_by("-nominated_on", "-id")
    )


# --- The certification path: board, programme levels (OECD), enrolment page ----------------------

# The board's columns: the path in order, then its two endings.
BOARD_STATUSES = (*CERTIFICATION_PATH, *DECIDED_ENROLMENT_STATUSES)
RULE_COUNT = 5


def _best_score(kind: str):
    rows = (
        Assessment.objects.filter(enrolment_id=OuterRef("pk"), kind=kind)
        .order_by()
        .values("enrolment_id")
        .annotate(best=Max("score"))
        .values("best")
    )
    return Subquery(rows, output_field=DecimalField(max_digits=5, decimal_places=1))


def with_rule_figures(enrolments: QuerySet, programme: CertificationProgramme) -> tuple[QuerySet, int]:
    """Annotate each enrolment of `programme` with the figures behind the five eligibility rules, in
    SQL (one query for the whole list): the same figures eligibility.enrolment_eligibility computes
    for one enrolment, so the board and the enrolment page agree. Returns the queryset and the number
    of mandatory modules; `rules_met_count` reads the rules off each row."""
    mandatory_ids = list(programme.mandatory_activities.values_list("pk", flat=True))
    attended = (
        Participation.objects.filter(person_id=OuterRef("person_id"), activity_id__in=mandatory_ids)
        .order_by()
        .values("person_id")
        .annotate(total=Sum("attendance_percent"))
        .values("total")
    )
    activity_rating = (
        Participation.objects.filter(activity_id=OuterRef("activity_id"))
        .order_by()
        .values("activity_id")
        .annotate(rating=Avg("satisfaction"))
        .values("rating")
    )
    good_sessions = (
        ReplicaSession.objects.filter(enrolment_id=OuterRef("pk"), supervised=True)
        .annotate(
            rating=Coalesce(
                Subquery(activity_rating, output_field=FloatField()),
                Cast("average_rating", FloatField()),
            )
        )
        .filter(rating__gte=float(programme.replica_min_rating))
        .order_by()
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    latest_portfolio = (
        Assessment.objects.filter(enrolment_id=OuterRef("pk"), kind=AssessmentKind.PORTFOLIO_REVIEW)
        .order_by("-assessed_on", "-id")
        .values("portfolio_accepted")[:1]
    )
    return enrolments.annotate(
        attendance_total=Subquery(attended, output_field=DecimalField(max_digits=8, decimal_places=1)),
        best_knowledge=_best_score(AssessmentKind.KNOWLEDGE_TEST),
        best_practical=_best_score(AssessmentKind.PRACTICAL),
        good_replica_sessions=Coalesce(Subquery(good_sessions, output_field=IntegerField()), 0),
        latest_portfolio=Subquery(latest_portfolio, output_field=BooleanField()),
    ), len(mandatory_ids)


def rules_met_count(enrolment, programme: CertificationProgramme, module_count: int) -> int:
    """How many of the five rules an enrolment annotated by `with_rule_figures` meets."""
    met = 0
    if module_count:
        attendance = (Decimal(enrolment.attendance_total or 0) / module_count).quantize(Decimal("0.1"))
        met += attendance >= programme.min_attendance_percent
    knowledge, practical = enrolment.best_knowledge, enrolment.best_practical
    met += knowledge is not None and Decimal(knowledge) >= programme.knowledge_test_threshold
    met += practical is not None and Decimal(practical) >= programme.practical_threshold
    met += (enrolment.good_replica_sessions or 0) >= programme.replica_sessions_required
    met += (not programme.portfolio_required) or enrolment.latest_portfolio is True
    return met


def programme_board(user, programme: CertificationProgramme) -> list[dict]:
    """The enrolments this user sees, by stage, each card with how many rules it meets: one query
    for the cards, one for the mandatory modules."""
    enrolments, module_count = with_rule_figures(
        Enrolment.objects.for_user(user)
        .filter(programme=programme, status__in=BOARD_STATUSES)
        .select_related("person", "institution")
        .order_by("person__last_name", "person__first_name", "pk"),
        programme,
    )
    columns = {status: [] for status in BOARD_STATUSES}
    for enrolment in enrolments:
        enrolment.rules_met = rules_met_count(enrolment, programme, module_count)
        enrolment.all_rules_met = enrolment.rules_met == RULE_COUNT
        columns[enrolment.status].append(enrolment)
    labels = dict(EnrolmentStatus.choices)
    return [{"status": status, "label": labels[status], "cards": cards} for status, cards in columns.items()]


def programme_levels(user, programme: CertificationProgramme) -> dict:
    """The programme across the three OECD levels, as far as this user sees it, in a fixed number of
    queries whatever the number of enrolments, credentials or institutions:

    - individual: enrolments per status (the funnel) and credentials per status;
    - organisational, per institution: the pool of people holding an active credential, the HR and
      training-unit sign-offs given, the certified trainers placed in the institution's own training
      offer (curriculum modules they teach);
    - enabling environment: the recognition evidence."""
    enrolments = Enrolment.objects.for_user(user).filter(programme=programme).order_by()
    funnel_counts = dict(enrolments.values_list("status").annotate(n=Count("pk")))
    credentials = Credential.objects.for_user(user).filter(programme=programme).order_by()
    credential_counts = dict(credentials.values_list("status").annotate(n=Count("pk")))
    active = credentials.filter(status=CredentialStatus.ACTIVE)

    rows: dict[int, dict] = {}

    def row(institution_id) -> dict:
        return rows.setdefault(
            institution_id,
            {"enrolments": 0, "pool": 0, "hr_sign_offs": 0, "training_sign_offs": 0, "placed": 0},
        )

    for institution_id, count in enrolments.values_list("institution_id").annotate(n=Count("pk")):
        row(institution_id)["enrolments"] = count
    for institution_id, count in active.values_list("institution_id").annotate(
        n=Count("person_id", distinct=True)
    ):
        row(institution_id)["pool"] = count
    sign_offs = (
        SignOff.objects.for_user(user)
        .filter(enrolment__programme=programme)
        .order_by()
        .values_list("enrolment__institution_id", "unit")
        .annotate(n=Count("pk"))
    )
    for institution_id, unit, count in sign_offs:
        key = "hr_sign_offs" if unit == SignOffUnit.HR else "training_sign_offs"
        row(institution_id)[key] += count
    placed = (
        CurriculumModule.objects.for_user(user)
        .filter(is_active=True, trainers__in=active.values("person_id"))
        .order_by()
        .values_list("curriculum__institution_id")
        .annotate(n=Count("trainers", distinct=True))
    )
    for institution_id, count in placed:
        row(institution_id)["placed"] = count
    institutions = Institution.objects.in_bulk(list(rows))
    organisational = sorted(
        ({"institution": institutions[pk], **figures} for pk, figures in rows.items() if pk in institutions),
        key=lambda item: str(item["institution"]),
    )
    labels = dict(EnrolmentStatus.choices)
    funnel_total = sum(funnel_counts.values())
    return {
        "funnel": [
            {
                "status": status,
                "label": labels[status],
                "count": funnel_counts.get(status, 0),
                "percent": round(100 * funnel_counts.get(status, 0) / funnel_total) if funnel_total else 0,
            }
            for status, _label in EnrolmentStatus.choices
            if status in BOARD_STATUSES or funnel_counts.get(status)
        ],
        "funnel_total": funnel_total,
        "credentials": {
            "active": credential_counts.get(CredentialStatus.ACTIVE, 0),
            "expired": credential_counts.get(CredentialStatus.EXPIRED, 0),
            "revoked": credential_counts.get(CredentialStatus.REVOKED, 0),
            "suspended": credential_counts.get(CredentialStatus.SUSPENDED, 0),
        },
        "organisational": organisational,
        "recognitions": list(
            RecognitionEvidence.objects.for_user(user)
            .filter(programme=programme)
            .select_related("institution")
            .order_by("-recognised_on", "-id")
        ),
    }


def programme_competencies(programme: CertificationProgramme) -> QuerySet:
    return Competency.objects.filter(programme=programme).order_by("position", "id")


def enrolment_assessments(user, enrolment: Enrolment) -> QuerySet:
    return (
        Assessment.objects.for_user(user)
        .filter(enrolment=enrolment)
        .select_related("assessor", "replica_session")
        .order_by("-assessed_on", "-id")
    )


def enrolment_replica_sessions(user, enrolment: Enrolment) -> QuerySet:
    """The candidate's sessions (on this path or not), with the rating their activity's participants
    gave when the session was a MIEUX+ activity."""
    return (
        ReplicaSession.objects.for_user(user)
        .filter(trainer_id=enrolment.person_id)
        .select_related("activity", "enrolment")
        .annotate(activity_rating=Avg("activity__participations__satisfaction"))
        .order_by("-held_on", "-id")
    )


def enrolment_sign_offs(user, enrolment: Enrolment) -> QuerySet:
    return (
        SignOff.objects.for_user(user)
        .filter(enrolment=enrolment)
        .select_related("signed_by")
        .order_by("signed_at", "id")
    )


def enrolment_credentials(user, enrolment: Enrolment) -> QuerySet:
    return Credential.objects.for_user(user).filter(enrolment=enrolment).order_by("-issued_on", "-id")


def programme_activities(programme: CertificationProgramme) -> QuerySet:
    """The activities of the programme's Actions: the choices for a replica session's activity."""
    return (
        Activity.objects.filter(action__in=programme.actions.values("pk"))
        .select_related("action")
        .order_by("action__code", "sequence", "id")
    )


# --- credentials ---


def credential_panel_candidates(user, programme: CertificationProgramme) -> QuerySet:
    """The programme's candidates at the panel decision this user sees, each with `has_sign_off`
    (the institution's HR department or training unit signed the panel step off): the cohort a
    manager certifies and issues credentials to in one bulk job."""

    from .choices import EnrolmentStatus
    from .models import SignOff

    panel_sign_off = SignOff.objects.filter(enrolment_id=OuterRef("pk"), step=EnrolmentStatus.PANEL_DECISION)
    return (
        Enrolment.objects.for_user(user)
        .filter(programme=programme, status=EnrolmentStatus.PANEL_DECISION)
        .annotate(has_sign_off=Exists(panel_sign_off))
        .select_related("person", "institution", "programme")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def multiplier_by_institution(user, *, programme=None, held_from=None, held_to=None) -> list[dict]:
    """The multiplier effect per institution, in SQL and in three queries whatever the numbers:

    - `trainers`: officials holding an active trainer credential;
    - `sessions`: replica sessions delivered by a trainer on or after the issue date of a trainer
      credential of theirs (any issued one that was not revoked: an expired or renewed credential
      still attests the sessions given while it was valid);
    - `trainers_delivering`: how many of those trainers delivered them;
    - `colleagues`: the colleagues trained in those sessions; `rating`: their mean participant rating.

    `programme` narrows to credentials of that programme, `held_from`/`held_to` the sessions' dates.
    Rows come through `for_user`: staff see every institution, a partner their own institution's
    row (an official only their own figures)."""

    from partners.models import Institution

    from .choices import CredentialKind, CredentialStatus
    from .models import Credential, ReplicaSession

    credentials = Credential.objects.for_user(user).filter(kind=CredentialKind.TRAINER)
    if programme is not None:
        credentials = credentials.filter(programme=programme)
    trainer_rows = (
        credentials.filter(status=CredentialStatus.ACTIVE)
        .order_by()
        .values("institution_id")
        .annotate(trainers=Count("person_id", distinct=True))
    )
    attesting = credentials.exclude(status=CredentialStatus.REVOKED).filter(
        person_id=OuterRef("trainer_id"), issued_on__lte=OuterRef("held_on")
    )
    sessions = ReplicaSession.objects.for_user(user).filter(Exists(attesting))
    if held_from is not None:
        sessions = sessions.filter(held_on__gte=held_from)
    if held_to is not None:
        sessions = sessions.filter(held_on__lte=held_to)
    session_rows = (
        sessions.order_by()
        .values("institution_id")
        .annotate(
            sessions=Count("pk"),
            trainers_delivering=Count("trainer_id", distinct=True),
            colleagues=Sum("colleagues_trained"),
            rating=Avg("average_rating"),
        )
    )
    rows: dict[int, dict] = {}
    blank = {"trainers": 0, "sessions": 0, "trainers_delivering": 0, "colleagues": 0, "rating": None}
    for row in trainer_rows:
        rows.setdefault(row["institution_id"], dict(blank))["trainers"] = row["trainers"]
    for row in session_rows:
        figures = rows.setdefault(row["institution_id"], dict(blank))
        figures.update(
            sessions=row["sessions"],
            trainers_delivering=row["trainers_delivering"],
            colleagues=row["colleagues"] or 0,
            rating=row["rating"],
        )
    institutions = Institution.objects.in_bulk(list(rows))
    result = [
        {"institution": institutions[institution_id], **figures}
        for institution_id, figures in rows.items()
        if institution_id in institutions
    ]
    return sorted(result, key=lambda row: (-row["trainers"], -row["sessions"], str(row["institution"])))


# --- sign-offs ---

# The steps an institution signs off: the path from enrolment to the panel. A nomination is the
# institution's own act and a certified candidate's path has ended (the service refuses it).
SIGNABLE_STEPS = tuple(
    status
    for status in EnrolmentStatus.values
    if status in LIVE_ENROLMENT_STATUSES
    and status not in {EnrolmentStatus.NOMINATED, EnrolmentStatus.CERTIFIED}
)
PATH_ORDER = {status: position for position, status in enumerate(EnrolmentStatus.values)}


def awaiting_sign_off(user, *, steps=SIGNABLE_STEPS) -> QuerySet:
    """The enrolments of the user's institution (for_user) at one of `steps` whose current step the
    user's unit (HR or training unit, by role) has not signed off yet, with the sign-offs already
    given (by either unit) prefetched. Empty for users who do not sign off. Three queries."""
    unit = sign_off_unit_of(user)
    if unit is None or not user.is_authenticated:
        return Enrolment.objects.none()
    signed = SignOff.objects.filter(enrolment=OuterRef("pk"), step=OuterRef("status"), unit=unit)
    return (
        Enrolment.objects.for_user(user)
        .filter(status__in=list(steps))
        .exclude(Exists(signed))
        .select_related("person", "programme", "institution")
        .prefetch_related(
            Prefetch("sign_offs", queryset=SignOff.objects.select_related("signed_by").order_by("signed_at"))
        )
        .order_by("updated_at", "id")
    )
