"""Requests, Actions and Steering Committee meetings through the shared resource contract
(tests/resources.py): per-role access by page and API, isolation from another institution, the
audit entry after each write, bad input, and flat list query counts."""

import datetime

from actions.models import Action, SteeringCommitteeMeeting, SupportRequest
from tests.actions.factories import (
    ActionFactory,
    MeetingFactory,
    ProgrammePhaseFactory,
    SupportRequestFactory,
    ThematicAreaFactory,
)
from tests.resources import MANAGERS, PORTFOLIO_READERS, ResourceContract

A_PARTNERS = {"focal_point", "hr_officer", "training_officer", "official"}
OFFICERS = PORTFOLIO_READERS  # staff and integrators


class TestSupportRequestResource(ResourceContract):
    model = SupportRequest
    api_basename = "request"
    page_list = "actions:request_list"
    page_detail = "actions:request_detail"
    page_create = "actions:request_create"
    page_update = "actions:request_update"
    page_delete = None
    versioned = True
    deletable = False
    # Officials follow Actions, not their institution's requests.
    can_see = PORTFOLIO_READERS | {"focal_point", "hr_officer", "training_officer"}
    # A focal point creates its own institution's request too, as a draft (tests/actions/
    # test_portal_requests.py checks the draft); nobody else of a partner institution does.
    can_create = OFFICERS | {"focal_point"}
    can_change = OFFICERS
    can_delete = set()

    def make_object(self, world, institution):
        return SupportRequestFactory(lead=institution)

    def create_payload(self, world):
        return {
            "title": "Support to the labour migration strategy",
            "channel": "eu_delegation",
            "countries": ["MX"],
            "thematic_area": ThematicAreaFactory(code="IMT").pk,
            "needs_statement": "Training of labour inspectors.",
            "requesters": [{"institution": world.institution_a.pk, "role": "lead"}],
        }

    def update_payload(self, world, obj):
        return {"title": "Support to the national labour migration strategy", "target_groups": "Inspectors"}

    def form_data(self, world):
        return {
            "title": "Trafficking victims' referral",
            "channel": "direct",
            "received_on": "2024-02-01",
            "countries": ["MX"],
            "thematic_area": ThematicAreaFactory(code="IMT").pk,
            "proposed_action_type": "classic",
            "needs_statement": "A national referral mechanism.",
            "lead_institution": world.institution_a.pk,
        }

    def page_update_change(self):
        return {"title": "Trafficking victims' referral mechanism"}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        return [
            ({**base, "requesters": []}, "requesters"),
            (
                {**base, "requesters": [{"institution": world.institution_a.pk, "role": "boss"}]},
                "requesters.0.role",
            ),
            ({**base, "channel": "pigeon"}, "channel"),
            ({**base, "countries": ["ZZ"]}, "countries.0"),
            ({**base, "thematic_area": 10**9}, "thematic_area"),
            ({**base, "title": "x" * 300}, "title"),
            ({k: v for k, v in base.items() if k != "needs_statement"}, "needs_statement"),
        ]


class TestActionResource(ResourceContract):
    model = Action
    api_basename = "action"
    page_list = "actions:action_list"
    page_detail = "actions:action_detail"
    page_create = "actions:action_create"
    page_update = "actions:action_update"
    page_delete = None
    versioned = True
    deletable = False
    # A's partners see A's Actions even unpublished; experts see only published ones.
    can_see = PORTFOLIO_READERS | A_PARTNERS
    can_create = MANAGERS
    can_change = OFFICERS
    can_delete = set()
    page_writer = "programme_manager"

    def make_object(self, world, institution):
        return ActionFactory(lead=institution, published=False)

    def create_payload(self, world):
        return {
            "code": f"MX-2023-{Action.objects.count() + 50}",
            "short_name": "Mexico V",
            "title_es": "Fortalecimiento de la gestión migratoria",
            "type": "classic",
            "phase": ProgrammePhaseFactory().pk,
            "thematic_area": ThematicAreaFactory(code="IMT").pk,
            "countries": ["MX"],
            "approved_on": "2023-03-01",
            "partners": [{"institution": world.institution_a.pk, "role": "lead_beneficiary"}],
        }

    def update_payload(self, world, obj):
        return {"budget_eur": "150000.00", "summary_en": "Three trainings of trainers."}

    def form_data(self, world):
        return {
            "code": "MX-2024-90",
            "approved_on": "2024-01-15",
            "short_name": "Mexico VI",
            "title_en": "Labour migration governance",
            "type": "classic",
            "thematic_area": ThematicAreaFactory(code="IMT").pk,
            "countries": ["MX"],
            "lead_beneficiary": world.institution_a.pk,
        }

    def page_update_change(self):
        return {"short_name": "Mexico VII"}

    def invalid_payloads(self, world):
        base = self.create_payload(world)
        return [
            ({**base, "type": "grand"}, "type"),
            ({**base, "approved_on": "yesterday"}, "approved_on"),
            ({**base, "budget_eur": "-5"}, "budget_eur"),
            ({**base, "planned_start": "2024-05-01", "planned_end": "2024-01-01"}, "planned_end"),
            (
                {**base, "partners": [{"institution": 10**9, "role": "lead_beneficiary"}]},
                "partners.0.institution",
            ),
        ]


class TestMeetingResource(ResourceContract):
    model = SteeringCommitteeMeeting
    api_basename = "steering-committee-meeting"
    page_list = "actions:meeting_list"
    page_detail = "actions:meeting_detail"
    page_create = "actions:meeting_create"
    page_update = "actions:meeting_update"
    page_delete = None
    can_see = PORTFOLIO_READERS
    can_create = MANAGERS
    can_change = MANAGERS
    can_delete = MANAGERS
    page_writer = "programme_manager"

    def make_object(self, world, institution):
        # Meetings belong to no institution: only staff and integrators see them.
        return MeetingFactory(held_on=datetime.date(2023, 5, 4))

    def create_payload(self, world):
        return {"held_on": "2024-06-12", "location": "Brussels", "members_present": ["DG INTPA – J. Doe"]}

    def update_payload(self, world, obj):
        return {"notes": "Two requests approved.", "location": "Online"}

    def form_data(self, world):
        return {
            "held_on": "2024-10-02",
            "location": "Vienna",
            "members_present": "DG HOME – A. Rossi\nEEAS – B. Klein",
        }

    def page_update_change(self):
        return {"notes": "Quorum reached."}

    def invalid_payloads(self, world):
        return [
            ({"location": "Brussels"}, "held_on"),
            ({"held_on": "2024-13-01"}, "held_on"),
            ({"held_on": "2024-06-12", "members_present": "DG HOME"}, "members_present"),
            ({"held_on": "2024-06-12", "members_present": ["x" * 201]}, "members_present.0"),
        ]

    def test_page_delete_by_manager_is_audited(self, world, api_client_for):
        """Meetings have no delete page; managers delete a meeting without decisions by API."""
        from tests.resources import audit_entries

        meeting = self.make_object(world, None)
        response = api_client_for(world.user("programme_manager")).delete(self.api_detail_url(meeting))
        assert response.status_code == 204
        assert audit_entries(SteeringCommitteeMeeting, meeting.pk, "delete").exists()
