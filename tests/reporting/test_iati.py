"""The IATI 2.03 activity file: valid against the official XSD, figures that add up, the Actions
list's filters, a readable 422 naming only the broken Action, roles, and a flat query count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from actions.choices import ActionStatus, ActionType, IndicatorUnit, PartnerRole, ResultKind
from actions.models import ActionPartner
from mieux.roles import Role
from partners.choices import InstitutionType
from reporting.iati import (
    XML_LANG,
    activity_schema,
    recipient_percentages,
    schema_problems,
    split_exactly,
    yearly_budgets,
)
from tests.actions.factories import (
    ActionFactory,
    GlobalCompactObjectiveFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ResultFactory,
)
from tests.factories import InstitutionFactory

URL = "/api/v1/iati/activities.xml"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reporting_org(settings):
    """The placeholder identifier, whatever the environment sets."""
    settings.IATI_REPORTING_ORG = {**settings.IATI_REPORTING_ORG, "ref": "XI-IATI-ICMPD"}


def publishable_action(**fields):
    """An Action with everything IATI asks for (title, summary, country, start date, budget)."""
    defaults = {
        "summary_en": "Support to the identification of victims of trafficking.",
        "planned_start": datetime.date(2023, 7, 1),
        "planned_end": datetime.date(2024, 6, 30),
        "budget_eur": Decimal("90000.00"),
        "status": ActionStatus.IMPLEMENTATION,
    }
    return ActionFactory(**{**defaults, **fields})


@pytest.fixture
def portfolio(world):
    """Three varied Actions: translated, with results, indicators, periods and disaggregation; with
    several countries and an indicator outside any result; objectives only, cancelled, no indicator."""
    first = publishable_action(
        code="MX-01",
        title_en="Identification of victims of trafficking",
        title_fr="Identification des victimes de la traite",
        title_es="Identificación de víctimas de trata",
        summary_fr="Appui à l'identification des victimes.",
        summary_es="Apoyo a la identificación de víctimas.",
        objectives_en="Officials identify and refer victims.",
        planned_start=datetime.date(2023, 7, 1),
        planned_end=datetime.date(2025, 6, 30),
        actual_start=datetime.date(2023, 9, 15),
        budget_eur=Decimal("100000.00"),
        lead=world.institution_a,
    )
    delegation = InstitutionFactory(name_en="EU Delegation to Mexico", type=InstitutionType.EU_INSTITUTION)
    ActionPartner.objects.create(action=first, institution=delegation, role=PartnerRole.EU_DELEGATION)
    first.gcm_objectives.add(
        GlobalCompactObjectiveFactory(number=10), GlobalCompactObjectiveFactory(number=1)
    )
    outcome = ResultFactory(action=first, kind=ResultKind.OUTCOME, code="OC1")
    output = ResultFactory(action=first, kind=ResultKind.OUTPUT, code="OP1.1", parent=outcome)
    trained = IndicatorFactory(action=first, result=outcome, name="Officials trained", baseline=0)
    IndicatorPeriodFactory(
        indicator=trained,
        starts_on=datetime.date(2023, 7, 1),
        ends_on=datetime.date(2023, 12, 31),
        target=20,
        actual=21,
        disaggregation={"sex": {"female": 12, "male": 9}},
    )
    IndicatorPeriodFactory(
        indicator=trained, starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 12, 31), target=40
    )
    share = IndicatorFactory(
        action=first, result=output, name="Share of SOPs adopted", unit=IndicatorUnit.PERCENT
    )
    IndicatorPeriodFactory(
        indicator=share, starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 12, 31), target=50
    )

    second = publishable_action(
        code="CA-02",
        type=ActionType.HOLISTIC,
        countries=["MX", "GT", "HN"],
        status=ActionStatus.CLOSED,
        actual_start=datetime.date(2023, 8, 1),
        actual_end=datetime.date(2024, 6, 1),
        budget_eur=Decimal("10000.01"),
        lead=world.institution_b,
    )
    unlinked = IndicatorFactory(action=second, result=None, name="Curricula adopted")
    IndicatorPeriodFactory(
        indicator=unlinked, starts_on=datetime.date(2023, 8, 1), ends_on=datetime.date(2024, 5, 31), target=1
    )

    third = publishable_action(
        code="RG-03",
        type=ActionType.REGIONAL,
        summary_en="",
        objectives_es="Fortalecer la cooperación regional.",
        countries=["AR", "BO", "BR", "CL", "CO", "EC", "PE"],
        status=ActionStatus.CANCELLED,
    )
    return [first, second, third]


def activities_of(response) -> dict[str, etree._Element]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    assert activity_schema().validate(document), activity_schema().error_log
    return {a.findtext("iati-identifier"): a for a in document.iterfind("iati-activity")}


def test_the_file_validates_against_the_xsd_and_carries_the_data(world, portfolio, api_client_for):
    response = api_client_for(world.user(Role.PROGRAMME_OFFICER)).get(URL)
    activities = activities_of(response)
    assert set(activities) == {"XI-IATI-ICMPD-MX-01", "XI-IATI-ICMPD-CA-02", "XI-IATI-ICMPD-RG-03"}

    first = activities["XI-IATI-ICMPD-MX-01"]
    assert first.find("reporting-org").get("ref") == "XI-IATI-ICMPD"
    assert first.find("reporting-org").get("type") == "40"
    titles = {n.get(XML_LANG): n.text for n in first.find("title").iterfind("narrative")}
    assert titles == {
        "en": "Identification of victims of trafficking",
        "fr": "Identification des victimes de la traite",
        "es": "Identificación de víctimas de trata",
    }
    descriptions = {d.get("type"): len(d.findall("narrative")) for d in first.iterfind("description")}
    assert descriptions == {"1": 3, "2": 1}
    roles = [(o.get("role"), o.findtext("narrative")) for o in first.iterfind("participating-org")]
    assert ("1", "European Commission - Directorate-General for International Partnerships") in roles
    assert ("4", "National Migration Institute") in roles  # the lead beneficiary implements
    assert ("2", "EU Delegation to Mexico") in roles  # the Delegation is accountable
    assert first.find("activity-status").get("code") == "2"
    dates = {d.get("type"): d.get("iso-date") for d in first.iterfind("activity-date")}
    assert dates == {"1": "2023-07-01", "2": "2023-09-15", "3": "2025-06-30"}
    sectors = {(s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in first.iterfind("sector")}
    assert ("1", "15190", "100") in sectors
    tags = [(t.get("vocabulary"), t.get("code")) for t in first.iterfind("tag")]
    assert sorted(tags) == [("99", "1"), ("99", "10")]

    budgets = [
        (
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            Decimal(b.findtext("value")),
        )
        for b in first.iterfind("budget")
    ]
    assert [(start, end) for start, end, _ in budgets] == [
        ("2023-07-01", "2023-12-31"),
        ("2024-01-01", "2024-12-31"),
        ("2025-01-01", "2025-06-30"),
    ]
    assert sum(value for *_, value in budgets) == Decimal("100000.00")
    assert all(b.find("value").get("currency") == "EUR" for b in first.iterfind("budget"))

    results = first.findall("result")
    assert [r.get("type") for r in results] == ["2", "1"]  # OC1 outcome, OP1.1 output
    indicator = results[0].find("indicator")
    assert indicator.get("measure") == "1"
    assert indicator.find("reference").get("code") == "individual"
    assert indicator.find("baseline").get("year") == "2023"
    first_period = indicator.find("period")
    assert first_period.find("target").get("value") == "20"
    actuals = [(a.get("value"), a.find("dimension")) for a in first_period.iterfind("actual")]
    assert actuals[0] == ("21", None)
    assert {(v, d.get("name"), d.get("value")) for v, d in actuals[1:]} == {
        ("12", "sex", "female"),
        ("9", "sex", "male"),
    }
    assert results[1].find("indicator").get("measure") == "2"

    closed = activities["XI-IATI-ICMPD-CA-02"]
    assert closed.find("activity-status").get("code") == "4"
    assert {d.get("type") for d in closed.iterfind("activity-date")} == {"1", "2", "3", "4"}
    assert len(closed.findall("result")) == 1  # the unlinked indicator under its own outcome
    cancelled = activities["XI-IATI-ICMPD-RG-03"]
    assert cancelled.find("activity-status").get("code") == "5"
    assert [d.get("type") for d in cancelled.iterfind("description")] == ["2"]
    assert cancelled.find("result") is None


def test_the_identifier_starts_with_the_reporting_org_of_the_settings(
    world, portfolio, api_client_for, settings
):
    settings.IATI_REPORTING_ORG = {"ref": "XM-DAC-47066", "type": "40", "name": "ICMPD"}
    activities = activities_of(api_client_for(world.user(Role.PROGRAMME_OFFICER)).get(URL))
    assert set(activities) == {"XM-DAC-47066-MX-01", "XM-DAC-47066-CA-02", "XM-DAC-47066-RG-03"}
    assert {a.find("reporting-org").get("ref") for a in activities.values()} == {"XM-DAC-47066"}


def test_recipient_percentages_add_up_to_exactly_100(world, portfolio, api_client_for):
    activities = activities_of(api_client_for(world.user(Role.PROGRAMME_MANAGER)).get(URL))
    seen = {}
    for identifier, activity in activities.items():
        shares = [Decimal(c.get("percentage")) for c in activity.iterfind("recipient-country")]
        assert sum(shares) == Decimal("100"), identifier
        seen[identifier] = shares
    assert seen["XI-IATI-ICMPD-CA-02"] == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert len(seen["XI-IATI-ICMPD-RG-03"]) == 7
    for count in range(1, 30):
        assert sum(recipient_percentages(count)) == Decimal("100")


def test_budgets_split_per_year_add_up_to_the_total():
    periods = yearly_budgets(datetime.date(2022, 3, 1), datetime.date(2024, 2, 29), Decimal("33333.33"))
    assert [(start.year, end.year) for start, end, _ in periods] == [(2022, 2022), (2023, 2023), (2024, 2024)]
    assert sum(value for *_, value in periods) == Decimal("33333.33")
    assert split_exactly(10, [1, 1, 1]) == [4, 3, 3]


def test_the_actions_list_filters_apply(world, portfolio, api_client_for):
    client = api_client_for(world.user(Role.INTEGRATOR))
    assert set(activities_of(client.get(URL, {"status": "closed"}))) == {"XI-IATI-ICMPD-CA-02"}
    assert set(activities_of(client.get(URL, {"country": "GT"}))) == {"XI-IATI-ICMPD-CA-02"}
    assert set(activities_of(client.get(URL, {"type": ["classic", "regional"]}))) == {
        "XI-IATI-ICMPD-MX-01",
        "XI-IATI-ICMPD-RG-03",
    }
    bad = client.get(URL, {"status": "nonsense"})
    assert bad.status_code == 400
    assert "status" in bad.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("broken", "messages"),
    [
        ({"title_en": ""}, ["Give the Action a title in English, French or Spanish."]),
        ({"countries": []}, ["Name at least one recipient country."]),
        (
            {"planned_start": None},
            [
                "Give the planned start date (IATI requires a start date).",
                "Give the planned start and end dates: the budget is spread over the planned years.",
            ],
        ),
        ({"budget_eur": None}, ["Give the budget in EUR."]),
    ],
)
def test_a_broken_action_gives_a_readable_422_naming_it_alone(
    world, portfolio, api_client_for, broken, messages
):
    publishable_action(code="BROKEN-1", **broken)
    response = api_client_for(world.user(Role.ADMINISTRATOR)).get(URL)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "iati_invalid"
    assert error["actions"] == [{"action": "BROKEN-1", "errors": messages}]
    assert error["fields"] == {"BROKEN-1": messages}
    # Filtered away, the broken Action no longer stops the file.
    assert activities_of(api_client_for(world.user(Role.ADMINISTRATOR)).get(URL, {"q": "MX-01"}))


def test_an_xsd_error_is_given_to_the_action_whose_element_failed(world, portfolio, api_client_for):
    xml = api_client_for(world.user(Role.PROGRAMME_OFFICER)).get(URL, {"ordering": "code"}).content
    document = etree.fromstring(xml)
    activities = document.findall("iati-activity")
    codes = [a.findtext("iati-identifier").removeprefix("XI-IATI-ICMPD-") for a in activities]
    assert codes == ["CA-02", "MX-01", "RG-03"]
    title = activities[1].find("title")
    for narrative in title.findall("narrative"):
        title.remove(narrative)
    problems = schema_problems(etree.tostring(document, pretty_print=True), codes)
    assert [problem.action for problem in problems] == ["MX-01"]
    assert "<title>" in problems[0].errors[0]
    assert "narrative" in problems[0].errors[0]


def test_no_action_matching_gives_a_422_not_an_empty_file(world, portfolio, api_client_for):
    response = api_client_for(world.user(Role.PROGRAMME_OFFICER)).get(URL, {"country": "FR"})
    assert response.status_code == 422
    assert response.json()["error"]["actions"][0]["action"] is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200),
        (Role.PROGRAMME_MANAGER, 200),
        (Role.PROGRAMME_OFFICER, 200),
        (Role.INTEGRATOR, 200),
        (Role.FOCAL_POINT, 403),
        (Role.HR_OFFICER, 403),
        (Role.TRAINING_OFFICER, 403),
        (Role.OFFICIAL, 403),
        (Role.EXPERT, 403),
    ],
)
def test_programme_staff_and_integrators_only(world, portfolio, api_client_for, role, status):
    response = api_client_for(world.user(role)).get(URL, HTTP_ACCEPT="application/xml")
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "permission_denied"


def test_anonymous_is_refused(world, client):
    assert client.get(URL).status_code in {401, 403}
    assert reverse("iati-activities") == URL


def test_query_count_does_not_grow_with_the_number_of_actions(world, api_client_for):
    client = api_client_for(world.user(Role.PROGRAMME_OFFICER))

    def add_action(number: int) -> None:
        action = publishable_action(code=f"Q-{number}", countries=["MX", "NG"])
        action.gcm_objectives.add(GlobalCompactObjectiveFactory(number=number % 23 + 1))
        result = ResultFactory(action=action, code=f"OC{number}")
        indicator = IndicatorFactory(action=action, result=result)
        IndicatorPeriodFactory(
            indicator=indicator, starts_on=datetime.date(2023, 7, 1), ends_on=datetime.date(2023, 12, 31)
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    add_action(0)
    count()  # the token's first use is recorded once: measure from the second request
    one = count()
    for number in range(1, 5):
        add_action(number)
    assert count() == one
