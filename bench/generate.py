"""The benchmark's data set: ten times the programme, loaded in bulk by PostgreSQL itself.

1,400 Actions, 10,000 activities, 150,000 people, 1,000,000 participations, 7,000 experts and 10,000
credentials (with the institutions, requests, partners, experts' assignments, deliverables and
enrolments around them) are made by `INSERT … SELECT … FROM generate_series(…)`: no row crosses the
wire, so the whole set loads in about a minute. Every column is drawn with its own `random()` call
(seeded, so runs are comparable), which keeps columns independent of each other: a filter on two
columns is as selective as the product of the two, never accidentally empty or accidentally total.
Rare values exist on purpose (1 % of people "other", 0.5 % "undisclosed") so the suite can ask for
rare and empty filter combinations.

The handful of rows that must go through the application — the users the benchmark signs in as, their
API token, the certification programmes — are made through the services, as the platform would.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

SIZES = {
    "institutions": 2_000,
    "people": 150_000,
    "experts": 7_000,
    "requests": 1_900,
    "actions": 1_400,
    "activities": 10_000,
    "participations": 1_000_000,
    "expert_assignments": 15_000,
    "deliverables": 3_000,
    "credentials": 10_000,
}
# The Action a staff member opens in the "Action page" measurement: 200 activities, 5,000 participations.
BIG_ACTION_ACTIVITIES = 200
BIG_ACTION_PARTICIPANTS_PER_ACTIVITY = 25

FIRST_NAMES = [
    "Amina", "Carlos", "Fatima", "Jean", "Maria", "Olga", "Ahmed", "Lucia", "Kwame", "Sofia",
    "Ivan", "Aisha", "Pedro", "Nadia", "Tomasz", "Leila", "Diego", "Anna", "Samuel", "Irina",
    "Yusuf", "Elena", "Moussa", "Ines", "Nikolai", "Zainab", "Pablo", "Marta", "Omar", "Claire",
]  # fmt: skip
LAST_NAMES = [
    "Diallo", "Garcia", "Haddad", "Kowalski", "Martin", "Nguyen", "Okafor", "Petrov", "Rossi",
    "Santos", "Traore", "Usmani", "Vargas", "Weber", "Yilmaz", "Zhou", "Bakr", "Costa", "Dubois",
    "Essien", "Fischer", "Gomez", "Hoang", "Ibrahim", "Jansen", "Keita", "Lopez", "Mensah", "Novak",
    "Ortiz", "Popescu", "Quispe", "Ruiz", "Sow", "Tanaka", "Ulloa", "Virtanen", "Wojcik", "Xavier",
    "Young", "Zapata", "Abdi", "Benali", "Cisse", "Dlamini", "Eze", "Farah", "Gueye", "Hussein", "Idrissi",
]  # fmt: skip


@dataclass
class Generated:
    """What the measurements need to find their way in the data set."""

    staff_email: str
    partner_email: str
    integrator_token: str
    big_action_id: int
    counts: dict[str, int]


def _weighted(values_and_weights: list[tuple[str, float]]) -> str:
    """A SQL expression drawing one of `values` with the given weights, with one random() call."""
    total = sum(weight for _value, weight in values_and_weights)
    thresholds, running = [], 0.0
    for _value, weight in values_and_weights:
        thresholds.append(running / total)
        running += weight
    values = ", ".join(f"'{value}'" for value, _weight in values_and_weights)
    bounds = ", ".join(f"{t:.6f}" for t in thresholds)
    return f"(ARRAY[{values}])[width_bucket(random(), ARRAY[{bounds}]::float8[])]"


def _uniform(values: list[str]) -> str:
    return _weighted([(value, 1.0) for value in values])


def _text_array(values: list[str]) -> str:
    return "(ARRAY[" + ", ".join(f"'{v}'" for v in values) + "])"


def _partner_countries() -> list[str]:
    from django_countries import countries

    from partners.choices import EU_MEMBER_STATES
    from partners.geography import programme_region_for

    return [
        code
        for code, _name in countries
        if code not in EU_MEMBER_STATES and programme_region_for(code) != "other"
    ]


def generate(*, log=print) -> Generated:
    """Fill the (freshly migrated, empty) database and return how to reach the data."""
    from actions.choices import (
        ActionStatus,
        ActionType,
        ActivityStatus,
        ActivityType,
        DeliverableStatus,
        DeliverableType,
        FollowUpAnswer,
        Modality,
        OecdLevel,
        PartnerRole,
        RequestChannel,
        RequestStatus,
    )
    from partners.choices import EU_MEMBER_STATES, Gender, InstitutionType, RosterStatus

    n = SIZES
    eu = sorted(EU_MEMBER_STATES)
    partner_countries = _partner_countries()
    partner_types = [
        t for t in InstitutionType.values if t not in {"member_state_administration", "eu_institution"}
    ]
    member_state_institutions = 270  # the experts' home administrations, in the 27 Member States
    today = timezone.localdate()

    steps = [
        (
            "institutions",
            f"""
            INSERT INTO partners_institution (created_at, updated_at, name, name_en, acronym, type, country,
                capacity_development_kind, website)
            SELECT now(), now(), 'Institution ' || g, 'Institution ' || g, 'I' || g, kind.type, kind.country,
                CASE WHEN kind.type = 'capacity_development_institution' THEN 'official_training_centre'
                     ELSE '' END, ''
            FROM generate_series(1, {n["institutions"]}) AS g
            CROSS JOIN LATERAL (
                SELECT CASE WHEN g <= {member_state_institutions} THEN 'member_state_administration'
                            ELSE {_uniform(partner_types)} END AS type,
                       CASE WHEN g <= {member_state_institutions} THEN {_text_array(eu)}[1 + g % {len(eu)}]
                            ELSE {_uniform(partner_countries)} END AS country
            ) AS kind
            """,
        ),
        (
            "people",
            f"""
            INSERT INTO partners_person (created_at, updated_at, first_name, last_name, gender, position,
                institution_id, email, languages, consent_to_contact)
            SELECT now(), now(),
                {_uniform(FIRST_NAMES)}, {_uniform(LAST_NAMES)},
                {_weighted([(Gender.FEMALE, 45), (Gender.MALE, 53.5), (Gender.OTHER, 1), (Gender.UNDISCLOSED, 0.5)])},
                '', (SELECT min(id) FROM partners_institution) + floor(random() * {n["institutions"]})::int,
                'person' || g || '@bench.test', '["en"]'::jsonb, random() < 0.5
            FROM generate_series(1, {n["people"]}) AS g
            """,
        ),
        (
            "experts",
            # Two thirds from the Member States' administrations, a third from partner countries (as in
            # the programme); the country is the home administration's, as Expert.clean() requires.
            f"""
            INSERT INTO partners_expert (created_at, updated_at, member_state, expertise_areas, roster_status,
                person_id)
            SELECT now(), now(), picked.country, '["IMT"]'::jsonb,
                {_weighted([(RosterStatus.ACTIVE, 80), (RosterStatus.CANDIDATE, 10), (RosterStatus.INACTIVE, 8), (RosterStatus.WITHDRAWN, 2)])},
                picked.id
            FROM (
                (SELECT p.id, i.country FROM partners_person p JOIN partners_institution i ON i.id = p.institution_id
                 WHERE i.type = 'member_state_administration' ORDER BY p.id LIMIT {n["experts"] * 2 // 3})
                UNION ALL
                (SELECT p.id, i.country FROM partners_person p JOIN partners_institution i ON i.id = p.institution_id
                 WHERE i.type <> 'member_state_administration' ORDER BY p.id DESC LIMIT {n["experts"] - n["experts"] * 2 // 3})
            ) AS picked
            """,
        ),
        (
            "requests",
            f"""
            INSERT INTO actions_supportrequest (created_at, updated_at, version, reference, title, channel,
                received_on, countries, proposed_action_type, needs_statement, expected_results, target_groups,
                languages, status, is_eligible, eligibility_reasons, thematic_area_id, timing)
            SELECT now(), now(), 1, 'B-' || lpad(g::text, 5, '0'), 'Request ' || g,
                {_uniform(RequestChannel.values)},
                DATE '2009-01-01' + floor(random() * (DATE '{today}' - 200 - DATE '2009-01-01'))::int,
                {_uniform(partner_countries)}, {_uniform(ActionType.values)}, 'Needs', 'Results', 'Officials',
                '["en"]'::jsonb,
                CASE WHEN g <= {n["actions"]} THEN 'approved' ELSE
                    {_uniform([s for s in RequestStatus.values if s not in {"approved", "draft"}])} END,
                true, '[]'::jsonb,
                (SELECT id FROM actions_thematicarea WHERE parent_id IS NULL ORDER BY id
                 OFFSET floor(random() * (SELECT count(*) FROM actions_thematicarea WHERE parent_id IS NULL))::int
                 + 0 * g LIMIT 1),
                ''
            FROM generate_series(1, {n["requests"]}) AS g
            """,
        ),
        (
            "requesting institutions",
            f"""
            INSERT INTO actions_requestinginstitution (role, institution_id, request_id)
            SELECT 'lead', (SELECT min(id) FROM partners_institution) + {member_state_institutions}
                + floor(random() * {n["institutions"] - member_state_institutions})::int + 0 * r.id, r.id
            FROM actions_supportrequest r
            """,
        ),
        (
            "actions",
            f"""
            INSERT INTO actions_action (created_at, updated_at, version, code, short_name, title, title_en,
                summary, summary_en, objectives, objectives_en, type, countries, approved_on, planned_start,
                planned_end, budget_eur, published, status, suspended_from, launched_on, officer_id,
                phase_id, purpose_code_id, request_id, thematic_area_id)
            SELECT now(), now(), 1, 'BX-' || lpad(r.rn::text, 5, '0'), 'Action ' || r.rn,
                'Action ' || r.rn || ' on ' || ta.name, 'Action ' || r.rn || ' on ' || ta.name,
                'Summary', 'Summary', 'Objectives', 'Objectives',
                {_weighted([(ActionType.CLASSIC, 70), (ActionType.HOLISTIC, 20), (ActionType.REGIONAL, 10)])},
                r.countries || CASE WHEN random() < 0.2 THEN ',' || {_uniform(partner_countries)} ELSE '' END,
                r.approved_on, r.approved_on + 60, r.approved_on + 700,
                round((50000 + random() * 450000)::numeric, 2), random() < 0.7,
                {_weighted([(s, w) for s, w in [(ActionStatus.APPROVED, 3), (ActionStatus.FORMULATION, 5), (ActionStatus.PLAN_AGREED, 4), (ActionStatus.IMPLEMENTATION, 20), (ActionStatus.FOLLOW_UP, 8), (ActionStatus.CLOSED, 55), (ActionStatus.SUSPENDED, 2), (ActionStatus.CANCELLED, 3)]])},
                '', r.approved_on + 80 + floor(random() * 60)::int, NULL,
                COALESCE(
                    (SELECT id FROM actions_programmephase ph WHERE r.approved_on BETWEEN ph.starts_on AND ph.ends_on
                     ORDER BY starts_on DESC LIMIT 1),
                    (SELECT id FROM actions_programmephase ORDER BY starts_on DESC LIMIT 1)),
                (SELECT id FROM actions_purposecode WHERE code = '15190'), r.id, r.thematic_area_id
            FROM (SELECT s.*, row_number() OVER (ORDER BY s.id) AS rn, s.received_on + 120 AS approved_on
                  FROM actions_supportrequest s WHERE s.status = 'approved') AS r
            JOIN actions_thematicarea ta ON ta.id = r.thematic_area_id
            """,
        ),
        (
            "launch dates only after launch",
            "UPDATE actions_action SET launched_on = NULL WHERE status IN ('approved', 'formulation', 'plan_agreed')",
        ),
        (
            "partners of the Actions",
            f"""
            INSERT INTO actions_actionpartner (role, action_id, institution_id)
            SELECT '{PartnerRole.LEAD_BENEFICIARY}', a.id, ri.institution_id
            FROM actions_action a JOIN actions_requestinginstitution ri ON ri.request_id = a.request_id
            UNION ALL
            SELECT '{PartnerRole.CO_BENEFICIARY}', a.id,
                (SELECT min(id) FROM partners_institution) + {member_state_institutions}
                + (a.id * 7 % {n["institutions"] - member_state_institutions})
            FROM actions_action a JOIN actions_requestinginstitution ri ON ri.request_id = a.request_id
            WHERE random() < 0.5
              AND ri.institution_id <> (SELECT min(id) FROM partners_institution) + {member_state_institutions}
                + (a.id * 7 % {n["institutions"] - member_state_institutions})
            """,
        ),
        (
            "Global Compact objectives of the Actions",
            """
            INSERT INTO actions_action_gcm_objectives (action_id, globalcompactobjective_id)
            SELECT DISTINCT a.id, o.id
            FROM actions_action a
            CROSS JOIN generate_series(1, 2) AS k
            JOIN LATERAL (SELECT id FROM actions_globalcompactobjective
                          ORDER BY id OFFSET floor(random() * 23)::int + 0 * a.id * k LIMIT 1) AS o ON true
            """,
        ),
        (
            "activities",
            # The first Action gets 200 activities (the "Action page" measurement); the others share the rest.
            f"""
            INSERT INTO actions_activity (created_at, updated_at, sequence, type, title, planned_start,
                planned_end, held_on, status, action_id, agenda, city, country, description, duration_hours,
                languages, modality, oecd_level, report)
            SELECT now(), now(), row_number() OVER (PARTITION BY x.action_id ORDER BY x.g), x.type,
                initcap(replace(x.type, '_', ' ')) || ' ' || x.g, x.start, x.start + 2,
                CASE WHEN x.status IN ('held', 'reported', 'closed') THEN x.start END,
                x.status, x.action_id, '', 'City ' || (x.g % 97), split_part(a.countries, ',', 1), '',
                (4 + floor(random() * 36))::numeric, '["en"]'::jsonb,
                {_weighted([(Modality.IN_PERSON, 70), (Modality.ONLINE, 20), (Modality.HYBRID, 10)])},
                {_weighted([(OecdLevel.INDIVIDUAL, 60), (OecdLevel.ORGANISATIONAL, 30), (OecdLevel.ENABLING_ENVIRONMENT, 10)])},
                ''
            FROM (
                SELECT g,
                    CASE WHEN g <= {BIG_ACTION_ACTIVITIES} THEN (SELECT min(id) FROM actions_action)
                         ELSE (SELECT min(id) FROM actions_action) + 1 + (g % {n["actions"] - 1}) END AS action_id,
                    {_uniform(ActivityType.values)} AS type,
                    {_weighted([(ActivityStatus.PLANNED, 8), (ActivityStatus.CONFIRMED, 5), (ActivityStatus.HELD, 10), (ActivityStatus.REPORTED, 15), (ActivityStatus.CLOSED, 57), (ActivityStatus.POSTPONED, 2), (ActivityStatus.CANCELLED, 3)])} AS status,
                    DATE '2009-06-01' + floor(random() * (DATE '{today}' - DATE '2009-06-01'))::int AS start
                FROM generate_series(1, {n["activities"]}) AS g
            ) AS x
            JOIN actions_action a ON a.id = x.action_id
            """,
        ),
        (
            "participations",
            # Person k of activity a is ((a + k · activities) · 7919) mod people: one person at most once
            # per activity, every person in several activities, institutions and genders decorrelated from
            # the activity. The big Action's 200 activities get 25 participants each.
            f"""
            INSERT INTO actions_participation (created_at, updated_at, gender, attendance_percent,
                attendance_hours, pre_test_score, post_test_score, satisfaction, follow_up_answer,
                follow_up_comment, activity_id, institution_id, person_id)
            SELECT now(), now(), p.gender, x.attendance, round(x.attendance * 0.16, 1), x.pre,
                least(100, x.pre + round((random() * 40)::numeric, 1)),
                CASE WHEN random() < 0.8 THEN 1 + floor(random() * 5)::int END,
                {_weighted([("", 55), (FollowUpAnswer.YES, 25), (FollowUpAnswer.PARTLY, 15), (FollowUpAnswer.NO, 5)])},
                '', x.activity_id, p.institution_id, p.id
            FROM (
                SELECT act.min_id + (g % act.total) AS activity_id,
                    people.min_id + ((g::bigint * 7919) % {n["people"]}) AS person_id,
                    round((50 + random() * 50)::numeric, 1) AS attendance,
                    round((random() * 60)::numeric, 1) AS pre
                FROM (SELECT min(id) AS min_id, count(*) AS total FROM actions_activity
                      WHERE id > (SELECT min(id) FROM actions_activity) + {BIG_ACTION_ACTIVITIES - 1}) AS act,
                     (SELECT min(id) AS min_id FROM partners_person) AS people,
                     generate_series(1, {n["participations"] - BIG_ACTION_ACTIVITIES * BIG_ACTION_PARTICIPANTS_PER_ACTIVITY}) AS g
                UNION ALL
                SELECT act.min_id + a_index,
                    people.min_id + ((a_index * 131 + k * 7919) % {n["people"]}),
                    round((50 + random() * 50)::numeric, 1), round((random() * 60)::numeric, 1)
                FROM (SELECT min(id) AS min_id FROM actions_activity) AS act,
                     (SELECT min(id) AS min_id FROM partners_person) AS people,
                     generate_series(0, {BIG_ACTION_ACTIVITIES - 1}) AS a_index,
                     generate_series(1, {BIG_ACTION_PARTICIPANTS_PER_ACTIVITY}) AS k
            ) AS x
            JOIN partners_person p ON p.id = x.person_id
            """,
        ),
        (
            "experts' assignments",
            f"""
            INSERT INTO actions_expertassignment (created_at, updated_at, role, days, mission_report,
                activity_id, expert_id)
            SELECT now(), now(), {_weighted([("lead_expert", 20), ("expert", 50), ("trainer", 20), ("co_trainer", 8), ("assessor", 2)])},
                (1 + floor(random() * 10))::numeric, '', act.min_id + (g % {n["activities"]}),
                ex.min_id + ((g * 37) % {n["experts"]})
            FROM (SELECT min(id) AS min_id FROM actions_activity) AS act,
                 (SELECT min(id) AS min_id FROM partners_expert) AS ex,
                 generate_series(1, {n["expert_assignments"]}) AS g
            """,
        ),
        (
            "deliverables",
            f"""
            INSERT INTO actions_deliverable (created_at, updated_at, title, type, language, oecd_level,
                description, file, status, adopting_body, adopted_on, action_id)
            SELECT now(), now(), 'Deliverable ' || x.g, x.type, 'en', x.level, '', '', x.status,
                CASE WHEN x.status = 'adopted' THEN 'Ministry' ELSE '' END,
                CASE WHEN x.status = 'adopted' THEN a.approved_on + 400 END, a.id
            FROM (SELECT g, (SELECT min(id) FROM actions_action) + (g % {n["actions"]}) AS action_id,
                      {_uniform(DeliverableType.values)} AS type,
                      {_uniform(OecdLevel.values)} AS level,
                      {_weighted([(DeliverableStatus.DRAFT, 15), (DeliverableStatus.VALIDATED, 15), (DeliverableStatus.HANDED_OVER, 20), (DeliverableStatus.ADOPTED, 50)])} AS status
                  FROM generate_series(1, {n["deliverables"]}) AS g) AS x
            JOIN actions_action a ON a.id = x.action_id
            """,
        ),
    ]

    with transaction.atomic(), connection.cursor() as cursor:
        # The generated rows are consistent by construction: skip the per-row foreign-key triggers
        # (three million deferred checks at commit would take longer than the inserts themselves).
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT setseed(0.42)")
        for label, sql in steps:
            started = timezone.now()
            cursor.execute(sql)
            log(f"  {label}: {cursor.rowcount:,} rows in {(timezone.now() - started).total_seconds():.1f} s")
        accounts = _accounts_and_programmes(cursor, log=log)
    _credentials(accounts, log=log)
    _vacuum_analyze(log=log)
    counts = _counts()
    return Generated(counts=counts, **accounts)


def _accounts_and_programmes(cursor, *, log) -> dict:
    """The users the benchmark signs in as, through the services (audited, as in production)."""
    from actions.models import Action
    from certification.choices import CredentialKind
    from certification.models import CertificationProgramme
    from mieux.models import User
    from mieux.roles import Role
    from mieux.services import api_token_issue, create_audited
    from partners.models import Institution, Person

    system = None
    staff = User.objects.create_user(
        "bench.manager@bench.test", "bench-password-2026", role=Role.PROGRAMME_MANAGER
    )
    officers = [
        User.objects.create_user(
            f"bench.officer{i}@bench.test", "bench-password-2026", role=Role.PROGRAMME_OFFICER
        )
        for i in range(1, 6)
    ]
    cursor.execute(
        "UPDATE actions_action SET officer_id = (ARRAY[%s])[1 + id %% %s]",
        [[o.pk for o in officers], len(officers)],
    )
    integrator = User.objects.create_user(
        "bench.integrator@bench.test", "bench-password-2026", role=Role.INTEGRATOR
    )
    _token, raw_token = api_token_issue(actor=staff, user=integrator, name="benchmark")
    big_action = Action.objects.order_by("id").first()
    lead = big_action.partner_links.order_by("id").first().institution
    partner = User.objects.create_user("bench.focal@bench.test", "bench-password-2026", role=Role.FOCAL_POINT)
    Person.objects.filter(pk=Person.objects.filter(institution=lead).order_by("id").values("pk")[:1]).update(
        user=partner
    )
    co_signer = Institution.objects.filter(type="capacity_development_institution").order_by("id").first()
    for index, kind in enumerate([CredentialKind.TRAINER, CredentialKind.EXPERT] * 2, start=1):
        create_audited(
            CertificationProgramme,
            actor=system,
            name=f"Benchmark programme {index}",
            name_en=f"Benchmark programme {index}",
            kind=kind,
            co_signer=co_signer,
        )
    log(f"  accounts: {staff.email}, {partner.email} (institution {lead.pk}), integrator token")
    return {
        "staff_email": staff.email,
        "partner_email": partner.email,
        "integrator_token": raw_token,
        "big_action_id": big_action.pk,
    }


def _credentials(accounts: dict, *, log) -> None:
    """Enrolments of 10,000 distinct officials, each certified, and their credentials: active, expired
    (by date), 2 % revoked and 1 % suspended. Documents and certificates are left empty: issuing them
    is measured by bench.certificates."""
    n = SIZES["credentials"]
    today = timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        started = timezone.now()
        cursor.execute(
            f"""
            INSERT INTO certification_enrolment (created_at, updated_at, status, nominated_on, motivation,
                institution_id, person_id, programme_id)
            SELECT now(), now(), 'certified', DATE '2014-01-01' + floor(random() * 4000)::int, '',
                p.institution_id, p.id, prog.min_id + (g % 4)
            FROM generate_series(1, {n}) AS g
            CROSS JOIN (SELECT min(id) AS min_id FROM partners_person) AS people
            CROSS JOIN (SELECT min(id) AS min_id FROM certification_certificationprogramme) AS prog
            JOIN partners_person p ON p.id = people.min_id + ((g::bigint * 13) % {SIZES["people"]})
            """
        )
        cursor.execute(
            f"""
            INSERT INTO certification_credential (created_at, updated_at, public_id, kind, language,
                issued_on, valid_until, status, revocation_reason, status_note, status_index, subject_salt,
                subject_hash, document, jwt, signing_key_id, certificate, enrolment_id, institution_id,
                person_id, programme_id)
            SELECT now(), now(), md5('credential' || e.rn), prog.kind, {_uniform(["en", "fr", "es"])},
                e.issued_on, (e.issued_on + interval '36 months')::date,
                CASE WHEN e.draw < 0.02 THEN 'revoked' WHEN e.draw < 0.03 THEN 'suspended'
                     WHEN (e.issued_on + interval '36 months')::date < DATE '{today}' THEN 'expired'
                     ELSE 'active' END,
                CASE WHEN e.draw < 0.02 THEN 'issued_in_error' ELSE '' END, '',
                (e.rn * 7919) % 131072, md5('salt' || e.rn), 'sha256$' || md5('subject' || e.rn),
                '{{}}'::jsonb, '', '', '', e.id, e.institution_id, e.person_id, e.programme_id
            FROM (SELECT en.*, row_number() OVER (ORDER BY en.id) AS rn, random() AS draw,
                         en.nominated_on + 200 + floor(random() * 300)::int AS issued_on
                  FROM certification_enrolment en) AS e
            JOIN certification_certificationprogramme prog ON prog.id = e.programme_id
            """
        )
        log(f"  enrolments and credentials: {n:,} each in {(timezone.now() - started).total_seconds():.1f} s")


def _vacuum_analyze(*, log) -> None:
    started = timezone.now()
    with connection.cursor() as cursor:
        # VACUUM cannot run in a transaction block; Django's connection is in autocommit here.
        cursor.execute("VACUUM ANALYZE")
    log(f"  VACUUM ANALYZE in {(timezone.now() - started).total_seconds():.1f} s")


def _counts() -> dict[str, int]:
    tables = {
        "institutions": "partners_institution",
        "people": "partners_person",
        "experts": "partners_expert",
        "actions": "actions_action",
        "activities": "actions_activity",
        "participations": "actions_participation",
        "credentials": "certification_credential",
    }
    with connection.cursor() as cursor:
        counts = {}
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[label] = cursor.fetchone()[0]
    return counts


def is_generated() -> bool:
    """Whether this database already holds the generated set (for `make bench REUSE=1`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM actions_participation")
        return cursor.fetchone()[0] >= SIZES["participations"]


def load_accounts() -> Generated:
    """The accounts of an earlier generation (`--reuse`), with a fresh API token (only digests are kept)."""
    from actions.models import Action
    from mieux.models import User
    from mieux.services import api_token_issue

    staff = User.objects.get(email="bench.manager@bench.test")
    integrator = User.objects.get(email="bench.integrator@bench.test")
    _token, raw_token = api_token_issue(actor=staff, user=integrator, name="benchmark")
    return Generated(
        staff_email=staff.email,
        partner_email="bench.focal@bench.test",
        integrator_token=raw_token,
        big_action_id=Action.objects.order_by("id").values_list("pk", flat=True).first(),
        counts=_counts(),
    )
