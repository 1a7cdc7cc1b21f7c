"""Every write leaves an audit entry saying who, what, before → after, and where it came from:
a request, a management command or a Celery task run by a real worker."""

import os
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from mieux.audit import origin_scope
from mieux.celery import app as celery_app
from mieux.models import AuditEntry
from partners.models import Institution
from partners.services import institution_create, institution_update
from tests.conftest import skip_unless


@celery_app.task(name="tests.institution_rename")
def institution_rename(institution_id: int, user_id: int, name: str) -> None:
    """A task shaped like the platform's: ids in, a service call, nothing returned."""
    from mieux.models import User

    institution = Institution.objects.filter(pk=institution_id).first()
    if institution is None:
        return
    institution_update(institution, actor=User.objects.get(pk=user_id), name_en=name)


def test_update_records_only_the_changed_fields_before_and_after(world):
    officer = world.user("programme_officer")
    institution_update(world.institution_a, actor=officer, acronym="INM-MX", website="https://inm.example")
    entry = AuditEntry.objects.get(action="update", object_id=str(world.institution_a.pk))
    assert entry.changes == {"acronym": ["INM", "INM-MX"], "website": ["", "https://inm.example"]}
    assert entry.actor == officer and entry.actor_label == officer.email


def test_an_update_that_changes_nothing_writes_no_entry(world):
    institution_update(world.institution_a, actor=world.user("programme_officer"), acronym="INM")
    assert not AuditEntry.objects.filter(action="update").exists()


def test_a_refused_write_leaves_neither_row_nor_entry(world):
    from mieux.errors import ApplicationError

    with pytest.raises(ApplicationError) as error:
        institution_create(
            actor=world.user("programme_officer"), name_en="X", type="national_authority", country="XX"
        )
    assert "country" in error.value.fields
    assert not Institution.objects.filter(name_en="X").exists()
    assert not AuditEntry.objects.exists()


def test_partner_cannot_write_through_the_service_either(world):
    from mieux.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        institution_update(world.institution_a, actor=world.user("focal_point"), acronym="HACK")
    world.institution_a.refresh_from_db()
    assert world.institution_a.acronym == "INM"


def test_request_writes_carry_the_request_id(world, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    response = client.patch(
        reverse("institution-detail", args=[world.institution_a.pk]),
        {"acronym": "X1"},
        format="json",
        HTTP_X_REQUEST_ID="trace-42",
    )
    assert response.status_code == 200
    assert response["X-Request-ID"] == "trace-42"
    assert AuditEntry.objects.get(action="update").origin == "request:trace-42"


def test_unsafe_request_ids_are_replaced(world, api_client_for):
    client = api_client_for(world.user("programme_officer"))
    response = client.get(reverse("institution-list"), HTTP_X_REQUEST_ID="<script>")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_command_writes_carry_the_command_name(world):
    with origin_scope("command:test"):
        institution_update(world.institution_a, actor=world.user("administrator"), acronym="CMD")
    assert AuditEntry.objects.get(action="update").origin == "command:test"


def test_eager_task_writes_carry_the_task_id(world):
    result = institution_rename.delay(world.institution_a.pk, world.user("programme_officer").pk, "Renamed")
    entry = AuditEntry.objects.get(action="update")
    assert entry.origin == f"task:tests.institution_rename:{result.id}"


def test_task_for_a_deleted_row_returns_quietly(world):
    institution_rename.delay(10**9, world.user("programme_officer").pk, "Gone")
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_real_worker_writes_are_audited_with_the_task_id(world):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    skip_unless(broker.startswith("redis://"), "needs Redis as the Celery broker (set CELERY_BROKER_URL)")
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = institution_rename.apply_async(
                (world.institution_a.pk, world.user("programme_officer").pk, "Renamed by a worker")
            )
            result.get(timeout=30)
    finally:
        celery_app.conf.task_always_eager = True
    world.institution_a.refresh_from_db()
    assert world.institution_a.name_en == "Renamed by a worker"
    entry = AuditEntry.objects.get(action="update")
    assert entry.origin == f"task:tests.institution_rename:{result.id}"
    assert entry.actor == world.user("programme_officer")


def test_history_is_shown_to_staff_but_not_to_partners(world, page_client_for):
    institution_update(world.institution_a, actor=world.user("programme_officer"), acronym="HIST")
    url = reverse("partners:institution_detail", args=[world.institution_a.pk])
    staff_page = page_client_for(world.user("programme_manager")).get(url).content.decode()
    assert "HIST" in staff_page and "programme_officer@mieux.test" in staff_page
    partner_page = page_client_for(world.user("focal_point")).get(url).content.decode()
    assert "programme_officer@mieux.test" not in partner_page


def test_seed_demo_is_audited_as_a_command(db):
    call_command("seed_demo", "--password", "demo-password-2026", stdout=open(os.devnull, "w"))  # noqa: SIM115
    origins = set(AuditEntry.objects.values_list("origin", flat=True).distinct())
    assert origins == {"command:seed_demo"}
