"""Who sees which requests, meetings and Actions. The only place that decides it.

- Programme staff and integrators: everything (ScopedQuerySet.for_user).
- Partner users: the requests their institution made (focal point, HR and training-unit officers;
  officials follow Actions, not requests); a draft is seen only by its institution until it is sent,
  not by programme staff or integrators; clarification questions go with their request; the
  Actions their institution takes part in, and any published Action (the public catalogue shows
  those to everyone anyway).
- Experts: published Actions and the Actions of the activities they are assigned to.
- Activities: with their Action.
- What happens inside an Action (expert assignments, deliverables, results, indicators and their
  periods, the coordination matrix): partner users of the Action's own institutions and its
  assigned experts; a published Action shows these to no other institution.
- Mission reports are the expert's report to the programme: staff, integrators and their author only
  (ExpertAssignmentQuerySet.mission_reports_for), though partners see who was assigned.
- Participations are personal data: a partner's focal point, HR and training-unit officers see the
  participations of their own institution's people, an official only their own; experts none.
- Attendance imports: programme staff and integrators only.
- Steering Committee meetings: staff and integrators only; partners learn a decision from their request.
- Code lists: everyone signed in.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Case, DateField, F, Q, When
from django.db.models.functions import Cast, Coalesce, Greatest

from mieux.models import ScopedQuerySet
from mieux.roles import Role
from partners.querysets import own_institution_ids

from .choices import DRAFT_REFERENCE_PREFIX


class CodeListQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.all()


REQUEST_READERS = frozenset({Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER})


class SupportRequestQuerySet(ScopedQuerySet):
    def for_user(self, user):
        visible = super().for_user(user)
        if user and user.is_authenticated and user.sees_whole_portfolio:
            # A draft is the institution's own work until its focal point sends it, and stays so
            # when it is withdrawn unsent (it still has the provisional reference that
            # services._draft_reference gives; sending replaces it with R-<year>-<number>).
            return visible.exclude(status="draft").exclude(
                status="withdrawn", reference__startswith=DRAFT_REFERENCE_PREFIX
            )
        return visible

    def scoped_for(self, user):
        if user.role in REQUEST_READERS:
            requester = apps.get_model("actions", "RequestingInstitution")
            own = requester.objects.filter(institution_id__in=own_institution_ids(user)).values("request_id")
            return self.filter(pk__in=own)
        return self.none()


class RequestClarificationQuerySet(ScopedQuerySet):
    def for_user(self, user):
        request_model = apps.get_model("actions", "SupportRequest")
        return self.filter(request__in=request_model.objects.for_user(user).values("pk"))


class MeetingQuerySet(ScopedQuerySet):
    pass  # staff and integrators only (the default)


def taking_part_action_ids(user):
    """The Actions this partner user's institution takes part in, or this expert works on (a
    subquery of ids)."""
    if user.is_partner:
        partner = apps.get_model("actions", "ActionPartner")
        return partner.objects.filter(institution_id__in=own_institution_ids(user)).values("action_id")
    if user.role == Role.EXPERT:
        assignment = apps.get_model("actions", "ExpertAssignment")
        return assignment.objects.filter(expert__person__user=user).values("activity__action_id")
    return apps.get_model("actions", "Action").objects.none().values("pk")


class ActionQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_partner or user.role == Role.EXPERT:
            return self.filter(Q(pk__in=taking_part_action_ids(user)) | Q(published=True))
        return self.none()

    def published(self):
        return self.filter(published=True)


class ActivityQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        action_model = apps.get_model("actions", "Action")
        return self.filter(action__in=action_model.objects.for_user(user).values("pk"))

    def documents_for(self, user):
        """Activities whose agenda and report this user may download. A published Action shows its
        activities to everyone signed in, but their documents stay, like everything else inside
        the Action, with those taking part in it."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.sees_whole_portfolio:
            return self.all()
        return self.filter(action_id__in=taking_part_action_ids(user))


class InsideActionQuerySet(ScopedQuerySet):
    """Rows that belong to one Action (through `action_path`), seen by those taking part in it."""

    action_path = "action_id"

    def scoped_for(self, user):
        if user.is_partner or user.role == Role.EXPERT:
            return self.filter(**{f"{self.action_path}__in": taking_part_action_ids(user)})
        return self.none()


class ExpertAssignmentQuerySet(InsideActionQuerySet):
    action_path = "activity__action_id"

    def with_booked_days(self):
        """Annotate `booked_from` and `booked_until`: the days the activity takes its expert, as
        Activity.period computes them (from the day held, or the planned start, for as long as
        planned), so overlaps are found by the database."""
        held = F("activity__held_on")
        start, end = F("activity__planned_start"), F("activity__planned_end")
        first = Coalesce(held, start)
        last = Case(
            When(
                activity__held_on__isnull=False,
                activity__planned_start__isnull=False,
                activity__planned_end__isnull=False,
                # PostgreSQL adds an interval to a date as a timestamp: back to a date.
                then=Cast(held + (end - start), DateField()),
            ),
            default=Coalesce(end, first),
            output_field=DateField(),
        )
        return self.annotate(booked_from=first, booked_until=Greatest(first, last))

    def scoped_for(self, user):
        if user.role == Role.EXPERT:
            return self.filter(expert__person__user=user)
        return super().scoped_for(user)

    def mission_reports_for(self, user):
        """Assignments whose mission report this user may download: an expert's report to the
        programme is internal (the partner receives the activity report), so programme staff,
        integrators and the expert who wrote it only."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.sees_whole_portfolio:
            return self.all()
        if user.role == Role.EXPERT:
            return self.filter(expert__person__user=user)
        return self.none()


class ParticipationQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.role in {Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER}:
            return self.filter(institution_id__in=own_institution_ids(user))
        if user.role == Role.OFFICIAL:
            return self.filter(person__user=user)
        return self.none()


class AttendanceImportQuerySet(ScopedQuerySet):
    pass  # staff and integrators only (the default)


class DeliverableQuerySet(InsideActionQuerySet):
    pass


class ResultQuerySet(InsideActionQuerySet):
    pass


class IndicatorQuerySet(InsideActionQuerySet):
    pass


class IndicatorPeriodQuerySet(InsideActionQuerySet):
    action_path = "indicator__action_id"


class CoordinationCellQuerySet(InsideActionQuerySet):
    pass
