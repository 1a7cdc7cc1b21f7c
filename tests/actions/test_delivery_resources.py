"""What happens inside an Action — activities, expert assignments, participations, attendance imports,
deliverables, results, indicators and their periods, the coordination matrix — through the shared
resource contract (tests/resources.py): per-role access, isolation from another institution, the
audit entry after each write, bad input, and flat list query counts.

These resources have no pages of their own yet (activities will get `actions:activity_detail`; the
others appear as rows of the Action page). Until then `ApiInsteadOfPages` replaces each page test of
the contract with the same promise checked through the API, so no test is skipped.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actions.choices import ActionType
from actions.models import (
    Action,
    Activity,
    AttendanceImport,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    Indicator,
    IndicatorPeriod,
    Participation,
    Result,
)
from partners.models import Expert
from tests.conftest import ALL_ROLES
from tests.factories import ExpertFactory, PersonFactory
from tests.resources import MANAGERS, PORTFOLIO_READERS, ResourceContract, audit_entries

from .factories import (
    ActionFactory,
    ActivityFactory,
    CoordinationCellFactory,
    DeliverableFactory,
    ExpertAssignmentFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ParticipationFactory,
    ResultFactory,
)

A_PARTNERS = {"focal_point", "hr_officer", "training_officer", "official"}
OFFICERS = PORTFOLIO_READERS  # staff and integrators
INSIDE_READERS = PORTFOLIO_READERS | A_PARTNERS
START_OF_YEAR = datetime.date(datetime.date.today().year, 1, 1)


def action_of(institution, **fields):
    """An unpublished Action whose lead beneficiary is `institution`."""
    fields.setdefault("approved_on", START_OF_YEAR)
    return ActionFactory(lead=institution, published=False, **fields)


class ApiInsteadOfPages:
    """The contract's page tests, checked through the API while these resources have no pages.

    `download_actions` names the file routes (`{basename}-{name}`) that must 404 for another
    institution too; `transitions` says whether the resource has a state machine."""

    page_list = None
    page_detail = None
    page_create = None
    page_update = None
    page_delete = None
    download_actions: tuple[str, ...] = ()
    transitions = False

    def action_id(self, obj) -> int:
        return obj.action_id

    def test_page_detail_visible_only_to_allowed_roles(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        for role in ALL_ROLES:
            client = api_client_for(world.user(role))
            rows = client.get(self.api_list_url(), {"action": self.action_id(obj)}).json()["results"]
            assert ([row["id"] for row in rows] == [obj.pk]) == (role in self.can_see), role

    def test_other_institution_gets_404_everywhere(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        api = api_client_for(world.focal_b)
        assert api.get(self.api_detail_url(obj)).status_code == 404
        assert api.patch(self.api_detail_url(obj), {}, format="json").status_code == 404
        assert api.delete(self.api_detail_url(obj)).status_code == (404 if self.deletable else 405)
        listed = {row["id"] for row in api.get(self.api_list_url(), {"page_size": 100}).json()["results"]}
        assert obj.pk not in listed
        for name in self.download_actions:
            assert api.get(reverse(f"{self.api_basename}-{name}", args=[obj.pk])).status_code == 404
        if self.transitions:
            assert api.get(reverse(f"{self.api_basename}-transitions", args=[obj.pk])).status_code == 404
            response = api.post(reverse(f"{self.api_basename}-transition", args=[obj.pk]), {"to": "x"})
            assert response.status_code == 404
        assert self.model.objects.filter(pk=obj.pk).exists()

    def test_anonymous_gets_401_and_login_redirect(self, world):
        obj = self.make_object(world, world.institution_a)
        assert APIClient().get(self.api_detail_url(obj)).status_code == 401
        assert APIClient().get(self.api_list_url()).status_code == 401

    def test_page_create_writes_through_service_with_audit(self, world, api_client_for):
        integrator = world.user("integrator")  # integrators write like officers
        response = api_client_for(integrator).post(
            self.api_list_url(), self.create_payload(world), format="json"
        )
        assert response.status_code == 201, response.content
        assert audit_entries(self.model, response.json()["id"], "create").get().actor == integrator

    def test_page_create_invalid_shows_form_errors_and_writes_nothing(self, world, api_client_for):
        before = self.model.objects.count()
        response = api_client_for(world.user(self.page_writer)).post(self.api_list_url(), {}, format="json")
        assert response.status_code == 400 and response.json()["error"]["fields"]
        assert self.model.objects.count() == before

    def test_page_create_forbidden_for_roles_that_cannot_create(self, world, api_client_for):
        for role in set(ALL_ROLES) - self.can_create:
            response = api_client_for(world.user(role)).post(self.api_list_url(), {}, format="json")
            assert response.status_code == 403, role

    def test_page_update_writes_through_service_with_audit(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        officer = world.user(self.page_writer)
        response = self.api_patch(api_client_for(officer), obj, self.page_update_change())
        assert response.status_code == 200, response.content
        entry = audit_entries(self.model, obj.pk, "update").get()
        assert entry.actor == officer and set(self.page_update_change()) <= set(entry.changes)

    def test_page_delete_by_manager_is_audited(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        manager = world.user("programme_manager")
        assert api_client_for(manager).delete(self.api_detail_url(obj)).status_code == 204
        assert audit_entries(self.model, obj.pk, "delete").get().actor == manager

    def test_detail_page_shows_history_to_staff(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        officer = world.user("programme_officer")
        self.api_patch(api_client_for(officer), obj, self.update_payload(world, obj))
        assert audit_entries(self.model, obj.pk, "update").filter(actor=officer).exists()

    def test_page_list_query_count_is_flat(self, world, api_client_for):
        """A list filtered by Action (what the Action page will show) costs as much for 1 row as for 50."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        first = self.make_object(world, world.institution_a)
        for _index in range(55):
            self.make_object_in_same_action(world, first)
        client = api_client_for(world.user("programme_officer"))
        client.get(self.api_list_url())
        counts = []
        for size in (1, 50):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(
                    self.api_list_url(), {"page_size": size, "action": self.action_id(first)}
                )
            assert len(response.json()["results"]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1], "\n".join(q["sql"] for q in queries.captured_queries)

    def make_object_in_same_action(self, world, first):
        return self.make_object(world, world.institution_a)


