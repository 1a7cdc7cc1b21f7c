"""Every partner-registry resource through the shared contract (tests/resources.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import CoordinationMechanism, Department, Expert, Institution, Person
from tests.conftest import ALL_ROLES
from tests.factories import (
    CoordinationMechanismFactory,
    DepartmentFactory,
    ExpertFactory,
    InstitutionFactory,
    PersonFactory,
)
from tests.resources import MANAGERS, PORTFOLIO_READERS, STAFF, ResourceContract, audit_entries

A_PARTNERS = {"focal_point", "hr_officer", "training_officer", "official"}
EDITORS = STAFF | {"integrator"}


class TestInstitutionResource(ResourceContract):
    model = Institution
    api_basename = "institution"
    page_list = "partners:institution_list"
    page_detail = "partners:institution_detail"
    page_create = "partners:institution_create"
    page_update = "partners:institution_update"
    page_delete = "partners:institution_delete"
    can_see = PORTFOLIO_READERS | A_PARTNERS
    can_create = EDITORS
    can_change = EDITORS
    can_delete = MANAGERS

    def page_update_change(self):
        return {"acronym": "INM-MX"}

    def make_object(self, world, institution):
        # The first object is institution A itself (what A's partners see); further ones are
        # subordinate agencies of A, for the query-count test.
        if not getattr(world, "institution_handed_out", False):
            world.institution_handed_out = True
            return institution
        return InstitutionFactory(parent=institution, country=institution.country)

    def create_payload(self, world):
        return {
            "name_es": "Secretaría de Gobernación",
            "acronym": "SEGOB",
            "type": "national_authority",
            "country": "MX",
        }

    def update_payload(self, world, obj):
        return {"acronym": "NEW", "name_fr": "Institut national des migrations"}

    def form_data(self, world):
        return {
            "name_en": "Ministry of Foreign Affairs",
            "acronym": "MFA",
            "type": "national_authority",
            "country": "EC",
        }

    def invalid_payloads(self, world):
        return [
            ({"acronym": "X", "type": "national_authority", "country": "MX"}, "name_en"),
            ({"name_en": "X", "type": "spaceship", "country": "MX"}, "type"),
            ({"name_en": "X", "type": "national_authority", "country": "ZZ"}, "country"),
            ({"name_en": "X" * 300, "type": "national_authority", "country": "MX"}, "name_en"),
            ({"name_en": "X", "type": "national_authority", "country": "MX", "parent": 10**9}, "parent"),
            (
                {
                    "name_en": "X",
                    "type": "national_authority",
                    "country": "MX",
                    "capacity_development_kind": "diplomatic_academy",
                },
                "capacity_development_kind",
            ),
            (
                {"name_en": "X", "type": "capacity_development_institution", "country": "MX"},
                "capacity_development_kind",
            ),
            (
                {"name_en": "X", "type": "national_authority", "country": "MX", "website": "not a url"},
                "website",
            ),
        ]

    def test_page_delete_by_manager_is_audited(self, world, page_client_for):
        # Institution A has people, so deletion is refused; a fresh institution can go.
        obj = InstitutionFactory()
        manager = world.user("programme_manager")
        response = page_client_for(manager).post(reverse(self.page_delete, args=[obj.pk]))
        assert response.status_code == 302
        assert audit_entries(Institution, obj.pk, "delete").get().actor == manager

    def test_page_delete_of_institution_in_use_shows_why(self, world, page_client_for):
        response = page_client_for(world.user("administrator")).post(
            reverse(self.page_delete, args=[world.institution_a.pk])
        )
        assert response.status_code == 200
        assert "still used by" in response.content.decode()
        assert Institution.objects.filter(pk=world.institution_a.pk).exists()

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_api_delete_per_role(self, world, api_client_for, role):
        """Institution A has people: managers are told why it cannot go (400, code "protected");
        other roles are refused (403) or do not see it (404). Nothing is deleted or audited."""
        response = api_client_for(world.user(role)).delete(self.api_detail_url(world.institution_a))
        if role in self.can_delete:
            assert response.status_code == 400
            assert response.json()["error"]["code"] == "protected"
        else:
            assert response.status_code == (403 if role in self.can_see else 404)
        assert Institution.objects.filter(pk=world.institution_a.pk).exists()
        assert not audit_entries(Institution, world.institution_a.pk, "delete").exists()

    @pytest.mark.parametrize("role", sorted(MANAGERS))
    def test_api_delete_unused_institution(self, world, api_client_for, role):
        obj = InstitutionFactory()
        response = api_client_for(world.user(role)).delete(self.api_detail_url(obj))
        assert response.status_code == 204
        assert audit_entries(Institution, obj.pk, "delete").get().actor == world.user(role)


class TestDepartmentResource(ResourceContract):
    model = Department
    api_basename = "department"
    page_list = None
    page_detail = "partners:institution_detail"
    page_create = "partners:department_create"
    page_update = "partners:department_update"
    page_delete = "partners:department_delete"
    can_see = PORTFOLIO_READERS | A_PARTNERS
    can_create = EDITORS | {"focal_point", "hr_officer"}
    can_change = EDITORS | {"focal_point", "hr_officer"}
    can_delete = EDITORS | {"focal_point", "hr_officer"}

    def page_update_change(self):
        return {"name": "Human Resources Directorate"}

    def make_object(self, world, institution):
        return DepartmentFactory(institution=institution)

    def create_payload(self, world):
        return {"institution": world.institution_a.pk, "kind": "hr", "name": "Human Resources Directorate"}

    def update_payload(self, world, obj):
        return {"name": "Training and Certification Unit"}

    def form_data(self, world):
        return {"institution": world.institution_a.pk, "kind": "leadership", "name": "Office of the Director"}

    def invalid_payloads(self, world):
        return [
            ({"institution": world.institution_a.pk, "kind": "hr"}, "name"),
            ({"institution": world.institution_a.pk, "kind": "kitchen", "name": "X"}, "kind"),
            ({"kind": "hr", "name": "X"}, "institution"),
            ({"institution": "abc", "kind": "hr", "name": "X"}, "institution"),
        ]

    # Departments have no page of their own: they show on their institution's page.
    def department_page(self, obj):
        return reverse("partners:institution_detail", args=[obj.institution_id])

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_page_detail_visible_only_to_allowed_roles(self, world, page_client_for, role):
        obj = self.make_object(world, world.institution_a)
        response = page_client_for(world.user(role)).get(self.department_page(obj))
        if role in self.can_see:
            assert obj.name in response.content.decode()
        else:
            assert response.status_code == 404

    def test_detail_page_shows_history_to_staff(self, world, api_client_for, page_client_for):
        obj = self.make_object(world, world.institution_a)
        officer = world.user("programme_officer")
        api_client_for(officer).patch(
            self.api_detail_url(obj), self.update_payload(world, obj), format="json"
        )
        assert audit_entries(Department, obj.pk, "update").get().changes["name"] == [
            obj.name,
            "Training and Certification Unit",
        ]
        body = page_client_for(officer).get(self.department_page(obj)).content.decode()
        assert "Training and Certification Unit" in body

    def test_other_institution_gets_404_everywhere(self, world, api_client_for, page_client_for):
        obj = self.make_object(world, world.institution_a)
        api = api_client_for(world.focal_b)
        assert api.get(self.api_detail_url(obj)).status_code == 404
        assert api.patch(self.api_detail_url(obj), {"name": "x"}, format="json").status_code == 404
        assert api.delete(self.api_detail_url(obj)).status_code == 404
        assert obj.pk not in {row["id"] for row in api.get(self.api_list_url()).json()["results"]}
        page = page_client_for(world.focal_b)
        assert page.get(self.department_page(obj)).status_code == 404
        assert page.get(reverse(self.page_update, args=[obj.pk])).status_code == 404
        assert page.get(reverse(self.page_delete, args=[obj.pk])).status_code == 404
        # B's focal point cannot add one to A either: A reads as unknown, not as forbidden.
        response = api.post(self.api_list_url(), self.create_payload(world), format="json")
        assert response.status_code == 400 and "institution" in response.json()["error"]["fields"]
        assert Department.objects.filter(pk=obj.pk, name=obj.name).exists()

    def test_page_list_query_count_is_flat(self, world, page_client_for):
        """Departments are listed on their institution's page: its query count does not grow with them."""
        client = page_client_for(world.user("programme_officer"))
        url = self.department_page(self.make_object(world, world.institution_a))
        client.get(url)  # warm-up
        counts = []
        for _round in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
            for _index in range(30):
                self.make_object(world, world.institution_a)
        assert counts[0] == counts[1], "\n".join(q["sql"] for q in queries.captured_queries)

    def test_anonymous_gets_401_and_login_redirect(self, world, client):
        obj = self.make_object(world, world.institution_a)
        assert APIClient().get(self.api_detail_url(obj)).status_code == 401
        response = client.get(reverse(self.page_update, args=[obj.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]


class TestPersonResource(ResourceContract):
    model = Person
    api_basename = "person"
    page_list = "partners:person_list"
    page_detail = "partners:person_detail"
    page_create = "partners:person_create"
    page_update = "partners:person_update"
    page_delete = "partners:person_delete"
    # Officials see only their own record; experts only theirs.
    can_see = PORTFOLIO_READERS | {"focal_point", "hr_officer", "training_officer"}
    can_create = EDITORS | {"focal_point", "hr_officer"}
    can_change = EDITORS | {"focal_point", "hr_officer"}
    can_delete = EDITORS | {"focal_point", "hr_officer"}

    def page_update_change(self):
        return {"position": "Head of the training unit"}

    def make_object(self, world, institution):
        return PersonFactory(institution=institution)

    def create_payload(self, world):
        return {
            "first_name": "Lucía",
            "last_name": "Hernández",
            "gender": "female",
            "institution": world.institution_a.pk,
            "languages": ["es", "en"],
            "consent_to_contact": True,
        }

    def update_payload(self, world, obj):
        return {"position": "Head of training", "languages": ["es", "fr"]}

    def form_data(self, world):
        return {
            "first_name": "Jorge",
            "last_name": "Ramírez",
            "gender": "male",
            "institution": world.institution_a.pk,
            "languages": "es, en",
            "email": "jorge@inm.example",
        }

    def invalid_payloads(self, world):
        base = {
            "first_name": "A",
            "last_name": "B",
            "gender": "female",
            "institution": world.institution_a.pk,
        }
        return [
            ({**base, "gender": "unknown"}, "gender"),
            ({**base, "email": "not-an-email"}, "email"),
            ({**base, "languages": ["xx"]}, "languages.0"),
            ({**base, "languages": "en"}, "languages"),
            ({**base, "first_name": ""}, "first_name"),
            (
                {
                    **base,
                    "institution": world.institution_b.pk,
                    "department": DepartmentFactory(institution=world.institution_a).pk,
                },
                "department",
            ),
        ]


class TestCoordinationMechanismResource(ResourceContract):
    model = CoordinationMechanism
    api_basename = "coordination-mechanism"
    page_list = "partners:mechanism_list"
    page_detail = "partners:mechanism_detail"
    page_create = "partners:mechanism_create"
    page_update = "partners:mechanism_update"
    page_delete = "partners:mechanism_delete"
    can_see = PORTFOLIO_READERS | A_PARTNERS
    can_create = EDITORS
    can_change = EDITORS
    can_delete = MANAGERS

    def page_update_change(self):
        return {"description_en": "Meets every quarter."}

    def make_object(self, world, institution):
        return CoordinationMechanismFactory(members=[institution])

    def create_payload(self, world):
        return {
            "name_en": "Inter-institutional Group on Trafficking",
            "country": "MX",
            "members": [world.institution_a.pk],
        }

    def update_payload(self, world, obj):
        return {
            "description_en": "Meets quarterly.",
            "members": [world.institution_a.pk, world.institution_b.pk],
        }

    def form_data(self, world):
        return {
            "name_en": "Labour Migration Working Group",
            "country": "MX",
            "members": [world.institution_a.pk],
        }

    def invalid_payloads(self, world):
        return [
            ({"country": "MX"}, "name_en"),
            ({"name_en": "X", "members": [10**9]}, "members"),
            ({"name_en": "X", "members": "abc"}, "members"),
            ({"name_en": "X", "established_on": "31/31/2020"}, "established_on"),
        ]


class TestExpertResource(ResourceContract):
    model = Expert
    api_basename = "expert"
    page_list = "partners:expert_list"
    page_detail = "partners:expert_detail"
    page_create = "partners:expert_create"
    page_update = "partners:expert_update"
    page_delete = "partners:expert_delete"
    can_see = PORTFOLIO_READERS
    can_create = EDITORS
    can_change = EDITORS
    can_delete = MANAGERS

    def page_update_change(self):
        return {"roster_status": "inactive"}

    def make_object(self, world, institution):
        # A non-EU expert from institution A.
        return ExpertFactory(person=PersonFactory(institution=institution), member_state=institution.country)

    def create_payload(self, world):
        return {
            "person": PersonFactory(institution=world.member_state_administration).pk,
            "member_state": "DE",
            "expertise_areas": ["IMT", "IP"],
            "roster_status": "active",
        }

    def update_payload(self, world, obj):
        return {"roster_status": "inactive"}

    def form_data(self, world):
        return {
            "person": PersonFactory(institution=world.member_state_administration).pk,
            "member_state": "DE",
            "expertise_areas": "LM, MD",
            "roster_status": "candidate",
        }

    def invalid_payloads(self, world):
        person = PersonFactory(institution=world.member_state_administration).pk
        return [
            ({"member_state": "DE"}, "person"),
            ({"person": person, "member_state": "FR"}, "member_state"),
            # Codes come from the actions app's thematic areas (seeded by its data migration).
            ({"person": person, "member_state": "DE", "expertise_areas": ["IMT", "ZZZ"]}, "expertise_areas"),
            ({"person": person, "member_state": "DE", "roster_status": "retired"}, "roster_status"),
            ({"person": person, "member_state": "DE", "expertise_areas": ["X" * 41]}, "expertise_areas.0"),
            (
                {"person": person, "member_state": "DE", "nominating_focal_point": person},
                "nominating_focal_point",
            ),
            ({"person": world.user("expert").person.pk, "member_state": "DE"}, "person"),
        ]
