"""The partner portal's pages: the home page per role with what waits for the user, the Action pages
as a partner sees them, the sign-off of a coordination cell by its named officer, an official's
activities and questionnaires, an expert's missions and mission reports, and the navigation.

Who sees what (200/403/404), every write through its service with an audit entry, field errors for
bad input, nothing of institution A ever shown to institution B, and query counts that do not grow
with the number of requests, Actions, activities or tasks."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    Modality,
    RequestStatus,
)
from actions.models import CoordinationCell, ExpertAssignment, Participation, RequestClarification
from certification.models import CertificationProgramme, Enrolment
from mieux.models import AuditAction
from partners.models import Expert, Person
from tests.actions.factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    ExpertAssignmentFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
    PurposeCodeFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)
from tests.factories import ExpertFactory, PersonFactory, UserFactory
from tests.resources import audit_entries

TODAY = timezone.localdate()
PARTNERS_A = ["focal_point", "hr_officer", "training_officer", "official"]


def text(response) -> str:
    return response.content.decode()


def person_of(user) -> Person:
    return Person.objects.get(user=user)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def code_lists(db):
    return {
        "imt": ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking"),
        "purpose": PurposeCodeFactory(),
        "phase": ProgrammePhaseFactory(
            code="NEXT",
            name_en="Next phase",
            starts_on=datetime.date(2024, 4, 1),
            ends_on=datetime.date(2099, 1, 1),
        ),
    }


def make_action(institution, code_lists, **fields):
    fields.setdefault("type", ActionType.HOLISTIC)
    fields.setdefault("status", ActionStatus.IMPLEMENTATION)
    return ActionFactory(
        lead=institution,
        thematic_area=code_lists["imt"],
        phase=code_lists["phase"],
        approved_on=TODAY - datetime.timedelta(days=200),
        **fields,
    )


@pytest.fixture
def scene(world, code_lists):
    """Institution A's holistic Action with coming and held activities, a draft and a request waiting
    for an answer, cells naming A's HR and training officers, a programme open for nominations, the
    official's attendances and an enrolment, and the expert's missions; institution B's own Action and
    request beside it."""
    action = make_action(world.institution_a, code_lists, short_name="Mexico Holistic", code="MX-H-01")
    coming = [
        ActivityFactory(
            action=action,
            title=f"Coming workshop {number}",
            status=ActivityStatus.CONFIRMED if number == 1 else ActivityStatus.PLANNED,
            planned_start=TODAY + datetime.timedelta(days=10 * number),
            planned_end=TODAY + datetime.timedelta(days=10 * number + 1),
            city="Tapachula",
            modality=Modality.IN_PERSON,
        )
        for number in range(1, 5)
    ]
    held_recently = ActivityFactory(
        action=action,
        title="Recent training",
        status=ActivityStatus.HELD,
        held_on=TODAY - datetime.timedelta(days=2),
    )
    held_long_ago = ActivityFactory(
        action=action,
        title="Old training",
        status=ActivityStatus.REPORTED,
        held_on=TODAY - datetime.timedelta(days=150),
    )
    official = person_of(world.user("official"))
    recent = ParticipationFactory(
        activity=held_recently, person=official, pre_test_score=40, post_test_score=80
    )
    old = ParticipationFactory(activity=held_long_ago, person=official, satisfaction=5)
    colleague = PersonFactory(institution=world.institution_a, first_name="Colega", last_name="Compañera")
    ParticipationFactory(activity=held_recently, person=colleague)

    draft = SupportRequestFactory(
        lead=world.institution_a,
        reference="DRAFT-ABC",
        title="Half-written draft on labour migration",
        status=RequestStatus.DRAFT,
    )
    waiting = SupportRequestFactory(
        lead=world.institution_a,
        reference="R-2026-0007",
        title="Victim identification at the border",
        status=RequestStatus.CLARIFICATION_REQUESTED,
    )
    RequestClarification.objects.create(
        request=waiting,
        question="Which border posts would the training cover?",
        asked_by=world.user("programme_officer"),
    )
    hr = person_of(world.user("hr_officer"))
    training = person_of(world.user("training_officer"))
    hr_cell = CoordinationCellFactory(
        action=action,
        stage=CoordinationStage.DESIGN,
        actor=CoordinationActor.HR,
        status=CoordinationStatus.ENGAGED,
        responsible=hr,
    )
    training_cell = CoordinationCellFactory(
        action=action,
        stage=CoordinationStage.DESIGN,
        actor=CoordinationActor.TRAINING_UNIT,
        status=CoordinationStatus.ENGAGED,
        responsible=training,
    )
    planned_cell = CoordinationCellFactory(
        action=action,
        stage=CoordinationStage.DELIVERY,
        actor=CoordinationActor.HR,
        status=CoordinationStatus.PLANNED,
        responsible=hr,
    )
    programme = CertificationProgramme.objects.create(
        name_en="Certified trainers on trafficking", kind="trainer"
    )
    programme.actions.add(action)
    enrolment = Enrolment.objects.create(
        programme=programme,
        person=official,
        institution=world.institution_a,
        nominated_by=world.user("hr_officer"),
        nominated_on=TODAY - datetime.timedelta(days=5),
    )
    expert = Expert.objects.get(person__user=world.user("expert"))
    upcoming_mission = ExpertAssignmentFactory(activity=coming[0], expert=expert, days=4)
    past_mission = ExpertAssignmentFactory(activity=held_recently, expert=expert, days=3)

    action_b = make_action(world.institution_b, code_lists, short_name="Nigeria Secret", code="NG-S-01")
    ActivityFactory(
        action=action_b, title="Nigeria hidden workshop", status=ActivityStatus.PLANNED, planned_start=TODAY
    )
    request_b = SupportRequestFactory(
        lead=world.institution_b, reference="R-2026-0099", title="Nigerian shelter standards"
    )
    return {
        "action": action,
        "coming": coming,
        "held_recently": held_recently,
        "held_long_ago": held_long_ago,
        "recent": recent,
        "old": old,
        "draft": draft,
        "waiting": waiting,
        "hr_cell": hr_cell,
        "training_cell": training_cell,
        "planned_cell": planned_cell,
        "programme": programme,
        "enrolment": enrolment,
        "upcoming_mission": upcoming_mission,
        "past_mission": past_mission,
        "action_b": action_b,
        "request_b": request_b,
    }


A_SECRETS = (
    "Mexico Holistic",
    "Coming workshop",
    "Half-written draft",
    "Victim identification",
    "Which border posts",
    "Certified trainers on trafficking",
    "National Migration Institute",
)
B_SECRETS = ("Nigeria Secret", "Nigeria hidden workshop", "Nigerian shelter standards")


# --- Who lands where ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [*PARTNERS_A, "expert"])
def test_partner_users_and_experts_are_sent_to_the_portal_home(world, page_client_for, role):
    client = page_client_for(world.user(role))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200


@pytest.mark.parametrize("role", ["administrator", "programme_manager", "programme_officer", "integrator"])
def test_staff_keep_their_home_and_are_sent_back_from_the_portal(world, page_client_for, role):
    client = page_client_for(world.user(role))
    assert client.get(reverse("home")).status_code == 200
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_portal_pages_need_a_login(db, client):
    for name in ("portal:home", "portal:my_activities", "portal:missions", "portal:my_certification"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/login/"), name


# --- The home page per role -----------------------------------------------------------------------


def test_focal_point_home_shows_institution_requests_actions_and_what_to_do(world, scene, page_client_for):
    page = text(page_client_for(world.user("focal_point")).get(reverse("portal:home")))
    assert "National Migration Institute" in page
    # Requests with their status, each linked.
    assert scene["waiting"].get_absolute_url() in page and "Clarification requested" in page
    assert scene["draft"].get_absolute_url() in page
    # The Action with its next three activities (of four), dates and place.
    assert "Mexico Holistic" in page and scene["action"].get_absolute_url() in page
    for activity in scene["coming"][:3]:
        assert activity.title in page
    assert "Coming workshop 4" not in page and "and 1 more activity" in page
    assert "Tapachula" in page
    # Tasks: the draft to send and the question to answer, each linking where it is done.
    assert 'data-task="draft"' in page and 'data-task="clarification"' in page
    assert "Which border posts would the training cover?" in page
    assert 'data-task="sign_off"' not in page and 'data-task="nominate"' not in page
    for secret in B_SECRETS:
        assert secret not in page


def test_hr_officer_home_asks_for_their_sign_off_and_nominations(world, scene, page_client_for):
    page = text(page_client_for(world.user("hr_officer")).get(reverse("portal:home")))
    assert (
        page.count('data-task="sign_off"') == 1
    )  # theirs, engaged; not the training unit's, not the planned one
    assert f"{scene['action'].get_absolute_url()}?tab=coordination" in page
    assert 'data-task="nominate"' in page and scene["programme"].get_absolute_url() + "#nominate" in page
    assert 'data-task="draft"' not in page and 'data-task="clarification"' not in page
    # HR officers follow the institution's requests, but the drafting tasks are the focal point's.
    assert "Victim identification at the border" in page


def test_a_closed_programme_is_no_nomination_task(world, scene, page_client_for):
    CertificationProgramme.objects.filter(pk=scene["programme"].pk).update(accepts_nominations=False)
    page = text(page_client_for(world.user("training_officer")).get(reverse("portal:home")))
    assert 'data-task="nominate"' not in page and page.count('data-task="sign_off"') == 1


def test_official_home_lists_questionnaires_due_and_their_enrolments(world, scene, page_client_for):
    page = text(page_client_for(world.user("official")).get(reverse("portal:home")))
    questionnaire = reverse("portal:questionnaire", args=[scene["recent"].pk])
    follow_up = reverse("portal:questionnaire", args=[scene["old"].pk])
    # Held two days ago, no answer: satisfaction due; its follow-up is not open yet.
    assert 'data-task="satisfaction"' in page and questionnaire in page
    # Held five months ago and rated: the follow-up is due.
    assert page.count('data-task="follow_up"') == 1 and follow_up in page
    assert "Certified trainers on trafficking" in page and scene["enrolment"].get_absolute_url() in page
    # Officials follow Actions, not requests.
    assert "Victim identification" not in page and "Half-written" not in page


def test_answered_questionnaires_are_no_longer_tasks(world, scene, page_client_for):
    Participation.objects.filter(pk=scene["recent"].pk).update(satisfaction=4)
    Participation.objects.filter(pk=scene["old"].pk).update(follow_up_answer="yes")
    page = text(page_client_for(world.user("official")).get(reverse("portal:home")))
    assert 'data-task="satisfaction"' not in page and 'data-task="follow_up"' not in page
    assert "Nothing is waiting for you" in page


def test_institution_b_sees_none_of_a_on_its_home(world, scene, page_client_for):
    page = text(page_client_for(world.focal_b).get(reverse("portal:home")))
    for secret in A_SECRETS:
        assert secret not in page, secret
    assert "Nigeria Secret" in page and "Nigerian shelter standards" in page


def test_published_actions_of_others_are_not_on_the_home_page(world, scene, page_client_for):
    scene["action_b"].published = True
    scene["action_b"].save(update_fields=["published"])
    page = text(page_client_for(world.user("focal_point")).get(reverse("portal:home")))
    assert "Nigeria Secret" not in page


def test_home_is_in_the_users_language(world, scene, page_client_for):
    user = world.user("focal_point")
    user.language = "fr"
    user.save(update_fields=["language"])
    page = text(page_client_for(user).get(reverse("portal:home")))
    assert '<html lang="fr">' in page


def count_queries(client, url) -> int:
    client.get(url)  # warm-up: session, content types, translations
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_rows(world, code_lists, number: int) -> None:
    """More of everything the home pages list: Actions with activities, requests, cells, programmes,
    attendances and missions."""
    hr = person_of(world.user("hr_officer"))
    official = person_of(world.user("official"))
    expert = Expert.objects.get(person__user=world.user("expert"))
    for index in range(number):
        action = make_action(world.institution_a, code_lists, code=f"MX-MORE-{index}")
        ActivityFactory(action=action, status=ActivityStatus.PLANNED, planned_start=TODAY, city="Puebla")
        ActivityFactory(action=action, status=ActivityStatus.CONFIRMED, planned_start=TODAY)
        held = ActivityFactory(
            action=action, status=ActivityStatus.HELD, held_on=TODAY - datetime.timedelta(days=120)
        )
        ParticipationFactory(activity=held, person=official)
        ExpertAssignmentFactory(activity=held, expert=expert)
        SupportRequestFactory(
            lead=world.institution_a, status=RequestStatus.DRAFT, reference=f"DRAFT-{index}"
        )
        asked = SupportRequestFactory(
            lead=world.institution_a,
            status=RequestStatus.CLARIFICATION_REQUESTED,
            reference=f"R-2026-{index + 500}",
        )
        RequestClarification.objects.create(request=asked, question=f"Question {index}?")
        CoordinationCellFactory(action=action, status=CoordinationStatus.ENGAGED, responsible=hr)
        programme = CertificationProgramme.objects.create(name_en=f"Programme {index}", kind="expert")
        programme.actions.add(action)
        Enrolment.objects.create(
            programme=programme,
            person=official,
            institution=world.institution_a,
            nominated_on=TODAY,
        )


@pytest.mark.parametrize("role", [*PARTNERS_A, "expert"])
def test_home_query_count_does_not_grow_with_rows(world, scene, code_lists, page_client_for, role):
    client = page_client_for(world.user(role))
    url = reverse("portal:home")
    before = count_queries(client, url)
    add_rows(world, code_lists, 6)
    after = count_queries(client, url)
    assert before == after, (role, before, after)


def test_my_activities_query_count_does_not_grow_with_rows(world, scene, code_lists, page_client_for):
    client = page_client_for(world.user("official"))
    url = reverse("portal:my_activities")
    before = count_queries(client, url)
    add_rows(world, code_lists, 6)
    assert count_queries(client, url) == before


# --- Navigation -----------------------------------------------------------------------------------


def nav_of(page: str) -> str:
    start = page.index('class="main-nav__inner"')
    return page[start : page.index("</nav>", start)]


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (
            "focal_point",
            ["Home", "Requests", "Actions", "My institution"],
            ["Certification", "Expert roster"],
        ),
        ("hr_officer", ["Home", "Requests", "Actions", "Certification", "My institution"], ["People"]),
        ("training_officer", ["Requests", "Certification"], ["Steering Committee"]),
        ("official", ["Home", "Actions", "Certification", "My activities", "My institution"], ["Requests"]),
        ("expert", ["My missions", "Actions"], ["Requests", "Certification", "Institutions"]),
        (
            "programme_officer",
            ["Actions", "Requests", "Steering Committee", "Certification"],
            ["My missions"],
        ),
    ],
)
def test_navigation_per_role(world, page_client_for, role, present, absent):
    page = text(page_client_for(world.user(role)).get(reverse("actions:action_list")))
    nav = nav_of(page)
    for label in present:
        assert f">{label}</a>" in nav, (role, label)
    for label in absent:
        assert f">{label}</a>" not in nav, (role, label)
    if role in PARTNERS_A:
        assert reverse("partners:institution_detail", args=[world.institution_a.pk]) in nav


# --- The Action and activity pages as a partner sees them ----------------------------------------


@pytest.mark.parametrize("role", PARTNERS_A)
def test_partners_see_no_staff_controls_on_the_action_page(world, scene, page_client_for, role):
    client = page_client_for(world.user(role))
    action = scene["action"]
    overview = text(client.get(action.get_absolute_url()))
    assert reverse("actions:action_update", args=[action.pk]) not in overview
    assert reverse("actions:action_transition", args=[action.pk]) not in overview
    assert "Next steps" not in overview and "History" not in overview
    # Their own institution is linked and marked; the page lists no registry page they cannot open.
    assert world.institution_a.get_absolute_url() in overview and "Your institution" in overview
    deliverables = text(client.get(f"{action.get_absolute_url()}?tab=deliverables"))
    assert "Next step" not in deliverables and "Add a deliverable" not in deliverables
    activity = text(client.get(scene["coming"][0].get_absolute_url()))
    assert reverse("actions:activity_update", args=[scene["coming"][0].pk]) not in activity
    assert "Next steps" not in activity and "Record the attendance list" not in activity


def test_staff_still_see_their_controls(world, scene, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    overview = text(client.get(scene["action"].get_absolute_url()))
    assert (
        "Next steps" in overview and reverse("actions:action_update", args=[scene["action"].pk]) in overview
    )


def test_participants_tab_lists_only_the_institutions_officials_and_says_so(world, scene, page_client_for):
    outsider = PersonFactory(institution=world.institution_b, last_name="Outsiderova")
    ParticipationFactory(activity=scene["held_recently"], person=outsider)
    url = f"{scene['action'].get_absolute_url()}?tab=participants"
    hr_page = text(page_client_for(world.user("hr_officer")).get(url))
    assert 'data-scope="institution"' in hr_page
    assert "Compañera" in hr_page and "Outsiderova" not in hr_page
    official_page = text(page_client_for(world.user("official")).get(url))
    assert 'data-scope="own"' in official_page
    assert "Compañera" not in official_page and "Outsiderova" not in official_page
    assert str(person_of(world.user("official"))) in official_page
    staff_page = text(page_client_for(world.user("programme_officer")).get(url))
    assert "Outsiderova" in staff_page and "data-scope" not in staff_page
    expert_page = text(page_client_for(world.user("expert")).get(url))
    assert 'data-scope="none"' in expert_page and "Compañera" not in expert_page


def test_activity_page_participants_are_scoped_the_same_way(world, scene, page_client_for):
    outsider = PersonFactory(institution=world.institution_b, last_name="Outsiderova")
    ParticipationFactory(activity=scene["held_recently"], person=outsider)
    url = scene["held_recently"].get_absolute_url()
    page = text(page_client_for(world.user("focal_point")).get(url))
    assert 'data-scope="institution"' in page and "Compañera" in page and "Outsiderova" not in page
    page = text(page_client_for(world.user("official")).get(url))
    assert 'data-scope="own"' in page and "Compañera" not in page


@pytest.mark.parametrize("role", PARTNERS_A)
def test_institution_b_gets_404_for_a_action_internals(world, scene, page_client_for, role):
    # Institution B's users of every role (B has only a focal point in the world: add the others).
    user = world.focal_b if role == "focal_point" else UserFactory(role=role)
    if role != "focal_point":
        PersonFactory(institution=world.institution_b, user=user)
    client = page_client_for(user)
    assert client.get(scene["action"].get_absolute_url()).status_code == 404
    assert client.get(f"{scene['action'].get_absolute_url()}?tab=coordination").status_code == 404
    assert client.get(scene["held_recently"].get_absolute_url()).status_code == 404
    assert client.post(reverse("portal:cell_sign_off", args=[scene["hr_cell"].pk])).status_code == 404
    for participation in ("recent", "old"):
        url = reverse("portal:questionnaire", args=[scene[participation].pk])
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"questionnaire": "satisfaction", "satisfaction-satisfaction": "5"}).status_code
            == 404
        )
    assert client.get(scene["enrolment"].get_absolute_url()).status_code == 404


# --- Signing off a coordination cell --------------------------------------------------------------


def test_coordination_tab_offers_sign_off_to_the_named_officer_only(world, scene, page_client_for):
    url = f"{scene['action'].get_absolute_url()}?tab=coordination"
    sign_off = reverse("portal:cell_sign_off", args=[scene["hr_cell"].pk])
    page = text(page_client_for(world.user("hr_officer")).get(url))
    assert sign_off in page and "waits for your sign-off" in page
    # Not the training unit's cell, nor the planned one.
    assert reverse("portal:cell_sign_off", args=[scene["training_cell"].pk]) not in page
    assert reverse("portal:cell_sign_off", args=[scene["planned_cell"].pk]) not in page
    for role in ("focal_point", "official", "training_officer", "programme_officer"):
        assert sign_off not in text(page_client_for(world.user(role)).get(url)), role


@pytest.mark.parametrize("role", ["focal_point", "official", "training_officer"])
def test_others_of_the_institution_cannot_sign_off_an_hr_cell(world, scene, page_client_for, role):
    response = page_client_for(world.user(role)).post(
        reverse("portal:cell_sign_off", args=[scene["hr_cell"].pk]), {"note": "Agreed"}
    )
    assert response.status_code == 403
    scene["hr_cell"].refresh_from_db()
    assert scene["hr_cell"].status == CoordinationStatus.ENGAGED and scene["hr_cell"].signed_off_by is None


def test_an_hr_officer_not_named_on_the_cell_gets_403(world, scene, page_client_for):
    other_hr = UserFactory(role="hr_officer")
    PersonFactory(institution=world.institution_a, user=other_hr)
    response = page_client_for(other_hr).post(reverse("portal:cell_sign_off", args=[scene["hr_cell"].pk]))
    assert response.status_code == 403
    # Nor may the named HR officer sign off the training unit's cell.
    response = page_client_for(world.user("hr_officer")).post(
        reverse("portal:cell_sign_off", args=[scene["training_cell"].pk])
    )
    assert response.status_code == 403


def test_the_named_hr_officer_signs_off_their_cell(world, scene, page_client_for):
    user = world.user("hr_officer")
    cell = scene["hr_cell"]
    response = page_client_for(user).post(
        reverse("portal:cell_sign_off", args=[cell.pk]), {"note": "Agreed at the HR board of 3 March."}
    )
    assert response.status_code == 302 and response["Location"].endswith("?tab=coordination")
    cell.refresh_from_db()
    assert cell.status == CoordinationStatus.SIGNED_OFF
    assert cell.signed_off_by == person_of(user) and cell.signed_off_on == TODAY
    entry = audit_entries(CoordinationCell, cell.pk, AuditAction.TRANSITION).get()
    assert entry.actor == user and entry.changes["status"] == ["engaged", "signed_off"]
    # The signer's note is the sign-off's comment, shown in the cell's timeline.
    assert entry.reason == "Agreed at the HR board of 3 March."


def test_signing_off_a_planned_cell_is_refused_with_a_message(world, scene, page_client_for):
    client = page_client_for(world.user("hr_officer"))
    response = client.post(reverse("portal:cell_sign_off", args=[scene["planned_cell"].pk]), follow=True)
    assert response.status_code == 200
    assert "message--error" in text(response)
    scene["planned_cell"].refresh_from_db()
    assert scene["planned_cell"].status == CoordinationStatus.PLANNED
    assert scene["planned_cell"].signed_off_by is None  # nothing half-saved


# --- An official's activities and questionnaires --------------------------------------------------


def test_my_activities_lists_only_the_users_own_attendances(world, scene, page_client_for):
    page = text(page_client_for(world.user("official")).get(reverse("portal:my_activities")))
    assert "Recent training" in page and "Old training" in page
    assert reverse("portal:questionnaire", args=[scene["recent"].pk]) in page
    # The focal point attended nothing: the colleague's attendance is not theirs.
    page = text(page_client_for(world.user("focal_point")).get(reverse("portal:my_activities")))
    assert "Recent training" not in page and "No attendance is recorded for you yet." in page


def test_the_official_answers_the_satisfaction_questionnaire(world, scene, page_client_for):
    user = world.user("official")
    participation = scene["recent"]
    url = reverse("portal:questionnaire", args=[participation.pk])
    client = page_client_for(user)
    page = text(client.get(url))
    assert "How satisfied are you with this activity?" in page
    assert "opens on" in page  # the follow-up is not open two days after the activity
    response = client.post(url, {"questionnaire": "satisfaction", "satisfaction-satisfaction": "4"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:my_activities")
    participation.refresh_from_db()
    assert participation.satisfaction == 4
    entry = audit_entries(Participation, participation.pk, AuditAction.UPDATE).get()
    assert entry.actor == user and entry.changes["satisfaction"] == [None, 4]


@pytest.mark.parametrize("value", ["0", "6", "", "five"])
def test_a_satisfaction_outside_1_to_5_is_a_field_error(world, scene, page_client_for, value):
    url = reverse("portal:questionnaire", args=[scene["recent"].pk])
    response = page_client_for(world.user("official")).post(
        url, {"questionnaire": "satisfaction", "satisfaction-satisfaction": value}
    )
    assert response.status_code == 200
    form = response.context["satisfaction_form"]
    assert "satisfaction" in form.errors
    scene["recent"].refresh_from_db()
    assert scene["recent"].satisfaction is None


def test_the_follow_up_before_it_opens_is_an_error(world, scene, page_client_for):
    url = reverse("portal:questionnaire", args=[scene["recent"].pk])
    response = page_client_for(world.user("official")).post(
        url, {"questionnaire": "follow_up", "follow_up-follow_up_answer": "yes"}
    )
    assert response.status_code == 200
    errors = response.context["follow_up_form"].errors
    assert "follow_up_answer" in errors and "Not open yet." in errors["follow_up_answer"]
    assert "The follow-up questionnaire opens on" in text(response)
    scene["recent"].refresh_from_db()
    assert scene["recent"].follow_up_answer == ""


def test_the_follow_up_once_open(world, scene, page_client_for):
    url = reverse("portal:questionnaire", args=[scene["old"].pk])
    client = page_client_for(world.user("official"))
    assert "Have you applied what you learned in your work?" in text(client.get(url))
    response = client.post(
        url,
        {
            "questionnaire": "follow_up",
            "follow_up-follow_up_answer": "partly",
            "follow_up-follow_up_comment": "We use the referral checklist at two posts.",
        },
    )
    assert response.status_code == 302
    scene["old"].refresh_from_db()
    assert scene["old"].follow_up_answer == "partly"
    assert scene["old"].follow_up_comment == "We use the referral checklist at two posts."
    response = client.post(url, {"questionnaire": "follow_up", "follow_up-follow_up_answer": "maybe"})
    assert "follow_up_answer" in response.context["follow_up_form"].errors


def test_questionnaires_of_an_activity_not_held_are_closed(world, scene, page_client_for):
    official = person_of(world.user("official"))
    participation = ParticipationFactory(activity=scene["coming"][0], person=official)
    url = reverse("portal:questionnaire", args=[participation.pk])
    client = page_client_for(world.user("official"))
    assert "open once the activity has been held" in text(client.get(url))
    response = client.post(url, {"questionnaire": "satisfaction", "satisfaction-satisfaction": "5"})
    assert response.status_code == 200 and response.context["satisfaction_form"].errors
    participation.refresh_from_db()
    assert participation.satisfaction is None


@pytest.mark.parametrize("role", ["focal_point", "hr_officer", "programme_officer", "expert"])
def test_only_the_participant_sees_their_questionnaire(world, scene, page_client_for, role):
    url = reverse("portal:questionnaire", args=[scene["recent"].pk])
    client = page_client_for(world.user(role))
    expected = 302 if role == "programme_officer" else 404  # staff are sent to their own home
    assert client.get(url).status_code == expected
    assert (
        client.post(url, {"questionnaire": "satisfaction", "satisfaction-satisfaction": "1"}).status_code
        == expected
    )
    scene["recent"].refresh_from_db()
    assert scene["recent"].satisfaction is None


def test_my_certification_lists_the_users_enrolments(world, scene, page_client_for):
    page = text(page_client_for(world.user("official")).get(reverse("portal:my_certification")))
    assert "Certified trainers on trafficking" in page and "Nominated" in page
    page = text(page_client_for(world.user("focal_point")).get(reverse("portal:my_certification")))
    assert "Certified trainers on trafficking" not in page


# --- An expert's missions -------------------------------------------------------------------------


def test_expert_home_lists_coming_and_past_missions_and_the_missing_report(world, scene, page_client_for):
    client = page_client_for(world.user("expert"))
    page = text(client.get(reverse("portal:home")))
    assert "Coming workshop 1" in page and "Recent training" in page
    assert 'data-task="mission_report"' in page and "Mission report missing" in page
    assert reverse("portal:mission_report_upload", args=[scene["past_mission"].pk]) in page
    assert "Mexico Holistic" in page
    missions = text(client.get(reverse("portal:missions")))
    assert "Your missions" in missions and "Coming workshop 1" in missions
    for secret in B_SECRETS:
        assert secret not in page


def test_missions_page_is_for_experts(world, page_client_for):
    assert page_client_for(world.user("official")).get(reverse("portal:missions")).status_code == 404


def test_expert_uploads_and_downloads_their_mission_report(world, scene, page_client_for, media):
    user = world.user("expert")
    assignment = scene["past_mission"]
    client = page_client_for(user)
    response = client.post(
        reverse("portal:mission_report_upload", args=[assignment.pk]),
        {
            "mission_report": SimpleUploadedFile(
                "mission.pdf", b"%PDF-1.4 report", content_type="application/pdf"
            )
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.mission_report.name.endswith(".pdf")
    entry = audit_entries(ExpertAssignment, assignment.pk, AuditAction.UPDATE).get()
    assert entry.actor == user and "mission_report" in entry.changes
    download = client.get(reverse("actions:mission_report", args=[assignment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    page = text(client.get(reverse("portal:home")))
    assert 'data-task="mission_report"' not in page and "Download your report" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("mission.exe", b"MZ"), "File extension “exe” is not allowed"),
        (SimpleUploadedFile("mission.xlsx", b"PK"), "File extension “xlsx” is not allowed"),
        (SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024)), "at most 10 MB"),
    ],
)
def test_a_wrong_mission_report_is_an_error_on_the_form(
    world, scene, page_client_for, media, upload, message
):
    assignment = scene["past_mission"]
    response = page_client_for(world.user("expert")).post(
        reverse("portal:mission_report_upload", args=[assignment.pk]), {"mission_report": upload}
    )
    assert response.status_code == 200 and message in text(response)
    assignment.refresh_from_db()
    assert not assignment.mission_report


def test_another_experts_assignment_is_404(world, scene, page_client_for, media):
    other = UserFactory(role="expert")
    ExpertFactory(person=PersonFactory(institution=world.member_state_administration, user=other))
    assignment = scene["past_mission"]
    response = page_client_for(other).post(
        reverse("portal:mission_report_upload", args=[assignment.pk]),
        {"mission_report": SimpleUploadedFile("mission.pdf", b"%PDF")},
    )
    assert response.status_code == 404
    assert (
        page_client_for(other).get(reverse("actions:mission_report", args=[assignment.pk])).status_code == 404
    )
    # Partners and staff do not upload through the expert's form either.
    for role in ("focal_point", "programme_officer"):
        response = page_client_for(world.user(role)).post(
            reverse("portal:mission_report_upload", args=[assignment.pk]),
            {"mission_report": SimpleUploadedFile("mission.pdf", b"%PDF")},
        )
        assert response.status_code in {302, 404}, role
    assignment.refresh_from_db()
    assert not assignment.mission_report


def test_the_expert_uploads_from_the_activity_page_too(world, scene, page_client_for):
    page = text(page_client_for(world.user("expert")).get(scene["held_recently"].get_absolute_url()))
    assert reverse("portal:mission_report_upload", args=[scene["past_mission"].pk]) in page
    page = text(page_client_for(world.user("focal_point")).get(scene["held_recently"].get_absolute_url()))
    assert reverse("portal:mission_report_upload", args=[scene["past_mission"].pk]) not in page
