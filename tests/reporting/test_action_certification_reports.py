"""The Action and certification reports: their figures against independent counts, and who may ask."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from actions.choices import (
    ActionType,
    ActivityStatus,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    DeliverableStatus,
    OecdLevel,
    PeriodStatus,
)
from certification.choices import CredentialStatus, EnrolmentStatus
from certification.models import Credential, Enrolment, ReplicaSession
from mieux.errors import ApplicationError
from mieux.roles import Role
from partners.choices import Gender, InstitutionType
from reporting.builders import assemble, build_report
from reporting.services import report_request
from tests.actions.factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
    ResultFactory,
)
from tests.certification.builders import candidate, enrol, programme_for
from tests.factories import ExpertFactory, InstitutionFactory, PersonFactory


def quiet(*_args) -> None:
    pass


def table(report, title):
    return next(item for item in report.tables if item.title == title)


def rows_of(report, title) -> list[list]:
    return [list(row) for row in table(report, title).rows]


@pytest.fixture
def holistic(world):
    """A holistic Action of institution A: three activities (two held), two experts on three
    deployments, five people of two institution types over six attendances, two deliverables (one
    adopted), an indicator with two periods, and a coordination matrix with two cells."""
    action = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC, countries=["MX"])
    first = ActivityFactory(
        action=action, sequence=1, status=ActivityStatus.HELD, held_on=datetime.date(2026, 3, 2)
    )
    second = ActivityFactory(
        action=action, sequence=2, status=ActivityStatus.REPORTED, held_on=datetime.date(2026, 4, 7)
    )
    ActivityFactory(action=action, sequence=3, status=ActivityStatus.PLANNED)
    german, spanish = ExpertFactory(member_state="DE"), ExpertFactory(member_state="ES")
    ExpertAssignmentFactory(activity=first, expert=german, days=Decimal("3"))
    ExpertAssignmentFactory(activity=second, expert=german, days=Decimal("2.5"))
    ExpertAssignmentFactory(activity=second, expert=spanish, days=Decimal("4"))
    academy = InstitutionFactory(type=InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION, country="MX")
    women = [PersonFactory(gender=Gender.FEMALE, institution=world.institution_a) for _ in range(3)]
    men = [PersonFactory(gender=Gender.MALE, institution=academy) for _ in range(2)]
    for person in women + men:
        ParticipationFactory(activity=first, person=person, satisfaction=4)
    ParticipationFactory(activity=second, person=women[0], satisfaction=5)
    DeliverableFactory(action=action, title="Victim identification SOP")
    DeliverableFactory(
        action=action,
        title="Training curriculum",
        status=DeliverableStatus.ADOPTED,
        adopting_body="Ministry of the Interior",
        adopted_on=datetime.date(2026, 5, 1),
    )
    result = ResultFactory(action=action, code="OC1")
    indicator = IndicatorFactory(action=action, result=result, oecd_level=OecdLevel.ORGANISATIONAL)
    IndicatorPeriodFactory(
        indicator=indicator,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        target=20,
        actual=15,
        status=PeriodStatus.APPROVED,
    )
    IndicatorPeriodFactory(
        indicator=indicator,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        target=40,
        actual=None,
    )
    signer = PersonFactory(institution=world.institution_a, first_name="Ana", last_name="Ruiz")
    CoordinationCellFactory(
        action=action,
        stage=CoordinationStage.DESIGN,
        actor=CoordinationActor.TRAINING_UNIT,
        status=CoordinationStatus.SIGNED_OFF,
        signed_off_by=signer,
        signed_off_on=datetime.date(2026, 2, 1),
    )
    CoordinationCellFactory(
        action=action,
        stage=CoordinationStage.DELIVERY,
        actor=CoordinationActor.HR,
        status=CoordinationStatus.ENGAGED,
    )
    return action


def action_report(user, action, format="xlsx"):
    run = report_request(actor=user, kind="action", format=format, action_id=action.pk)
    return run, assemble(run, quiet)


def test_the_action_report_counts_what_the_action_holds(world, holistic):
    _run, report = action_report(world.user(Role.PROGRAMME_OFFICER), holistic)
    assert report.subtitle.startswith(holistic.code)

    summary = dict(rows_of(report, "Summary"))
    assert summary["Activities"] == holistic.activities.count() == 3
    assert summary["Activities held"] == 2
    assert summary["Deliverables"] == 2 and summary["Deliverables adopted"] == 1
    assert summary["Countries"] == "Mexico"

    activities = rows_of(report, "Activities")
    assert [row[0] for row in activities] == [1, 2, 3]
    assert [(row[-2], row[-1]) for row in activities] == [(1, 5), (2, 1), (0, 0)]
    assert table(report, "Activities").totals[1] == 3
    assert table(report, "Activities").totals[-2:] == [2, 5]

    experts = rows_of(report, "Experts")
    assert len(experts) == 2
    assert sorted((row[2], row[3], row[4]) for row in experts) == [
        ("DE", 2, Decimal("5.5")),
        ("ES", 1, Decimal("4")),
    ]
    expert_totals = table(report, "Experts").totals
    assert expert_totals[3] == 3 and expert_totals[4] == Decimal("9.5")
    assert expert_totals[0] == "2 experts, 0 from outside the EU"

    participants = dict(rows_of(report, "Participants"))
    assert participants["People who took part"] == 5
    assert participants["Attendances"] == 6
    assert participants["Average satisfaction (1–5)"] == round(25 / 6, 1)
    breakdown = {(row[0], row[1]): row[2] for row in rows_of(report, "Participants by sex and type")}
    assert breakdown[("Sex", "Female")] == 3 and breakdown[("Sex", "Male")] == 2
    assert breakdown[("Institution type", str(InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION.label))] == 2

    deliverables = rows_of(report, "Deliverables")
    assert {row[0] for row in deliverables} == {"Victim identification SOP", "Training curriculum"}
    assert next(row for row in deliverables if row[0] == "Training curriculum")[5:] == [
        "Ministry of the Interior",
        datetime.date(2026, 5, 1),
    ]

    periods = rows_of(report, "Results per period")
    assert [(row[0], row[7], row[8], row[9]) for row in periods] == [
        ("OC1", Decimal("20"), Decimal("15"), Decimal("75")),
        ("OC1", Decimal("40"), None, None),
    ]
    levels = {row[0]: row for row in rows_of(report, "Results per OECD level")}
    organisational = levels["Organisational"]
    assert organisational[1:6] == [1, 2, Decimal("60"), Decimal("15"), 0]
    assert levels["Individual"][2] == 0

    matrix = {row[0]: row[1:] for row in rows_of(report, "Coordination matrix")}
    actors = list(CoordinationActor.values)
    design = matrix["Design"][actors.index(CoordinationActor.TRAINING_UNIT)]
    assert design.startswith("Signed off – Ana Ruiz")
    assert matrix["Delivery"][actors.index(CoordinationActor.HR)] == "Engaged"
    assert sum(1 for row in matrix.values() for cell in row if cell) == 2


def test_the_action_report_writes_as_a_workbook(world, holistic):
    run, _report = action_report(world.user(Role.PROGRAMME_MANAGER), holistic)
    out = io.BytesIO()
    build_report(run, out=out, progress=quiet)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    assert workbook.sheetnames[:4] == ["About", "Summary", "Activities", "Experts"]
    assert "Coordination matrix" in workbook.sheetnames
    assert workbook["Activities"].freeze_panes == "A2"


def test_the_action_report_pdf_has_charts(world, holistic):
    run, report = action_report(world.user(Role.PROGRAMME_OFFICER), holistic, format="pdf")
    assert [caption for caption, _svg in report.charts] == [
        "Activities held per month",
        "Participants by sex",
        "Progress per OECD level",
    ]
    out = io.BytesIO()
    build_report(run, out=out, progress=quiet)
    assert out.getvalue().startswith(b"%PDF")


def test_a_partner_builds_the_report_of_their_own_institutions_action(world, holistic):
    _run, report = action_report(world.user(Role.FOCAL_POINT), holistic)
    assert dict(rows_of(report, "Participants"))["People who took part"] == 5


def test_a_partner_cannot_ask_for_the_action_report_of_another_institution(world, holistic):
    with pytest.raises(ApplicationError) as refused:
        report_request(actor=world.focal_b, kind="action", format="xlsx", action_id=holistic.pk)
    assert "action" in refused.value.fields


def test_the_action_report_needs_an_action(world):
    with pytest.raises(ApplicationError) as refused:
        report_request(actor=world.user(Role.PROGRAMME_OFFICER), kind="action", format="pdf")
    assert "action" in refused.value.fields


def test_a_published_action_of_another_institution_shows_no_figures_inside(world, holistic):
    holistic.published = True
    holistic.save(update_fields=["published"])
    _run, report = action_report(world.focal_b, holistic)
    titles = [item.title for item in report.tables]
    assert "Participants" not in titles and "Results per OECD level" not in titles
    assert rows_of(report, "Experts") == [] and rows_of(report, "Deliverables") == []
    assert rows_of(report, "Results per period") == []


# --- Certification ------------------------------------------------------------------------------

_index = iter(range(5000, 10_000))


def credential(
    enrolment, status, *, valid_until=datetime.date(2029, 5, 31), issued_on=datetime.date(2026, 6, 1)
):
    number = next(_index)
    return Credential.objects.create(
        enrolment=enrolment,
        programme=enrolment.programme,
        person=enrolment.person,
        institution=enrolment.institution,
        kind=enrolment.programme.kind,
        issued_on=issued_on,
        valid_until=valid_until,
        status=status,
        status_index=number,
        subject_salt="salt",
        subject_hash=f"sha256$hash{number}",
    )


@pytest.fixture
def certification(world):
    """Programme A (institution A): eight enrolments — two certified, one not certified, one at the
    panel, two enrolled, one declined, one in training of institution B; credentials active, revoked,
    expired by date. Programme B (institution B only): one certified."""
    programme = programme_for(world.institution_a, name_en="Trainers A")
    statuses = [
        EnrolmentStatus.CERTIFIED,
        EnrolmentStatus.CERTIFIED,
        EnrolmentStatus.NOT_CERTIFIED,
        EnrolmentStatus.PANEL_DECISION,
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.DECLINED,
    ]
    enrolments = [
        enrol(programme, candidate(programme, world.institution_a, email=f"c{n}@inm.example"), status=status)
        for n, status in enumerate(statuses)
    ]
    outsider = enrol(
        programme,
        candidate(programme, world.institution_b, email="b@naptip.example"),
        status=EnrolmentStatus.IN_TRAINING,
    )
    credential(enrolments[0], CredentialStatus.ACTIVE)
    credential(enrolments[1], CredentialStatus.REVOKED)
    # Active in the database but past its date: the report counts it as expired.
    credential(
        enrolments[1],
        CredentialStatus.ACTIVE,
        valid_until=datetime.date(2020, 1, 1),
        issued_on=datetime.date(2017, 1, 1),
    )
    credential(enrolments[2], CredentialStatus.EXPIRED, issued_on=datetime.date(2023, 1, 1))
    ReplicaSession.objects.create(
        trainer=enrolments[0].person,
        institution=world.institution_a,
        enrolment=enrolments[0],
        title="Replica in Tapachula",
        held_on=datetime.date(2026, 7, 1),
        supervised=False,
        colleagues_trained=14,
        average_rating=Decimal("4.4"),
    )
    other = programme_for(world.institution_b, name_en="Trainers B")
    enrol(
        other,
        candidate(other, world.institution_b, email="b2@naptip.example"),
        status=EnrolmentStatus.CERTIFIED,
    )
    return programme, other, enrolments, outsider


def certification_report(user, **filters):
    run = report_request(actor=user, kind="certification", format="xlsx", filters=filters)
    return assemble(run, quiet)


def test_the_certification_report_counts_funnel_pass_rate_credentials_and_multiplier(world, certification):
    programme, _other, _enrolments, _outsider = certification
    report = certification_report(world.user(Role.PROGRAMME_MANAGER))
    funnel = table(report, "Certification funnel")
    headers = list(funnel.headers)
    by_programme = {row[0]: row for row in rows_of(report, "Certification funnel")}
    mine = by_programme["Trainers A"]

    def column(row, label):
        return row[headers.index(label)]

    for status in EnrolmentStatus:
        if status.label in headers:
            expected = Enrolment.objects.filter(programme=programme, status=status).count()
            assert column(mine, status.label) == expected, status
    assert column(mine, "Enrolments") == 8
    assert column(mine, "Decided by the panel") == 3
    assert column(mine, "Pass rate") == round(100 * 2 / 3, 1)
    assert column(by_programme["Trainers B"], "Pass rate") == 100.0
    assert column(funnel.totals, "Enrolments") == Enrolment.objects.count() == 9
    assert column(funnel.totals, "Pass rate") == 75.0

    credentials = {row[0]: row for row in rows_of(report, "Credentials")}
    # Active, Expired, Revoked, Suspended, Superseded, Issued
    assert credentials["Trainers A"][1:] == [1, 2, 1, 0, 0, 4]
    assert table(report, "Credentials").totals[1:] == [1, 2, 1, 0, 0, 4]

    multiplier = rows_of(report, "Multiplier effect")
    # Trainers: people holding a credential whose status is active (the selector's rule, which
    # counts the one past its date until the nightly job marks it expired).
    active_holders = Credential.objects.filter(programme=programme, status=CredentialStatus.ACTIVE)
    assert active_holders.values("person").distinct().count() == 2
    assert multiplier == [["Trainers A", str(world.institution_a), 2, 1, 1, 14, Decimal("4.4")]]


def test_the_certification_report_follows_the_actions_filters_and_the_period(world, certification):
    report = certification_report(world.user(Role.PROGRAMME_OFFICER), institution=world.institution_b.pk)
    assert [row[0] for row in rows_of(report, "Certification funnel")] == ["Trainers B"]

    report = certification_report(
        world.user(Role.PROGRAMME_OFFICER), period_start="2026-01-01", period_end="2026-06-30"
    )
    credentials = {row[0]: row for row in rows_of(report, "Credentials")}
    assert credentials["Trainers A"][-1] == 2  # issued in the period: the two of June 2026
    assert rows_of(report, "Multiplier effect")[0][3] == 0  # the session was held in July


def test_a_partner_sees_only_their_institutions_share(world, certification):
    report = certification_report(world.user(Role.HR_OFFICER))
    rows = {row[0]: row for row in rows_of(report, "Certification funnel")}
    assert set(rows) == {"Trainers A"}  # programme B runs in institution B's Action only
    headers = list(table(report, "Certification funnel").headers)
    assert rows["Trainers A"][headers.index("Enrolments")] == 7  # not institution B's candidate
    assert rows["Trainers A"][headers.index(str(EnrolmentStatus.IN_TRAINING.label))] == 0
