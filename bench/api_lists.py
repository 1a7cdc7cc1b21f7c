"""API lists against their floor: the same rows, fetched by the one SQL query a hand-written endpoint
would run and encoded with orjson by a bare WSGI app (bench.floor_app), under the same load.

- Hot lists (actions, activities, participations, credentials), 50 rows a page, 4 clients:
  throughput ratio ≥ 0.30, p99 ≤ 50 ms.
- Filtered lists, common, rare and empty combinations: ratio ≥ 0.15.
- The deep cursor page (page 10,000 of the participations) costs what the first page costs: ≤ 1.2×.
"""

from __future__ import annotations

import base64
import json
import statistics
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection

from . import load, servers
from .core import Result, at_most, slowdown, throughput

CLIENTS = 4
PAGE = 50

ACTION_COLUMNS = """
    a.id, a.code, a.short_name, a.title_en, a.title_fr, a.title_es, a.summary_en, a.summary_fr, a.summary_es,
    a.objectives_en, a.objectives_fr, a.objectives_es, a.type, a.phase_id AS phase,
    a.thematic_area_id AS thematic_area, a.specific_area_id AS specific_area,
    ARRAY(SELECT o.globalcompactobjective_id FROM actions_action_gcm_objectives o WHERE o.action_id = a.id
          ORDER BY 1) AS gcm_objectives,
    a.purpose_code_id AS purpose_code, a.countries,
    (SELECT coalesce(json_agg(json_build_object('institution', p.institution_id, 'role', p.role)), '[]')
     FROM actions_actionpartner p WHERE p.action_id = a.id) AS partners,
    a.predecessor_id AS predecessor, a.request_id AS request, a.approved_on, a.planned_start, a.planned_end,
    a.actual_start, a.actual_end, a.budget_eur, a.officer_id AS officer, a.published, a.status, a.launched_on,
    a.version, a.created_at, a.updated_at"""
ACTIVITY_COLUMNS = """
    v.id, v.action_id AS action, v.sequence, v.type, v.title, v.description, v.modality, v.planned_start,
    v.planned_end, v.held_on, v.duration_hours, v.city, v.country, v.languages, v.oecd_level, v.agenda,
    v.report, v.status, v.created_at, v.updated_at"""
PARTICIPATION_COLUMNS = """
    p.id, p.activity_id AS activity, p.person_id AS person, p.gender, p.institution_id AS institution,
    p.attendance_percent, p.attendance_hours, p.pre_test_score, p.post_test_score, p.satisfaction,
    p.follow_up_answer, p.follow_up_comment, p.post_test_score - p.pre_test_score AS knowledge_gain,
    p.created_at, p.updated_at"""
CREDENTIAL_COLUMNS = """
    c.id, c.public_id, c.kind, c.person_id AS person, pe.first_name || ' ' || pe.last_name AS person_name,
    c.institution_id AS institution, c.programme_id AS programme, pr.name AS programme_name,
    c.enrolment_id AS enrolment, c.language, c.status, c.revocation_reason, c.issued_on, c.valid_until,
    c.superseded_by_id AS superseded_by"""

FROM = {
    "actions": "FROM actions_action a",
    "activities": "FROM actions_activity v",
    "participations": "FROM actions_participation p",
    "credentials": (
        "FROM certification_credential c JOIN partners_person pe ON pe.id = c.person_id "
        "JOIN certification_certificationprogramme pr ON pr.id = c.programme_id"
    ),
}
COLUMNS = {
    "actions": ACTION_COLUMNS,
    "activities": ACTIVITY_COLUMNS,
    "participations": PARTICIPATION_COLUMNS,
    "credentials": CREDENTIAL_COLUMNS,
}
ALIAS = {"actions": "a", "activities": "v", "participations": "p", "credentials": "c"}


@dataclass
class Case:
    """One list request: the API path with its query, and the hand-written SQL that answers it."""

    name: str
    resource: str
    query: dict
    where: str = ""
    join: str = ""

    @property
    def path(self) -> str:
        return f"/api/v1/{self.resource}/?" + urlencode({**self.query, "page_size": PAGE})

    @property
    def sql(self) -> str:
        alias = ALIAS[self.resource]
        where = f"WHERE {self.where}" if self.where else ""
        return (
            f"SELECT {COLUMNS[self.resource]} {FROM[self.resource]} {self.join} {where} "
            f"ORDER BY {alias}.id DESC LIMIT {PAGE + 1}"
        )


