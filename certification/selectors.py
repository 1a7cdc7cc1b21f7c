"""Scoped reads of certification that are more than a filter: whom a user may nominate, which
programmes wait for their nominations, and an official's own enrolments."""

from __future__ import annotations

from django.db.models import QuerySet

from actions.models import ActionPartner
from partners.models import Person

from .choices import LIVE_ENROLMENT_STATUSES
from .models import CertificationProgramme, Enrolment
from .permissions import NOMINATORS


def nominable_people(user, programme: CertificationProgramme) -> QuerySet:
    """The people this user may put forward for `programme`: people they see (PersonQuerySet.for_user,
    so an HR officer sees only their own institution's), of an institution taking part in one of the
    programme's Actions, and not already holding a live place in it. The service re-checks all of it."""
    taking_part = ActionPartner.objects.filter(action__in=programme.actions.values("pk")).values(
        "institution_id"
    )
    holding_a_place = Enrolment.objects.filter(
        programme=programme, status__in=sorted(LIVE_ENROLMENT_STATUSES)
    ).values("person_id")
    return (
        Person.objects.for_user(user)
        .filter(institution_id__in=taking_part)
        .exclude(pk__in=holding_a_place)
        .select_related("institution")
        .order_by("last_name", "first_name", "id")
    )


def programmes_open_for_nominations(user) -> QuerySet:
    """Programmes of the Actions the user's institution takes part in that take nominations now;
    empty for users who do not nominate (only HR and training-unit officers see this as a task)."""
    if not (user.is_authenticated and user.role in NOMINATORS):
        return CertificationProgramme.objects.none()
    return (
        CertificationProgramme.objects.for_user(user).filter(accepts_nominations=True).order_by("name", "id")
    )


def own_enrolments(user) -> QuerySet:
    """The user's own enrolments (as the official certified), newest first."""
    return (
        Enrolment.objects.for_user(user)
        .filter(person__user=user)
        .select_related("programme", "institution")
        .order_by("-nominated_on", "-id")
    )


def programme_enrolments(user, programme: CertificationProgramme) -> QuerySet:
    """The enrolments of `programme` this user sees: all for staff, their institution's for its focal
    point, HR and training-unit officers, their own for an official."""
    return (
        Enrolment.objects.for_user(user)
        .filter(programme=programme)
        .select_related("person", "institution", "nominated_by")
        .order_by("-nominated_on", "-id")
    )
