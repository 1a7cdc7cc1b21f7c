"""The API framework: tokens, the error shape, pagination limits, the schema and the health check."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from mieux.models import ApiToken, AuditEntry
from tests.factories import InstitutionFactory


def test_issue_api_token_prints_a_token_once_and_stores_only_its_hash(world, capsys):
    call_command("issue_api_token", "Integrator@mieux.test", "--name", "HR system")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=world.user("integrator"))
    assert raw and raw not in {token.digest, token.prefix}
    assert token.prefix == raw[:8] and not token.read_only
    assert AuditEntry.objects.filter(object_id=str(token.pk), origin="command:issue_api_token").exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(reverse("institution-list")).status_code == 200


def test_read_only_token_reads_but_gets_403_on_writes(world, capsys):
    call_command("issue_api_token", "integrator@mieux.test", "--read-only")
    raw = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(reverse("institution-list")).status_code == 200
    response = client.post(
        reverse("institution-list"),
        {"name_en": "X", "type": "national_authority", "country": "MX"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_issue_api_token_for_unknown_account_fails_clearly(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No account"):
        call_command("issue_api_token", "nobody@mieux.test")


@pytest.mark.parametrize("header", ["Token wrong", "Token ", "Bearer abc", "Token a b"])
def test_bad_tokens_are_401_in_the_common_shape(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(reverse("institution-list"))
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_revoked_token_and_deactivated_account_stop_working(world, api_client_for):
    from mieux.services import api_token_issue, api_token_revoke, user_update

    user = world.user("integrator")
    token, raw = api_token_issue(actor=None, user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(reverse("institution-list")).status_code == 200
    api_token_revoke(token, actor=world.user("administrator"))
    assert client.get(reverse("institution-list")).status_code == 401
    _token, raw = api_token_issue(actor=None, user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    user_update(user, actor=world.user("administrator"), is_active=False)
    assert client.get(reverse("institution-list")).status_code == 401


def test_unknown_api_url_and_method_use_the_common_shape(world, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    response = client.put(reverse("institution-list"), {}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_cursor_pagination_caps_the_page_size_and_walks_every_row(world, api_client_for):
    InstitutionFactory.create_batch(120)
    client = api_client_for(world.user("programme_officer"))
    first = client.get(reverse("institution-list"), {"page_size": 10_000}).json()
    assert len(first["results"]) == 100
    assert "count" not in first  # no COUNT(*) on lists
    seen, url = [], reverse("institution-list") + "?page_size=40&ordering=name"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 123  # 120 + A, B and the Member State administration


def test_invalid_filter_value_is_a_400_naming_the_filter(world, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    response = client.get(reverse("institution-list"), {"type": "spaceship"})
    assert response.status_code == 400
    assert "type" in response.json()["error"]["fields"]
    response = client.get(reverse("institution-list"), {"ordering": "password"})
    assert response.status_code == 400
    assert "ordering" in response.json()["error"]["fields"]


def test_filters_by_region_and_subregion(world, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    rows = client.get(reverse("institution-list"), {"region": "latin_america_caribbean"}).json()["results"]
    assert [row["acronym"] for row in rows] == ["INM"]
    assert rows[0]["programme_region"] == "latin_america_caribbean"
    assert rows[0]["m49_subregion"] == "013"
    rows = client.get(reverse("institution-list"), {"m49_subregion": "011"}).json()["results"]
    assert [row["acronym"] for row in rows] == ["NAPTIP"]
    rows = client.get(reverse("expert-list"), {"eu": "true"}).json()["results"]
    assert rows and all(row["is_eu"] for row in rows)


def test_oversized_body_is_a_400_not_a_500(world, api_client_for, settings):
    client = api_client_for(world.user("administrator"))
    body = '{"name_en": "' + "x" * (6 * 1024 * 1024) + '"}'
    response = client.generic("POST", reverse("institution-list"), body, content_type="application/json")
    assert response.status_code == 400


def test_schema_builds_and_documents_the_error_shape(world, api_client_for):
    client = api_client_for(world.user("integrator"))
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]
    operation = schema["paths"]["/api/v1/institutions/"]["post"]
    assert operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_validates_against_openapi_3(world, api_client_for):
    from openapi_spec_validator import validate

    schema = api_client_for(world.user("integrator")).get(reverse("api-schema"), {"format": "json"}).json()
    validate(schema)


def test_api_docs_are_served_without_a_cdn(world, page_client_for):
    body = page_client_for(world.user("integrator")).get(reverse("api-docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in body
    assert "cdn." not in body and "unpkg" not in body


def test_health_reports_database_cache_and_broker(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["cache"] == "ok"
    assert body["broker"] in {"ok", "eager"}


def test_health_reports_a_broker_that_is_down_as_503(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
