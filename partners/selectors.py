"""Reads of the partner registry that are more than `for_user`."""

from __future__ import annotations

from django.db.models import QuerySet

from .choices import REQUESTER_TYPES
from .models import Institution, Person


def own_institution(user) -> Institution | None:
    """The institution of the person record linked to this account, if any."""
    if not (user and user.is_authenticated):
        return None
    person = Person.objects.filter(user=user).select_related("institution").first()
    return person.institution if person is not None else None


def co_requester_candidates(user) -> QuerySet[Institution]:
    """The institutions a focal point may name beside its own on a request: those of its own
    country whose type may request support (civil society included: it requests only jointly with
    a government institution, which the eligibility check explains).

    This reads past Institution.for_user on purpose, since a partner sees only its own institution
    there; the request form shows only the candidates' names and types, never their records."""
    own = own_institution(user)
    if own is None:
        return Institution.objects.none()
    return (
        Institution.objects.filter(country=own.country, type__in=REQUESTER_TYPES)
        .exclude(pk=own.pk)
        .order_by("name", "id")
    )
