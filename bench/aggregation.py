"""The portfolio report's figures against the hand-written SQL GROUP BY that answers the same
questions: the participants (totals, by sex, by institution type, by both), the activities by type and
modality and the Actions by status and type, over the whole portfolio as programme staff ask for it.
Target: ours ≤ 2× the hand-written SQL (median of three rounds each)."""

from __future__ import annotations

import statistics
import time

from django.db import connection

from .core import Result, slowdown

HELD = "('held', 'reported', 'closed')"
HAND_WRITTEN = [
    f"""SELECT count(DISTINCT p.person_id), count(*),
           count(DISTINCT p.person_id) FILTER (WHERE p.gender = 'female'),
           count(DISTINCT p.person_id) FILTER (WHERE p.gender = 'male'),
           count(p.satisfaction), avg(p.satisfaction), count(*) FILTER (WHERE p.satisfaction >= 4),
           count(*) FILTER (WHERE p.pre_test_score IS NOT NULL AND p.post_test_score IS NOT NULL),
           avg(p.pre_test_score) FILTER (WHERE p.pre_test_score IS NOT NULL AND p.post_test_score IS NOT NULL),
           avg(p.post_test_score) FILTER (WHERE p.pre_test_score IS NOT NULL AND p.post_test_score IS NOT NULL),
           avg(p.post_test_score - p.pre_test_score)
               FILTER (WHERE p.pre_test_score IS NOT NULL AND p.post_test_score IS NOT NULL),
           count(*) FILTER (WHERE p.pre_test_score IS NOT NULL AND p.post_test_score > p.pre_test_score)
       FROM actions_participation p JOIN actions_activity v ON v.id = p.activity_id
       WHERE v.status IN {HELD}""",
    f"""SELECT p.gender, count(DISTINCT p.person_id), count(*)
       FROM actions_participation p JOIN actions_activity v ON v.id = p.activity_id
       WHERE v.status IN {HELD} GROUP BY p.gender""",
    f"""SELECT i.type, count(DISTINCT p.person_id), count(*)
       FROM actions_participation p JOIN actions_activity v ON v.id = p.activity_id
       JOIN partners_institution i ON i.id = p.institution_id
       WHERE v.status IN {HELD} GROUP BY i.type""",
    f"""SELECT p.gender, i.type, count(DISTINCT p.person_id), count(*)
       FROM actions_participation p JOIN actions_activity v ON v.id = p.activity_id
       JOIN partners_institution i ON i.id = p.institution_id
       WHERE v.status IN {HELD} GROUP BY p.gender, i.type""",
    f"""SELECT v.type, count(*), count(*) FILTER (WHERE v.status IN {HELD}),
           count(*) FILTER (WHERE v.status = 'cancelled'), count(*) FILTER (WHERE v.modality = 'in_person'),
           count(*) FILTER (WHERE v.modality = 'online'), count(*) FILTER (WHERE v.modality = 'hybrid')
       FROM actions_activity v GROUP BY v.type""",
    f"""SELECT v.modality, count(*), count(*) FILTER (WHERE v.status IN {HELD})
       FROM actions_activity v GROUP BY v.modality""",
    "SELECT a.status, count(*) FROM actions_action a GROUP BY a.status",
    "SELECT a.type, count(*) FROM actions_action a GROUP BY a.type",
]


def _ours(scope) -> None:
    from reporting import figures

    figures.participant_totals(scope)
    figures.participants_by_sex(scope)
    figures.participants_by_institution_type(scope)
    figures.participants_by_sex_and_institution_type(scope)
    figures.activities_by_type(scope)
    figures.activities_by_modality(scope)
    figures.actions_by_status(scope)
    figures.actions_by_type(scope)


def _hand_written() -> None:
    with connection.cursor() as cursor:
        for sql in HAND_WRITTEN:
            cursor.execute(sql)
            cursor.fetchall()


def _median_seconds(work, rounds: int = 3) -> float:
    work()  # warm the caches once, for both sides alike
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def measure(context) -> list[Result]:
    from actions.models import Action
    from mieux.models import User
    from reporting.figures import Scope

    staff = User.objects.get(email=context.generated.staff_email)
    scope = Scope(actions=Action.objects.for_user(staff), user=staff)
    ours = _median_seconds(lambda: _ours(scope))
    floor = _median_seconds(_hand_written)
    context.log(f"  ours {ours * 1000:.0f} ms, hand-written SQL {floor * 1000:.0f} ms")
    return [
        slowdown(
            "Portfolio report aggregation vs hand-written SQL", ours * 1000, floor * 1000, maximum_ratio=2.0
        )
    ]
