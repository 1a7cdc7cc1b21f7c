"""Pages: login, home, the language switcher, <html lang>, and locale formatting."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


def test_login_with_email_then_home(world, client):
    response = client.post(
        reverse("login"), {"username": "Programme_Officer@mieux.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "Institutions" in home.content.decode()


def test_login_failure_is_a_generic_form_error(world, client):
    response = client.post(reverse("login"), {"username": "nobody@mieux.test", "password": "x"})
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()


def test_pages_require_login(db, client):
    for url in (reverse("home"), reverse("partners:institution_list")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Institutions"), ("fr", "Institutions"), ("es", "Instituciones")]
)
def test_language_switch_sets_html_lang_and_remembers_the_choice(world, page_client_for, language, text):
    user = world.user("programme_officer")
    client = page_client_for(user)
    response = client.post(
        reverse("language_switch"), {"language": language, "next": reverse("partners:institution_list")}
    )
    assert response.status_code == 302
    page = client.get(reverse("partners:institution_list")).content.decode()
    assert f'<html lang="{language}">' in page
    assert text in page
    user.refresh_from_db()
    assert user.language == language


def test_a_users_remembered_language_is_used_on_a_new_browser(world, page_client_for):
    from mieux.services import user_language_set

    user = world.user("programme_manager")
    user_language_set(user, language="es")
    page = page_client_for(user).get(reverse("partners:institution_list")).content.decode()
    assert '<html lang="es">' in page and "Filtrar" in page


def test_french_page_names_the_country_in_french(world, page_client_for):
    client = page_client_for(world.user("programme_officer"))
    client.post(reverse("language_switch"), {"language": "fr", "next": "/"})
    page = client.get(reverse("partners:institution_detail", args=[world.institution_a.pk])).content.decode()
    assert "Mexique" in page
    assert "Amérique latine et Caraïbes" in page


def test_dates_are_formatted_per_locale(world, page_client_for):
    import datetime

    from partners.services import mechanism_create

    mechanism = mechanism_create(
        actor=world.user("programme_officer"),
        name_en="Working group",
        established_on=datetime.date(2021, 3, 4),
    )
    client = page_client_for(world.user("programme_officer"))
    url = reverse("partners:mechanism_detail", args=[mechanism.pk])
    client.post(reverse("language_switch"), {"language": "fr", "next": "/"})
    assert "4 mars 2021" in client.get(url).content.decode()
    client.post(reverse("language_switch"), {"language": "es", "next": "/"})
    assert "4 de marzo de 2021" in client.get(url).content.decode()


def test_list_page_filters_searches_sorts_and_paginates(world, page_client_for):
    from tests.factories import InstitutionFactory

    InstitutionFactory.create_batch(30, country="EC", type="local_authority")
    client = page_client_for(world.user("programme_officer"))
    url = reverse("partners:institution_list")
    page = client.get(url, {"q": "naptip"}).content.decode()
    assert "NAPTIP" in page and "INM" not in page
    page = client.get(
        url, {"type": "local_authority", "page_size": 10, "page": 2, "ordering": "-name"}
    ).content
    assert b"Page 2 of 3" in page
    page = client.get(url, {"region": "africa"}).content.decode()
    assert "NAPTIP" in page and "Ministry of Migration" not in page


def test_invalid_filter_on_a_page_shows_the_error_not_a_500(world, page_client_for):
    response = page_client_for(world.user("programme_officer")).get(
        reverse("partners:institution_list"), {"type": "spaceship", "page": "abc"}
    )
    assert response.status_code == 200
    assert "field__error" in response.content.decode()


def test_unknown_page_is_a_styled_404(world, page_client_for):
    response = page_client_for(world.user("programme_officer")).get("/partners/institutions/999999/")
    assert response.status_code == 404
    assert "not shared with your account" in response.content.decode()
