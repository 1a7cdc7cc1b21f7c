"""The dashboard: the staff home over the whole portfolio, the partner dashboard over the Actions of
the user's institution, each figure checked against the seeded rows, the charts as inline SVG, and a
query count that does not grow with the number of Actions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.choices import ActivityStatus
from certification import services as certification_services
from certification.choices import EnrolmentStatus
from partners.choices import Gender
from tests.actions.factories import (
    ActionFactory,
    ActivityFactory,
    ExpertAssignmentFactory,
    ParticipationFactory,
)
from tests.certification.builders import candidate, enrol, programme_for
from tests.factories import PersonFactory

TODAY = datetime.date.today()


def figures(response) -> dict[str, int]:
    return {figure["key"]: figure["value"] for figure in response.context["figures"]}


def held_activity(action, **fields):
    return ActivityFactory(action=action, status=ActivityStatus.HELD, held_on=TODAY, **fields)


@pytest.fixture
def portfolio(world):
    """A's Action: two held activities (three people, one of them twice; two experts, one twice) and
    a planned one; B's Action: one held activity with one person; a published Action of nobody."""
    action_a = ActionFactory(lead=world.institution_a, countries=["MX"])
    first, second = held_activity(action_a), held_activity(action_a)
    ActivityFactory(action=action_a, status=ActivityStatus.PLANNED)
    women = [PersonFactory(institution=world.institution_a, gender=Gender.FEMALE) for _n in range(2)]
    man = PersonFactory(institution=world.institution_a, gender=Gender.MALE)
    for person in (*women, man):
        ParticipationFactory(activity=first, person=person)
    ParticipationFactory(activity=second, person=women[0])
    expert_assignment = ExpertAssignmentFactory(activity=first)
    ExpertAssignmentFactory(activity=second, expert=expert_assignment.expert)
    ExpertAssignmentFactory(activity=second)

    action_b = ActionFactory(lead=world.institution_b, countries=["NG"])
    ParticipationFactory(
        activity=held_activity(action_b), person=PersonFactory(institution=world.institution_b)
    )
    ActionFactory(lead=False, published=True, countries=["EC"])
    return {"a": action_a, "b": action_b}


@pytest.fixture
def credential_a(world):
    """One active credential of A (its programme brings a holistic Action of A with two held modules)."""
    programme = programme_for(world.institution_a)
    enrolment = enrol(
        programme,
        candidate(programme, world.institution_a, email="holder@inm.example"),
        status=EnrolmentStatus.CERTIFIED,
    )
    return certification_services.credential_issue(enrolment, actor=world.user("programme_manager"))


@pytest.mark.parametrize("role", ["programme_officer", "integrator"])
def test_the_staff_home_is_the_dashboard_over_the_portfolio(
    world, page_client_for, portfolio, credential_a, role
):
    response = page_client_for(world.user(role)).get(reverse("home"))
    assert response.status_code == 200
    assert response.templates[0].name == "reporting/dashboard.html"
    # Actions: A's, B's, the published one and the programme's; held: 2 + 1 + the 2 modules.
    assert figures(response) == {
        "actions": 4,
        "activities": 5,
        "participants": 4,
        "experts": 2,
        "credentials": 1,
    }
    page = response.content.decode()
    for key in ("phase-type", "per-month", "by-sex", "oecd", "world-map"):
        assert f'data-chart="{key}"' in page, key
    assert (
        page.count("<svg") >= 4
        and "<script" not in page.split('data-chart="phase-type"')[1].split("</main>")[0]
    )
    # The world map is its own resource: SVG, no script, a policy that would stop one anyway.
    assert reverse("reporting:dashboard_map") in page
    world_map = page_client_for(world.user(role)).get(reverse("reporting:dashboard_map"))
    assert world_map.status_code == 200 and world_map["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in world_map.content and b"<script" not in world_map.content
    assert "default-src 'none'" in world_map["Content-Security-Policy"]
    # The registry overview stays on the home page, with the link to the reports.
    assert reverse("partners:institution_list") in page and reverse("reporting:run_list") in page


def test_a_partner_sees_the_dashboard_of_their_institution(world, page_client_for, portfolio, credential_a):
    client = page_client_for(world.user("focal_point"))
    # The portal home stays their landing page, and links to the dashboard.
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"] == reverse("portal:home")
    assert reverse("reporting:dashboard") in client.get(reverse("portal:home")).content.decode()

    response = client.get(reverse("reporting:dashboard"))
    assert response.status_code == 200
    # A's Action and the programme's Action of A; not B's, not the published one A does not take part in.
    assert figures(response) == {
        "actions": 2,
        "activities": 4,
        "participants": 3,
        "experts": 2,
        "credentials": 1,
    }
    b = page_client_for(world.focal_b).get(reverse("reporting:dashboard"))
    assert figures(b) == {"actions": 1, "activities": 1, "participants": 1, "experts": 0, "credentials": 0}


@pytest.mark.parametrize("role", ["official", "expert"])
def test_officials_and_experts_have_no_dashboard(world, page_client_for, role):
    assert page_client_for(world.user(role)).get(reverse("reporting:dashboard")).status_code == 403


def test_the_dashboard_query_count_does_not_grow_with_actions(world, page_client_for):
    client = page_client_for(world.user("programme_manager"))

    def seed_action(number: int):
        action = ActionFactory(lead=world.institution_a, countries=["MX", "EC"] if number % 2 else ["NG"])
        activity = held_activity(action)
        ParticipationFactory(activity=activity, person=PersonFactory(institution=world.institution_a))
        ExpertAssignmentFactory(activity=activity)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("home"))
            assert response.status_code == 200
        return len(queries)

    seed_action(0)
    one = count()
    for number in range(1, 5):
        seed_action(number)
    assert count() == one
    assert figures(client.get(reverse("home")))["actions"] == 5


def test_the_map_is_drawn_for_the_requesters_own_scope(world, page_client_for, portfolio, credential_a):
    """A partner's map is their institution's, never the portfolio's; signed out, no map at all."""
    staff_map = page_client_for(world.user("programme_officer")).get(reverse("reporting:dashboard_map"))
    partner_map = page_client_for(world.user("focal_point")).get(reverse("reporting:dashboard_map"))
    assert staff_map.status_code == partner_map.status_code == 200
    assert staff_map.content != partner_map.content
    assert page_client_for(world.user("official")).get(reverse("reporting:dashboard_map")).status_code == 403
    from django.test import Client

    signed_out = Client().get(reverse("reporting:dashboard_map"))
    assert signed_out.status_code == 302
