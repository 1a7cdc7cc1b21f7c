"""Who sees which requests, meetings and Actions. The only place that decides it.

- Programme staff and integrators: everything (ScopedQuerySet.for_user).
- Partner users: the requests their institution made (focal point, HR and training-unit officers;
  officials follow Actions, not requests); the Actions their institution takes part in, and any
  published Action (the public catalogue shows those to everyone anyway).
- Experts: published Actions (issue 4 adds the Actions of the activities they are assigned to).
- Steering Committee meetings: staff and integrators only; partners learn a decision from their request.
- Code lists: everyone signed in.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from mieux.models import ScopedQuerySet
from mieux.roles import Role


def _own_institution_ids(user):
    return apps.get_model("partners", "Person").objects.filter(user=user).values("institution_id")


class CodeListQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.all()


class SupportRequestQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.role in {Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER}:
            requester = apps.get_model("actions", "RequestingInstitution")
            own = requester.objects.filter(institution_id__in=_own_institution_ids(user)).values("request_id")
            return self.filter(pk__in=own)
        return self.none()


class MeetingQuerySet(ScopedQuerySet):
    pass  # staff and integrators only (the default)


class ActionQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_partner:
            partner = apps.get_model("actions", "ActionPartner")
            own = partner.objects.filter(institution_id__in=_own_institution_ids(user)).values("action_id")
            return self.filter(Q(pk__in=own) | Q(published=True))
        if user.role == Role.EXPERT:
            return self.filter(published=True)
        return self.none()

    def published(self):
        return self.filter(published=True)


class ActivityQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        action_model = apps.get_model("actions", "Action")
        return self.filter(action__in=action_model.objects.for_user(user).values("pk"))
