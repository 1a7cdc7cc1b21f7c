"""Roles inside an institution, in the browser: A's HR officer logs in, sees the nomination waiting
on the portal home, nominates an official of A for the certification programme of A's holistic
Action and sees the enrolment "Nominated"; B's focal point logs in and sees none of it. Along the
way, the portal home of a focal point, an HR officer, an official and an expert, and an Action page
as a partner sees it, are photographed (MIEUX_SCREENSHOTS)."""

import datetime
import re

import pytest

from actions.choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    Modality,
    RequestStatus,
)
from actions.models import RequestClarification
from certification.choices import CredentialKind, EnrolmentStatus
from certification.forms.programmes import NominationForm
from certification.models import CertificationProgramme, Enrolment
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
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date.today()


def days(number: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=number)


def log_in(page, live_server, email: str) -> None:
    """Partner users and experts land on the portal's home."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/portal/$"))


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def rename(user, first: str, last: str, position: str = "") -> Person:
    person = Person.objects.get(user=user)
    Person.objects.filter(pk=person.pk).update(first_name=first, last_name=last, position=position)
    type(user).objects.filter(pk=user.pk).update(full_name=f"{first} {last}")
    return Person.objects.get(pk=person.pk)


def build_scene(world) -> dict:
    """A's holistic Action as the demo would have it: coming and held activities, a matrix cell for
    the HR officer to sign off, a programme open for nominations; a draft and a question for the
    focal point; attendances for the official; missions for the expert. B has its own Action."""
    area = ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking in human beings")
    PurposeCodeFactory()
    phase = ProgrammePhaseFactory(
        code="NEXT",
        name_en="MIEUX+ 2024–2028",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2099, 1, 1),
    )
    hr = rename(world.user("hr_officer"), "Rosa", "Jiménez", "Head of human resources")
    rename(world.user("focal_point"), "Carlos", "Méndez", "International cooperation")
    official = rename(world.user("official"), "Lucía", "Romero", "Migration officer, Tapachula")
    rename(world.user("training_officer"), "Diego", "Salas", "Training centre coordinator")
    rename(world.user("expert"), "Katrin", "Vogel")
    nominee = PersonFactory(
        institution=world.institution_a, first_name="Andrés", last_name="Torres", position="Border inspector"
    )
    action = ActionFactory(
        lead=world.institution_a,
        code="MX-2025-07",
        short_name="Mexico holistic",
        title_en="Holistic capacity development of the National Migration Institute",
        summary="Leadership, HR, the training centre and the border directorates build a training system.",
        type=ActionType.HOLISTIC,
        thematic_area=area,
        phase=phase,
        approved_on=days(-240),
        status=ActionStatus.IMPLEMENTATION,
        officer=world.user("programme_officer"),
    )
    plan = [
        ("Training of trainers on victim identification", ActivityType.TRAINING_OF_TRAINERS, 12, "Tapachula"),
        ("Curriculum review with the training centre", ActivityType.WORKSHOP, 30, "Ciudad de México"),
        ("Online module on referral", ActivityType.ONLINE_COURSE, 45, ""),
        ("Replica training in Tijuana", ActivityType.REPLICA_TRAINING, 70, "Tijuana"),
    ]
    coming = []
    for number, (title, kind, start, city) in enumerate(plan, start=1):
        coming.append(
            ActivityFactory(
                action=action,
                sequence=number + 2,
                title=title,
                type=kind,
                status=ActivityStatus.CONFIRMED if number == 1 else ActivityStatus.PLANNED,
                planned_start=days(start),
                planned_end=days(start + 2),
                city=city,
                country="MX" if city else "",
                modality=Modality.ONLINE if not city else Modality.IN_PERSON,
            )
        )
    held = ActivityFactory(
        action=action,
        sequence=1,
        title="Identification mission",
        type=ActivityType.IDENTIFICATION_MISSION,
        status=ActivityStatus.REPORTED,
        held_on=days(-150),
        city="Ciudad de México",
        country="MX",
    )
    recent = ActivityFactory(
        action=action,
        sequence=2,
        title="Workshop on referral mechanisms",
        type=ActivityType.WORKSHOP,
        status=ActivityStatus.HELD,
        held_on=days(-3),
        city="Tapachula",
        country="MX",
    )
    ParticipationFactory(
        activity=held, person=official, satisfaction=4, pre_test_score=45, post_test_score=70
    )
    ParticipationFactory(activity=recent, person=official, pre_test_score=50, post_test_score=85)
    ParticipationFactory(activity=recent, person=nominee, satisfaction=5)
    CoordinationCellFactory(
        action=action,
        stage=CoordinationStage.DESIGN,
        actor=CoordinationActor.HR,
        status=CoordinationStatus.ENGAGED,
        responsible=hr,
    )
    CoordinationCellFactory(
        action=action,
        stage=CoordinationStage.IDENTIFICATION,
        actor=CoordinationActor.LEADERSHIP,
        status=CoordinationStatus.SIGNED_OFF,
        signed_off_by=hr,
        signed_off_on=days(-100),
    )
    programme = CertificationProgramme.objects.create(
        name_en="Certified trainers in victim identification",
        kind=CredentialKind.TRAINER,
        description_en="Officials who complete the course, pass the test and deliver two replica sessions.",
    )
    programme.actions.add(action)
    Enrolment.objects.create(
        programme=programme,
        person=official,
        institution=world.institution_a,
        nominated_by=world.user("hr_officer"),
        nominated_on=days(-20),
        status=EnrolmentStatus.ENROLLED,
    )
    SupportRequestFactory(
        lead=world.institution_a,
        reference="DRAFT-7A1C",
        title="Labour migration information desks",
        status=RequestStatus.DRAFT,
    )
    asked = SupportRequestFactory(
        lead=world.institution_a,
        reference="R-2026-0012",
        title="Protection-sensitive border management",
        status=RequestStatus.CLARIFICATION_REQUESTED,
    )
    RequestClarification.objects.create(
        request=asked,
        question="Which border posts should the training cover first?",
        asked_by=world.user("programme_officer"),
    )
    expert = Expert.objects.get(person__user=world.user("expert"))
    ExpertAssignmentFactory(activity=coming[0], expert=expert, days=5)
    ExpertAssignmentFactory(activity=recent, expert=expert, days=3)
    action_b = ActionFactory(
        lead=world.institution_b,
        code="NG-2025-02",
        short_name="Nigeria shelters",
        type=ActionType.HOLISTIC,
        thematic_area=area,
        phase=phase,
        status=ActionStatus.IMPLEMENTATION,
    )
    ActivityFactory(action=action_b, title="Shelter standards workshop", planned_start=days(15), city="Abuja")
    SupportRequestFactory(
        lead=world.institution_b, reference="R-2026-0020", title="Shelter standards in Lagos"
    )
    return {"action": action, "programme": programme, "nominee": nominee}


def test_hr_officer_nominates_and_another_institution_sees_none_of_it(
    world, live_server, browser_page, screenshot
):
    scene = build_scene(world)
    page = browser_page

    # The HR officer of A logs in and finds the nomination waiting on the portal home.
    log_in(page, live_server, world.user("hr_officer").email)
    tasks = page.locator("#tasks")
    assert tasks.get_by_text("Nominate officials for certification").is_visible()
    assert tasks.get_by_text("Certified trainers in victim identification").is_visible()
    assert page.locator('[data-task="sign_off"]').count() == 1
    screenshot(page, "portal-home-hr-officer")

    # The Action page as a partner sees it: no staff controls; the matrix offers the sign-off.
    page.goto(f"{live_server.url}{scene['action'].get_absolute_url()}")
    assert page.get_by_role("heading", name=re.compile("Mexico holistic")).is_visible()
    assert page.get_by_role("link", name="Edit").count() == 0
    assert page.get_by_text("Next steps").count() == 0
    screenshot(page, "action-page-partner-overview")
    page.get_by_role("link", name="Coordination").click()
    assert page.get_by_role("button", name="Sign off").is_visible()
    screenshot(page, "action-page-partner-coordination")
    page.get_by_role("link", name="Participants").click()
    assert page.get_by_text("Only your institution's officials are listed here").is_visible()
    screenshot(page, "action-page-partner-participants")

    # Back home, the task leads to the programme's nomination form.
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-task="nominate"]').get_by_role("link", name="Nominate").click()
    page.wait_for_url(re.compile(r".*/certification/programmes/\d+/#nominate$"))
    form = page.locator("#nominate")
    screenshot(page, "programme-nominate")
    form.get_by_role("combobox", name=re.compile("^Official")).select_option(
        label=NominationForm.person_label(scene["nominee"])
    )
    form.get_by_label("Why this official").fill("Leads the inspectors' training at the southern border.")
    form.get_by_role("button", name="Nominate").click()
    page.wait_for_url(re.compile(r".*/certification/enrolments/\d+/$"))
    assert page.locator(".page-header .status").inner_text() == "Nominated"
    assert page.get_by_text("Leads the inspectors' training at the southern border.").is_visible()
    screenshot(page, "enrolment-nominated")
    enrolment = Enrolment.objects.get(person=scene["nominee"])
    assert enrolment.status == EnrolmentStatus.NOMINATED
    assert enrolment.nominated_by == world.user("hr_officer")
    enrolment_url = f"{live_server.url}{enrolment.get_absolute_url()}"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Certification").click()
    assert page.get_by_role("link", name="Certified trainers in victim identification").is_visible()
    screenshot(page, "programme-list-hr-officer")
    log_out(page)

    # B's focal point sees nothing of A: not on the home page, not at the enrolment's address.
    log_in(page, live_server, world.focal_b.email)
    body = page.locator("main").inner_text()
    for secret in (
        "Mexico holistic",
        "Andrés",
        "Certified trainers",
        "Labour migration",
        "National Migration",
    ):
        assert secret not in body, secret
    assert "Nigeria shelters" in body
    screenshot(page, "portal-home-focal-point-b")
    response = page.goto(enrolment_url)
    assert response.status == 404
    response = page.goto(f"{live_server.url}{scene['action'].get_absolute_url()}")
    assert response.status == 404
    log_out(page)


def test_portal_home_of_each_role(world, live_server, browser_page, screenshot):
    build_scene(world)
    page = browser_page

    log_in(page, live_server, world.user("focal_point").email)
    assert page.locator('[data-task="draft"]').count() == 1
    assert page.locator('[data-task="clarification"]').get_by_text("Which border posts").is_visible()
    assert page.get_by_text("Training of trainers on victim identification").is_visible()
    screenshot(page, "portal-home-focal-point")
    log_out(page)

    log_in(page, live_server, world.user("official").email)
    assert page.locator('[data-task="satisfaction"]').count() == 1
    assert page.locator('[data-task="follow_up"]').count() == 1
    screenshot(page, "portal-home-official")
    page.locator('[data-task="satisfaction"]').get_by_role("link", name="Answer").click()
    page.get_by_label("4 – Satisfied").check()
    screenshot(page, "questionnaire")
    page.locator("#satisfaction").get_by_role("button", name="Send my answer").click()
    page.wait_for_url(re.compile(r".*/portal/activities/$"))
    assert page.get_by_text("your answers were saved").is_visible()
    screenshot(page, "my-activities")
    log_out(page)

    log_in(page, live_server, world.user("expert").email)
    assert page.locator('[data-task="mission_report"]').count() == 1
    assert page.get_by_text("Training of trainers on victim identification").first.is_visible()
    screenshot(page, "portal-home-expert")
    log_out(page)
