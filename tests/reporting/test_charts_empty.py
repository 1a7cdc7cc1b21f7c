"""An empty portfolio (a new installation, a filter that matches nothing) still draws every chart: it
says "No data" instead of failing the dashboard or the PDF."""

import pytest
from lxml import etree

from actions.models import Action
from reporting import charts

CHARTS = [
    charts.actions_by_phase_and_type,
    charts.activities_per_month,
    charts.participants_by_sex,
    charts.progress_by_oecd_level,
    charts.world_map,
]


@pytest.mark.django_db
@pytest.mark.parametrize("chart", CHARTS, ids=lambda chart: chart.__name__)
def test_each_chart_of_no_actions_is_an_svg_that_says_so(chart):
    svg = chart(Action.objects.none())

    root = etree.fromstring(svg.encode())
    assert root.tag.endswith("svg")
    assert "<script" not in svg
    if chart is not charts.world_map:  # the map still shows the countries, uncoloured
        assert "No data" in svg


@pytest.mark.django_db
def test_the_dashboard_of_an_empty_portfolio_answers(client, world):
    client.force_login(world.user("programme_manager"))

    response = client.get("/")

    assert response.status_code == 200
