"""Whether a candidate meets their programme's rules, computed from the data each time.

Attendance comes from the participations in the programme's mandatory modules, scores from the
assessments, replica sessions from the sessions the candidate delivered (rated by their participants
when the session is a MIEUX+ activity). Each rule says whether it is met and the figure behind it, so
the page, the API and the workflow guards tell the same story. A handful of queries per enrolment,
whatever its history."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actions.models import Participation

from .choices import AssessmentKind


@dataclass(frozen=True)
class RuleResult:
    key: str
    label: str
    met: bool
    figure: str
    # The measured value and the threshold, for the API (None when there is nothing to measure).
    value: Decimal | int | None = None
    threshold: Decimal | int | None = None


@dataclass
class Eligibility:
    rules: list[RuleResult] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return all(rule.met for rule in self.rules)

    @property
    def unmet(self) -> list[RuleResult]:
        return [rule for rule in self.rules if not rule.met]

    def as_dict(self) -> dict:
        return {
            "eligible": self.met,
            "rules": [
                {
                    "key": rule.key,
                    "label": rule.label,
                    "met": rule.met,
                    "figure": rule.figure,
                    "value": None if rule.value is None else str(rule.value),
                    "threshold": None if rule.threshold is None else str(rule.threshold),
                }
                for rule in self.rules
            ],
        }


def _percent(value) -> str:
    return f"{Decimal(value).quantize(Decimal('0.1')).normalize():f} %"


def attendance_percent(enrolment) -> tuple[Decimal | None, int]:
    """Mean attendance over the mandatory modules (a module not attended counts as 0 %), and how many
    modules are mandatory."""
    programme = enrolment.programme
    mandatory_ids = list(programme.mandatory_activities.values_list("id", flat=True))
    if not mandatory_ids:
        return None, 0
    # A person has one participation per activity; Max keeps the sum right if an import repeats one.
    rows = (
        Participation.objects.filter(person_id=enrolment.person_id, activity_id__in=mandatory_ids)
        .values("activity_id")
        .annotate(best=Max("attendance_percent"))
    )
    total = sum((row["best"] or Decimal("0")) for row in rows)
    return (Decimal(total) / len(mandatory_ids)).quantize(Decimal("0.1")), len(mandatory_ids)


def enrolment_eligibility(enrolment) -> Eligibility:
    programme = enrolment.programme
    rules: list[RuleResult] = []

    # 1. Attendance of the mandatory modules.
    attendance, module_count = attendance_percent(enrolment)
    threshold = programme.min_attendance_percent
    if attendance is None:
        rules.append(
            RuleResult(
                "attendance",
                _("Attendance of the mandatory modules"),
                False,
                _("No mandatory modules are set for this programme."),
                None,
                threshold,
            )
        )
    else:
        rules.append(
            RuleResult(
                "attendance",
                _("Attendance of the mandatory modules"),
                attendance >= threshold,
                ngettext(
                    "%(value)s over %(count)s module (at least %(threshold)s)",
                    "%(value)s over %(count)s modules (at least %(threshold)s)",
                    module_count,
                )
                % {"value": _percent(attendance), "count": module_count, "threshold": _percent(threshold)},
                attendance,
                threshold,
            )
        )

    scores = enrolment.assessments.aggregate(
        best_knowledge=Max("score", filter=Q(kind=AssessmentKind.KNOWLEDGE_TEST)),
        best_practical=Max("score", filter=Q(kind=AssessmentKind.PRACTICAL)),
    )

    # 2. Knowledge test: the best attempt counts.
    threshold = programme.knowledge_test_threshold
    best = scores["best_knowledge"]
    rules.append(
        RuleResult(
            "knowledge_test",
            _("Knowledge test"),
            best is not None and best >= threshold,
            (
                _("No knowledge test recorded (pass mark %(threshold)s)") % {"threshold": _percent(threshold)}
                if best is None
                else _("Best score %(value)s (pass mark %(threshold)s)")
                % {"value": _percent(best), "threshold": _percent(threshold)}
            ),
            best,
            threshold,
        )
    )

    # 3. Practical assessment on the rubric: the best attempt counts.
    threshold = programme.practical_threshold
    best = scores["best_practical"]
    rules.append(
        RuleResult(
            "practical",
            _("Practical assessment"),
            best is not None and best >= threshold,
            (
                _("No practical assessment recorded (pass mark %(threshold)s)")
                % {"threshold": _percent(threshold)}
                if best is None
                else _("Best rubric score %(value)s (pass mark %(threshold)s)")
                % {"value": _percent(best), "threshold": _percent(threshold)}
            ),
            best,
            threshold,
        )
    )

    # 4. Supervised or co-delivered replica sessions with a good enough participant rating.
    required = programme.replica_sessions_required
    minimum = programme.replica_min_rating
    sessions = enrolment.replica_sessions.filter(supervised=True).annotate(
        activity_rating=Avg("activity__participations__satisfaction"),
    )
    good = 0
    for session in sessions:
        rating = session.activity_rating if session.activity_rating is not None else session.average_rating
        if rating is not None and Decimal(str(rating)) >= minimum:
            good += 1
    rules.append(
        RuleResult(
            "replica_sessions",
            _("Supervised replica sessions"),
            good >= required,
            _("%(count)s of %(required)s sessions rated at least %(rating)s")
            % {
                "count": good,
                "required": required,
                "rating": f"{minimum:f}",
            },
            good,
            required,
        )
    )

    # 5. Portfolio: the latest review decides.
    if programme.portfolio_required:
        latest = (
            enrolment.assessments.filter(kind=AssessmentKind.PORTFOLIO_REVIEW)
            .order_by("-assessed_on", "-id")
            .values_list("portfolio_accepted", flat=True)
            .first()
        )
        figure = {
            None: _("No portfolio review recorded"),
            True: _("Portfolio accepted"),
            False: _("Portfolio not accepted yet"),
        }[latest]
        rules.append(RuleResult("portfolio", _("Portfolio"), latest is True, figure))
    else:
        rules.append(RuleResult("portfolio", _("Portfolio"), True, _("Not required by this programme")))
    return Eligibility(rules)