# --- Activities -----------------------------------------------------------------------------


class TestActivityResource(ApiInsteadOfPages, ResourceContract):
    model = Activity
    api_basename = "activity"
    can_see = INSIDE_READERS
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS
    transitions = True

    def make_object(self, world, institution):
        return ActivityFactory(action=action_of(institution), planned_start=START_OF_YEAR)

    def make_object_in_same_action(self, world, first):
        return ActivityFactory(action=first.action)

    def create_payload(self, world):
        return {
            "action": action_of(world.institution_a).pk,
            "type": "training",
            "title": "Training of labour inspectors",
            "modality": "hybrid",
            "planned_start": "2024-03-04",
            "planned_end": "2024-03-06",
            "duration_hours": "18.0",
            "city": "Tapachula",
            "country": "MX",
            "languages": ["es"],
            "oecd_level": "individual",
        }

    def update_payload(self, world, obj):
        return {"title": "Training of trainers", "city": "Tijuana"}

    def page_update_change(self):
        return {"description": "Three days, with a field visit."}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        return [
            ({**base, "type": "party"}, "type"),
            ({**base, "planned_end": "2024-03-01"}, "planned_end"),
            ({**base, "duration_hours": "0"}, "duration_hours"),
            ({**base, "languages": ["xx"]}, "languages.0"),
            ({**base, "country": "ZZ"}, "country"),
            ({**base, "status": "held"}, "status"),
            ({**base, "action": 10**9}, "action"),
            ({**base, "title": 5}, "title"),
        ]

    def download_actions_for(self, obj):
        return [reverse("activity-files", args=[obj.pk, kind]) for kind in ("agenda", "report")]

    def test_other_institution_gets_404_everywhere(self, world, api_client_for):
        super().test_other_institution_gets_404_everywhere(world, api_client_for)
        obj = self.make_object(world, world.institution_a)
        api = api_client_for(world.focal_b)
        for path in self.download_actions_for(obj):
            assert api.get(path).status_code == 404
        response = api.post(reverse("activity-attendance-list", args=[obj.pk]), {"text": "email\nx@y.z"})
        assert response.status_code == 404


# --- Expert assignments ---------------------------------------------------------------------


