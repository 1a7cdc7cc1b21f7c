"""Certification in the partner portal: the HR department and training unit sign their candidates'
steps off (the sign-off action, the sign-off page, the task on the portal home), and an official
follows their own path and downloads their credentials ("Your certification").

Who may do what (200/403/404, institution B never sees A), each sign-off through the service with
its audit entry, refusals as messages that name the problem, and query counts that do not grow with
the number of candidates, assessments or credentials."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification import services
from certification.choices import AssessmentKind, EnrolmentStatus, SignOffUnit
from certification.models import Assessment, Credential, SignOff
from mieux.models import AuditAction
from mieux.roles import Role
from partners.models import Person
from tests.certification.builders import at_panel, candidate, enrol, meet_every_rule, programme_for
from tests.factories import PersonFactory, UserFactory
from tests.resources import audit_entries

SIGN_OFF_LIST = reverse("certification:sign_off_list")
MY_CERTIFICATION = reverse("portal:my_certification")
UNIT_OF = {"hr_officer": SignOffUnit.HR, "training_officer": SignOffUnit.TRAINING_UNIT}


def text(response) -> str:
    return response.content.decode()


def sign_off_url(enrolment) -> str:
    return reverse("certification:enrolment_sign_off", args=[enrolment.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def programme(world):
    return programme_for(world.institution_a)


@pytest.fixture
def panel(world, programme):
    """A candidate of institution A at the panel with every rule met, not signed off yet."""
    return at_panel(
        programme, candidate(programme, world.institution_a, first_name="Rosa", last_name="Panel")
    )


@pytest.fixture
def hr_b(world):
    user = UserFactory(email="hr.b@mieux.test", role=Role.HR_OFFICER)
    PersonFactory(institution=world.institution_b, user=user, email="hr@naptip.example")
    return user


def follow_post(client, url, data):
    return client.post(url, data, follow=True)


# --- Signing a step off -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["hr_officer", "training_officer"])
def test_the_institutions_officers_sign_the_panel_step_off(world, panel, page_client_for, role):
    user = world.user(role)
    response = page_client_for(user).post(
        sign_off_url(panel), {"comment": "  The director supports it.  ", "next": SIGN_OFF_LIST}
    )
    assert response.status_code == 302 and response.url == SIGN_OFF_LIST
    sign_off = SignOff.objects.get(enrolment=panel)
    assert (sign_off.step, sign_off.unit, sign_off.signed_by) == (
        EnrolmentStatus.PANEL_DECISION,
        UNIT_OF[role],
        user,
    )
    assert sign_off.comment == "The director supports it."
    entry = audit_entries(SignOff, sign_off.pk, AuditAction.CREATE).get()
    assert entry.actor == user


def test_without_next_the_sign_off_goes_back_to_the_enrolment_page(world, panel, page_client_for):
    client = page_client_for(world.user("hr_officer"))
    response = client.post(sign_off_url(panel), {"comment": "", "next": "https://evil.example/"})
    assert response.url == panel.get_absolute_url()
    response = client.get(response.url)
    assert "HR department signed off the “Panel decision” step of Rosa Panel." in messages_of(response)


@pytest.mark.parametrize("role", ["focal_point", "programme_officer", "programme_manager"])
def test_others_who_see_the_enrolment_may_not_sign_it_off(world, panel, page_client_for, role):
    response = page_client_for(world.user(role)).post(sign_off_url(panel), {"comment": "yes"})
    assert response.status_code == 403
    assert not SignOff.objects.exists()


def test_the_candidate_may_not_sign_off_their_own_step(world, programme, page_client_for):
    official = world.user("official")
    own = at_panel(programme, Person.objects.get(user=official))
    assert page_client_for(official).post(sign_off_url(own), {}).status_code == 403
    # Another candidate's enrolment is not even visible to an official.
    other = at_panel(programme, candidate(programme, world.institution_a, email="other@inm.example"))
    assert page_client_for(official).post(sign_off_url(other), {}).status_code == 404
    assert not SignOff.objects.exists()


def test_institution_b_gets_404(world, panel, hr_b, page_client_for):
    for user in (hr_b, world.focal_b):
        assert page_client_for(user).post(sign_off_url(panel), {"comment": "x"}).status_code == 404
    assert (
        page_client_for(hr_b).post(reverse("certification:enrolment_sign_off", args=[999999])).status_code
        == 404
    )
    assert not SignOff.objects.exists()


def test_sign_off_needs_a_login_and_a_post(world, panel, client, page_client_for):
    response = client.post(sign_off_url(panel))
    assert response.status_code == 302 and "login" in response.url
    assert page_client_for(world.user("hr_officer")).get(sign_off_url(panel)).status_code == 405


def test_signing_twice_is_refused_with_a_message(world, panel, page_client_for):
    client = page_client_for(world.user("hr_officer"))
    client.post(sign_off_url(panel), {"comment": "first"})
    response = follow_post(client, sign_off_url(panel), {"comment": "second", "next": SIGN_OFF_LIST})
    assert response.status_code == 200
    assert "Your unit has already signed this step off. Already signed off." in messages_of(response)
    assert SignOff.objects.get().comment == "first"
    # The training unit signs the same step off on its own.
    client = page_client_for(world.user("training_officer"))
    client.post(sign_off_url(panel), {"comment": ""})
    assert sorted(SignOff.objects.values_list("unit", flat=True)) == ["hr", "training_unit"]


@pytest.mark.parametrize("status", [EnrolmentStatus.CERTIFIED, EnrolmentStatus.WITHDRAWN])
def test_a_path_that_has_ended_is_not_signed_off(world, programme, page_client_for, status):
    enrolment = enrol(programme, candidate(programme, world.institution_a), status=status)
    response = follow_post(
        page_client_for(world.user("hr_officer")), sign_off_url(enrolment), {"comment": ""}
    )
    assert any("There is no step to sign off: the path has ended." in m for m in messages_of(response))
    assert not SignOff.objects.exists()


def test_a_too_long_comment_is_an_error_naming_the_field(world, panel, page_client_for):
    client = page_client_for(world.user("hr_officer"))
    response = follow_post(client, sign_off_url(panel), {"comment": "x" * 2001, "next": SIGN_OFF_LIST})
    assert response.status_code == 200
    assert any(message.startswith("Comment:") for message in messages_of(response))
    assert not SignOff.objects.exists()


# --- The sign-off page --------------------------------------------------------------------------


def test_sign_off_page_lists_what_waits_for_the_unit(world, programme, panel, hr_b, page_client_for):
    practising = enrol(
        programme,
        candidate(
            programme, world.institution_a, email="p@inm.example", first_name="Pablo", last_name="Practice"
        ),
        status=EnrolmentStatus.SUPERVISED_PRACTICE,
    )
    enrol(
        programme,
        candidate(
            programme, world.institution_a, email="n@inm.example", first_name="Nora", last_name="Nominee"
        ),
        status=EnrolmentStatus.NOMINATED,
    )
    enrol(
        programme,
        candidate(
            programme, world.institution_b, email="b@naptip.example", first_name="Bola", last_name="Bee"
        ),
        status=EnrolmentStatus.PANEL_DECISION,
    )
    hr = page_client_for(world.user("hr_officer"))
    page = text(hr.get(SIGN_OFF_LIST))
    assert "Rosa Panel" in page and "Pablo Practice" in page
    assert "Nora Nominee" not in page and "Bola Bee" not in page
    assert page.index("Rosa Panel") < page.index("Pablo Practice")  # the panel first
    assert sign_off_url(panel) in page and sign_off_url(practising) in page
    assert "Sign off as HR department" in page

    hr.post(sign_off_url(panel), {"comment": "Agreed by the director"})
    page = text(hr.get(SIGN_OFF_LIST))
    assert sign_off_url(panel) not in page  # cleared for HR…
    assert "Agreed by the director" in page  # …and listed among its latest sign-offs
    training_page = text(page_client_for(world.user("training_officer")).get(SIGN_OFF_LIST))
    assert sign_off_url(panel) in training_page  # …but still waiting for the training unit
    assert "Sign off as Training unit" in training_page

    page_b = text(page_client_for(hr_b).get(SIGN_OFF_LIST))
    assert "Rosa Panel" not in page_b and "Bola Bee" in page_b


@pytest.mark.parametrize("role", ["official", "focal_point", "programme_officer", "expert"])
def test_sign_off_page_is_for_hr_and_training_officers(world, page_client_for, role):
    assert page_client_for(world.user(role)).get(SIGN_OFF_LIST).status_code == 403


def test_sign_off_page_needs_a_login(db, client):
    response = client.get(SIGN_OFF_LIST)
    assert response.status_code == 302 and "login" in response.url


def count_queries(client, url) -> int:
    client.get(url)  # warm-up: session, content types, translations
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_candidates(world, programme, number: int, *, start: int) -> None:
    for index in range(start, start + number):
        person = candidate(programme, world.institution_a, email=f"c{index}@inm.example")
        enrolment = at_panel(programme, person)
        SignOff.objects.create(
            enrolment=enrolment, step=EnrolmentStatus.PANEL_DECISION, unit=SignOffUnit.TRAINING_UNIT
        )
        enrol(
            programme,
            candidate(programme, world.institution_a, email=f"t{index}@inm.example"),
            status=EnrolmentStatus.IN_TRAINING,
        )
        done = enrol(programme, candidate(programme, world.institution_a, email=f"d{index}@inm.example"))
        SignOff.objects.create(enrolment=done, step=done.status, unit=SignOffUnit.HR, comment="ok")


def test_sign_off_page_query_count_does_not_grow_with_candidates(world, programme, page_client_for):
    add_candidates(world, programme, 1, start=0)
    client = page_client_for(world.user("hr_officer"))
    before = count_queries(client, SIGN_OFF_LIST)
    add_candidates(world, programme, 4, start=1)
    assert count_queries(client, SIGN_OFF_LIST) == before


# --- The task on the portal home ----------------------------------------------------------------


def tasks_of(page: str) -> str:
    return page[page.index('id="tasks"') : page.index('id="actions"')]


def test_the_portal_home_asks_each_unit_for_its_panel_sign_off(world, programme, panel, page_client_for):
    enrol(programme, candidate(programme, world.institution_a, email="x@inm.example"), status="assessment")
    hr = page_client_for(world.user("hr_officer"))
    tasks = tasks_of(text(hr.get(reverse("portal:home"))))
    assert tasks.count('data-task="certification_sign_off"') == 1  # the panel step only
    assert "Sign off Rosa Panel for the panel" in tasks
    assert f"{SIGN_OFF_LIST}#enrolment-{panel.pk}" in tasks

    hr.post(sign_off_url(panel), {"comment": ""})
    assert 'data-task="certification_sign_off"' not in tasks_of(text(hr.get(reverse("portal:home"))))
    training = page_client_for(world.user("training_officer"))
    assert 'data-task="certification_sign_off"' in tasks_of(text(training.get(reverse("portal:home"))))
    for role in ("official", "focal_point"):
        page = text(page_client_for(world.user(role)).get(reverse("portal:home")))
        assert 'data-task="certification_sign_off"' not in page


def test_institution_b_gets_no_task_for_a_candidate(world, panel, hr_b, page_client_for):
    page = text(page_client_for(hr_b).get(reverse("portal:home")))
    assert "Rosa Panel" not in page


def test_portal_home_query_count_does_not_grow_with_panel_candidates(world, programme, page_client_for):
    add_candidates(world, programme, 1, start=0)
    client = page_client_for(world.user("training_officer"))
    before = count_queries(client, reverse("portal:home"))
    add_candidates(world, programme, 4, start=1)
    assert count_queries(client, reverse("portal:home")) == before


# --- An official's own certification ------------------------------------------------------------


@pytest.fixture
def official_path(world, programme):
    """The official of A in supervised practice: attendance met, knowledge test failed once then
    passed, practical below the pass mark, no replica session yet."""
    person = Person.objects.get(user=world.user("official"))
    enrolment = enrol(programme, person, status=EnrolmentStatus.SUPERVISED_PRACTICE)
    meet_every_rule(enrolment, practical=Decimal("60"))
    enrolment.replica_sessions.all().delete()
    enrolment.assessments.filter(kind=AssessmentKind.PORTFOLIO_REVIEW).delete()
    Assessment.objects.create(
        enrolment=enrolment,
        kind=AssessmentKind.KNOWLEDGE_TEST,
        assessed_on=datetime.date(2026, 3, 20),
        score=55,
    )
    SignOff.objects.create(enrolment=enrolment, step=EnrolmentStatus.ENROLLED, unit=SignOffUnit.TRAINING_UNIT)
    return enrolment


def test_my_certification_shows_the_path_the_rules_and_the_assessments(world, official_path, page_client_for):
    response = page_client_for(world.user("official")).get(MY_CERTIFICATION)
    page = text(response)
    assert response.status_code == 200
    assert "Certified trainers in victim identification" in page
    # The step indicator: steps before done, this one current, the rest ahead.
    assert 'data-step="assessment" data-state="done"' in page
    assert 'data-step="supervised_practice" data-state="current"' in page
    assert 'data-step="certified" data-state="todo"' in page
    # Each rule, met or not, with its figure.
    assert "3 rules are not met yet." in page
    assert "100 % over 2 modules (at least 80 %)" in page
    assert "Best score 85 % (pass mark 70 %)" in page
    assert "Best rubric score 60 % (pass mark 70 %)" in page
    assert "0 of 2 sessions rated at least 4.0" in page
    assert "No portfolio review recorded" in page
    # Assessments and sign-offs.
    assert "55.0 %" in page and "Practical assessment" in page
    assert "Training unit" in page and "Enrolled, signed off on" in page


def test_my_certification_offers_the_credential_downloads(world, programme, media, page_client_for):
    person = Person.objects.get(user=world.user("official"))
    enrolment = at_panel(programme, person)
    enrolment.status = EnrolmentStatus.CERTIFIED
    enrolment.save(update_fields=["status"])
    credential = services.credential_issue(enrolment, actor=world.user("programme_manager"))
    page = text(page_client_for(world.user("official")).get(MY_CERTIFICATION))
    assert "You hold 1 active credential." in page
    assert 'data-step="certified" data-state="done"' in page
    assert reverse("credential_json", args=[credential.public_id]) in page
    assert reverse("credential_jwt", args=[credential.public_id]) in page
    assert reverse("credential_verify", args=[credential.public_id]) in page
    assert reverse("certification:credential_certificate", args=[credential.pk]) in page
    assert credential.valid_until.strftime("%d/%m/%Y") in page or str(credential.valid_until.year) in page

    services.credential_revoke(credential, actor=world.user("programme_manager"), reason="misconduct")
    page = text(page_client_for(world.user("official")).get(MY_CERTIFICATION))
    assert "You hold 1 active credential" not in page
    assert "Revoked" in page and "Professional misconduct" in page


def test_a_not_certified_path_ends_at_the_panel(world, programme, page_client_for):
    enrol(programme, Person.objects.get(user=world.user("official")), status=EnrolmentStatus.NOT_CERTIFIED)
    page = text(page_client_for(world.user("official")).get(MY_CERTIFICATION))
    assert 'data-step="panel_decision" data-state="done"' in page
    assert 'data-step="not_certified" data-state="refused"' in page
    assert 'data-step="certified"' not in page


def test_my_certification_shows_only_the_users_own(world, programme, official_path, page_client_for):
    at_panel(programme, candidate(programme, world.institution_a, first_name="Colega", last_name="Other"))
    page = text(page_client_for(world.user("official")).get(MY_CERTIFICATION))
    assert "Colega Other" not in page
    for role in ("hr_officer", "focal_point"):
        page = text(page_client_for(world.user(role)).get(MY_CERTIFICATION))
        assert "Certified trainers in victim identification" not in page
        assert "You are not nominated for a certification programme yet." in page
    assert "Certified trainers" not in text(page_client_for(world.focal_b).get(MY_CERTIFICATION))


def test_my_certification_query_count_does_not_grow_with_rows(world, programme, media, page_client_for):
    person = Person.objects.get(user=world.user("official"))
    enrolment = at_panel(programme, person)
    enrolment.status = EnrolmentStatus.CERTIFIED
    enrolment.save(update_fields=["status"])
    manager = world.user("programme_manager")
    services.credential_issue(enrolment, actor=manager)
    client = page_client_for(world.user("official"))
    before = count_queries(client, MY_CERTIFICATION)
    steps = [
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.IN_TRAINING,
        EnrolmentStatus.ASSESSMENT,
        "portfolio_review",
    ]
    for step in steps:
        Assessment.objects.create(
            enrolment=enrolment,
            kind=AssessmentKind.KNOWLEDGE_TEST,
            assessed_on=datetime.date(2026, 4, 2),
            score=90,
        )
        SignOff.objects.create(enrolment=enrolment, step=step, unit=SignOffUnit.HR)
        services.credential_issue(enrolment, actor=manager)
    assert Credential.objects.count() == 5
    assert count_queries(client, MY_CERTIFICATION) == before
