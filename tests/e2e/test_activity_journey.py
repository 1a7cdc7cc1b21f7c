"""An activity from plan to results in the browser: an officer adds an activity to an Action, assigns
an expert of the roster, confirms it and marks it held, imports the attendance list (a bad row first,
then the fixed list), and sees the Action's computed indicator move."""

import datetime
import re

import pytest

from actions.choices import ActionStatus, ActionType, IndicatorMeasure, OecdLevel, ResultKind
from actions.models import Activity, IndicatorPeriod
from partners.models import Expert
from tests.actions.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ProgrammePhaseFactory,
    PurposeCodeFactory,
    ResultFactory,
    ThematicAreaFactory,
)

from .test_request_to_action import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LIST_WITH_A_BAD_ROW = (
    "email,first_name,last_name,gender,pre_test_score,post_test_score,satisfaction\n"
    "ana.lopez@inm.example,Ana,López,female,40,85,5\n"
    "jorge.ruiz@inm.example,Jorge,Ruiz,male,55,140,4\n"
    "marta.diaz@inm.example,Marta,Díaz,female,60,75,4\n"
)


def test_activity_planned_held_attended_and_counted(world, live_server, browser_page, screenshot, tmp_path):
    today = datetime.date.today()
    area = ThematicAreaFactory(code="IMT", name_en="Irregular migration and trafficking in human beings")
    PurposeCodeFactory()
    phase = ProgrammePhaseFactory(
        code="NEXT",
        name_en="MIEUX+ 2024–2028",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2099, 1, 1),
    )
    action = ActionFactory(
        lead=world.institution_a,
        code="MX-2025-03",
        short_name="Mexico III",
        title_en="Identification of victims of trafficking at the southern border",
        type=ActionType.CLASSIC,
        thematic_area=area,
        phase=phase,
        approved_on=today.replace(month=1, day=1),
        status=ActionStatus.IMPLEMENTATION,
        officer=world.user("programme_officer"),
    )
    outcome = ResultFactory(
        action=action,
        kind=ResultKind.OUTCOME,
        code="OC1",
        statement="Front-line officers identify victims early and refer them to protection.",
    )
    indicator = IndicatorFactory(
        action=action,
        result=outcome,
        name="Officers whose post-test beat their pre-test",
        oecd_level=OecdLevel.INDIVIDUAL,
        kirkpatrick_level=2,
        measure=IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN,
    )
    period = IndicatorPeriodFactory(
        indicator=indicator,
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
        target=4,
    )
    expert = Expert.objects.get(person__user=world.user("expert"))
    page = browser_page

    # The officer opens the Action and adds an activity planned for today.
    log_in(page, live_server, "programme_officer@mieux.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    page.get_by_role("link", name="MX-2025-03").click()
    screenshot(page, "20-action-overview")
    page.get_by_role("navigation", name="Sections of the Action").get_by_role(
        "link", name="Activities"
    ).click()
    page.get_by_text("Add activity").click()
    page.get_by_label("Type").select_option("training")
    page.get_by_label("Title").fill("Training of border officers in Tapachula")
    page.get_by_label("Modality").select_option("in_person")
    page.get_by_label("Planned start").fill(today.isoformat())
    page.get_by_label("Planned end").fill(today.isoformat())
    page.get_by_label("City").fill("Tapachula")
    page.get_by_label("Country").select_option("MX")
    screenshot(page, "21-add-activity")
    page.get_by_role("button", name="Add the activity").click()
    assert page.get_by_text("Activity “1. Training of border officers in Tapachula” added.").is_visible()
    screenshot(page, "22-activities-tab")

    # On the activity's page: assign the expert of the roster, confirm, mark as held.
    page.get_by_role("link", name="Training of border officers in Tapachula").click()
    activity = Activity.objects.get(title="Training of border officers in Tapachula")
    page.wait_for_url(re.compile(rf".*/activities/{activity.pk}/$"))
    page.get_by_text("Assign an expert").click()
    page.locator("select[name=expert-expert]").select_option(str(expert.pk))
    page.get_by_label("Role").select_option("trainer")
    page.get_by_label("Days").fill("3")
    page.get_by_role("button", name="Assign the expert").click()
    assert page.locator("#experts").get_by_role("cell", name="Trainer", exact=True).is_visible()
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_text("The status is now “Confirmed”.").is_visible()
    page.get_by_role("button", name="Mark as held").click()
    assert page.get_by_text("The status is now “Held”.").is_visible()
    screenshot(page, "23-activity-held")

    # The attendance list with a bad row: nothing imported, the row and the column named.
    bad_list = tmp_path / "attendance.csv"
    bad_list.write_text(LIST_WITH_A_BAD_ROW, encoding="utf-8")
    page.get_by_label("Attendance list file").set_input_files(str(bad_list))
    page.get_by_role("button", name="Import the list").click()
    page.wait_for_url(re.compile(r".*/attendance-imports/\d+/$"))
    assert page.get_by_role(
        "heading", name="Nothing was imported; fix the rows and upload again."
    ).is_visible()
    error_row = page.locator(".import-errors tbody tr").first
    assert error_row.locator("td").nth(0).inner_text() == "3"
    assert error_row.locator("td").nth(1).inner_text() == "post_test_score"
    assert "between 0 and 100" in error_row.locator("td").nth(2).inner_text()
    screenshot(page, "24-import-failed")

    # The fixed list is imported.
    page.get_by_role("link", name="Upload a corrected list").click()
    fixed_list = tmp_path / "attendance-fixed.csv"
    fixed_list.write_text(LIST_WITH_A_BAD_ROW.replace("55,140,4", "55,70,4"), encoding="utf-8")
    page.get_by_label("Attendance list file").set_input_files(str(fixed_list))
    screenshot(page, "25-attendance-form")
    page.get_by_role("button", name="Import the list").click()
    page.wait_for_url(re.compile(r".*/attendance-imports/\d+/$"))
    assert page.get_by_role("heading", name="3 rows imported").is_visible()
    screenshot(page, "26-import-done")
    page.get_by_role("link", name="Back to the activity").click()
    assert page.locator("#participants").get_by_text("López").is_visible()
    screenshot(page, "27-activity-participants")

    # The Action's results tab: the computed actual went from 0 to 3 (all three improved).
    page.get_by_role("link", name="Mexico III").first.click()
    page.get_by_role("navigation", name="Sections of the Action").get_by_role("link", name="Results").click()
    period.refresh_from_db()
    assert period.actual == 3
    assert page.locator("[data-actual]").first.inner_text() == "3"
    assert (
        page.locator(".indicator__head")
        .get_by_text("Officers whose post-test beat their pre-test")
        .is_visible()
    )
    screenshot(page, "28-results-tab")
    for tab in ("Participants", "Experts", "Deliverables"):
        page.get_by_role("navigation", name="Sections of the Action").get_by_role("link", name=tab).click()
        screenshot(page, f"29-{tab.lower()}-tab")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Results").click()
    assert page.get_by_role("heading", name="Results", exact=True).is_visible()
    screenshot(page, "30-results-rollup")
    assert IndicatorPeriod.objects.get(pk=period.pk).disaggregation["sex"] == {"female": 2, "male": 1}
