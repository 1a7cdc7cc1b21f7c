"""Build certification situations for tests: a programme on a holistic Action with mandatory modules
and competencies, and a candidate brought to any step with the evidence that step needs."""

from __future__ import annotations

import datetime
from decimal import Decimal

from actions.choices import ActionType, ActivityStatus, ActivityType
from certification.choices import AssessmentKind, CredentialKind, EnrolmentStatus, SignOffUnit
from certification.models import (
    Assessment,
    CertificationProgramme,
    Competency,
    Enrolment,
    ReplicaSession,
    SignOff,
)
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.factories import PersonFactory

PATH = [
    EnrolmentStatus.NOMINATED,
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.IN_TRAINING,
    EnrolmentStatus.ASSESSMENT,
    EnrolmentStatus.SUPERVISED_PRACTICE,
    EnrolmentStatus.PORTFOLIO_REVIEW,
    EnrolmentStatus.PANEL_DECISION,
]


def programme_for(
    institution, *, modules: int = 2, competencies: int = 3, **fields
) -> CertificationProgramme:
    """A trainer programme on a holistic Action led by `institution`, with held mandatory modules."""
    action = ActionFactory(lead=institution, type=ActionType.HOLISTIC)
    programme = CertificationProgramme.objects.create(
        name_en=fields.pop("name_en", "Certified trainers in victim identification"),
        kind=fields.pop("kind", CredentialKind.TRAINER),
        **fields,
    )
    programme.actions.set([action])
    activities = [
        ActivityFactory(
            action=action,
            type=ActivityType.TRAINING_OF_TRAINERS,
            title=f"Module {number}",
            status=ActivityStatus.HELD,
            held_on=datetime.date(2026, 3, number),
        )
        for number in range(1, modules + 1)
    ]
    programme.mandatory_activities.set(activities)
    for position in range(competencies):
        Competency.objects.create(
            programme=programme, position=position, name_en=f"Competency {position + 1}"
        )
    return programme


def candidate(programme, institution, *, email: str = "candidate@inm.example", **person_fields):
    return PersonFactory(institution=institution, email=email, **person_fields)


def enrol(programme, person, *, status=EnrolmentStatus.ENROLLED, nominated_by=None) -> Enrolment:
    return Enrolment.objects.create(
        programme=programme,
        person=person,
        institution=person.institution,
        status=status,
        nominated_by=nominated_by,
        nominated_on=datetime.date(2026, 2, 1),
    )


def meet_every_rule(
    enrolment, *, attendance=Decimal("100"), knowledge=Decimal("85"), practical=Decimal("80")
):
    """Record the evidence every rule of the programme asks for (rows written directly: the tests of
    the services record them through the services)."""
    programme = enrolment.programme
    for activity in programme.mandatory_activities.all():
        ParticipationFactory(activity=activity, person=enrolment.person, attendance_percent=attendance)
    day = datetime.date(2026, 4, 1)
    Assessment.objects.create(
        enrolment=enrolment, kind=AssessmentKind.KNOWLEDGE_TEST, assessed_on=day, score=knowledge
    )
    Assessment.objects.create(
        enrolment=enrolment, kind=AssessmentKind.PRACTICAL, assessed_on=day, score=practical
    )
    for number in range(programme.replica_sessions_required):
        ReplicaSession.objects.create(
            trainer=enrolment.person,
            institution=enrolment.institution,
            enrolment=enrolment,
            title=f"Replica {number + 1}",
            held_on=day,
            supervised=True,
            colleagues_trained=12,
            average_rating=Decimal("4.5"),
        )
    if programme.portfolio_required:
        Assessment.objects.create(
            enrolment=enrolment,
            kind=AssessmentKind.PORTFOLIO_REVIEW,
            assessed_on=day,
            portfolio_accepted=True,
        )


def at_panel(programme, person, *, signed_off_by=None) -> Enrolment:
    """A candidate at the panel with every rule met and, if `signed_off_by` is given, the
    institution's sign-off of the panel step."""
    enrolment = enrol(programme, person, status=EnrolmentStatus.PANEL_DECISION)
    meet_every_rule(enrolment)
    if signed_off_by is not None:
        SignOff.objects.create(
            enrolment=enrolment,
            step=EnrolmentStatus.PANEL_DECISION,
            unit=SignOffUnit.HR,
            signed_by=signed_off_by,
        )
    return enrolment
