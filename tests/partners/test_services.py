"""The eligibility rule and the model rules the services enforce."""

import pytest

from mieux.errors import ApplicationError
from partners.choices import InstitutionType
from partners.services import institution_create, institution_update, request_eligibility
from tests.factories import InstitutionFactory


@pytest.mark.parametrize(
    ("types", "eligible"),
    [
        (["national_authority"], True),
        (["local_authority"], True),
        (["parliament"], True),
        (["regional_organisation"], True),
        (["ombudsperson"], True),
        (["civil_society"], False),
        (["civil_society", "civil_society"], False),
        (["civil_society", "national_authority"], True),
        (["civil_society", "regional_organisation"], False),
        (["member_state_administration"], False),
        (["international_organisation", "national_authority"], False),
        ([], False),
    ],
)
def test_request_eligibility(db, types, eligible):
    institutions = [InstitutionFactory(type=t) for t in types]
    result = request_eligibility(institutions=institutions)
    assert result.eligible is eligible
    assert result.reasons, "every answer is explained"


def test_civil_society_refusal_names_the_organisation_and_the_remedy(db):
    ngo = InstitutionFactory(name_en="Sin Fronteras", acronym="", type=InstitutionType.CIVIL_SOCIETY)
    result = request_eligibility(institutions=[ngo])
    assert not result.eligible
    assert "Sin Fronteras" in result.reasons[0]
    assert "jointly with a government institution" in result.reasons[0]


def test_explanations_follow_the_active_language(db):
    from django.utils import translation

    ngo = InstitutionFactory(type=InstitutionType.CIVIL_SOCIETY)
    with translation.override("fr"):
        reason = request_eligibility(institutions=[ngo]).reasons[0]
    assert "société civile" in reason


def test_capacity_development_kind_is_required_for_and_only_for_those_institutions(world):
    officer = world.user("programme_officer")
    with pytest.raises(ApplicationError) as error:
        institution_create(
            actor=officer, name_en="Academy", type="capacity_development_institution", country="CI"
        )
    assert "capacity_development_kind" in error.value.fields
    academy = institution_create(
        actor=officer,
        name_fr="Académie diplomatique",
        type="capacity_development_institution",
        country="CI",
        capacity_development_kind="diplomatic_academy",
    )
    assert academy.programme_region == "africa" and academy.m49_subregion == "011"


def test_an_institution_cannot_be_its_own_ancestor(world):
    officer = world.user("programme_officer")
    child = InstitutionFactory(parent=world.institution_a)
    with pytest.raises(ApplicationError) as error:
        institution_update(world.institution_a, actor=officer, parent=child)
    assert "parent" in error.value.fields


def test_translated_name_falls_back_to_the_language_it_was_given_in(world):
    from django.utils import translation

    institution = institution_create(
        actor=world.user("programme_officer"),
        name_es="Secretaría de Gobernación",
        type="national_authority",
        country="MX",
    )
    for language in ("en", "fr", "es"):
        with translation.override(language):
            assert institution.name == "Secretaría de Gobernación"
    institution_update(institution, actor=world.user("programme_officer"), name_en="Ministry of the Interior")
    with translation.override("en"):
        assert institution.name == "Ministry of the Interior"
    with translation.override("es"):
        assert institution.name == "Secretaría de Gobernación"