class TestExpertAssignmentResource(ApiInsteadOfPages, ResourceContract):
    model = ExpertAssignment
    api_basename = "expert-assignment"
    # The expert sees the assignments that are theirs (make_object books the world's expert).
    can_see = INSIDE_READERS | {"expert"}
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS
    download_actions = ("mission-report",)

    def action_id(self, obj):
        return obj.activity.action_id

    def make_object(self, world, institution):
        expert = Expert.objects.get(person__user=world.user("expert"))
        return ExpertAssignmentFactory(activity=ActivityFactory(action=action_of(institution)), expert=expert)

    def make_object_in_same_action(self, world, first):
        return ExpertAssignmentFactory(activity=ActivityFactory(action=first.activity.action))

    def create_payload(self, world):
        activity = ActivityFactory(action=action_of(world.institution_a), planned_start=START_OF_YEAR)
        return {"activity": activity.pk, "expert": ExpertFactory().pk, "role": "lead_expert", "days": "4.0"}

    def update_payload(self, world, obj):
        return {"days": "5.0", "role": "trainer"}

    def page_update_change(self):
        return {"days": "2.5"}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        return [
            ({**base, "role": "boss"}, "role"),
            ({**base, "days": "0"}, "days"),
            ({**base, "expert": 10**9}, "expert"),
            ({k: v for k, v in base.items() if k != "activity"}, "activity"),
        ]

    def test_expert_sees_only_their_own_assignments(self, world, api_client_for):
        own = self.make_object(world, world.institution_a)
        other = ExpertAssignmentFactory(activity=own.activity)
        rows = api_client_for(world.user("expert")).get(self.api_list_url()).json()["results"]
        assert [row["id"] for row in rows] == [own.pk]
        assert api_client_for(world.user("expert")).get(self.api_detail_url(other)).status_code == 404


# --- Participations -------------------------------------------------------------------------


class TestParticipationResource(ApiInsteadOfPages, ResourceContract):
    model = Participation
    api_basename = "participation"
    # Personal data: A's focal point, HR and training officers see A's people; an official only
    # their own record (not this one); experts none.
    can_see = PORTFOLIO_READERS | {"focal_point", "hr_officer", "training_officer"}
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS

    def action_id(self, obj):
        return obj.activity.action_id

    def make_object(self, world, institution):
        activity = ActivityFactory(action=action_of(institution))
        return ParticipationFactory(activity=activity, person=PersonFactory(institution=institution))

    def make_object_in_same_action(self, world, first):
        return ParticipationFactory(
            activity=first.activity, person=PersonFactory(institution=world.institution_a)
        )

    def create_payload(self, world):
        activity = ActivityFactory(action=action_of(world.institution_a))
        return {
            "activity": activity.pk,
            "person": PersonFactory(institution=world.institution_a).pk,
            "attendance_percent": "90.0",
            "pre_test_score": "40.0",
            "post_test_score": "75.0",
            "satisfaction": 4,
        }

    def update_payload(self, world, obj):
        return {"post_test_score": "80.0", "follow_up_answer": "yes"}

    def page_update_change(self):
        return {"satisfaction": 5}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        return [
            ({**base, "attendance_percent": "120"}, "attendance_percent"),
            ({**base, "pre_test_score": "-1"}, "pre_test_score"),
            ({**base, "post_test_score": "100.5"}, "post_test_score"),
            ({**base, "satisfaction": 6}, "satisfaction"),
            ({**base, "follow_up_answer": "maybe"}, "follow_up_answer"),
            ({**base, "person": 10**9}, "person"),
        ]

    def test_an_official_sees_only_their_own_participation(self, world, api_client_for):
        official = world.user("official")
        theirs = ParticipationFactory(
            activity=self.make_object(world, world.institution_a).activity, person=official.person
        )
        rows = api_client_for(official).get(self.api_list_url()).json()["results"]
        assert [row["id"] for row in rows] == [theirs.pk]
        body = api_client_for(official).get(self.api_detail_url(theirs)).json()
        assert body["gender"] == official.person.gender
        assert body["institution"] == world.institution_a.pk
        assert body["knowledge_gain"] is None


# --- Attendance imports (read-only) ---------------------------------------------------------


