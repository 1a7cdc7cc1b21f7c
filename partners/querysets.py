"""Who sees which rows of the partner registry. The only place that decides it.

- Programme staff and integrators: everything.
- Partner users (focal point, HR, training unit, official): their own institution, its units and
  the coordination mechanisms it belongs to; people of their institution (an official: only themself).
- Experts: their own roster entry, person record and home administration.
A partner user's institution is the institution of the person record linked to their account; an
account with no person record sees nothing.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import QuerySet

from mieux.models import ScopedQuerySet
from mieux.roles import Role


def own_institution_ids(user) -> QuerySet:
    """The institution of the person record linked to this account (a subquery; every app's
    querysets scope partner users with it)."""
    person_model = apps.get_model("partners", "Person")
    return person_model.objects.filter(user=user).values("institution_id")


class InstitutionQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_partner or user.role == Role.EXPERT:
            return self.filter(pk__in=own_institution_ids(user))
        return self.none()


class DepartmentQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_partner:
            return self.filter(institution_id__in=own_institution_ids(user))
        return self.none()


class PersonQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.role in {Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER}:
            return self.filter(institution_id__in=own_institution_ids(user))
        if user.role in {Role.OFFICIAL, Role.EXPERT}:
            return self.filter(user=user)
        return self.none()


class CoordinationMechanismQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_partner:
            # A subquery rather than a join, so a mechanism never appears twice.
            mechanism_model = apps.get_model("partners", "CoordinationMechanism")
            member_of = mechanism_model.members.through.objects.filter(
                institution_id__in=own_institution_ids(user)
            ).values("coordinationmechanism_id")
            return self.filter(pk__in=member_of)
        return self.none()


class ExpertQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.role == Role.EXPERT:
            return self.filter(person__user=user)
        return self.none()
