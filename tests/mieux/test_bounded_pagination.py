"""List pages count their rows up to a cap (mieux.views.BoundedPaginator): past it they say "more than"
instead of counting every row of a large table on each request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mieux.views import COUNT_CAP, BoundedPaginator
from partners.models import Institution
from tests.factories import InstitutionFactory


@pytest.fixture
def institutions(world):
    """The world's three institutions and four more."""
    for _number in range(4):
        InstitutionFactory()
    return Institution.objects.order_by("pk")


def test_under_the_cap_the_count_is_exact(institutions):
    paginator = BoundedPaginator(institutions, 2, cap=10)

    assert paginator.count == 7 and not paginator.capped
    assert paginator.num_pages == 4


def test_past_the_cap_the_count_stops_one_row_beyond_it(institutions):
    paginator = BoundedPaginator(institutions, 2, cap=5)

    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 6
    assert paginator.capped and paginator.pages_below_cap == 2
    # One bounded count, without sorting the rows it counts.
    (count,) = queries.captured_queries
    assert "LIMIT 6" in count["sql"] and "ORDER BY" not in count["sql"]
    # The pages up to the cap stay reachable.
    assert [row.pk for row in paginator.get_page(3)] == [row.pk for row in institutions[4:6]]


def test_the_cap_is_ten_thousand_rows():
    assert BoundedPaginator([], 25).cap == COUNT_CAP == 10_000


def test_lists_count_at_most_to_the_cap(world, institutions, page_client_for, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "cap", 2)
    client = page_client_for(world.user("programme_manager"))

    page = client.get(reverse("partners:institution_list"), {"page_size": 1}).content.decode()

    assert "More than 2 results" in page and "Page 1 of 2+" in page


def test_lists_under_the_cap_show_the_exact_count(world, institutions, page_client_for):
    client = page_client_for(world.user("programme_manager"))

    page = client.get(reverse("partners:institution_list"), {"page_size": 5}).content.decode()

    assert "7 results" in page and "Page 1 of 2" in page and "More than" not in page
