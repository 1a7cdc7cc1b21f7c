"""Who sees which report runs. A run is its requester's: everyone sees their own runs; programme
managers and administrators also see everyone's (to help and to follow the scheduled reports). The
figures inside a report are computed for the requester (Action.objects.for_user), so a partner's report
holds only what the partner may see."""

from __future__ import annotations

from mieux.models import ScopedQuerySet
from mieux.roles import MANAGER_ROLES


class ReportRunQuerySet(ScopedQuerySet):
    def for_user(self, user):
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role in MANAGER_ROLES:
            return self.all()
        return self.filter(requested_by=user)
