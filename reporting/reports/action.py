"""The Action report: one Action's summary, activities, experts, participants figures, deliverables,
results against targets per period and per OECD level, and (holistic Actions) the coordination
matrix — the tabs of the Action page, as the requester sees them. Every figure is counted by the
database; the row tables stream."""

from __future__ import annotations

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import NullIf
from django.utils.translation import gettext as _

from actions.choices import (
    HELD_ACTIVITY_STATUSES,
    ActionType,
    ActivityStatus,
    ActivityType,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    DeliverableStatus,
    DeliverableType,
    IndicatorUnit,
    Modality,
    OecdLevel,
    PeriodStatus,
)
from actions.models import (
    Action,
    ActionPartner,
    Activity,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    IndicatorPeriod,
)
from actions.selectors import action_participation_figures, indicator_progress_by_level
from mieux.errors import ApplicationError
from partners.choices import EU_MEMBER_STATES, Gender, InstitutionType
from partners.querysets import own_institution_ids

from .. import charts
from ..builders import Report, Table

CHUNK = 2000


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


def _sees_figures(user, action: Action) -> bool:
    """As on the Action page: staff and integrators, and the partners of the Action itself (a
    published Action shows its page, not its figures, to other institutions)."""
    if user.sees_whole_portfolio:
        return True
    return ActionPartner.objects.filter(action=action, institution_id__in=own_institution_ids(user)).exists()


def summary_table(action: Action, user) -> Table:
    activity_counts = (
        Activity.objects.for_user(user)
        .filter(action=action)
        .aggregate(total=Count("pk"), held=Count("pk", filter=Q(status__in=sorted(HELD_ACTIVITY_STATUSES))))
    )
    deliverable_counts = (
        Deliverable.objects.for_user(user)
        .filter(action=action)
        .aggregate(total=Count("pk"), adopted=Count("pk", filter=Q(status=DeliverableStatus.ADOPTED)))
    )
    partners = ", ".join(
        f"{link.institution} ({link.get_role_display()})"
        for link in action.partner_links.select_related("institution").order_by("role", "id")
    )
    rows = [
        (_("Code"), action.code),
        (_("Short name"), action.short_name),
        (_("Title"), action.title),
        (_("Type"), action.get_type_display()),
        (_("Phase"), str(action.phase)),
        (_("Status"), action.get_status_display()),
        (_("Thematic area"), str(action.thematic_area)),
        (_("Countries"), ", ".join(country.name for country in action.countries)),
        (_("Partners"), partners),
        (_("Approved on"), action.approved_on),
        (_("Planned start"), action.planned_start),
        (_("Planned end"), action.planned_end),
        (_("Actual start"), action.actual_start),
        (_("Actual end"), action.actual_end),
        (_("Launched on"), action.launched_on),
        (_("Days from approval to launch"), action.days_to_launch),
        (_("Budget (EUR)"), action.budget_eur),
        (_("Activities"), activity_counts["total"]),
        (_("Activities held"), activity_counts["held"]),
        (_("Deliverables"), deliverable_counts["total"]),
        (_("Deliverables adopted"), deliverable_counts["adopted"]),
    ]
    return Table(title=_("Summary"), headers=[_("Item"), _("Value")], rows=rows, formats=("text", "text"))


