"""A programme officer logs in, browses the registry, and switches the interface to French."""

import re

import pytest

from tests.factories import PASSWORD, CoordinationMechanismFactory, DepartmentFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_opens_institutions_and_switches_to_french(
    world, live_server, browser_page, screenshot
):
    DepartmentFactory(institution=world.institution_a, name="Dirección de Formación")
    PersonFactory(
        institution=world.institution_a, first_name="Lucía", last_name="Hernández", position="Trainer"
    )
    CoordinationMechanismFactory(
        name_en="Inter-institutional Group on Trafficking", members=[world.institution_a]
    )
    page = browser_page

    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    screenshot(page, "01-login")
    page.get_by_label("E-mail address").fill("programme_officer@mieux.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    screenshot(page, "02-home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Institutions").click()
    page.wait_for_url(re.compile(r".*/partners/institutions/$"))
    assert page.get_by_role("heading", name="Institutions").is_visible()
    assert page.get_by_role("link", name="National Migration Institute").is_visible()
    screenshot(page, "03-institutions-en")

    page.get_by_label("Search").fill("naptip")
    page.get_by_role("button", name="Filter").click()
    assert page.get_by_role("link", name=re.compile("National Agency for the Prohibition")).is_visible()
    assert page.get_by_role("link", name="National Migration Institute").count() == 0

    with page.expect_navigation():
        page.select_option("#language-select", "fr")  # the switcher submits itself
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("button", name="Filtrer").is_visible()
    assert page.get_by_text("Région du programme").first.is_visible()
    assert page.get_by_role("link", name=re.compile("National Agency for the Prohibition")).is_visible()
    screenshot(page, "04-institutions-fr")

    page.get_by_role("link", name=re.compile("National Agency for the Prohibition")).click()
    assert page.get_by_role("heading", name=re.compile("National Agency")).is_visible()
    assert page.get_by_text("Afrique", exact=True).is_visible()  # programme region, translated

    page.goto(f"{live_server.url}/partners/institutions/{world.institution_a.pk}/")
    assert page.get_by_text("Dirección de Formación").is_visible()
    screenshot(page, "05-institution-fr")

    page.goto(f"{live_server.url}/partners/institutions/new/")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.locator(".field__error").first.is_visible()
    screenshot(page, "06-form-errors-fr")

    with page.expect_navigation():
        page.select_option("#language-select", "es")
    assert page.locator("html").get_attribute("lang") == "es"
    page.goto(f"{live_server.url}/partners/experts/")
    assert page.get_by_role("button", name="Filtrar").is_visible()
    screenshot(page, "07-experts-es")
