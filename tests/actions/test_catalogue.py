"""The public catalogue: published Actions only, no personal or request data, and an Atom feed per
language."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from actions.choices import ActionStatus, ActionType
from actions.models import Action
from tests.factories import UserFactory

from .factories import ActionFactory, ActivityFactory, SupportRequestFactory, ThematicAreaFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """The locale middleware leaves a request's language active in the thread: reset it, so a
    French page here does not turn the next test module's messages French."""
    yield
    translation.deactivate()


@pytest.fixture
def officer(db):
    return UserFactory(email="officer.private@mieux.test", full_name="Olga Officer", role="programme_officer")


@pytest.fixture
def published(world, officer):
    request = SupportRequestFactory(
        lead=world.institution_a, title="Confidential request title", needs_statement="Internal needs text"
    )
    action = ActionFactory(
        code="MX-2021-03",
        short_name="Mexico III",
        title_en="Identifying victims of trafficking",
        title_fr="Identifier les victimes de la traite",
        summary_en="Peer learning on victim identification.",
        lead=world.institution_a,
        officer=officer,
        request=request,
        published=True,
        budget_eur="85000.00",
        status=ActionStatus.IMPLEMENTATION,
        actual_start=datetime.date(2021, 9, 1),
        type=ActionType.CLASSIC,
        countries=["MX"],
    )
    ActivityFactory(action=action, title="Identification mission to Mexico City")
    return action


@pytest.fixture
def unpublished(world):
    return ActionFactory(
        code="NG-2022-01", short_name="Nigeria I", title_en="Hidden Action", countries=["NG"]
    )


def test_anonymous_list_shows_published_actions_only(client, published, unpublished):
    response = client.get(reverse("catalogue:action_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Identifying victims of trafficking" in page and "Hidden Action" not in page
    assert "/catalogue/feed/en.atom" in page


def test_public_filters_work_and_staff_filters_are_ignored(client, published, officer):
    url = reverse("catalogue:action_list")
    assert "Identifying victims" in client.get(url, {"country": "MX", "type": "classic"}).content.decode()
    assert "Identifying victims" not in client.get(url, {"country": "NG"}).content.decode()
    assert "Identifying victims" not in client.get(url, {"region": "africa"}).content.decode()
    other_area = ThematicAreaFactory(code="LM")
    assert "Identifying victims" not in client.get(url, {"thematic_area": other_area.pk}).content.decode()
    # Filters that speak of internal facts are not offered and have no effect.
    page = client.get(url, {"officer": 999999, "published": "false"}).content.decode()
    assert "Identifying victims" in page and 'name="officer"' not in page


def test_anonymous_detail_by_code_without_personal_or_request_data(client, published, officer):
    response = client.get(reverse("catalogue:action_detail", args=["MX-2021-03"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Identifying victims of trafficking" in page and "National Migration Institute" in page
    assert "Identification mission to Mexico City" in page and "85,000.00" in page
    for private in (officer.email, officer.full_name, "Confidential request title", "Internal needs text"):
        assert private not in page
    assert "/programme/" not in page


def test_unpublished_or_unknown_action_is_404(client, unpublished):
    assert client.get(reverse("catalogue:action_detail", args=["NG-2022-01"])).status_code == 404
    assert client.get(reverse("catalogue:action_detail", args=["XX-0000-00"])).status_code == 404


def test_catalogue_speaks_the_chosen_language(client, published):
    client.post(reverse("language_switch"), {"language": "fr", "next": "/catalogue/"})
    page = client.get(reverse("catalogue:action_detail", args=["MX-2021-03"])).content.decode()
    assert '<html lang="fr">' in page and "Identifier les victimes de la traite" in page
    assert "Mexique" in page


def _feed(client, language):
    response = client.get(reverse("catalogue:feed", args=[language]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_feed_is_valid_atom_in_each_language(client, published, unpublished, language):
    Action.objects.filter(pk=unpublished.pk).update(status=ActionStatus.IMPLEMENTATION)
    ActionFactory(code="PE-2020-01", title_en="Not launched yet", published=True)
    closed = ActionFactory(
        code="GT-2019-01",
        title_en="Guatemala completed",
        published=True,
        status=ActionStatus.CLOSED,
        actual_start=datetime.date(2019, 1, 1),
        actual_end=datetime.date(2022, 6, 30),
    )
    feed = _feed(client, language)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    expected_first = (
        "Identifier les victimes de la traite" if language == "fr" else "Identifying victims of trafficking"
    )
    # Newest first: the completion of 30 June 2022 before the launch of 1 September 2021.
    assert titles == ["Guatemala completed", expected_first]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links[0].endswith(reverse("catalogue:action_detail", args=[closed.code]))
    assert entries[0].findtext(f"{ATOM}updated").startswith("2022-06-30")


def test_feed_in_an_unknown_language_is_404(client, published):
    assert client.get("/catalogue/feed/de.atom").status_code == 404
