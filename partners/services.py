"""Every write to the partner registry, each checked against the policy and audited.

Keyword-only arguments; each service validates the model (`full_clean`) and records the audit
entry in the same transaction (see mieux.services).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from mieux.errors import ApplicationError
from mieux.services import bulk_create_audited, create_audited, delete_audited, require, update_audited

from .choices import GOVERNMENT_TYPES, REQUESTER_TYPES, InstitutionType
from .models import CoordinationMechanism, Department, Expert, Institution, Person
from .permissions import (
    department_policy,
    expert_policy,
    institution_policy,
    mechanism_policy,
    person_policy,
)

# --- Institutions -------------------------------------------------------------------------------


def institution_create(*, actor, **fields) -> Institution:
    require(institution_policy.can_create(actor), _("You may not add institutions."))
    return create_audited(Institution, actor=actor, **fields)


def institution_update(institution: Institution, *, actor, **fields) -> Institution:
    require(institution_policy.can_change(actor, institution), _("You may not edit this institution."))
    return update_audited(institution, actor=actor, **fields)


def institution_delete(institution: Institution, *, actor) -> None:
    require(institution_policy.can_delete(actor, institution), _("You may not delete this institution."))
    delete_audited(institution, actor=actor)


# --- Departments and units ----------------------------------------------------------------------


def department_create(*, actor, institution: Institution, **fields) -> Department:
    require(
        department_policy.can_create_in(actor, institution),
        _("You may add departments to your own institution only."),
    )
    return create_audited(Department, actor=actor, institution=institution, **fields)


def department_update(department: Department, *, actor, **fields) -> Department:
    require(department_policy.can_change(actor, department), _("You may not edit this department."))
    if "institution" in fields:
        require(
            department_policy.can_create_in(actor, fields["institution"]),
            _("You may move departments to your own institution only."),
        )
    return update_audited(department, actor=actor, **fields)


def department_delete(department: Department, *, actor) -> None:
    require(department_policy.can_delete(actor, department), _("You may not delete this department."))
    delete_audited(department, actor=actor)


# --- People -------------------------------------------------------------------------------------


def person_create(*, actor, institution: Institution, **fields) -> Person:
    require(
        person_policy.can_create_in(actor, institution), _("You may add people to your own institution only.")
    )
    return create_audited(Person, actor=actor, institution=institution, **fields)


def people_bulk_create(*, actor, people: Sequence[Person]) -> list[Person]:
    """Add many people at once (attendance lists, seeding): the same policy and rules as
    person_create, one audit entry per person, a handful of queries."""
    for person in people:
        require(
            person_policy.can_create_in(actor, person.institution),
            _("You may add people to your own institution only."),
        )
    return bulk_create_audited(Person, actor=actor, instances=list(people))


def person_update(person: Person, *, actor, **fields) -> Person:
    require(person_policy.can_change(actor, person), _("You may not edit this person."))
    if "institution" in fields:
        require(
            person_policy.can_create_in(actor, fields["institution"]),
            _("You may move people to your own institution only."),
        )
    return update_audited(person, actor=actor, **fields)


def person_delete(person: Person, *, actor) -> None:
    require(person_policy.can_delete(actor, person), _("You may not delete this person."))
    delete_audited(person, actor=actor)


# --- Coordination mechanisms --------------------------------------------------------------------


def mechanism_create(*, actor, members: Iterable[Institution] = (), **fields) -> CoordinationMechanism:
    require(mechanism_policy.can_create(actor), _("You may not add coordination mechanisms."))
    return create_audited(CoordinationMechanism, actor=actor, many={"members": list(members)}, **fields)


def mechanism_update(
    mechanism: CoordinationMechanism, *, actor, members: Iterable[Institution] | None = None, **fields
) -> CoordinationMechanism:
    require(mechanism_policy.can_change(actor, mechanism), _("You may not edit this coordination mechanism."))
    many = {"members": list(members)} if members is not None else None
    return update_audited(mechanism, actor=actor, many=many, **fields)


def mechanism_delete(mechanism: CoordinationMechanism, *, actor) -> None:
    require(
        mechanism_policy.can_delete(actor, mechanism), _("You may not delete this coordination mechanism.")
    )
    delete_audited(mechanism, actor=actor)


# --- Expert roster ------------------------------------------------------------------------------


def expert_create(*, actor, person: Person, **fields) -> Expert:
    require(expert_policy.can_create(actor), _("You may not add experts to the roster."))
    if Expert.objects.filter(person=person).exists():
        raise ApplicationError(
            _("This person is already on the expert roster."),
            fields={"person": [_("This person is already on the expert roster.")]},
        )
    return create_audited(Expert, actor=actor, person=person, **fields)


def expert_update(expert: Expert, *, actor, **fields) -> Expert:
    require(expert_policy.can_change(actor, expert), _("You may not edit this roster entry."))
    return update_audited(expert, actor=actor, **fields)


def expert_delete(expert: Expert, *, actor) -> None:
    require(expert_policy.can_delete(actor, expert), _("You may not delete this roster entry."))
    delete_audited(expert, actor=actor)


# --- Eligibility --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """The answer to "may these institutions request support together?", with the reasons why."""

    eligible: bool
    reasons: list[str] = field(default_factory=list)


def request_eligibility(*, institutions: Sequence[Institution]) -> Eligibility:
    """DOMAIN rule: national and local authorities, regional organisations, parliaments, the judiciary,
    prosecutors and ombudspersons may request; civil society only jointly with a government
    institution. Every institution of a joint request is checked, and every refusal is explained."""
    if not institutions:
        return Eligibility(False, [_("A request needs at least one requesting institution.")])

    reasons: list[str] = []
    not_requesters = [i for i in institutions if i.type not in REQUESTER_TYPES]
    for institution in not_requesters:
        reasons.append(
            _("%(name)s is a %(type)s, which cannot request support from the programme.")
            % {"name": institution, "type": institution.get_type_display().lower()}
        )
    civil_society = [i for i in institutions if i.type == InstitutionType.CIVIL_SOCIETY]
    has_government = any(i.type in GOVERNMENT_TYPES for i in institutions)
    if civil_society and not has_government:
        names = ", ".join(str(i) for i in civil_society)
        reasons.append(
            _(
                "%(names)s: a civil-society organisation may request only jointly with a government "
                "institution; add a national or local authority, parliament, judicial body, ombudsperson "
                "or official training institution as co-requester."
            )
            % {"names": names}
        )
    if reasons:
        return Eligibility(False, reasons)

    if civil_society:
        explanation = _(
            "Eligible: the civil-society organisation requests jointly with a government institution."
        )
    elif len(institutions) > 1:
        explanation = _("Eligible: every requesting institution may request support.")
    else:
        explanation = _("Eligible: %(type)s may request support.") % {
            "type": institutions[0].get_type_display()
        }
    return Eligibility(True, [explanation])