class TestAttendanceImportResource(ApiInsteadOfPages, ResourceContract):
    model = AttendanceImport
    api_basename = "attendance-import"
    deletable = False
    can_see = PORTFOLIO_READERS  # staff and integrators only
    can_create = set()
    can_change = set()
    can_delete = set()

    def action_id(self, obj):
        return obj.activity.action_id

    def make_object(self, world, institution):
        activity = ActivityFactory(action=action_of(institution))
        return AttendanceImport.objects.create(
            activity=activity,
            source="activities/attendance/list.csv",
            requested_by=world.user("programme_officer"),
        )

    def make_object_in_same_action(self, world, first):
        return AttendanceImport.objects.create(
            activity=first.activity, source="activities/attendance/list.csv"
        )

    def create_payload(self, world):
        return {"activity": ActivityFactory(action=action_of(world.institution_a)).pk}

    def update_payload(self, world, obj):
        return {"status": "done"}

    def invalid_payloads(self, world):
        return []

    def test_page_detail_visible_only_to_allowed_roles(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        for role in ALL_ROLES:
            rows = api_client_for(world.user(role)).get(self.api_list_url(), {"activity": obj.activity_id})
            assert ([row["id"] for row in rows.json()["results"]] == [obj.pk]) == (role in self.can_see), role

    def test_page_list_query_count_is_flat(self, world, api_client_for):
        self.test_api_list_query_count_is_flat(world, api_client_for)

    # Imports are started from their activity (POST /activities/{id}/attendance-list/) and written
    # only by the import task: every write here is a 405, whoever asks.

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_create_per_role(self, world, api_client_for, role):
        response = api_client_for(world.user(role)).post(self.api_list_url(), self.create_payload(world))
        assert response.status_code == 405 and not AttendanceImport.objects.exists()

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_update_per_role(self, world, api_client_for, role):
        obj = self.make_object(world, world.institution_a)
        response = self.api_patch(api_client_for(world.user(role)), obj, self.update_payload(world, obj))
        assert response.status_code == 405
        obj.refresh_from_db()
        assert obj.status == "queued"

    def test_other_institution_gets_404_everywhere(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        api = api_client_for(world.focal_b)
        assert api.get(self.api_detail_url(obj)).status_code == 404
        assert api.get(self.api_list_url()).json()["results"] == []

    def test_read_only_token_cannot_write(self, world, api_client_for):
        client = api_client_for(world.user("administrator"), read_only=True)
        obj = self.make_object(world, world.institution_a)
        assert client.get(self.api_detail_url(obj)).status_code == 200
        assert client.post(self.api_list_url(), {}, format="json").status_code == 405
        assert client.delete(self.api_detail_url(obj)).status_code == 405

    def test_api_bad_input_names_the_field_and_writes_nothing(self, world, api_client_for):
        response = api_client_for(world.user("administrator")).get(self.api_list_url(), {"status": "lost"})
        assert response.status_code == 400 and "status" in response.json()["error"]["fields"]

    def test_api_malformed_json_is_a_400(self, world, api_client_for):
        client = api_client_for(world.user("administrator"))
        response = client.generic("POST", self.api_list_url(), "{not json", content_type="application/json")
        assert response.status_code == 405  # no write is accepted here, well-formed or not

    def test_page_create_writes_through_service_with_audit(self, world, api_client_for):
        """An import is created by its activity's attendance-list endpoint, audited."""
        officer = world.user("integrator")
        activity = ActivityFactory(action=action_of(world.institution_a))
        response = api_client_for(officer).post(
            reverse("activity-attendance-list", args=[activity.pk]),
            {"text": "email\na@b.example"},
            format="json",
        )
        assert response.status_code == 202, response.content
        assert audit_entries(AttendanceImport, response.json()["id"], "create").get().actor == officer

    def test_page_create_invalid_shows_form_errors_and_writes_nothing(self, world, api_client_for):
        activity = ActivityFactory(action=action_of(world.institution_a))
        response = api_client_for(world.user("programme_officer")).post(
            reverse("activity-attendance-list", args=[activity.pk]), {}, format="json"
        )
        assert response.status_code == 400 and "file" in response.json()["error"]["fields"]
        assert not AttendanceImport.objects.exists()

    def test_page_create_forbidden_for_roles_that_cannot_create(self, world, api_client_for):
        activity = ActivityFactory(action=action_of(world.institution_a))
        path = reverse("activity-attendance-list", args=[activity.pk])
        for role in A_PARTNERS:
            response = api_client_for(world.user(role)).post(
                path, {"text": "email\na@b.example"}, format="json"
            )
            assert response.status_code == 403, role
        assert not AttendanceImport.objects.exists()

    def test_page_update_writes_through_service_with_audit(self, world, api_client_for):
        """The import task finishes the job through the service, audited like any write."""
        from actions import services

        obj = self.make_object(world, world.institution_a)
        services.attendance_import_run(obj)  # the stored file is missing: the job fails, audited
        entry = audit_entries(AttendanceImport, obj.pk, "update").get()
        assert entry.actor == world.user("programme_officer") and "status" in entry.changes
        body = api_client_for(world.user("programme_officer")).get(self.api_detail_url(obj)).json()
        assert body["status"] == "failed" and body["errors"][0]["field"] == "file"

    def test_page_delete_by_manager_is_audited(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        assert (
            api_client_for(world.user("programme_manager")).delete(self.api_detail_url(obj)).status_code
            == 405
        )
        assert AttendanceImport.objects.filter(pk=obj.pk).exists()

    def test_detail_page_shows_history_to_staff(self, world, api_client_for):
        obj = self.make_object(world, world.institution_a)
        body = api_client_for(world.user("programme_officer")).get(self.api_detail_url(obj)).json()
        assert body["status"] == "queued" and body["errors"] == [] and body["finished_at"] is None


# --- Deliverables ---------------------------------------------------------------------------


class TestDeliverableResource(ApiInsteadOfPages, ResourceContract):
    model = Deliverable
    api_basename = "deliverable"
    can_see = INSIDE_READERS
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS
    download_actions = ("file",)
    transitions = True

    def make_object(self, world, institution):
        return DeliverableFactory(action=action_of(institution))

    def make_object_in_same_action(self, world, first):
        return DeliverableFactory(action=first.action)

    def create_payload(self, world):
        return {
            "action": action_of(world.institution_a).pk,
            "title": "Manual on the identification of victims",
            "type": "manual",
            "language": "es",
            "oecd_level": "organisational",
        }

    def update_payload(self, world, obj):
        return {"title": "Manual on victim identification", "adopting_body": "Ministry of the Interior"}

    def page_update_change(self):
        return {"description": "Adopted as an annex to the national procedure."}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        other_activity = ActivityFactory(action=action_of(world.institution_a))
        return [
            ({**base, "type": "pamphlet"}, "type"),
            ({**base, "oecd_level": "cosmic"}, "oecd_level"),
            ({**base, "language": "xx"}, "language"),
            ({**base, "activity": other_activity.pk}, "activity"),
            ({**base, "status": "adopted"}, "status"),
            ({k: v for k, v in base.items() if k != "title"}, "title"),
        ]


# --- Results framework ----------------------------------------------------------------------


class TestResultResource(ApiInsteadOfPages, ResourceContract):
    model = Result
    api_basename = "result"
    can_see = INSIDE_READERS
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS

    def make_object(self, world, institution):
        return ResultFactory(action=action_of(institution))

    def make_object_in_same_action(self, world, first):
        return ResultFactory(action=first.action)

    def create_payload(self, world):
        return {
            "action": action_of(world.institution_a).pk,
            "kind": "outcome",
            "code": "OC1",
            "statement": "Inspectors identify victims of labour exploitation.",
        }

    def update_payload(self, world, obj):
        return {"statement": "Inspectors identify and refer victims of labour exploitation."}

    def page_update_change(self):
        return {"code": "OC9"}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        action = Action.objects.get(pk=base["action"])
        taken = ResultFactory(action=action, code="OC1")
        output = ResultFactory(action=action, code="OP1.1", kind="output", parent=taken)
        return [
            ({**base, "kind": "impact"}, "kind"),
            (base, "code"),
            ({**base, "code": "OP1.2", "kind": "output", "parent": output.pk}, "parent"),
            ({**base, "code": "OC2", "parent": taken.pk}, "parent"),
            ({k: v for k, v in base.items() if k != "statement"}, "statement"),
        ]


class TestIndicatorResource(ApiInsteadOfPages, ResourceContract):
    model = Indicator
    api_basename = "indicator"
    can_see = INSIDE_READERS
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS

    def make_object(self, world, institution):
        indicator = IndicatorFactory(action=action_of(institution))
        IndicatorPeriodFactory(indicator=indicator)
        return indicator

    def make_object_in_same_action(self, world, first):
        indicator = IndicatorFactory(action=first.action)
        IndicatorPeriodFactory(indicator=indicator)
        return indicator

    def create_payload(self, world):
        action = action_of(world.institution_a, approved_on=datetime.date(2024, 1, 1))
        return {
            "action": action.pk,
            "name": "Inspectors trained",
            "oecd_level": "individual",
            "kirkpatrick_level": 2,
            "unit": "number",
            "measure": "entered",
            "baseline": "0",
            "periods": [
                {"starts_on": "2024-01-01", "ends_on": "2024-12-31", "target": "40"},
                {"starts_on": "2025-01-01", "ends_on": "2025-12-31", "target": "60"},
            ],
        }

    def update_payload(self, world, obj):
        return {"name": "Labour inspectors trained", "comments": "From the attendance lists."}

    def page_update_change(self):
        return {"baseline": "5.00"}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        early = {"starts_on": "2023-01-01", "ends_on": "2023-12-31", "target": "10"}
        return [
            ({**base, "oecd_level": "cosmic"}, "oecd_level"),
            ({**base, "unit": "percent", "baseline": "150"}, "baseline"),
            ({**base, "unit": "percent", "measure": "participants_trained"}, "unit"),
            ({**base, "periods": [base["periods"][0], early]}, "periods.1.starts_on"),
            ({**base, "periods": [{"starts_on": "soon", "ends_on": "2024-12-31"}]}, "periods.0.starts_on"),
            ({**base, "result": 10**9}, "result"),
        ]

    def test_periods_are_listed_with_their_indicator(self, world, api_client_for):
        response = api_client_for(world.user("programme_officer")).post(
            self.api_list_url(), self.create_payload(world), format="json"
        )
        assert response.status_code == 201, response.content
        periods = response.json()["periods"]
        assert [(p["starts_on"], p["target"], p["status"]) for p in periods] == [
            ("2024-01-01", "40.00", "draft"),
            ("2025-01-01", "60.00", "draft"),
        ]
        patch = api_client_for(world.user("programme_officer")).patch(
            self.api_detail_url(Indicator.objects.get(pk=response.json()["id"])),
            {"periods": []},
            format="json",
        )
        assert patch.status_code == 400 and "periods" in patch.json()["error"]["fields"]


class TestIndicatorPeriodResource(ApiInsteadOfPages, ResourceContract):
    model = IndicatorPeriod
    api_basename = "indicator-period"
    can_see = INSIDE_READERS
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS
    download_actions = ("evidence",)
    transitions = True

    def action_id(self, obj):
        return obj.indicator.action_id

    def make_object(self, world, institution):
        return IndicatorPeriodFactory(indicator=IndicatorFactory(action=action_of(institution)))

    def make_object_in_same_action(self, world, first):
        return IndicatorPeriodFactory(indicator=IndicatorFactory(action=first.indicator.action))

    def create_payload(self, world):
        indicator = IndicatorFactory(
            action=action_of(world.institution_a, approved_on=datetime.date(2024, 1, 1))
        )
        return {"indicator": indicator.pk, "starts_on": "2024-01-01", "ends_on": "2024-06-30", "target": "10"}

    def update_payload(self, world, obj):
        return {"target": "25.00", "comment": "Revised with the partner."}

    def page_update_change(self):
        return {"actual": "12.00"}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        return [
            ({**base, "ends_on": "2023-12-31"}, "ends_on"),
            ({**base, "target": "-1"}, "target"),
            ({**base, "actual": "3", "disaggregation": {"sex": {"female": 1}}}, "disaggregation"),
            ({**base, "status": "approved"}, "status"),
            ({**base, "indicator": 10**9}, "indicator"),
            ({**base, "starts_on": "2023-06-01"}, "starts_on"),
        ]


# --- Holistic coordination matrix -----------------------------------------------------------


class TestCoordinationCellResource(ApiInsteadOfPages, ResourceContract):
    model = CoordinationCell
    api_basename = "coordination-cell"
    can_see = INSIDE_READERS
    can_create = OFFICERS
    can_change = OFFICERS
    can_delete = MANAGERS
    transitions = True

    def make_object(self, world, institution):
        return CoordinationCellFactory(action=action_of(institution, type=ActionType.HOLISTIC))

    def test_page_list_query_count_is_flat(self, world, api_client_for):
        """A matrix has 30 cells at most: across Actions, as the contract's own list test does."""
        self.test_api_list_query_count_is_flat(world, api_client_for)

    def create_payload(self, world):
        action = action_of(world.institution_a, type=ActionType.HOLISTIC)
        return {"action": action.pk, "stage": "delivery", "actor": "hr", "note": "HR releases the trainees."}

    def update_payload(self, world, obj):
        return {
            "note": "Agreed at the kick-off.",
            "responsible": PersonFactory(institution=world.institution_a).pk,
        }

    def page_update_change(self):
        return {"note": "Confirmed by letter."}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        CoordinationCellFactory(action=Action.objects.get(pk=base["action"]), stage="delivery", actor="hr")
        return [
            ({**base, "stage": "launch"}, "stage"),
            ({**base, "actor": "everyone"}, "actor"),
            (base, "actor"),
            ({**base, "actor": "leadership", "status": "signed_off"}, "status"),
            ({**base, "actor": "leadership", "responsible": 10**9}, "responsible"),
        ]
