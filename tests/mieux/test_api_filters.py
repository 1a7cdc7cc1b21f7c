"""The API builds a FilterSet of the filters a request names only (mieux.api.filters): what it
filters and refuses is what the whole FilterSet filters and refuses."""

import django_filters
from django.http import QueryDict
from django.urls import reverse

from actions.filtersets import ParticipationFilterSet
from mieux.api.filters import named_filters
from mieux.filtersets import BaseFilterSet
from mieux.roles import Role
from tests.actions.factories import ActivityFactory, ParticipationFactory


class ScoreFilterSet(BaseFilterSet):
    score = django_filters.RangeFilter()
    held = django_filters.DateFromToRangeFilter()
    scored = django_filters.BooleanFilter()


def test_a_filter_is_named_by_its_parameter_or_its_suffixed_parameters():
    query = QueryDict("score_min=1&held_after=2026-01-01&unknown=3")
    assert named_filters(ScoreFilterSet, query) == {"score", "held"}
    assert named_filters(ParticipationFilterSet, QueryDict("gender=female&activity=4")) == {
        "gender",
        "activity",
    }
    assert named_filters(ParticipationFilterSet, QueryDict("")) == set()


def test_only_the_named_filters_are_built():
    filterset = ParticipationFilterSet(QueryDict("gender=female"), only={"gender"})
    assert set(filterset.filters) == {"gender"}
    assert set(filterset.form.fields) == {"gender"}


def test_named_filters_filter_and_refuse_as_the_whole_filterset(world, api_client_for):
    activity = ActivityFactory()
    for gender in ("female", "male", "female", "undisclosed"):
        ParticipationFactory(activity=activity, gender=gender)
    client = api_client_for(world.user(Role.PROGRAMME_MANAGER))
    url = reverse("participation-list")
    everyone = client.get(url).json()["results"]
    assert len(everyone) == 4
    gender = everyone[0]["gender"]

    filtered = client.get(url, {"gender": gender}).json()["results"]
    assert len(filtered) >= 1 and {row["gender"] for row in filtered} == {gender}
    assert [row["id"] for row in filtered] == [row["id"] for row in everyone if row["gender"] == gender]

    refused = client.get(url, {"gender": "not-a-gender", "activity": "x"})
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"gender", "activity"}
