"""Query-count guards: every list endpoint and list page costs the same number of queries for a page
of 1 row as for a page of 50, and neither serializing a list nor rendering a page touches the
database.

The routes are read from the URL resolver (every viewset `list` under /api/v1/, every page built on
mieux.views.ScopedListView), so a new list is guarded as soon as it exists; one that has no rows in
the data set below fails, naming itself, until its rows are added to tests/query_guards.py.

Each list is read by programme staff and by every partner role it serves (a role answered 403 or
404 is not served). Every query while a list serializer turns rows into data, or while a template
renders, raises zen_queries.QueriesDisabledError naming the SQL: rows and what they show must be
fetched by the view (select_related, prefetch_related, annotations), not looked up row by row.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.template.base import Template
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.serializers import ListSerializer
from rest_framework.test import APIClient

from mieux.api.rows import RowRepresentation
from mieux.services import api_token_issue
from tests.conftest import build_world
from tests.query_guards import (
    PARTNER_ROLES,
    STAFF_ROLE,
    api_list_routes,
    build_rows,
    extra_queries,
    list_page_routes,
    measure,
    no_queries_in,
)

# Lists of which a partner sees one row at most, by design: their counts are still compared, but one
# row cannot show a query per row, so the staff's many rows are what prove these lists flat.
_OWN_INSTITUTION = "a partner user sees its own institution only"
_OWN_PROFILE = "an expert sees their own roster entry; partners see none"
_ONE_CURRICULUM = "an institution has one curriculum"
SEES_ONE_ROW_BY_DESIGN = {
    "institution-list": _OWN_INSTITUTION,
    "partners:institution_list": _OWN_INSTITUTION,
    "expert-list": _OWN_PROFILE,
    "partners:expert_list": _OWN_PROFILE,
    "curriculum-list": _ONE_CURRICULUM,
    "certification:curriculum_list": _ONE_CURRICULUM,
}

API_LISTS = [pytest.param(route, id=route.name) for route in api_list_routes()]
LIST_PAGES = [pytest.param(route, id=route.name) for route in list_page_routes()]


@pytest.fixture(scope="module")
def data_set(django_db_setup, django_db_blocker, tmp_path_factory):
    """The data set, built once for the module inside a transaction rolled back at its end (each test
    runs in a savepoint of it, as usual)."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        build_rows(world)
        yield world
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _serialization_and_rendering_cannot_query():
    # Template._render runs after the context processors (which may load the signed-in user's
    # profile once per request): what it renders comes from the view's context.
    # The lists read as rows (mieux.api.rows) write them in RowRepresentation.write, after their
    # one query per related field.
    with (
        no_queries_in(ListSerializer, "to_representation"),
        no_queries_in(RowRepresentation, "write"),
        no_queries_in(Template, "_render"),
    ):
        yield


def _api_client(user):
    _token, raw = api_token_issue(actor=None, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def _page_client(user):
    client = Client()
    client.force_login(user)
    return client


def _api_rows(response) -> int:
    return len(response.json()["results"])


def _page_rows(response) -> int:
    return len(response.context["object_list"])


def _check(label: str, client, path: str, rows_of) -> tuple[int, list[str]]:
    """Rows on a full page and the failures, for one user: a page of 1 and a page of 50 cost the same."""
    small, large = measure(client, path, 1), measure(client, path, 50)
    statuses = {small.response.status_code, large.response.status_code}
    if statuses != {200}:
        return 0, [f"{label}: GET {path} -> {sorted(statuses)}"]
    rows = rows_of(large.response)
    if rows_of(small.response) != min(1, rows):
        return rows, [f"{label}: GET {path}?page_size=1 -> {rows_of(small.response)} rows"]
    if len(small.queries) != len(large.queries):
        return rows, [f"{label}: GET {path}: {extra_queries(small, large)}"]
    return rows, []


def _guard(route, world, make_client, rows_of):
    path = reverse(route.name)
    failures = []
    rows = {}
    for role in (STAFF_ROLE, *PARTNER_ROLES):
        client = make_client(world.user(role))
        # The first request warms up (the token's first use, the session, the content types) and
        # says whether the list serves this role and shows it anything; staff must be served every list.
        first = client.get(path, {"page_size": 1})
        if role != STAFF_ROLE and first.status_code in {403, 404}:
            continue
        if role != STAFF_ROLE and first.status_code == 200 and not rows_of(first):
            rows[role] = 0  # nothing of this list is this role's: no row to cost a query
            continue
        rows[role], found = _check(role, client, path, rows_of)
        failures += found
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
    if rows[STAFF_ROLE] < 2:
        pytest.fail(
            f"{STAFF_ROLE}: GET {path} lists {rows[STAFF_ROLE]} row(s), which proves nothing: give "
            f"{route.name} rows in tests/query_guards.py build_rows()",
            pytrace=False,
        )
    # A role may see nothing of a list (an expert has no enrolments); but where partners see rows,
    # one of them must see several, or their share of the list goes unguarded.
    partner_rows = {role: count for role, count in rows.items() if role != STAFF_ROLE}
    if max(partner_rows.values(), default=0) == 1 and route.name not in SEES_ONE_ROW_BY_DESIGN:
        pytest.fail(
            f"partners: GET {path} lists one row at most ({partner_rows}): give a partner role more "
            "rows in build_rows(), or say why it sees one at most in SEES_ONE_ROW_BY_DESIGN",
            pytrace=False,
        )


@pytest.mark.parametrize("route", API_LISTS)
def test_api_list_costs_the_same_for_1_and_50_rows(route, data_set, db):
    _guard(route, data_set, _api_client, _api_rows)


@pytest.mark.parametrize("route", LIST_PAGES)
def test_list_page_costs_the_same_for_1_and_50_rows(route, data_set, db):
    _guard(route, data_set, _page_client, _page_rows)


def test_every_list_is_guarded():
    """The resolver gives the lists: if it found none, the guards above would pass on nothing."""
    assert len(API_LISTS) >= 30 and len(LIST_PAGES) >= 10
