"""Shared test base class every resource uses: per-role permissions through the API and the pages,
invisibility of another institution's objects, the audit entry after each write, bad input, and a
list query count that does not grow with the page size.

A resource's test class subclasses `ResourceContract`, names its URLs, says how to make an object
that belongs to institution A, and lists which roles may see, create, change and delete it.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mieux.models import AuditEntry

from .conftest import ALL_ROLES

STAFF = {"administrator", "programme_manager", "programme_officer"}
MANAGERS = {"administrator", "programme_manager"}
PORTFOLIO_READERS = STAFF | {"integrator"}


def audit_entries(obj_or_model, object_id, action):
    content_type = ContentType.objects.get_for_model(obj_or_model)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(object_id), action=action)


class ResourceContract:
    model = None
    api_basename: str = ""
    page_list: str | None = None
    page_detail: str = ""
    page_create: str | None = None
    page_update: str | None = None
    page_delete: str | None = None

    # The role that fills in the create and edit pages in the page tests.
    page_writer: str = "programme_officer"
    # Versioned resources need If-Match on API updates (and send their version from edit pages).
    versioned: bool = False
    # Resources that are never deleted (withdrawn or cancelled instead) answer 405 to DELETE.
    deletable: bool = True

    # Roles that may see an object of institution A, create one, change it, delete it.
    can_see: set[str] = set()
    can_create: set[str] = set()
    can_change: set[str] = set()
    can_delete: set[str] = set()

    # --- what each resource says about itself ---------------------------------------------------

    def make_object(self, world, institution):
        raise NotImplementedError

    def create_payload(self, world) -> dict:
        raise NotImplementedError

    def update_payload(self, world, obj) -> dict:
        raise NotImplementedError

    def form_data(self, world) -> dict:
        """POST data for the page's create form."""
        raise NotImplementedError

    # Each: (payload, field the 400 must name).
    def invalid_payloads(self, world) -> list[tuple[dict, str]]:
        raise NotImplementedError

    # --- helpers --------------------------------------------------------------------------------

    def api_list_url(self):
        return reverse(f"{self.api_basename}-list")

    def api_detail_url(self, obj):
        return reverse(f"{self.api_basename}-detail", args=[obj.pk])

    def api_patch(self, client, obj, payload):
        headers = {"HTTP_IF_MATCH": f'"{obj.version}"'} if self.versioned else {}
        return client.patch(self.api_detail_url(obj), payload, format="json", **headers)

    # --- visibility -----------------------------------------------------------------------------

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_detail_visible_only_to_allowed_roles(self, world, api_client_for, role):
        obj = self.make_object(world, world.institution_a)
        response = api_client_for(world.user(role)).get(self.api_detail_url(obj))
        assert response.status_code == (200 if role in self.can_see else 404), response.content

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_list_contains_only_visible_objects(self, world, api_client_for, role):
        obj = self.make_object(world, world.institution_a)
        response = api_client_for(world.user(role)).get(self.api_list_url(), {"page_size": 100})
        assert response.status_code == 200
        ids = {row["id"] for row in response.json()["results"]}
        assert (obj.pk in ids) == (role in self.can_see)

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_page_detail_visible_only_to_allowed_roles(self, world, page_client_for, role):
        obj = self.make_object(world, world.institution_a)
        response = page_client_for(world.user(role)).get(reverse(self.page_detail, args=[obj.pk]))
        assert response.status_code == (200 if role in self.can_see else 404)

    def test_other_institution_gets_404_everywhere(self, world, api_client_for, page_client_for):
        obj = self.make_object(world, world.institution_a)
        api = api_client_for(world.focal_b)
        page = page_client_for(world.focal_b)
        assert api.get(self.api_detail_url(obj)).status_code == 404
        assert api.patch(self.api_detail_url(obj), {}, format="json").status_code == 404
        # A resource that is never deleted answers 405 to any id, which reveals nothing either.
        assert api.delete(self.api_detail_url(obj)).status_code == (404 if self.deletable else 405)
        listed = {row["id"] for row in api.get(self.api_list_url(), {"page_size": 100}).json()["results"]}
        assert obj.pk not in listed
        assert page.get(reverse(self.page_detail, args=[obj.pk])).status_code == 404
        for url_name in (self.page_update, self.page_delete):
            if url_name:
                assert page.get(reverse(url_name, args=[obj.pk])).status_code == 404
        if self.page_list:
            body = page.get(reverse(self.page_list), {"page_size": 100}).content.decode()
            assert reverse(self.page_detail, args=[obj.pk]) not in body
        assert self.model.objects.filter(pk=obj.pk).exists()

    def test_anonymous_gets_401_and_login_redirect(self, world, client):
        obj = self.make_object(world, world.institution_a)
        from rest_framework.test import APIClient

        assert APIClient().get(self.api_detail_url(obj)).status_code == 401
        response = client.get(reverse(self.page_detail, args=[obj.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]

    # --- writes through the API, with their audit entries ---------------------------------------

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_create_per_role(self, world, api_client_for, role):
        before = self.model.objects.count()
        response = api_client_for(world.user(role)).post(
            self.api_list_url(), self.create_payload(world), format="json"
        )
        if role in self.can_create:
            assert response.status_code == 201, response.content
            created_id = response.json()["id"]
            entry = audit_entries(self.model, created_id, "create").get()
            assert entry.actor == world.user(role)
            assert entry.origin.startswith("request:")
            assert entry.changes
        else:
            assert response.status_code == 403, response.content
            assert self.model.objects.count() == before

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_update_per_role(self, world, api_client_for, role):
        obj = self.make_object(world, world.institution_a)
        payload = self.update_payload(world, obj)
        response = self.api_patch(api_client_for(world.user(role)), obj, payload)
        if role in self.can_change:
            assert response.status_code == 200, response.content
            entry = audit_entries(self.model, obj.pk, "update").get()
            assert entry.actor == world.user(role)
            assert set(entry.changes) >= {key for key in payload if not key.endswith("_id")} - {"members"}
        else:
            assert response.status_code == (403 if role in self.can_see else 404), response.content
            assert not audit_entries(self.model, obj.pk, "update").exists()

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_delete_per_role(self, world, api_client_for, role):
        obj = self.make_object(world, world.institution_a)
        response = api_client_for(world.user(role)).delete(self.api_detail_url(obj))
        if not self.deletable:
            assert response.status_code in {405, 404 if role not in self.can_see else 405}, response.content
            assert self.model.objects.filter(pk=obj.pk).exists()
            return
        if role in self.can_delete:
            assert response.status_code == 204, response.content
            assert not self.model.objects.filter(pk=obj.pk).exists()
            entry = audit_entries(self.model, obj.pk, "delete").get()
            assert entry.actor == world.user(role)
            assert entry.changes  # the deleted state is kept
        else:
            assert response.status_code == (403 if role in self.can_see else 404), response.content
            assert self.model.objects.filter(pk=obj.pk).exists()

    def test_read_only_token_cannot_write(self, world, api_client_for):
        client = api_client_for(world.user("administrator"), read_only=True)
        obj = self.make_object(world, world.institution_a)
        before = self.model.objects.count()
        assert client.get(self.api_detail_url(obj)).status_code == 200
        assert client.post(self.api_list_url(), self.create_payload(world), format="json").status_code == 403
        assert (
            client.patch(self.api_detail_url(obj), self.update_payload(world, obj), format="json").status_code
            == 403
        )
        assert client.delete(self.api_detail_url(obj)).status_code == 403
        assert self.model.objects.count() == before

    # --- bad input ------------------------------------------------------------------------------

    def test_api_bad_input_names_the_field_and_writes_nothing(self, world, api_client_for):
        client = api_client_for(world.user("administrator"))
        for payload, field in self.invalid_payloads(world):
            before_rows = self.model.objects.count()
            before_audit = AuditEntry.objects.count()
            response = client.post(self.api_list_url(), payload, format="json")
            assert response.status_code == 400, (payload, response.content)
            error = response.json()["error"]
            assert field in error["fields"], (payload, error)
            assert self.model.objects.count() == before_rows
            assert AuditEntry.objects.count() == before_audit

    def test_api_malformed_json_is_a_400(self, world, api_client_for):
        client = api_client_for(world.user("administrator"))
        response = client.generic("POST", self.api_list_url(), "{not json", content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "parse_error"

    # --- pages: forms through the services ------------------------------------------------------

    def test_page_create_writes_through_service_with_audit(self, world, page_client_for):
        if not self.page_create:
            pytest.skip("this resource has no create page")
        officer = world.user(self.page_writer)
        response = page_client_for(officer).post(reverse(self.page_create), self.form_data(world))
        assert response.status_code == 302, response.content.decode()[:3000]
        created = self.model.objects.order_by("-pk").first()
        assert audit_entries(self.model, created.pk, "create").get().actor == officer

    def test_page_create_invalid_shows_form_errors_and_writes_nothing(self, world, page_client_for):
        if not self.page_create:
            pytest.skip("this resource has no create page")
        before = self.model.objects.count()
        response = page_client_for(world.user(self.page_writer)).post(reverse(self.page_create), {})
        assert response.status_code == 200
        assert response.context["form"].errors
        assert b"field__error" in response.content
        assert self.model.objects.count() == before

    def test_page_create_forbidden_for_roles_that_cannot_create(self, world, page_client_for):
        if not self.page_create:
            pytest.skip("this resource has no create page")
        for role in set(ALL_ROLES) - self.can_create:
            response = page_client_for(world.user(role)).get(reverse(self.page_create))
            assert response.status_code == 403, role

    def test_page_update_writes_through_service_with_audit(self, world, page_client_for):
        obj = self.make_object(world, world.institution_a)
        officer = world.user(self.page_writer)
        client = page_client_for(officer)
        form = client.get(reverse(self.page_update, args=[obj.pk])).context["form"]
        data = {}
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            value = field.prepare_value(value)
            if hasattr(value, "pk"):
                value = value.pk
            if isinstance(value, list | tuple):
                data[name] = [v.pk if hasattr(v, "pk") else v for v in value]
            elif value is not None:
                data[name] = value
        data.update(self.page_update_change())
        response = client.post(reverse(self.page_update, args=[obj.pk]), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        entry = audit_entries(self.model, obj.pk, "update").get()
        assert entry.actor == officer
        assert set(self.page_update_change()) <= set(entry.changes)

    def page_update_change(self) -> dict:
        """One field the update page changes, for the audit check."""
        raise NotImplementedError

    def test_page_delete_by_manager_is_audited(self, world, page_client_for):
        if not self.deletable:
            assert self.page_delete is None, "a resource that is never deleted has no delete page"
            return
        obj = self.make_object(world, world.institution_a)
        manager = world.user("programme_manager")
        response = page_client_for(manager).post(reverse(self.page_delete, args=[obj.pk]))
        assert response.status_code == 302
        assert audit_entries(self.model, obj.pk, "delete").get().actor == manager

    def test_detail_page_shows_history_to_staff(self, world, api_client_for, page_client_for):
        obj = self.make_object(world, world.institution_a)
        officer = world.user("programme_officer")
        api_client_for(officer).patch(
            self.api_detail_url(obj), self.update_payload(world, obj), format="json"
        )
        body = page_client_for(officer).get(reverse(self.page_detail, args=[obj.pk])).content.decode()
        assert "History" in body and officer.email in body

    # --- query counts do not grow with the page size --------------------------------------------

    def test_api_list_query_count_is_flat(self, world, api_client_for):
        for _index in range(55):
            self.make_object(world, world.institution_a)
        client = api_client_for(world.user("programme_officer"))
        client.get(self.api_list_url())  # warm-up: the token's first use records last_used_at
        counts = []
        for size in (1, 50):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(self.api_list_url(), {"page_size": size})
            assert response.status_code == 200
            assert len(response.json()["results"]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1], "\n".join(q["sql"] for q in queries.captured_queries)

    def test_page_list_query_count_is_flat(self, world, page_client_for):
        if not self.page_list:
            pytest.skip("this resource has no list page")
        for _index in range(55):
            self.make_object(world, world.institution_a)
        client = page_client_for(world.user("programme_officer"))
        client.get(reverse(self.page_list))  # warm-up: session and content types are cached
        counts = []
        for size in (1, 50):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(self.page_list), {"page_size": size})
            assert response.status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], "\n".join(q["sql"] for q in queries.captured_queries)
