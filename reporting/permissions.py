"""Who may ask for which report (reading: querysets.py).

- Programme staff and integrators: every report, on the whole portfolio.
- Partner users (focal points, HR and training-unit officers): the portfolio, Action, results and
  certification reports, computed on their institution's share (Action.objects.for_user).
- Officials and experts: none (they have their own pages).
"""

from __future__ import annotations

from mieux.roles import STAFF_ROLES, Role

REPORTERS = STAFF_ROLES | {Role.INTEGRATOR, Role.FOCAL_POINT, Role.HR_OFFICER, Role.TRAINING_OFFICER}


def can_request_report(user, kind: str | None = None) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in REPORTERS)


def can_download_report(user, run) -> bool:
    """The requester downloads their report; managers may download any (they see every run)."""
    from .models import ReportRun

    return ReportRun.objects.for_user(user).filter(pk=run.pk).exists()
