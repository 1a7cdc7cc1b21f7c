"""Certification pages: programmes as each role sees them, the "Nominate an official" form of HR and
training-unit officers, enrolments with their status changes, and programme set-up by staff.

Who sees what (200/403/404), every write through its service with an audit entry, field errors for
bad input and flat query counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.choices import ActionType
from certification.choices import CredentialKind, EnrolmentStatus
from certification.models import CertificationProgramme, Enrolment
from mieux.models import AuditAction
from partners.models import Person
from tests.actions.factories import ActionFactory
from tests.factories import PersonFactory, UserFactory
from tests.resources import audit_entries

STAFF = ["administrator", "programme_manager", "programme_officer"]
NOMINATORS = ["hr_officer", "training_officer"]


def text(response) -> str:
    return response.content.decode()


def make_programme(*actions, **fields) -> CertificationProgramme:
    programme = CertificationProgramme.objects.create(
        name_en=fields.pop("name_en", "Certified trainers in victim identification"),
        kind=fields.pop("kind", CredentialKind.TRAINER),
        **fields,
    )
    programme.actions.set(actions)
    return programme


@pytest.fixture
def holistic_a(world):
    return ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC, short_name="Mexico Holistic")


@pytest.fixture
def programme_a(holistic_a):
    return make_programme(holistic_a)


@pytest.fixture
def programme_b(world):
    action_b = ActionFactory(
        lead=world.institution_b, type=ActionType.HOLISTIC, short_name="Nigeria Holistic"
    )
    return make_programme(action_b, name_en="Nigerian expert pool", kind=CredentialKind.EXPERT)


@pytest.fixture
def official_a(world):
    return PersonFactory(institution=world.institution_a, first_name="Ana", last_name="Oficial")


def enrol(world, programme, person, **fields) -> Enrolment:
    return Enrolment.objects.create(
        programme=programme,
        person=person,
        institution=person.institution,
        nominated_by=world.user("hr_officer"),
        nominated_on=datetime.date(2026, 5, 1),
        **fields,
    )


def nominate_url(programme) -> str:
    return reverse("certification:programme_nominate", args=[programme.pk])


def nomination(person, motivation="Leads the border training unit.") -> dict:
    return {"nomination-person": person.pk, "nomination-motivation": motivation}


def transition_url(enrolment) -> str:
    return reverse("certification:enrolment_transition", args=[enrolment.pk])


# --- Programmes: who sees which -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["focal_point", "hr_officer", "training_officer", "official"])
def test_partners_see_the_programmes_of_their_institutions_actions(
    world, programme_a, programme_b, page_client_for, role
):
    client = page_client_for(world.user(role))
    page = text(client.get(reverse("certification:programme_list")))
    assert "Certified trainers in victim identification" in page and "Nigerian expert pool" not in page
    assert client.get(programme_a.get_absolute_url()).status_code == 200
    assert client.get(programme_b.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_every_programme(world, programme_a, programme_b, page_client_for, role):
    page = text(page_client_for(world.user(role)).get(reverse("certification:programme_list")))
    assert "Certified trainers in victim identification" in page and "Nigerian expert pool" in page


def test_programme_page_shows_kind_description_actions_and_the_institutions_enrolments(
    world, programme_a, official_a, page_client_for
):
    programme_a.description_en = "Trainers who deliver the victim identification course."
    programme_a.save()
    outsider = PersonFactory(institution=world.institution_b, last_name="Outsiderova")
    enrol(world, programme_a, official_a)
    enrol(world, programme_a, outsider)
    page = text(page_client_for(world.user("hr_officer")).get(programme_a.get_absolute_url()))
    assert "Trainer credential" in page and "victim identification course" in page
    assert "Mexico Holistic" in page
    assert "Oficial" in page and "Outsiderova" not in page
    assert "Only your institution's nominations are shown." in page
    staff_page = text(page_client_for(world.user("programme_officer")).get(programme_a.get_absolute_url()))
    assert "Oficial" in staff_page and "Outsiderova" in staff_page


# --- Nominating an official -----------------------------------------------------------------------


@pytest.mark.parametrize("role", NOMINATORS)
def test_hr_and_training_officers_see_the_nomination_form(
    world, programme_a, official_a, page_client_for, role
):
    page = text(page_client_for(world.user(role)).get(programme_a.get_absolute_url()))
    assert "Nominate an official" in page and nominate_url(programme_a) in page
    assert "Oficial" in page  # among the choices


@pytest.mark.parametrize("role", ["focal_point", "official"])
def test_officials_and_focal_points_never_see_or_use_the_form(
    world, programme_a, official_a, page_client_for, role
):
    client = page_client_for(world.user(role))
    assert nominate_url(programme_a) not in text(client.get(programme_a.get_absolute_url()))
    assert client.post(nominate_url(programme_a), nomination(official_a)).status_code == 403
    assert not Enrolment.objects.exists()


def test_institution_b_gets_404_on_a_programme_of_a(world, programme_a, official_a, page_client_for):
    hr_b = UserFactory(role="hr_officer")
    PersonFactory(institution=world.institution_b, user=hr_b)
    for user in (world.focal_b, hr_b):
        response = page_client_for(user).post(nominate_url(programme_a), nomination(official_a))
        assert response.status_code == 404
    assert not Enrolment.objects.exists()


def test_hr_officer_nominates_an_official(world, programme_a, official_a, page_client_for):
    user = world.user("hr_officer")
    response = page_client_for(user).post(nominate_url(programme_a), nomination(official_a))
    enrolment = Enrolment.objects.get()
    assert response.status_code == 302 and response["Location"] == enrolment.get_absolute_url()
    assert enrolment.status == EnrolmentStatus.NOMINATED and enrolment.person == official_a
    assert enrolment.institution == world.institution_a and enrolment.nominated_by == user
    assert enrolment.motivation == "Leads the border training unit."
    entry = audit_entries(Enrolment, enrolment.pk, AuditAction.CREATE).get()
    assert entry.actor == user
    page = text(page_client_for(user).get(enrolment.get_absolute_url()))
    assert "Nominated" in page and "Leads the border training unit." in page


def test_the_person_must_be_of_the_nominators_institution(world, programme_a, page_client_for):
    outsider = PersonFactory(institution=world.institution_b)
    response = page_client_for(world.user("hr_officer")).post(nominate_url(programme_a), nomination(outsider))
    assert response.status_code == 200
    assert "person" in response.context["nomination_form"].errors
    assert not Enrolment.objects.exists()


def test_an_official_already_nominated_is_no_longer_a_choice(world, programme_a, official_a, page_client_for):
    enrol(world, programme_a, official_a)
    client = page_client_for(world.user("training_officer"))
    form = client.get(programme_a.get_absolute_url()).context["nomination_form"]
    assert official_a not in form.fields["person"].queryset
    response = client.post(nominate_url(programme_a), nomination(official_a))
    assert "person" in response.context["nomination_form"].errors
    assert Enrolment.objects.count() == 1


def test_a_missing_person_is_a_field_error(world, programme_a, page_client_for):
    response = page_client_for(world.user("hr_officer")).post(
        nominate_url(programme_a), {"nomination-person": ""}
    )
    assert response.status_code == 200 and "person" in response.context["nomination_form"].errors


def test_a_programme_closed_to_nominations_shows_no_form_and_refuses_them(
    world, programme_a, official_a, page_client_for
):
    programme_a.accepts_nominations = False
    programme_a.save()
    client = page_client_for(world.user("hr_officer"))
    page = text(client.get(programme_a.get_absolute_url()))
    assert nominate_url(programme_a) not in page and "not taking nominations" in page
    response = client.post(nominate_url(programme_a), nomination(official_a))
    assert response.status_code == 200
    assert (
        "This programme is not taking nominations." in response.context["nomination_form"].non_field_errors()
    )
    assert not Enrolment.objects.exists()


def test_staff_nominate_on_behalf_of_the_institution(world, programme_a, official_a, page_client_for):
    response = page_client_for(world.user("programme_officer")).post(
        nominate_url(programme_a), nomination(official_a)
    )
    assert response.status_code == 302
    assert Enrolment.objects.get().nominated_by == world.user("programme_officer")


# --- Enrolments and their status changes ----------------------------------------------------------


def test_enrolment_pages_are_scoped(world, programme_a, official_a, page_client_for):
    own = enrol(world, programme_a, Person.objects.get(user=world.user("official")))
    colleague = enrol(world, programme_a, official_a)
    official = page_client_for(world.user("official"))
    assert official.get(own.get_absolute_url()).status_code == 200
    assert "Your enrolment" in text(official.get(own.get_absolute_url()))
    assert official.get(colleague.get_absolute_url()).status_code == 404
    for role in ("focal_point", "hr_officer", "training_officer", "programme_officer"):
        assert page_client_for(world.user(role)).get(colleague.get_absolute_url()).status_code == 200, role
    assert page_client_for(world.focal_b).get(colleague.get_absolute_url()).status_code == 404
    assert page_client_for(world.user("expert")).get(colleague.get_absolute_url()).status_code == 404


def test_hr_officer_withdraws_a_nomination_with_a_reason(world, programme_a, official_a, page_client_for):
    enrolment = enrol(world, programme_a, official_a)
    user = world.user("training_officer")
    client = page_client_for(user)
    page = text(client.get(enrolment.get_absolute_url()))
    assert 'value="withdrawn"' in page and 'value="enrolled"' not in page
    response = client.post(transition_url(enrolment), {"to": "withdrawn", "comment": ""}, follow=True)
    assert "message--error" in text(response)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.NOMINATED
    client.post(transition_url(enrolment), {"to": "withdrawn", "comment": "She moved to another ministry."})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    entry = audit_entries(Enrolment, enrolment.pk, AuditAction.TRANSITION).get()
    assert entry.actor == user and entry.reason == "She moved to another ministry."
    assert "She moved to another ministry." in text(client.get(enrolment.get_absolute_url()))


@pytest.mark.parametrize("role", ["focal_point", "official"])
def test_focal_points_and_officials_cannot_withdraw(world, programme_a, page_client_for, role):
    enrolment = enrol(world, programme_a, Person.objects.get(user=world.user("official")))
    response = page_client_for(world.user(role)).post(
        transition_url(enrolment), {"to": "withdrawn", "comment": "No"}
    )
    assert response.status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.NOMINATED


def test_partners_cannot_enrol_or_decline(world, programme_a, official_a, page_client_for):
    enrolment = enrol(world, programme_a, official_a)
    client = page_client_for(world.user("hr_officer"))
    assert client.post(transition_url(enrolment), {"to": "enrolled"}).status_code == 403
    assert client.post(transition_url(enrolment), {"to": "declined", "comment": "x"}).status_code == 403
    assert (
        page_client_for(world.focal_b).post(transition_url(enrolment), {"to": "withdrawn"}).status_code == 404
    )


def test_staff_enrol_and_decline(world, programme_a, official_a, page_client_for):
    enrolment = enrol(world, programme_a, official_a)
    other = enrol(world, programme_a, PersonFactory(institution=world.institution_a))
    client = page_client_for(world.user("programme_officer"))
    page = text(client.get(enrolment.get_absolute_url()))
    assert 'value="enrolled"' in page and "Decline the nomination" in page
    client.post(transition_url(enrolment), {"to": "enrolled"})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    client.post(transition_url(other), {"to": "declined", "comment": "Not a trainer profile."})
    other.refresh_from_db()
    assert other.status == EnrolmentStatus.DECLINED


def test_staff_filter_all_enrolments_by_status(world, programme_a, programme_b, official_a, page_client_for):
    enrol(world, programme_a, official_a)
    enrol(
        world,
        programme_b,
        PersonFactory(institution=world.institution_b, last_name="Okafor"),
        status=EnrolmentStatus.ENROLLED,
    )
    client = page_client_for(world.user("programme_manager"))
    url = reverse("certification:enrolment_list")
    page = text(client.get(url))
    assert "Oficial" in page and "Okafor" in page
    page = text(client.get(url, {"status": "enrolled"}))
    assert "Okafor" in page and "Oficial" not in page
    response = client.get(url, {"status": "nonsense"})
    assert response.status_code == 200 and "field__error" in text(response)
    # A partner's list holds their institution's only.
    page = text(page_client_for(world.user("hr_officer")).get(url))
    assert "Oficial" in page and "Okafor" not in page


# --- Programme set-up by staff --------------------------------------------------------------------

# The form states the rules with their thresholds (tests/certification/test_path_views.py covers them).
RULES = {
    "min_attendance_percent": "80",
    "knowledge_test_threshold": "70",
    "practical_threshold": "70",
    "replica_sessions_required": "2",
    "replica_min_rating": "4",
    "portfolio_required": "on",
    "validity_months": "36",
}


def test_staff_create_and_edit_a_programme(world, holistic_a, page_client_for):
    user = world.user("programme_officer")
    client = page_client_for(user)
    response = client.post(
        reverse("certification:programme_create"),
        {
            "name_en": "Certified experts on asylum",
            "name_fr": "Experts certifiés en asile",
            "kind": "expert",
            "actions": [holistic_a.pk],
            "accepts_nominations": "on",
            **RULES,
        },
    )
    programme = CertificationProgramme.objects.get()
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert list(programme.actions.all()) == [holistic_a] and programme.accepts_nominations
    assert audit_entries(CertificationProgramme, programme.pk, AuditAction.CREATE).get().actor == user
    response = client.post(
        reverse("certification:programme_update", args=[programme.pk]),
        {"name_en": "Certified experts on asylum", "kind": "expert", "actions": [holistic_a.pk], **RULES},
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert not programme.accepts_nominations
    response = client.post(reverse("certification:programme_create"), {"kind": "trainer", **RULES})
    assert response.status_code == 200 and "name_en" in response.context["form"].errors


@pytest.mark.parametrize("role", ["hr_officer", "official", "focal_point"])
def test_partners_do_not_set_up_programmes(world, programme_a, page_client_for, role):
    client = page_client_for(world.user(role))
    assert client.get(reverse("certification:programme_create")).status_code == 403
    assert client.get(reverse("certification:programme_update", args=[programme_a.pk])).status_code == 403


# --- Query counts ---------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_programme_pages_take_the_same_number_of_queries_whatever_the_size(
    world, holistic_a, programme_a, page_client_for
):
    enrol(world, programme_a, PersonFactory(institution=world.institution_a))
    urls = [
        reverse("certification:programme_list"),
        programme_a.get_absolute_url(),
        reverse("certification:enrolment_list"),
    ]
    for role in ("hr_officer", "programme_officer", "official"):
        client = page_client_for(world.user(role))
        before = [count_queries(client, url) for url in urls]
        for number in range(8):
            action = ActionFactory(lead=world.institution_a, type=ActionType.HOLISTIC)
            make_programme(action, holistic_a, name_en=f"Programme {role} {number}")
            enrol(world, programme_a, PersonFactory(institution=world.institution_a))
        after = [count_queries(client, url) for url in urls]
        assert before == after, (role, before, after)
