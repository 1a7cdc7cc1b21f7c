"""factory_boy factories for the actions app. They build rows directly: test set-up is not a user
write. Code lists use get_or_create on their natural keys because a data migration may already have
seeded the real lists (IMT, 15190, MIEUX+ …)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from actions.choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    CoordinationActor,
    CoordinationStage,
    DeliverableType,
    ExpertRole,
    IndicatorMeasure,
    OecdLevel,
    PartnerRole,
    PeriodStatus,
    RequestChannel,
    RequesterRole,
    RequestStatus,
    ResultKind,
)
from actions.models import (
    Action,
    ActionPartner,
    Activity,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    GlobalCompactObjective,
    Indicator,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    PurposeCode,
    RequestingInstitution,
    Result,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from tests.factories import ExpertFactory, InstitutionFactory, PersonFactory


class ThematicAreaFactory(DjangoModelFactory):
    class Meta:
        model = ThematicArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TA{n}")
    name_en = factory.Sequence(lambda n: f"Thematic area {n}")
    parent = None


class GlobalCompactObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = GlobalCompactObjective
        django_get_or_create = ("number",)

    # 23 objectives exist; the sequence cycles so any number of factories stays valid.
    number = factory.Sequence(lambda n: n % 23 + 1)
    title_en = factory.Sequence(lambda n: f"Objective {n % 23 + 1}")


class PurposeCodeFactory(DjangoModelFactory):
    class Meta:
        model = PurposeCode
        django_get_or_create = ("code",)

    code = "15190"
    name_en = "Facilitation of orderly, safe, regular and responsible migration and mobility"
    # Only 15190 is the default (one default allowed by a database constraint).
    is_default = factory.LazyAttribute(lambda o: o.code == "15190")


class ProgrammePhaseFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammePhase
        django_get_or_create = ("code",)

    code = "MIEUX_PLUS"  # as seeded by actions/migrations/0002_reference_data.py
    name_en = "MIEUX+"
    starts_on = datetime.date(2020, 4, 1)
    ends_on = datetime.date(2024, 3, 31)


class SupportRequestFactory(DjangoModelFactory):
    """A request led by `lead` (a new institution unless given); pass `lead=False` for none."""

    class Meta:
        model = SupportRequest
        django_get_or_create = ("reference",)
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"R-T-{n:05d}")
    title = factory.Sequence(lambda n: f"Support to migration governance {n}")
    channel = RequestChannel.DIRECT
    received_on = factory.LazyFunction(datetime.date.today)
    countries = factory.LazyFunction(lambda: ["MX"])
    thematic_area = factory.LazyFunction(lambda: ThematicAreaFactory(code="IMT"))
    needs_statement = "Strengthen the capacity to identify victims of trafficking."
    status = RequestStatus.RECEIVED
    is_eligible = True

    @factory.post_generation
    def lead(obj, create, extracted, **kwargs):
        if not create or extracted is False or obj.requesters.filter(role=RequesterRole.LEAD).exists():
            return
        institution = extracted if extracted is not None else InstitutionFactory()
        RequestingInstitution.objects.create(request=obj, institution=institution, role=RequesterRole.LEAD)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = SteeringCommitteeMeeting

    held_on = factory.LazyFunction(datetime.date.today)
    location = "Brussels"
    members_present = factory.LazyFunction(lambda: ["DG INTPA", "DG HOME", "ICMPD"])


class ActionFactory(DjangoModelFactory):
    """An Action with `lead` (a new institution unless given) as lead beneficiary; `lead=False` for
    none."""

    class Meta:
        model = Action
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T-{n:05d}")
    short_name = factory.Sequence(lambda n: f"Test Action {n}")
    title_en = factory.Sequence(lambda n: f"Strengthening migration management {n}")
    type = ActionType.CLASSIC
    phase = factory.LazyFunction(ProgrammePhaseFactory)
    thematic_area = factory.LazyFunction(lambda: ThematicAreaFactory(code="IMT"))
    purpose_code = factory.LazyFunction(PurposeCodeFactory)
    countries = factory.LazyFunction(lambda: ["MX"])
    approved_on = factory.LazyFunction(datetime.date.today)
    status = ActionStatus.APPROVED
    published = False

    @factory.post_generation
    def lead(obj, create, extracted, **kwargs):
        if (
            not create
            or extracted is False
            or obj.partner_links.filter(role=PartnerRole.LEAD_BENEFICIARY).exists()
        ):
            return
        institution = extracted if extracted is not None else InstitutionFactory()
        ActionPartner.objects.create(action=obj, institution=institution, role=PartnerRole.LEAD_BENEFICIARY)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    action = factory.SubFactory(ActionFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    type = ActivityType.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    status = ActivityStatus.PLANNED


class ExpertAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = ExpertAssignment

    activity = factory.SubFactory(ActivityFactory)
    expert = factory.SubFactory(ExpertFactory)
    role = ExpertRole.EXPERT
    days = 3


class ParticipationFactory(DjangoModelFactory):
    """A participation; gender and institution are copied from the person, as the services do."""

    class Meta:
        model = Participation

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)
    gender = factory.LazyAttribute(lambda o: o.person.gender)
    institution = factory.LazyAttribute(lambda o: o.person.institution)
    attendance_percent = 100


class DeliverableFactory(DjangoModelFactory):
    class Meta:
        model = Deliverable

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Standard operating procedure {n}")
    type = DeliverableType.PROCEDURE
    language = "en"
    oecd_level = OecdLevel.ORGANISATIONAL


class ResultFactory(DjangoModelFactory):
    class Meta:
        model = Result

    action = factory.SubFactory(ActionFactory)
    kind = ResultKind.OUTCOME
    code = factory.Sequence(lambda n: f"OC{n}")
    statement = "Officials identify victims of trafficking and refer them to protection."


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    action = factory.SubFactory(ActionFactory)
    name = factory.Sequence(lambda n: f"Officials trained {n}")
    oecd_level = OecdLevel.INDIVIDUAL
    measure = IndicatorMeasure.ENTERED
    baseline = 0


class IndicatorPeriodFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorPeriod

    indicator = factory.SubFactory(IndicatorFactory)
    starts_on = factory.LazyFunction(lambda: datetime.date.today().replace(month=1, day=1))
    ends_on = factory.LazyFunction(lambda: datetime.date.today().replace(month=12, day=31))
    target = 20
    status = factory.LazyAttribute(
        lambda o: (
            PeriodStatus.COMPUTED if o.indicator.measure != IndicatorMeasure.ENTERED else PeriodStatus.DRAFT
        )
    )


class CoordinationCellFactory(DjangoModelFactory):
    class Meta:
        model = CoordinationCell

    action = factory.SubFactory(ActionFactory, type=ActionType.HOLISTIC)
    stage = CoordinationStage.DESIGN
    actor = CoordinationActor.TRAINING_UNIT
