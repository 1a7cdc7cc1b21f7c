"""Who may write to the partner registry (reading is decided by the querysets' for_user).

- Programme officers, managers, administrators, and integrators (through the API, unless their
  token is read-only) create and edit registry entries.
- Only managers and administrators delete institutions, mechanisms and roster entries.
- A partner's focal point and HR officer keep their own institution's units and people up to date;
  whoever may edit a unit or person may also remove it.
"""

from __future__ import annotations

from mieux.permissions import Policy
from mieux.roles import MANAGER_ROLES, STAFF_ROLES, Role

REGISTRY_EDITORS = STAFF_ROLES | {Role.INTEGRATOR}
INSTITUTION_STAFF_EDITORS = frozenset({Role.FOCAL_POINT, Role.HR_OFFICER})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def own_institution_id(user) -> int | None:
    person = getattr(user, "person", None) if _active(user) else None
    return person.institution_id if person else None


class RegistryPolicy(Policy):
    def can_create(self, user) -> bool:
        return _active(user) and user.role in REGISTRY_EDITORS

    def can_change(self, user, obj) -> bool:
        return _active(user) and user.role in REGISTRY_EDITORS

    def can_delete(self, user, obj) -> bool:
        return _active(user) and user.role in MANAGER_ROLES


class InstitutionMembersPolicy(RegistryPolicy):
    """Departments and people: registry editors, plus the institution's own focal point and HR officer."""

    def can_create(self, user) -> bool:
        return super().can_create(user) or (_active(user) and user.role in INSTITUTION_STAFF_EDITORS)

    def can_create_in(self, user, institution) -> bool:
        if super().can_create(user):
            return True
        return (
            _active(user)
            and user.role in INSTITUTION_STAFF_EDITORS
            and institution is not None
            and own_institution_id(user) == institution.pk
        )

    def can_change(self, user, obj) -> bool:
        return super().can_change(user, obj) or self.can_create_in(user, obj.institution)

    def can_delete(self, user, obj) -> bool:
        # Units and people change often (staff turnover): whoever keeps them up to date may remove them.
        return self.can_change(user, obj)


institution_policy = RegistryPolicy()
department_policy = InstitutionMembersPolicy()
person_policy = InstitutionMembersPolicy()
mechanism_policy = RegistryPolicy()
expert_policy = RegistryPolicy()


def can_invite(user) -> bool:
    """Programme staff open portal accounts; integrators and partners do not."""
    return _active(user) and user.role in STAFF_ROLES


def can_manage_accounts(user) -> bool:
    return _active(user) and user.role in STAFF_ROLES