def activities_table(action: Action, user) -> Table:
    activities = (
        Activity.objects.for_user(user)
        .filter(action=action)
        .annotate(
            experts=Count("expert_assignments", distinct=True),
            participants=Count("participations__person", distinct=True),
        )
        .order_by("sequence")
    )
    totals = (
        Activity.objects.for_user(user)
        .filter(action=action)
        .aggregate(
            activities=Count("pk", distinct=True),
            experts=Count("expert_assignments__expert", distinct=True),
            participants=Count("participations__person", distinct=True),
        )
    )
    types, statuses, modalities = (
        _labels(ActivityType.choices),
        _labels(ActivityStatus.choices),
        _labels(Modality.choices),
    )
    levels = _labels(OecdLevel.choices)
    columns = (
        "sequence",
        "title",
        "type",
        "modality",
        "status",
        "planned_start",
        "held_on",
        "city",
        "country",
        "oecd_level",
        "experts",
        "participants",
    )

    def rows():
        for row in activities.values_list(*columns).iterator(chunk_size=CHUNK):
            sequence, title, kind, modality, status, planned, held, city, country, level, experts, people = (
                row
            )
            yield (
                sequence,
                title,
                types.get(kind, kind),
                modalities.get(modality, modality),
                statuses.get(status, status),
                planned,
                held,
                city,
                country or "",
                levels.get(level, level),
                experts,
                people,
            )

    return Table(
        title=_("Activities"),
        headers=[
            _("No."),
            _("Title"),
            _("Type"),
            _("Modality"),
            _("Status"),
            _("Planned start"),
            _("Held on"),
            _("City"),
            _("Country"),
            _("OECD level"),
            _("Experts"),
            _("Participants"),
        ],
        rows=rows(),
        totals=[
            _("Total"),
            totals["activities"],
            "",
            "",
            "",
            None,
            None,
            "",
            "",
            "",
            totals["experts"],
            totals["participants"],
        ],
        formats=("int", "text", "text", "text", "text", "date", "date", "text", "text", "text", "int", "int"),
    )


def experts_table(action: Action, user) -> Table:
    assignments = ExpertAssignment.objects.for_user(user).filter(activity__action=action)
    groups = (
        assignments.order_by()
        .values("expert_id")
        .annotate(deployments=Count("pk"), days=Sum("days"))
        .values_list(
            "expert__person__last_name",
            "expert__person__first_name",
            "expert__person__gender",
            "expert__member_state",
            "deployments",
            "days",
        )
        .order_by("expert__person__last_name", "expert__person__first_name", "expert_id")
    )
    totals = assignments.aggregate(
        experts=Count("expert", distinct=True),
        deployments=Count("pk"),
        days=Sum("days"),
        non_eu=Count("expert", distinct=True, filter=~Q(expert__member_state__in=sorted(EU_MEMBER_STATES))),
    )
    genders = _labels(Gender.choices)

    def rows():
        for last_name, first_name, gender, member_state, deployments, days in groups.iterator(
            chunk_size=CHUNK
        ):
            name = f"{first_name} {last_name}".strip()
            yield name, genders.get(gender, gender), member_state or "", deployments, days

    return Table(
        title=_("Experts"),
        headers=[_("Expert"), _("Gender"), _("Member State"), _("Deployments"), _("Expert-days")],
        rows=rows(),
        totals=[
            _("%(count)s experts, %(non_eu)s from outside the EU")
            % {"count": totals["experts"], "non_eu": totals["non_eu"]},
            "",
            "",
            totals["deployments"],
            totals["days"] or 0,
        ],
        formats=("text", "text", "text", "int", "decimal"),
    )


def participants_tables(action: Action) -> list[Table]:
    figures = action_participation_figures(action)
    headline = Table(
        title=_("Participants"),
        headers=[_("Figure"), _("Value")],
        rows=[
            (_("People who took part"), figures["people"]),
            (_("Attendances"), figures["attendances"]),
            (_("Average satisfaction (1–5)"), figures["satisfaction"]),
            (_("Tested before and after"), figures["tested"]),
            (_("With a learning gain"), figures["with_gain"]),
            (_("Average learning gain (points)"), figures["average_gain"]),
        ],
        formats=("text", "decimal"),
    )
    labels = {"sex": _labels(Gender.choices), "institution_type": _labels(InstitutionType.choices)}
    names = {"sex": _("Sex"), "institution_type": _("Institution type")}
    breakdown_rows = [
        (names[dimension], labels[dimension].get(key, key), count)
        for dimension in ("sex", "institution_type")
        for key, count in figures["breakdown"].get(dimension, {}).items()
    ]
    breakdown = Table(
        title=_("Participants by sex and type"),
        headers=[_("Breakdown"), _("Group"), _("People")],
        rows=breakdown_rows,
        formats=("text", "text", "int"),
    )
    return [headline, breakdown]