def _one(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def filtered_cases() -> list[Case]:
    """Common, rare and empty filter combinations, with values read from the generated data."""
    busy_institution = _one(
        "SELECT institution_id FROM actions_participation GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )[0]
    activity = _one("SELECT activity_id FROM actions_participation ORDER BY id DESC LIMIT 1")[0]
    action = _one("SELECT min(id) FROM actions_action")[0]
    country = _one("SELECT country FROM actions_activity GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")[0]
    credential_institution = _one(
        "SELECT institution_id FROM certification_credential GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )[0]
    join_activity = "JOIN actions_activity v ON v.id = p.activity_id"
    return [
        Case("participations: one activity", "participations", {"activity": activity}, f"p.activity_id = {activity}"),
        Case(
            "participations: one Action (5,000 rows)", "participations", {"action": action},
            f"v.action_id = {action}", join_activity,
        ),
        Case("participations: rare gender", "participations", {"gender": "undisclosed"}, "p.gender = 'undisclosed'"),
        Case(
            "participations: rare gender × follow-up × institution (empty or nearly)", "participations",
            {"gender": "undisclosed", "follow_up": "no", "institution": busy_institution},
            f"p.gender = 'undisclosed' AND p.follow_up_answer = 'no' AND p.institution_id = {busy_institution}",
        ),
        Case(
            "participations: activity type × OECD level", "participations",
            {"type": "study_visit", "level": "enabling_environment"},
            "v.type = 'study_visit' AND v.oecd_level = 'enabling_environment'", join_activity,
        ),
        Case(
            "participations: held in the future (empty)", "participations", {"date_from": "2100-01-01"},
            "v.held_on >= '2100-01-01'", join_activity,
        ),
        Case(
            "activities: type × modality × status", "activities",
            {"type": "seminar", "modality": "hybrid", "status": "closed"},
            "v.type = 'seminar' AND v.modality = 'hybrid' AND v.status = 'closed'",
        ),
        Case("activities: one country", "activities", {"country": country}, f"v.country = '{country}'"),
        Case(
            "actions: status × type", "actions", {"status": "implementation", "type": "regional"},
            "a.status = 'implementation' AND a.type = 'regional'",
        ),
        Case(
            "credentials: institution × suspended", "credentials",
            {"institution": credential_institution, "status": "suspended"},
            f"c.institution_id = {credential_institution} AND c.status = 'suspended'",
        ),
    ]  # fmt: skip


HOT = [Case(f"{resource}, 50 a page", resource, {}) for resource in COLUMNS]


def _warm(base: str, paths: list[str], headers: dict, times: int = 10) -> None:
    for path in paths:
        for _ in range(times):
            request = urllib.request.Request(base + path, headers=headers)
            with urllib.request.urlopen(request, timeout=60) as response:
                if response.status != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status}")
                response.read()


def _floor_queries(cases: list[Case]) -> str:
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)  # noqa: SIM115
    json.dump({f"q{index}": case.sql for index, case in enumerate(cases)}, handle)
    handle.close()
    return handle.name


def measure(context) -> list[Result]:
    cases = HOT + filtered_cases()
    headers = {"Authorization": f"Token {context.generated.integrator_token}"}
    floor_environment = {
        "BENCH_FLOOR_QUERIES": _floor_queries(cases),
        "BENCH_DATABASE_URL": context.database_url,
    }
    seconds = context.load_seconds
    results: list[Result] = []
    ours_stats, floor_stats = {}, {}
    with context.platform_server() as ours:
        _warm(ours, [case.path for case in cases], headers)
        for case in cases:
            ours_stats[case.name] = load.run(
                ours,
                [{"name": case.name, "path": case.path, "headers": headers}],
                users=CLIENTS,
                seconds=seconds,
            )
            context.log(f"  ours  {case.name}: {ours_stats[case.name].requests_per_second:.0f} req/s")
        deep = _deep_page(context, ours, headers)
    with servers.gunicorn("bench.floor_app:application", floor_environment, ready_path="/q0") as floor:
        _warm(floor, [f"/q{index}" for index in range(len(cases))], {})
        for index, case in enumerate(cases):
            floor_stats[case.name] = load.run(
                floor, [{"name": case.name, "path": f"/q{index}"}], users=CLIENTS, seconds=seconds
            )
            context.log(f"  floor {case.name}: {floor_stats[case.name].requests_per_second:.0f} req/s")
    context.api_floor_latency_ms = statistics.median(floor_stats[case.name].p50_ms for case in HOT)
    for case in cases:
        hot = case in HOT
        mine, bare = ours_stats[case.name], floor_stats[case.name]
        label = f"API {'hot' if hot else 'filtered'} list: {case.name}"
        results.append(
            throughput(
                label, mine.requests_per_second, bare.requests_per_second, minimum_ratio=0.30 if hot else 0.15
            )
        )
        if hot:
            results.append(at_most(f"API hot list p99: {case.name}", mine.p99_ms, 50, "ms"))
        if mine.failures:
            results.append(at_most(f"API errors: {case.name}", mine.failures, 0, "requests"))
    results.extend(deep)
    return results


def _cursor(position: int) -> str:
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


def _median_latency_ms(base: str, path: str, headers: dict, times: int) -> float:
    samples = []
    for _ in range(times):
        request = urllib.request.Request(base + path, headers=headers)
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _deep_page(context, base: str, headers: dict) -> list[Result]:
    """Page 10,000 of the participations (the cursor of the 500,000th row) against the first page."""
    position = _one(f"SELECT id FROM actions_participation ORDER BY id DESC OFFSET {PAGE * 9_999} LIMIT 1")[0]
    first = f"/api/v1/participations/?page_size={PAGE}"
    deep = f"{first}&cursor={_cursor(position)}"
    _warm(base, [first, deep], headers, times=5)
    first_ms = _median_latency_ms(base, first, headers, 100)
    deep_ms = _median_latency_ms(base, deep, headers, 100)
    return [slowdown("API deep cursor page (10,000th) vs first page", deep_ms, first_ms, maximum_ratio=1.2)]
