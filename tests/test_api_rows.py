"""The lists read as rows (mieux.api.rows) write exactly what their serializer writes: for every viewset
with `list_rows`, the same page through both paths gives the same JSON — translations with their
fallbacks, empty and null values, many-to-many lists in their order, download and public URLs."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse
from django.utils import translation

from actions.choices import ActionStatus, PartnerRole
from actions.models import Action, ActionPartner, GlobalCompactObjective
from certification import services as certification_services
from mieux.api.views import ScopedModelViewSet
from tests.actions.factories import ActionFactory, ActivityFactory, ParticipationFactory
from tests.certification.builders import at_panel, candidate, programme_for
from tests.factories import InstitutionFactory, PersonFactory


def _viewsets_with_rows() -> dict[str, type]:
    """Every list route whose viewset reads rows, found in the URL configuration (not listed by hand)."""
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            cls = getattr(pattern.callback, "cls", None)
            actions = getattr(pattern.callback, "actions", None) or {}
            if cls and issubclass(cls, ScopedModelViewSet) and cls.list_rows and actions.get("get") == "list":
                found[pattern.name] = cls

    walk(get_resolver().url_patterns)
    return found


@pytest.fixture
def varied_portfolio(world):
    """Rows that exercise every kind of field the rows path writes."""
    other = InstitutionFactory(name_en="Ministry of Interior", country="GT")
    objectives = list(GlobalCompactObjective.objects.order_by("number")[:3])
    plain = ActionFactory(lead=world.institution_a, countries=["MX", "GT"], budget_eur=Decimal("125000.50"))
    plain.gcm_objectives.set([objectives[2], objectives[0]])
    ActionPartner.objects.create(action=plain, institution=other, role=PartnerRole.CO_BENEFICIARY)
    french_only = ActionFactory(
        lead=world.institution_b,
        title_en="",
        title_fr="Renforcer la gestion des frontières",
        countries=[],
        status=ActionStatus.IMPLEMENTATION,
        launched_on=datetime.date.today(),
        approved_on=datetime.date.today() - datetime.timedelta(days=200),
    )
    with_files = ActivityFactory(
        action=plain, held_on=datetime.date(2026, 3, 2), country="MX", languages=["es"]
    )
    with_files.agenda.save("agenda.pdf", ContentFile(b"%PDF-1.4 agenda"), save=True)
    bare = ActivityFactory(action=french_only)
    people = [PersonFactory(institution=world.institution_a) for _ in range(3)]
    ParticipationFactory(activity=with_files, person=people[0], pre_test_score=40, post_test_score=75.5)
    ParticipationFactory(activity=with_files, person=people[1], pre_test_score=None, satisfaction=4)
    ParticipationFactory(activity=bare, person=people[2], attendance_percent=None)
    programme = programme_for(world.institution_a, name_fr="Formateurs certifiés")
    manager = world.user("programme_manager")
    for index in range(2):
        enrolment = at_panel(
            programme,
            candidate(programme, world.institution_a, email=f"c{index}@inm.example"),
            signed_off_by=world.user("hr_officer"),
        )
        certification_services.enrolment_transition(enrolment, actor=manager, to="certified", comment="")
    return Action.objects.count()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_rows_path_writes_what_the_serializer_writes(
    varied_portfolio, world, api_client_for, monkeypatch, language
):
    viewsets = _viewsets_with_rows()
    assert {"action-list", "activity-list", "participation-list", "credential-list"} <= set(viewsets)
    client = api_client_for(world.user("programme_manager"))
    for route, viewset in viewsets.items():
        url = reverse(route) + "?page_size=50"
        with translation.override(language):
            fast = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            monkeypatch.setattr(viewset, "list_rows", None)
            slow = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            monkeypatch.undo()
        assert fast.status_code == slow.status_code == 200, route
        assert len(slow.json()["results"]) >= 2, f"{route}: too few rows to compare"
        assert fast.json() == slow.json(), route


FILTERED = {
    "participation-list": [
        {"gender": "female"},
        {"follow_up": "no", "ordering": "-id"},
        {"date_from": "2026-01-01"},
    ],
    "action-list": [{"status": "implementation"}, {"q": "Renforcer"}, {"country": "MX", "ordering": "code"}],
    "activity-list": [{"country": "MX"}, {"date_from": "2026-01-01"}, {"q": "agenda"}],
    "credential-list": [{"status": "active"}, {"q": "c1"}],
}


def test_filtered_and_sorted_rows_match_the_serializer(varied_portfolio, world, api_client_for, monkeypatch):
    """Filter values travel as parameters bound by PostgreSQL on the rows path (mieux.api.rows
    PreparedValuesIterable): each filter kind still selects and writes what the serializer path does."""
    viewsets = _viewsets_with_rows()
    client = api_client_for(world.user("programme_manager"))
    for route, queries in FILTERED.items():
        for query in queries:
            fast = client.get(reverse(route), query)
            monkeypatch.setattr(viewsets[route], "list_rows", None)
            slow = client.get(reverse(route), query)
            monkeypatch.undo()
            assert fast.status_code == slow.status_code, (route, query, fast.content)
            assert fast.json() == slow.json(), (route, query)


def test_a_list_query_is_prepared_once_per_connection(varied_portfolio, world, api_client_for):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("server-side binding is PostgreSQL's")
    client = api_client_for(world.user("programme_manager"))
    url = reverse("participation-list")
    for _ in range(6):  # psycopg prepares a statement on its fifth execution (prepare_threshold)
        assert client.get(url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any('FROM "actions_participation"' in statement for statement in statements), statements