def deliverables_table(action: Action, user) -> Table:
    deliverables = Deliverable.objects.for_user(user).filter(action=action).order_by("id")
    totals = deliverables.aggregate(
        total=Count("pk"), adopted=Count("pk", filter=Q(status=DeliverableStatus.ADOPTED))
    )
    types, statuses = _labels(DeliverableType.choices), _labels(DeliverableStatus.choices)
    levels = _labels(OecdLevel.choices)
    columns = ("title", "type", "oecd_level", "language", "status", "adopting_body", "adopted_on")

    def rows():
        for title, kind, level, language, status, body, adopted_on in deliverables.values_list(
            *columns
        ).iterator(chunk_size=CHUNK):
            yield (
                title,
                types.get(kind, kind),
                levels.get(level, level),
                language,
                statuses.get(status, status),
                body,
                adopted_on,
            )

    return Table(
        title=_("Deliverables"),
        headers=[
            _("Title"),
            _("Type"),
            _("OECD level"),
            _("Language"),
            _("Status"),
            _("Adopted by"),
            _("Adopted on"),
        ],
        rows=rows(),
        totals=[_("%(total)s deliverables, %(adopted)s adopted") % totals, "", "", "", "", "", None],
        formats=("text", "text", "text", "text", "text", "text", "date"),
    )


def results_table(action: Action, user) -> Table:
    """Each indicator's target and actual per reporting period, with the share of the target the
    actual reaches (computed by the database)."""
    money = DecimalField(max_digits=14, decimal_places=2)
    periods = (
        IndicatorPeriod.objects.for_user(user)
        .filter(indicator__action=action)
        .annotate(
            share=ExpressionWrapper(F("actual") * 100 / NullIf(F("target"), 0), output_field=money),
        )
        .order_by("indicator__result__code", "indicator_id", "starts_on")
    )
    levels, units, statuses = (
        _labels(OecdLevel.choices),
        _labels(IndicatorUnit.choices),
        _labels(PeriodStatus.choices),
    )
    columns = (
        "indicator__result__code",
        "indicator__name",
        "indicator__oecd_level",
        "indicator__unit",
        "starts_on",
        "ends_on",
        "indicator__baseline",
        "target",
        "actual",
        "share",
        "status",
    )

    def rows():
        for row in periods.values_list(*columns).iterator(chunk_size=CHUNK):
            code, name, level, unit, starts_on, ends_on, baseline, target, actual, share, status = row
            yield (
                code or "",
                name,
                levels.get(level, level),
                units.get(unit, unit),
                starts_on,
                ends_on,
                baseline,
                target,
                actual,
                share,
                statuses.get(status, status),
            )

    return Table(
        title=_("Results per period"),
        headers=[
            _("Result"),
            _("Indicator"),
            _("OECD level"),
            _("Unit"),
            _("Period start"),
            _("Period end"),
            _("Baseline"),
            _("Target"),
            _("Actual"),
            _("Share of target"),
            _("Status"),
        ],
        rows=rows(),
        formats=(
            "text",
            "text",
            "text",
            "text",
            "date",
            "date",
            "decimal",
            "decimal",
            "decimal",
            "percent",
            "text",
        ),
    )


