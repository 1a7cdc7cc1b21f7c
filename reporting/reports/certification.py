"""The certification report, on the certification programmes of the Actions the run covers: the funnel
(enrolments per status), the pass rate (certified of those the panel decided), credentials active,
expired and revoked, and the multiplier effect of the certified trainers. Counted by the database,
through the requester's scope (`for_user`): a partner sees their institution's share."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.choices import (
    CERTIFICATION_PATH,
    DECIDED_ENROLMENT_STATUSES,
    CredentialStatus,
    EnrolmentStatus,
)
from certification.models import CertificationProgramme, Credential, Enrolment
from certification.selectors import multiplier_by_institution

from ..builders import Report, Table
from ..parameters import run_actions, run_period

# The funnel's columns: the path in order, then how it ended.
FUNNEL_STATUSES = (
    *CERTIFICATION_PATH,
    *DECIDED_ENROLMENT_STATUSES,
    EnrolmentStatus.DECLINED,
    EnrolmentStatus.WITHDRAWN,
)
DECIDED = DECIDED_ENROLMENT_STATUSES


def covered_programmes(run):
    """The programmes run within the Actions the run covers, as the requester sees them."""
    return (
        CertificationProgramme.objects.for_user(run.requested_by)
        .filter(actions__in=run_actions(run).values("pk"))
        .distinct()
    )


def _programme_names(programmes) -> dict[int, str]:
    """Names in the report's language (the translated field); a report covers a handful of programmes."""
    return {programme.pk: str(programme) for programme in programmes}


def pass_rate(certified: int, decided: int) -> float | None:
    return round(100 * certified / decided, 1) if decided else None


def _funnel_figures() -> dict:
    figures = {status.value: Count("pk", filter=Q(status=status)) for status in FUNNEL_STATUSES}
    figures["total"] = Count("pk")
    return figures


def funnel_table(run, programmes) -> Table:
    """Enrolments per status and programme, with the pass rate: certified of those the panel decided
    (certified or not certified)."""
    enrolments = Enrolment.objects.for_user(run.requested_by).filter(programme__in=programmes.values("pk"))
    groups = (
        enrolments.order_by().values("programme_id").annotate(**_funnel_figures()).order_by("programme_id")
    )
    names = _programme_names(programmes)
    overall = enrolments.aggregate(**_funnel_figures())

    def line(name, figures) -> list:
        certified = figures[EnrolmentStatus.CERTIFIED]
        decided = sum(figures[status] for status in DECIDED)
        return [
            name,
            *(figures[status] for status in FUNNEL_STATUSES),
            figures["total"],
            decided,
            pass_rate(certified, decided),
        ]

    return Table(
        title=_("Certification funnel"),
        headers=[_("Programme")]
        + [str(status.label) for status in FUNNEL_STATUSES]
        + [_("Enrolments"), _("Decided by the panel"), _("Pass rate")],
        rows=sorted(
            (line(names.get(group["programme_id"], ""), group) for group in groups), key=lambda row: row[0]
        ),
        totals=line(_("All programmes"), overall),
        formats=("text",) + ("int",) * (len(FUNNEL_STATUSES) + 2) + ("percent",),
    )


def credentials_table(run, programmes) -> Table:
    """Credentials per programme by status. An active credential past its date counts as expired
    (the nightly job marks it so; the report does not wait for it). The period, when given, limits
    the credentials to those issued in it."""
    today = timezone.localdate()
    credentials = Credential.objects.for_user(run.requested_by).filter(programme__in=programmes.values("pk"))
    start, end = run_period(run)
    if start:
        credentials = credentials.filter(issued_on__gte=start)
    if end:
        credentials = credentials.filter(issued_on__lte=end)
    still_active = Q(status=CredentialStatus.ACTIVE, valid_until__gte=today)
    expired = Q(status=CredentialStatus.EXPIRED) | Q(status=CredentialStatus.ACTIVE, valid_until__lt=today)
    figures = {
        "active": Count("pk", filter=still_active),
        "expired": Count("pk", filter=expired),
        "revoked": Count("pk", filter=Q(status=CredentialStatus.REVOKED)),
        "suspended": Count("pk", filter=Q(status=CredentialStatus.SUSPENDED)),
        "superseded": Count("pk", filter=Q(status=CredentialStatus.SUPERSEDED)),
        "total": Count("pk"),
    }
    groups = credentials.order_by().values("programme_id").annotate(**figures).order_by("programme_id")
    names = _programme_names(programmes)
    overall = credentials.aggregate(**figures)
    keys = ("active", "expired", "revoked", "suspended", "superseded", "total")
    return Table(
        title=_("Credentials"),
        headers=[
            _("Programme"),
            _("Active"),
            _("Expired"),
            _("Revoked"),
            _("Suspended"),
            _("Superseded"),
            _("Issued"),
        ],
        rows=sorted(
            ([names.get(group["programme_id"], ""), *(group[key] for key in keys)] for group in groups),
            key=lambda row: row[0],
        ),
        totals=[_("All programmes"), *(overall[key] for key in keys)],
        formats=("text",) + ("int",) * len(keys),
    )


def multiplier_table(run, programmes) -> Table:
    """The multiplier effect per programme and institution (certification.selectors): trainers with
    an active credential, replica sessions they delivered in the period, colleagues trained, mean
    rating. No totals row: a trainer certified by two programmes appears under both."""
    start, end = run_period(run)

    def rows():
        for programme in programmes.order_by("name", "pk"):
            for row in multiplier_by_institution(
                run.requested_by, programme=programme, held_from=start, held_to=end
            ):
                yield (
                    str(programme),
                    str(row["institution"]),
                    row["trainers"],
                    row["sessions"],
                    row["trainers_delivering"],
                    row["colleagues"],
                    row["rating"],
                )

    return Table(
        title=_("Multiplier effect"),
        headers=[
            _("Programme"),
            _("Institution"),
            _("Active trainers"),
            _("Replica sessions"),
            _("Trainers delivering"),
            _("Colleagues trained"),
            _("Average rating"),
        ],
        rows=rows(),
        formats=("text", "text", "int", "int", "int", "int", "decimal"),
    )


def build(run, progress) -> Report:
    programmes = covered_programmes(run)
    progress(10, _("Counting enrolments"))
    funnel = funnel_table(run, programmes)
    progress(25, _("Counting credentials"))
    credentials = credentials_table(run, programmes)
    progress(40, _("Multiplier effect"))
    multiplier = multiplier_table(run, programmes)
    count = programmes.count()
    return Report(
        title=_("Certification report"),
        subtitle=_("%(count)s certification programmes") % {"count": count},
        tables=[funnel, credentials, multiplier],
    )
