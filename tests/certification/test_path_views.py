"""The certification path's staff pages: the programme across the three OECD levels, its competency
framework and recognition evidence, the enrolment board by stage, and the enrolment page with its
rules, assessments (rubric), replica sessions, sign-offs and credentials.

Per role (programme officer, manager, HR of institution A, official of A, focal point of B → 404),
an audit entry after each write, field errors for bad input with nothing saved, evidence downloads
invisible to institution B, and query counts that do not grow with the number of enrolments."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.choices import ActionType
from certification.choices import (
    AssessmentKind,
    CredentialStatus,
    EnrolmentStatus,
    ModuleProvider,
    SignOffUnit,
)
from certification.eligibility import enrolment_eligibility
from certification.models import (
    Assessment,
    CertificationProgramme,
    Competency,
    Credential,
    Curriculum,
    CurriculumModule,
    RecognitionEvidence,
    ReplicaSession,
    SignOff,
)
from certification.selectors import programme_board
from mieux.models import AuditAction
from partners.models import Person
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.factories import PersonFactory
from tests.resources import audit_entries

from .builders import at_panel, candidate, enrol, meet_every_rule, programme_for

PDF = b"%PDF-1.4 evidence"


def text(response) -> str:
    return response.content.decode()


def pdf(name="evidence.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def programme(world):
    return programme_for(world.institution_a)


@pytest.fixture
def official_a(world, programme):
    return candidate(programme, world.institution_a, first_name="Ana", last_name="Oficial")


@pytest.fixture
def in_training(programme, official_a):
    return enrol(programme, official_a, status=EnrolmentStatus.IN_TRAINING)


def url(name, *args) -> str:
    return reverse(f"certification:{name}", args=args)


def credential_for(enrolment, status=CredentialStatus.ACTIVE, index=[0]) -> Credential:  # noqa: B006
    index[0] += 1
    return Credential.objects.create(
        enrolment=enrolment,
        programme=enrolment.programme,
        person=enrolment.person,
        institution=enrolment.institution,
        kind=enrolment.programme.kind,
        issued_on=datetime.date(2026, 6, 1),
        valid_until=datetime.date(2029, 5, 31),
        status=status,
        status_index=1000 + index[0],
        subject_salt="salt",
        subject_hash=f"sha256$hash{index[0]}",
    )


# --- The board ------------------------------------------------------------------------------------


def test_board_shows_each_stage_with_the_rules_each_candidate_meets(world, programme, page_client_for):
    ready = at_panel(programme, candidate(programme, world.institution_a, last_name="Ready"))
    halfway = enrol(
        programme,
        candidate(programme, world.institution_a, last_name="Halfway"),
        status=EnrolmentStatus.ASSESSMENT,
    )
    meet_every_rule(halfway, knowledge=Decimal("69.9"))  # one below the 70 % pass mark
    enrol(programme, candidate(programme, world.institution_a, last_name="Newcomer"), status="nominated")
    for role in ("programme_officer", "programme_manager"):
        response = page_client_for(world.user(role)).get(url("programme_board", programme.pk))
        assert response.status_code == 200
        page = text(response)
        assert "5 of 5 rules met" in page and "4 of 5 rules met" in page and "0 of 5 rules met" in page
        assert "Panel decision" in page and "Not certified" in page
    columns = {column["status"]: column["cards"] for column in response.context["board"]}
    assert [card.pk for card in columns[EnrolmentStatus.PANEL_DECISION]] == [ready.pk]
    assert [card.pk for card in columns[EnrolmentStatus.ASSESSMENT]] == [halfway.pk]


def test_board_counts_agree_with_the_eligibility_of_each_enrolment(world, programme):
    cases = [
        {},
        {"attendance": Decimal("79.9")},
        {"knowledge": Decimal("70")},
        {"practical": Decimal("69.9")},
    ]
    enrolments = []
    for number, figures in enumerate(cases):
        enrolment = enrol(programme, candidate(programme, world.institution_a, last_name=f"C{number}"))
        meet_every_rule(enrolment, **figures)
        enrolments.append(enrolment)
    # A replica session rated by its MIEUX+ activity's participants (2 of 5) no longer counts.
    activity = ActivityFactory(action=programme.actions.get())
    ParticipationFactory(
        activity=activity, person=PersonFactory(institution=world.institution_a), satisfaction=2
    )
    ReplicaSession.objects.filter(enrolment=enrolments[0]).update(activity=activity)
    # The latest portfolio review decides.
    Assessment.objects.create(
        enrolment=enrolments[1],
        kind=AssessmentKind.PORTFOLIO_REVIEW,
        assessed_on=datetime.date(2026, 5, 1),
        portfolio_accepted=False,
    )
    cards = {
        card.pk: card.rules_met
        for column in programme_board(world.user("programme_officer"), programme)
        for card in column["cards"]
    }
    for enrolment in enrolments:
        expected = sum(rule.met for rule in enrolment_eligibility(enrolment).rules)
        assert cards[enrolment.pk] == expected, enrolment
    assert [cards[e.pk] for e in enrolments] == [4, 3, 5, 4]


def test_partners_see_their_institutions_candidates_on_the_board(world, programme, page_client_for):
    enrol(programme, candidate(programme, world.institution_a, last_name="Ours"))
    enrol(programme, PersonFactory(institution=world.institution_b, last_name="Theirs"))
    page = text(page_client_for(world.user("hr_officer")).get(url("programme_board", programme.pk)))
    assert "Ours" in page and "Theirs" not in page
    assert "Only your institution's candidates are shown." in page
    assert page_client_for(world.focal_b).get(url("programme_board", programme.pk)).status_code == 404


def count_queries(client, target) -> int:
    client.get(target)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    return len(queries)


def add_candidates(world, programme, count, start=0):
    hr = world.user("hr_officer")
    curriculum, _ = Curriculum.objects.get_or_create(
        institution=world.institution_a, defaults={"name": "INM"}
    )
    for number in range(start, start + count):
        person = candidate(
            programme, world.institution_a, last_name=f"Cand{number}", email=f"c{number}@inm.example"
        )
        enrolment = at_panel(programme, person, signed_off_by=hr)
        credential_for(enrolment)
        module = CurriculumModule.objects.create(
            curriculum=curriculum, title=f"Module {number}", provider_kind=ModuleProvider.MIEUX
        )
        module.trainers.add(person)
        RecognitionEvidence.objects.create(
            programme=programme, kind="regulation", title=f"Decree {number}", recognised_on="2026-01-01"
        )


@pytest.mark.parametrize("role", ["programme_officer", "hr_officer"])
def test_board_and_programme_page_take_the_same_queries_for_1_or_5_enrolments(
    world, programme, page_client_for, role
):
    client = page_client_for(world.user(role))
    targets = [url("programme_board", programme.pk), programme.get_absolute_url()]
    add_candidates(world, programme, 1)
    before = [count_queries(client, target) for target in targets]
    add_candidates(world, programme, 4, start=1)
    after = [count_queries(client, target) for target in targets]
    assert before == after


# --- The programme page: rules, competencies, the three levels --------------------------------


def test_programme_page_shows_rules_framework_and_the_three_levels(world, programme, page_client_for):
    hr = world.user("hr_officer")
    certified = at_panel(
        programme, candidate(programme, world.institution_a, last_name="Certa"), signed_off_by=hr
    )
    certified.status = EnrolmentStatus.CERTIFIED
    certified.save()
    credential_for(certified)
    expired = enrol(programme, candidate(programme, world.institution_a, email="x@inm.example"))
    credential_for(expired, status=CredentialStatus.EXPIRED)
    SignOff.objects.create(
        enrolment=expired, step=EnrolmentStatus.ENROLLED, unit=SignOffUnit.TRAINING_UNIT, signed_by=hr
    )
    curriculum = Curriculum.objects.create(institution=world.institution_a, name="INM curriculum")
    module = CurriculumModule.objects.create(
        curriculum=curriculum, title="Victim identification", provider_kind=ModuleProvider.MIEUX
    )
    module.trainers.add(certified.person, expired.person)  # only the active credential counts
    RecognitionEvidence.objects.create(
        programme=programme, kind="regulation", title="Decree 12/2026", recognised_on="2026-01-10"
    )
    response = page_client_for(world.user("programme_manager")).get(programme.get_absolute_url())
    page = text(response)
    assert "at least 80 %" in page and "pass mark 70 %" in page and "36 months" in page
    assert "Competency 1" in page and "Competency 3" in page and "Module 1" in page
    assert "Decree 12/2026" in page and url("programme_board", programme.pk) in page
    levels = response.context["levels"]
    assert levels["credentials"] == {"active": 1, "expired": 1, "revoked": 0, "suspended": 0}
    [row] = levels["organisational"]
    assert row["institution"] == world.institution_a
    assert (row["pool"], row["hr_sign_offs"], row["training_sign_offs"], row["placed"]) == (1, 1, 1, 1)
    funnel = {row["status"]: row["count"] for row in levels["funnel"]}
    assert funnel["certified"] == 1 and funnel["enrolled"] == 1
    # Partners read it without the staff controls.
    partner_page = text(page_client_for(hr).get(programme.get_absolute_url()))
    assert "Decree 12/2026" in partner_page
    assert url("competency_create", programme.pk) not in partner_page
    assert url("recognition_create", programme.pk) not in partner_page


# --- Competencies -----------------------------------------------------------------------------


def test_staff_add_edit_and_delete_a_competency(world, programme, page_client_for):
    user = world.user("programme_officer")
    client = page_client_for(user)
    response = client.post(
        url("competency_create", programme.pk),
        {
            "name_en": "Facilitation",
            "name_fr": "Animation",
            "description_en": "Leads a session.",
            "position": 9,
        },
    )
    competency = Competency.objects.get(name_en="Facilitation")
    assert response.status_code == 302 and response["Location"].endswith("#competencies")
    assert competency.programme == programme and competency.name_fr == "Animation"
    assert audit_entries(Competency, competency.pk, AuditAction.CREATE).get().actor == user
    response = client.post(
        url("competency_update", competency.pk), {"name_en": "Facilitation of adults", "position": 9}
    )
    competency.refresh_from_db()
    assert response.status_code == 302 and competency.name_en == "Facilitation of adults"
    assert audit_entries(Competency, competency.pk, AuditAction.UPDATE).get().actor == user
    assert client.get(url("competency_delete", competency.pk)).status_code == 200
    assert client.post(url("competency_delete", competency.pk)).status_code == 302
    assert not Competency.objects.filter(pk=competency.pk).exists()
    assert audit_entries(Competency, competency.pk, AuditAction.DELETE).get().actor == user


def test_a_competency_needs_a_name(world, programme, page_client_for):
    count = Competency.objects.count()
    response = page_client_for(world.user("programme_manager")).post(
        url("competency_create", programme.pk), {"description_en": "No name", "position": 0}
    )
    assert response.status_code == 200 and "name_en" in response.context["form"].errors
    assert Competency.objects.count() == count


@pytest.mark.parametrize("role", ["hr_officer", "official"])
def test_partners_do_not_change_the_framework(world, programme, page_client_for, role):
    competency = programme.competencies.first()
    client = page_client_for(world.user(role))
    assert (
        client.post(url("competency_create", programme.pk), {"name_en": "X", "position": 0}).status_code
        == 403
    )
    assert (
        client.post(url("competency_update", competency.pk), {"name_en": "X", "position": 0}).status_code
        == 403
    )
    assert client.post(url("competency_delete", competency.pk)).status_code == 403
    assert programme.competencies.count() == 3


def test_institution_b_gets_404_on_the_framework_of_a(world, programme, page_client_for):
    competency = programme.competencies.first()
    client = page_client_for(world.focal_b)
    assert client.get(url("competency_create", programme.pk)).status_code == 404
    assert client.get(url("competency_update", competency.pk)).status_code == 404
    assert client.post(url("competency_delete", competency.pk)).status_code == 404


# --- Recognition (enabling environment) -------------------------------------------------------


def recognition_data(**overrides) -> dict:
    data = {
        "kind": "coordination_mechanism",
        "title": "Endorsed by the national anti-trafficking commission",
        "reference": "CNTP-2026-04",
        "recognised_on": "2026-04-15",
        "document": pdf("endorsement.pdf"),
    }
    data.update(overrides)
    return data


def test_staff_record_and_delete_recognition_with_its_document(world, programme, page_client_for):
    user = world.user("programme_officer")
    client = page_client_for(user)
    response = client.post(url("recognition_create", programme.pk), recognition_data())
    evidence = RecognitionEvidence.objects.get()
    assert response.status_code == 302 and response["Location"].endswith("#enabling-environment")
    assert evidence.programme == programme and evidence.document.name.endswith(".pdf")
    assert audit_entries(RecognitionEvidence, evidence.pk, AuditAction.CREATE).get().actor == user
    for role in ("hr_officer", "official", "programme_manager"):
        download = page_client_for(world.user(role)).get(url("recognition_document", evidence.pk))
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert page_client_for(world.focal_b).get(url("recognition_document", evidence.pk)).status_code == 404
    assert page_client_for(world.focal_b).post(url("recognition_delete", evidence.pk)).status_code == 404
    assert (
        page_client_for(world.user("hr_officer")).post(url("recognition_delete", evidence.pk)).status_code
        == 403
    )
    assert client.post(url("recognition_delete", evidence.pk)).status_code == 302
    assert not RecognitionEvidence.objects.exists()
    assert audit_entries(RecognitionEvidence, evidence.pk, AuditAction.DELETE).get().actor == user


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("tool.exe", b"MZ binary"),
        SimpleUploadedFile("huge.pdf", b"0" * (10 * 1024 * 1024 + 1)),
    ],
    ids=["wrong type", "too big"],
)
def test_a_bad_recognition_document_is_a_field_error(world, programme, page_client_for, upload):
    response = page_client_for(world.user("programme_officer")).post(
        url("recognition_create", programme.pk), recognition_data(document=upload)
    )
    assert response.status_code == 200 and "document" in response.context["form"].errors
    assert not RecognitionEvidence.objects.exists()


def test_partners_do_not_record_recognition(world, programme, page_client_for):
    response = page_client_for(world.user("hr_officer")).post(
        url("recognition_create", programme.pk), recognition_data()
    )
    assert response.status_code == 403
    response = page_client_for(world.focal_b).post(
        url("recognition_create", programme.pk), recognition_data()
    )
    assert response.status_code == 404
    assert not RecognitionEvidence.objects.exists()


# --- The programme form ---------------------------------------------------------------------------


def programme_data(action, modules, **overrides) -> dict:
    data = {
        "name_en": "Certified asylum experts",
        "kind": "expert",
        "actions": [action.pk],
        "mandatory_activities": [module.pk for module in modules],
        "accepts_nominations": "on",
        "min_attendance_percent": "75",
        "knowledge_test_threshold": "65",
        "practical_threshold": "60",
        "replica_sessions_required": "3",
        "replica_min_rating": "3.5",
        "portfolio_required": "",
        "validity_months": "24",
    }
    data.update(overrides)
    return data


def test_staff_set_the_rules_co_signer_and_mandatory_modules(world, page_client_for):
    action = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)
    modules = [ActivityFactory(action=action), ActivityFactory(action=action)]
    client = page_client_for(world.user("programme_officer"))
    form = client.get(url("programme_create")).context["form"]
    assert "co_signer" in form.fields and "validity_months" in form.fields
    response = client.post(
        url("programme_create"),
        programme_data(action, modules, co_signer=world.member_state_administration.pk),
    )
    programme = CertificationProgramme.objects.get()
    assert response.status_code == 302
    assert programme.co_signer == world.member_state_administration
    assert set(programme.mandatory_activities.all()) == set(modules)
    assert (programme.min_attendance_percent, programme.replica_sessions_required) == (Decimal("75"), 3)
    assert not programme.portfolio_required and programme.validity_months == 24
    assert audit_entries(CertificationProgramme, programme.pk, AuditAction.CREATE).exists()


def test_a_mandatory_module_of_another_action_is_a_field_error(world, page_client_for):
    action = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)
    other = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)
    stray = ActivityFactory(action=other, title="Somewhere else")
    client = page_client_for(world.user("programme_officer"))
    response = client.post(url("programme_create"), programme_data(action, [stray]))
    assert response.status_code == 200
    assert "mandatory_activities" in response.context["form"].errors
    assert not CertificationProgramme.objects.exists()
    response = client.post(url("programme_create"), programme_data(action, [], validity_months="0"))
    assert "validity_months" in response.context["form"].errors
    assert not CertificationProgramme.objects.exists()


# --- Assessments ----------------------------------------------------------------------------------


def assessment_data(**overrides) -> dict:
    data = {"kind": "knowledge_test", "assessed_on": "2026-05-10", "score": "82.5", "comment": "Strong."}
    data.update(overrides)
    return data


def rubric(programme, *levels) -> dict:
    competencies = list(programme.competencies.order_by("position", "id"))
    return {f"rubric_{c.pk}": level for c, level in zip(competencies, levels, strict=False)}


def test_staff_record_a_knowledge_test_with_evidence(world, in_training, page_client_for):
    user = world.user("programme_officer")
    response = page_client_for(user).post(
        url("assessment_create", in_training.pk), assessment_data(evidence=pdf())
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith("#assessments")
    assert (assessment.kind, assessment.score, assessment.assessor) == (
        "knowledge_test",
        Decimal("82.5"),
        user,
    )
    assert audit_entries(Assessment, assessment.pk, AuditAction.CREATE).get().actor == user
    evidence_url = url("assessment_evidence", assessment.pk)
    for role in ("programme_officer", "programme_manager", "hr_officer", "focal_point"):
        assert page_client_for(world.user(role)).get(evidence_url).status_code == 200, role
    assert page_client_for(world.focal_b).get(evidence_url).status_code == 404
    assert page_client_for(world.user("expert")).get(evidence_url).status_code == 404
    page = text(page_client_for(world.user("hr_officer")).get(in_training.get_absolute_url()))
    assert "Knowledge test" in page and "82.5 %" in page and evidence_url in page


def test_a_practical_assessment_is_scored_on_the_rubric(world, programme, in_training, page_client_for):
    response = page_client_for(world.user("programme_manager")).post(
        url("assessment_create", in_training.pk),
        assessment_data(kind="practical", score="", **rubric(programme, 4, 3, 2)),
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.score == Decimal("75.0")  # 9 of 12
    assert sorted(assessment.rubric.values()) == [2, 3, 4]
    page = text(page_client_for(world.user("programme_officer")).get(in_training.get_absolute_url()))
    assert "Competency 1: <strong>4</strong>/4" in page


@pytest.mark.parametrize(
    "data, field",
    [
        (lambda p: assessment_data(kind="practical", score="", **rubric(p, 7, 3, 2)), "rubric_first"),
        (lambda p: assessment_data(kind="practical", score="", **rubric(p, 4, 3)), "rubric_last"),
        (lambda p: assessment_data(score=""), "score"),
        (lambda p: assessment_data(score="101"), "score"),
        (lambda p: assessment_data(kind="portfolio_review", score=""), "portfolio_accepted"),
        (lambda p: assessment_data(evidence=SimpleUploadedFile("a.exe", b"MZ")), "evidence"),
        (lambda p: assessment_data(assessed_on="not a date"), "assessed_on"),
    ],
    ids=[
        "level out of range",
        "competency unscored",
        "missing score",
        "score over 100",
        "portfolio",
        "file",
        "date",
    ],
)
def test_bad_assessments_are_field_errors(world, programme, in_training, page_client_for, data, field):
    competencies = list(programme.competencies.order_by("position", "id"))
    field = {
        "rubric_first": f"rubric_{competencies[0].pk}",
        "rubric_last": f"rubric_{competencies[-1].pk}",
    }.get(field, field)
    response = page_client_for(world.user("programme_officer")).post(
        url("assessment_create", in_training.pk), data(programme)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert not Assessment.objects.exists()


def test_a_candidate_not_on_the_path_is_not_assessed(world, programme, official_a, page_client_for):
    nominated = enrol(programme, official_a, status=EnrolmentStatus.NOMINATED)
    client = page_client_for(world.user("programme_officer"))
    assert "Record an assessment" not in text(client.get(nominated.get_absolute_url()))
    response = client.post(url("assessment_create", nominated.pk), assessment_data())
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("role, status", [("hr_officer", 403), ("focal_point", 403), ("expert", 404)])
def test_only_staff_record_assessments(world, in_training, page_client_for, role, status):
    client = page_client_for(world.user(role))
    assert "Record an assessment" not in text(client.get(in_training.get_absolute_url())) or role == "expert"
    assert client.post(url("assessment_create", in_training.pk), assessment_data()).status_code == status
    assert (
        page_client_for(world.focal_b)
        .post(url("assessment_create", in_training.pk), assessment_data())
        .status_code
        == 404
    )
    assert not Assessment.objects.exists()


def test_officials_read_their_assessments_but_not_the_evidence_files(world, programme, page_client_for):
    own = enrol(
        programme, Person.objects.get(user=world.user("official")), status=EnrolmentStatus.IN_TRAINING
    )
    assessment = Assessment.objects.create(
        enrolment=own, kind="knowledge_test", assessed_on="2026-05-01", score=90, evidence=pdf()
    )
    client = page_client_for(world.user("official"))
    page = text(client.get(own.get_absolute_url()))
    assert "90 %" in page and url("assessment_evidence", assessment.pk) not in page
    assert client.get(url("assessment_evidence", assessment.pk)).status_code == 404


# --- Replica sessions -----------------------------------------------------------------------------


def test_staff_record_a_replica_session_typed_in(world, in_training, page_client_for):
    user = world.user("programme_officer")
    response = page_client_for(user).post(
        url("replica_session_create", in_training.pk),
        {
            "title": "Border post briefing",
            "held_on": "2026-05-20",
            "supervised": "on",
            "colleagues_trained": "14",
            "average_rating": "4.6",
        },
    )
    session = ReplicaSession.objects.get()
    assert response.status_code == 302 and response["Location"].endswith("#replica-sessions")
    assert (session.trainer, session.enrolment, session.supervised) == (in_training.person, in_training, True)
    assert (session.colleagues_trained, session.average_rating) == (14, Decimal("4.6"))
    assert audit_entries(ReplicaSession, session.pk, AuditAction.CREATE).get().actor == user
    page = text(page_client_for(world.user("hr_officer")).get(in_training.get_absolute_url()))
    assert "Border post briefing" in page


def test_a_replica_session_of_an_activity_takes_its_participants_figures(
    world, programme, in_training, page_client_for
):
    activity = ActivityFactory(action=programme.actions.get(), title="Replica in Tapachula")
    for satisfaction in (4, 5):
        ParticipationFactory(
            activity=activity,
            person=PersonFactory(institution=world.institution_a),
            satisfaction=satisfaction,
        )
    response = page_client_for(world.user("training_officer")).post(
        url("replica_session_create", in_training.pk),
        {
            "title": "Tapachula",
            "held_on": "2026-05-21",
            "supervised": "on",
            "activity": activity.pk,
            "colleagues_trained": "99",
        },
    )
    assert response.status_code == 302
    session = ReplicaSession.objects.get()
    assert (session.activity, session.colleagues_trained, session.average_rating) == (
        activity,
        2,
        Decimal("4.5"),
    )


def test_bad_replica_sessions_are_field_errors(world, in_training, page_client_for):
    stray = ActivityFactory(action=ActionFactory(lead=world.institution_a))
    client = page_client_for(world.user("programme_officer"))
    target = url("replica_session_create", in_training.pk)
    for data, field in (
        ({"title": "No count", "held_on": "2026-05-20"}, "colleagues_trained"),
        ({"title": "Stray", "held_on": "2026-05-20", "activity": stray.pk}, "activity"),
        (
            {"title": "Rated 6", "held_on": "2026-05-20", "colleagues_trained": "3", "average_rating": "6"},
            "average_rating",
        ),
        ({"held_on": "2026-05-20", "colleagues_trained": "3"}, "title"),
    ):
        response = client.post(target, data)
        assert response.status_code == 200 and field in response.context["form"].errors, data
    assert not ReplicaSession.objects.exists()


@pytest.mark.parametrize("role, status", [("hr_officer", 403), ("official", 404), ("focal_point", 403)])
def test_who_may_not_record_replica_sessions(world, in_training, page_client_for, role, status):
    data = {"title": "X", "held_on": "2026-05-20", "colleagues_trained": "3"}
    assert (
        page_client_for(world.user(role))
        .post(url("replica_session_create", in_training.pk), data)
        .status_code
        == status
    )
    assert (
        page_client_for(world.focal_b).post(url("replica_session_create", in_training.pk), data).status_code
        == 404
    )
    assert not ReplicaSession.objects.exists()


# --- The enrolment page -----------------------------------------------------------------------


def test_enrolment_page_lists_each_rule_met_or_unmet_with_its_figure(
    world, programme, in_training, page_client_for
):
    meet_every_rule(in_training, knowledge=Decimal("60"))
    page = text(page_client_for(world.user("programme_officer")).get(in_training.get_absolute_url()))
    assert "Best score 60 % (pass mark 70 %)" in page
    assert "100 % over 2 modules (at least 80 %)" in page
    assert "2 of 2 sessions rated at least 4.0" in page
    assert "1 rule is not met yet." in page


def test_the_institutions_hr_sees_the_sign_off_form_and_the_sign_offs(world, programme, page_client_for):
    enrolment = at_panel(programme, candidate(programme, world.institution_a))
    SignOff.objects.create(
        enrolment=enrolment,
        step=EnrolmentStatus.PORTFOLIO_REVIEW,
        unit=SignOffUnit.TRAINING_UNIT,
        signed_by=world.user("training_officer"),
        comment="Portfolio seen.",
    )
    page = text(page_client_for(world.user("hr_officer")).get(enrolment.get_absolute_url()))
    assert "Sign off this step as HR department" in page and "Portfolio seen." in page
    assert url("enrolment_sign_off", enrolment.pk) in page
    staff_page = text(page_client_for(world.user("programme_manager")).get(enrolment.get_absolute_url()))
    assert "Sign off this step as" not in staff_page and "Portfolio seen." in staff_page
    SignOff.objects.create(
        enrolment=enrolment,
        step=EnrolmentStatus.PANEL_DECISION,
        unit=SignOffUnit.HR,
        signed_by=world.user("hr_officer"),
    )
    page = text(page_client_for(world.user("hr_officer")).get(enrolment.get_absolute_url()))
    assert "Sign off this step as" not in page and "has signed this step off" in page


def test_a_certified_candidates_page_links_to_the_credential(world, programme, page_client_for):
    enrolment = at_panel(programme, candidate(programme, world.institution_a))
    enrolment.status = EnrolmentStatus.CERTIFIED
    enrolment.save()
    credential = credential_for(enrolment)
    page = text(page_client_for(world.user("programme_manager")).get(enrolment.get_absolute_url()))
    assert f"/verify/{credential.public_id}/" in page
    assert url("credential_detail", credential.pk) in page


def test_enrolment_page_queries_do_not_grow_with_its_history(world, programme, in_training, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    meet_every_rule(in_training)
    before = count_queries(client, in_training.get_absolute_url())
    for number in range(4):
        Assessment.objects.create(
            enrolment=in_training, kind="practical", assessed_on="2026-05-02", score=50, rubric={"1": 2}
        )
        ReplicaSession.objects.create(
            trainer=in_training.person,
            institution=in_training.institution,
            enrolment=in_training,
            title=f"Extra {number}",
            held_on="2026-05-03",
            colleagues_trained=3,
        )
        SignOff.objects.create(enrolment=in_training, step=f"step{number}", unit=SignOffUnit.HR)
    assert count_queries(client, in_training.get_absolute_url()) == before