def results_by_level_table(action: Action) -> Table:
    rows = indicator_progress_by_level(action)
    levels = _labels(OecdLevel.choices)
    totals = {
        key: sum(row[key] for row in rows) for key in ("indicators", "periods", "met", "pending")
    }  # three rows: a sum of the database's groups, not of the data
    return Table(
        title=_("Results per OECD level"),
        headers=[
            _("OECD level"),
            _("Indicators"),
            _("Periods"),
            _("Target"),
            _("Actual"),
            _("Periods on target"),
            _("Share on target"),
            _("Share of target"),
            _("Awaiting approval"),
        ],
        rows=[
            (
                levels.get(row["level"], row["level"]),
                row["indicators"],
                row["periods"],
                row["target_total"],
                row["actual_total"],
                row["met"],
                row["share_met"],
                row["share_of_target"],
                row["pending"],
            )
            for row in rows
        ],
        totals=[
            _("Total"),
            totals["indicators"],
            totals["periods"],
            None,
            None,
            totals["met"],
            None,
            None,
            totals["pending"],
        ],
        formats=("text", "int", "int", "decimal", "decimal", "int", "percent", "percent", "int"),
    )


def coordination_table(action: Action, user) -> Table:
    """The matrix: a row per stage, a column per actor, each cell its status (and who signed off)."""
    statuses = _labels(CoordinationStatus.choices)
    cells = {
        (stage, actor): (status, signed_first, signed_last, signed_on)
        for stage, actor, status, signed_first, signed_last, signed_on in CoordinationCell.objects.for_user(
            user
        )
        .filter(action=action)
        .values_list(
            "stage",
            "actor",
            "status",
            "signed_off_by__first_name",
            "signed_off_by__last_name",
            "signed_off_on",
        )
    }

    def cell(stage, actor) -> str:
        if (stage, actor) not in cells:
            return ""
        status, first, last, signed_on = cells[stage, actor]
        text = statuses.get(status, status)
        if status == CoordinationStatus.SIGNED_OFF and (first or last):
            text += f" – {first or ''} {last or ''}".rstrip()
            if signed_on:
                text += f", {signed_on.isoformat()}"
        return text

    counts = (
        CoordinationCell.objects.for_user(user)
        .filter(action=action)
        .aggregate(**{status: Count("pk", filter=Q(status=status)) for status in CoordinationStatus.values})
    )
    return Table(
        title=_("Coordination matrix"),
        headers=[_("Stage")] + [str(label) for _actor, label in CoordinationActor.choices],
        rows=[
            [str(stage_label)] + [cell(stage, actor) for actor in CoordinationActor.values]
            for stage, stage_label in CoordinationStage.choices
        ],
        totals=["; ".join(f"{statuses[status]}: {counts[status]}" for status in CoordinationStatus.values)]
        + [""] * len(CoordinationActor.values),
        formats=("text",) * (1 + len(CoordinationActor.values)),
    )


def build(run, progress) -> Report:
    user = run.requested_by
    action = (
        Action.objects.for_user(user)
        .filter(pk=run.parameters.get("action"))
        .select_related("phase", "thematic_area")
        .first()
    )
    if action is None:
        raise ApplicationError(_("The Action of this report is no longer one you can see."))
    # Figures inside the Action (results, participants) only for those who follow it, as on its page.
    sees_figures = _sees_figures(user, action)
    progress(5, _("Summary"))
    tables = [summary_table(action, user), activities_table(action, user), experts_table(action, user)]
    progress(15, _("Participants"))
    if sees_figures:
        tables += participants_tables(action)
    progress(25, _("Deliverables and results"))
    tables += [deliverables_table(action, user), results_table(action, user)]
    if sees_figures:
        tables.append(results_by_level_table(action))
    if action.type == ActionType.HOLISTIC:
        tables.append(coordination_table(action, user))
    report = Report(title=_("Action report"), subtitle=f"{action.code} – {action.title}", tables=tables)
    if run.format == "pdf":
        progress(40, _("Charts"))
        one = Action.objects.filter(pk=action.pk)
        report.charts = [(_("Activities held per month"), charts.activities_per_month(one))]
        if sees_figures:
            report.charts.append((_("Participants by sex"), charts.participants_by_sex(one)))
            report.charts.append((_("Progress per OECD level"), charts.progress_by_oecd_level(one)))
    return report
