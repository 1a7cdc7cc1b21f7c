"""The demo programme: Steering Committee meetings, about 190 requests and 138 Actions with their
activities, from 2009 to AS_OF (demo_data). `seed_actions()` writes it; `manage.py seed_demo` calls
it after partners.demo.seed_partners, whose institutions and accounts it uses.

The same two phases as the partner demo:

1. `build_plan()` turns actions.demo_data into everything that should exist, drawing every random
   choice from one `random.Random(2009)` in a fixed order: the Actions written out by hand, the
   others drawn so that every partner country of the registry has one, their dates, activities and
   statuses, and the requests and Committee decisions that led to them. References ("R-2014-003")
   and codes ("MX-2014-02") are numbered the way the services number them, in the order the seeder
   creates them.
2. `ActionSeeder` looks each planned object up by its natural key (staff account by e-mail, meeting
   by date, request by reference, Action by code) and creates only what is missing, every write
   through actions.services with the account the policy requires: officers register and screen
   requests and run Actions, the manager records meetings and decisions, adds the MIEUX I Actions that
   predate request records, and closes, suspends and cancels. An Action is walked through its state
   machine (formulation → plan agreed → implementation → follow-up → closed) with its activities
   planned in formulation. Existing objects are left as they are: a second run writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation
from django_countries import countries as country_names

from mieux.audit import origin_scope
from mieux.errors import ApplicationError
from mieux.models import User
from mieux.services import user_create
from partners import demo_data as partner_data
from partners.demo import ORIGIN, InstitutionKey, SeedSummary, institution_key, refuse_in_production
from partners.models import Institution

from . import demo_data, reference_data
from .choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    DecisionOutcome,
    PartnerRole,
    RequestChannel,
    RequesterRole,
    RequestStatus,
)
from .demo_data import AS_OF, ActionSeed, Event
from .models import (
    Action,
    Activity,
    GlobalCompactObjective,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from .services import (
    action_create,
    action_transition,
    action_update,
    activity_create,
    activity_update,
    meeting_create,
    request_create,
    request_transition,
    steering_committee_decide,
)

RANDOM_SEED = 2009
DAY = datetime.timedelta(days=1)

A = ActionStatus
# The forward path of an Action, and who takes each step (closing is the manager's).
FORWARD = (A.FORMULATION, A.PLAN_AGREED, A.IMPLEMENTATION, A.FOLLOW_UP, A.CLOSED)
MANAGER_STEPS = frozenset({A.CLOSED, A.SUSPENDED, A.CANCELLED})
HELD = frozenset({ActivityStatus.HELD, ActivityStatus.REPORTED, ActivityStatus.CLOSED})

# Institution types (partners.choices.InstitutionType values, as in partners.demo_data).
NOT_PARTNERS = frozenset({partner_data.MS_ADMIN, partner_data.INTERNATIONAL})
# Who led drawn Actions: national authorities and regional organisations from the start; from MIEUX III
# also local authorities, parliaments, the judiciary, prosecutors, ombudspersons (DOMAIN.md).
LEAD_WEIGHTS_EARLY = {partner_data.NATIONAL: 12, partner_data.REGIONAL: 1}
LEAD_WEIGHTS_LATER = {
    partner_data.NATIONAL: 12,
    partner_data.LOCAL: 2,
    partner_data.PARLIAMENT: 2,
    partner_data.JUDICIARY: 1,
    partner_data.PROSECUTION: 1,
    partner_data.OMBUDSPERSON: 1,
    partner_data.REGIONAL: 1,
    partner_data.CDI: 1,
}
ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _roman(number: int) -> str:
    return ROMAN[number] if number < len(ROMAN) else str(number)


def _month(text: str) -> datetime.date:
    year, month = text.split("-")
    return datetime.date(int(year), int(month), 1)


def _add_months(day: datetime.date, months: float) -> datetime.date:
    return day + datetime.timedelta(days=round(months * 30.44))


def _phase_of(day: datetime.date) -> str:
    for phase in reference_data.PHASES:
        if phase.starts_on <= day <= phase.ends_on:
            return phase.code
    return reference_data.PHASES[-1].code


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --- The plan -----------------------------------------------------------------------------------------


@dataclass
class PlannedMeeting:
    held_on: datetime.date
    location: str
    members_present: list[str]
    notes: str = ""


@dataclass(frozen=True)
class Step:
    """A transition of a request or an Action: to which status, made by which account, and why."""

    to: str
    actor: str
    comment: str = ""


@dataclass(frozen=True)
class PlannedDecision:
    meeting: datetime.date
    outcome: str
    conditions: str = ""
    reason: str = ""


@dataclass
class PlannedActivity:
    sequence: int
    type: str
    title: str
    planned_start: datetime.date
    planned_end: datetime.date
    status: str
    held_on: datetime.date | None


@dataclass
class Timeline:
    """An Action's milestones: identification mission (its launch), plan agreed, first implementation
    activity, last activity, closure."""

    approved: datetime.date
    mission: datetime.date
    plan_agreed: datetime.date
    start: datetime.date
    end: datetime.date
    close: datetime.date
    months: int

    def stage_at(self, day: datetime.date) -> str:
        if day < self.approved + 10 * DAY:
            return A.APPROVED
        if day < self.plan_agreed:
            return A.FORMULATION
        if day < self.start:
            return A.PLAN_AGREED
        if day < self.end:
            return A.IMPLEMENTATION
        if day < self.close:
            return A.FOLLOW_UP
        return A.CLOSED

    def shift_from(self, day: datetime.date, delta: datetime.timedelta) -> None:
        """Move every milestone from `day` on by `delta` (a suspension, or a forced stage)."""
        for name in ("mission", "plan_agreed", "start", "end", "close"):
            value = getattr(self, name)
            if value >= day:
                setattr(self, name, value + delta)


@dataclass
class PlannedAction:
    key: str
    phase: str
    type: str
    lead: InstitutionKey
    partners: list[tuple[InstitutionKey, str]]
    area: str
    approved_on: datetime.date
    predecessor: str = ""
    direct: bool = False
    seed: ActionSeed | None = None
    # Filled in by the builder:
    countries: list[str] = field(default_factory=list)
    code: str = ""
    short_name: str = ""
    title_en: str = ""
    title_fr: str = ""
    title_es: str = ""
    summary: str = ""
    objectives: str = ""
    gcm: list[int] = field(default_factory=list)
    budget: int = 0
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    actual_start: datetime.date | None = None
    actual_end: datetime.date | None = None
    officer: str = ""
    member_states: list[str] = field(default_factory=list)
    published: bool = False
    status: str = A.APPROVED
    steps: list[Step] = field(default_factory=list)
    activities: list[PlannedActivity] = field(default_factory=list)

    @property
    def requesters(self) -> list[tuple[InstitutionKey, str]]:
        return [
            (key, RequesterRole.LEAD if role == PartnerRole.LEAD_BENEFICIARY else RequesterRole.CO_REQUESTER)
            for key, role in self.partners
        ]


@dataclass
class PlannedRequest:
    received_on: datetime.date
    requesters: list[tuple[InstitutionKey, str]]
    title: str
    channel: str
    countries: list[str]
    area: str
    proposed_type: str
    needs: str
    expected_results: str
    target_groups: str
    languages: list[str]
    officer: str
    history: list[Step | PlannedDecision]
    action: PlannedAction | None = None
    reference: str = ""


@dataclass
class Plan:
    meetings: list[PlannedMeeting]
    requests: list[PlannedRequest]
    actions: list[PlannedAction]
    # Requests and directly created Actions, in the order the seeder writes them.
    items: list[PlannedRequest | PlannedAction]


class _PlanBuilder:
    """Draws the demo programme. Every random choice goes through `self.rng`, always in the same order."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seeds = {institution_key(s.country, s.acronym, s.name_en): s for s in partner_data.INSTITUTIONS}
        self.partner_countries = list(
            dict.fromkeys(s.country for s in partner_data.INSTITUTIONS if s.type not in NOT_PARTNERS)
        )
        self.meeting_dates: list[datetime.date] = []

    def build(self) -> Plan:
        meetings = self._meetings()
        self.meeting_dates = [meeting.held_on for meeting in meetings]
        actions = self._featured_actions()
        actions += self._drawn_actions(actions)
        actions.sort(key=lambda action: (action.approved_on, action.key))
        by_key = {action.key: action for action in actions}
        for action in actions:
            self._complete(action, by_key)
        requests = [self._request_for(action) for action in actions if not action.direct]
        requests += self._other_requests()
        items = self._numbered(requests, [action for action in actions if action.direct])
        self._meeting_notes(meetings, requests)
        return Plan(meetings=meetings, requests=requests, actions=actions, items=items)

    # Steering Committee --------------------------------------------------------------------------------

    def _meetings(self) -> list[PlannedMeeting]:
        meetings = []
        online_from, online_to = demo_data.ONLINE_MEETINGS
        for year, months in demo_data.MEETING_MONTHS.items():
            for month in months:
                held_on = datetime.date(year, month, self.rng.randint(8, 24))
                while held_on.weekday() > 3:  # Committees meet Monday to Thursday
                    held_on += DAY
                if online_from <= held_on <= online_to:
                    location = "Videoconference"
                elif year >= 2022:
                    location = self.rng.choice(("Brussels", "Brussels and online"))
                else:
                    location = "Brussels" if self.rng.random() < 0.85 else "Vienna (ICMPD)"
                members = [
                    f"{seat.organisation} – {seat.name}"
                    for seat in demo_data.COMMITTEE
                    if seat.first_year <= year <= seat.last_year
                    and (seat.organisation in demo_data.ALWAYS_PRESENT or self.rng.random() >= 0.1)
                ]
                meetings.append(PlannedMeeting(held_on=held_on, location=location, members_present=members))
        return meetings

    def _meeting_from(self, day: datetime.date) -> datetime.date:
        """The first meeting on or after `day`."""
        return next(held_on for held_on in self.meeting_dates if held_on >= day)

    def _meeting_notes(self, meetings: list[PlannedMeeting], requests: list[PlannedRequest]) -> None:
        outcomes: dict[datetime.date, Counter[str]] = {meeting.held_on: Counter() for meeting in meetings}
        for request in requests:
            for event in request.history:
                if isinstance(event, PlannedDecision):
                    outcome = "approved" if event.outcome.startswith("approved") else event.outcome
                    outcomes[event.meeting][outcome] += 1
        for meeting in meetings:
            counts = outcomes[meeting.held_on]
            if counts:
                decided = ", ".join(
                    f"{counts[o]} {o}" for o in ("approved", "rejected", "deferred") if counts[o]
                )
                total = sum(counts.values())
                meeting.notes = f"{total} request{'s' if total > 1 else ''} decided: {decided}."

    # Which Actions -------------------------------------------------------------------------------------

    def _featured_actions(self) -> list[PlannedAction]:
        actions = []
        for seed in demo_data.FEATURED_ACTIONS:
            approved_on = self._meeting_from(_month(seed.approved))
            lead = self._key(seed.lead)
            partners = [(lead, PartnerRole.LEAD_BENEFICIARY)]
            partners += [(self._key(ref), PartnerRole.CO_BENEFICIARY) for ref in seed.co_beneficiaries]
            if seed.capacity_institution:
                partners.append(
                    (self._key(seed.capacity_institution), PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION)
                )
            actions.append(
                PlannedAction(
                    key=seed.key,
                    phase=_phase_of(approved_on),
                    type=seed.type,
                    lead=lead,
                    partners=partners,
                    area=seed.area,
                    approved_on=approved_on,
                    predecessor=seed.predecessor,
                    direct=seed.direct,
                    seed=seed,
                )
            )
        return actions

    def _key(self, ref: tuple[str, str]) -> InstitutionKey:
        key = institution_key(ref[0], ref[1], "")
        if key not in self.seeds:
            raise CommandError(f"actions/demo_data.py names an unknown institution {ref}.")
        return key

    def _drawn_actions(self, featured: list[PlannedAction]) -> list[PlannedAction]:
        """The other Actions: one in each partner country without a featured Action, the rest
        following up drawn ones. Each phase gets its share (demo_data.ACTIONS_PER_PHASE), spread
        over the phase's meetings."""
        featured_countries = {key[0] for action in featured for key, _role in action.partners}
        uncovered = [country for country in self.partner_countries if country not in featured_countries]
        self.rng.shuffle(uncovered)
        load = Counter(action.approved_on for action in featured)
        slots: list[tuple[str, datetime.date]] = []
        for phase in reference_data.PHASES:
            dates = [day for day in self.meeting_dates if phase.starts_on <= day <= phase.ends_on]
            wanted = demo_data.ACTIONS_PER_PHASE[phase.code] - sum(a.phase == phase.code for a in featured)
            if wanted < 0:
                raise CommandError(f"actions/demo_data.py features too many Actions in {phase.code}.")
            for _ in range(wanted):
                held_on = min(dates, key=lambda day: (load[day], day))
                load[held_on] += 1
                slots.append((phase.code, held_on))
        slots.sort(key=lambda slot: slot[1])
        repeats = len(slots) - len(uncovered)
        if repeats < 0:
            raise CommandError("Too few Actions to give every partner country one.")
        candidates = [index for index, (_phase, day) in enumerate(slots) if day.year >= 2013]
        repeat_slots = set(self.rng.sample(candidates, repeats))
        drawn: list[PlannedAction] = []
        countries = iter(uncovered)
        for index, (phase, held_on) in enumerate(slots):
            key = f"drawn-{index + 1:03d}"
            if index in repeat_slots:
                action = self._follow_up(key, phase, held_on, drawn)
            else:
                action = self._first_in_country(key, phase, held_on, next(countries))
            drawn.append(action)
        # The earliest MIEUX I Actions predate request records: a manager adds them directly.
        direct = sum(a.direct for a in featured)
        for action in drawn:
            if direct >= demo_data.DIRECT_MIEUX_I_ACTIONS:
                break
            if action.phase == "MIEUX_I":
                action.direct = True
                direct += 1
        return drawn

    def _institutions_in(self, country: str, weights: dict[str, int]) -> list[InstitutionKey]:
        return [key for key, seed in self.seeds.items() if seed.country == country and seed.type in weights]

    def _draw_lead(self, country: str, phase: str) -> InstitutionKey:
        weights = LEAD_WEIGHTS_EARLY if phase in ("MIEUX_I", "MIEUX_II") else LEAD_WEIGHTS_LATER
        keys = self._institutions_in(country, weights) or self._institutions_in(country, LEAD_WEIGHTS_LATER)
        return self.rng.choices(keys, weights=[weights.get(self.seeds[key].type, 1) for key in keys])[0]

    def _first_in_country(self, key: str, phase: str, held_on: datetime.date, country: str) -> PlannedAction:
        lead = self._draw_lead(country, phase)
        partners = [(lead, PartnerRole.LEAD_BENEFICIARY)]
        if phase in ("MIEUX_III", "MIEUX_PLUS") and self.rng.random() < 0.25:
            # From MIEUX III, institutions request jointly, civil society only with a government body.
            government_lead = self.seeds[lead].type not in (partner_data.REGIONAL, partner_data.CIVIL_SOCIETY)
            others = [
                other
                for other, seed in self.seeds.items()
                if seed.country == country
                and other != lead
                and seed.type not in NOT_PARTNERS
                and (government_lead or seed.type != partner_data.CIVIL_SOCIETY)
            ]
            if others:
                partners.append((self.rng.choice(others), PartnerRole.CO_BENEFICIARY))
        return PlannedAction(
            key=key,
            phase=phase,
            type=ActionType.CLASSIC,
            lead=lead,
            partners=partners,
            area=self._draw_area(lead, phase, held_on),
            approved_on=held_on,
        )

    def _follow_up(
        self, key: str, phase: str, held_on: datetime.date, drawn: list[PlannedAction]
    ) -> PlannedAction:
        """A second (or third) Action in a country that had a drawn one at least 18 months before."""
        earlier = [a for a in drawn if a.approved_on <= held_on - 540 * DAY]
        per_country = Counter(a.lead[0] for a in drawn)
        previous = self.rng.choice([a for a in earlier if per_country[a.lead[0]] < 3] or earlier)
        if self.rng.random() < 0.7:
            lead = previous.lead
            same_lead = [a for a in earlier if a.lead == lead]
            predecessor = max(same_lead, key=lambda a: a.approved_on).key
        else:
            lead = self._draw_lead(previous.lead[0], phase)
            predecessor = previous.key if lead == previous.lead else ""
        return PlannedAction(
            key=key,
            phase=phase,
            type=ActionType.CLASSIC,
            lead=lead,
            partners=[(lead, PartnerRole.LEAD_BENEFICIARY)],
            area=self._draw_area(lead, phase, held_on),
            approved_on=held_on,
            predecessor=predecessor,
        )

    def _draw_area(self, lead: InstitutionKey, phase: str, day: datetime.date) -> str:
        seed = self.seeds[lead]
        if phase == "MIEUX_I":
            weights = demo_data.AREA_WEIGHTS_MIEUX_I
            return self.rng.choices(list(weights), weights=list(weights.values()))[0]
        preferred: tuple[str, ...] = ()
        for words, areas in demo_data.INSTITUTION_FOCUS:
            if any(word in seed.name_en for word in words):
                preferred = areas
                break
        if not preferred:
            preferred = {
                partner_data.LOCAL: demo_data.LOCAL_AUTHORITY_AREAS,
                partner_data.REGIONAL: demo_data.REGIONAL_ORGANISATION_AREAS,
                partner_data.CDI: demo_data.CAPACITY_INSTITUTION_AREAS,
            }.get(seed.type, ())
        if preferred and self.rng.random() < 0.8:
            return self.rng.choice(preferred)
        weights = dict(demo_data.AREA_WEIGHTS)
        if day.year < 2020:
            weights.pop("HO-HEALTH")  # health came onto the agenda with the pandemic
        if day.year < 2016:
            weights.pop("HO-CLIM")
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    # Each Action in full ---------------------------------------------------------------------------------

    def _complete(self, action: PlannedAction, by_key: dict[str, PlannedAction]) -> None:
        seed = action.seed
        action.countries = list(dict.fromkeys(key[0] for key, _role in action.partners))
        staff = [
            s for s in demo_data.STAFF_ACCOUNTS if s.first_year <= action.approved_on.year <= s.last_year
        ]
        action.officer = self.rng.choice(staff).email
        timeline = self._timeline(action, seed)
        event = seed.event if seed else None
        lived = self._status_and_steps(action, timeline, event)
        self._plan_activities(action, timeline, event)
        self._texts(action)
        action.gcm = self._objectives(action.area)
        action.budget = self._budget(action)
        # Plans were a little optimistic: the planned duration is up to three months shorter.
        planned_months = max(6, timeline.months - self.rng.randint(0, 3))
        action.planned_start = action.approved_on + self.rng.randint(40, 75) * DAY
        action.planned_end = _add_months(action.planned_start, planned_months)
        held = [activity.held_on for activity in action.activities if activity.held_on]
        action.actual_start = min(held) if held else None
        if action.status == A.CLOSED:
            action.actual_end = lived.close
        elif action.status == A.CANCELLED:
            action.actual_end = event.on
        reached = {A.IMPLEMENTATION, A.FOLLOW_UP, A.CLOSED} & {step.to for step in action.steps}
        if seed and seed.published is not None:
            action.published = seed.published
        else:
            action.published = bool(reached) and self.rng.random() < 0.92
        if action.predecessor and action.predecessor not in by_key:
            raise CommandError(f"{action.key}: unknown predecessor {action.predecessor!r}.")

    def _timeline(self, action: PlannedAction, seed: ActionSeed | None) -> Timeline:
        rng = self.rng
        if action.type == ActionType.HOLISTIC:
            low, high = demo_data.HOLISTIC_MONTHS
        elif action.type == ActionType.REGIONAL:
            low, high = demo_data.REGIONAL_MONTHS
        else:
            low, high = demo_data.CLASSIC_MONTHS[action.phase]
        months = seed.months if seed and seed.months else rng.randint(low, high)
        # DOMAIN: launch within three months of approval; about one Action in five launches late.
        delay = rng.randint(21, 88) if rng.random() < 0.8 else rng.randint(95, 230)
        approved = action.approved_on
        mission = approved + delay * DAY
        plan_agreed = mission + rng.randint(14, 45) * DAY
        start = plan_agreed + rng.randint(10, 40) * DAY
        end = max(_add_months(mission, months), start + 60 * DAY)
        close = end + rng.randint(75, 180) * DAY
        timeline = Timeline(approved, mission, plan_agreed, start, end, close, months)
        if seed and seed.stage:
            self._force_stage(timeline, seed.stage, action.key)
        return timeline

    def _force_stage(self, t: Timeline, stage: str, key: str) -> None:
        """Move the milestones after AS_OF so that a featured live Action stands at `stage`."""
        rng = self.rng
        if stage == A.FORMULATION and t.plan_agreed <= AS_OF:
            t.shift_from(t.plan_agreed, (AS_OF + rng.randint(20, 60) * DAY) - t.plan_agreed)
        elif stage == A.PLAN_AGREED:
            if t.plan_agreed > AS_OF - 5 * DAY:
                t.mission = t.approved + rng.randint(25, 50) * DAY
                t.plan_agreed = t.mission + rng.randint(14, 30) * DAY
            if t.start <= AS_OF:
                t.shift_from(t.start, (AS_OF + rng.randint(15, 60) * DAY) - t.start)
        elif stage == A.IMPLEMENTATION and t.end <= AS_OF:
            t.shift_from(t.end, (AS_OF + rng.randint(60, 240) * DAY) - t.end)
        elif stage == A.FOLLOW_UP:
            if t.end > AS_OF:
                t.end = AS_OF - rng.randint(20, 60) * DAY
            if t.close <= AS_OF:
                t.close = AS_OF + rng.randint(30, 120) * DAY
        if stage != A.APPROVED and t.stage_at(AS_OF) != stage:
            raise CommandError(f"{key}: its dates cannot put it at {stage!r} on {AS_OF}.")

    def _status_and_steps(self, action: PlannedAction, t: Timeline, event: Event | None) -> Timeline:
        """The Action's status on AS_OF and the transitions that lead there. Returns its timeline as
        lived (a suspension pushes back what follows it)."""
        seed = action.seed
        manager = demo_data.MANAGER_EMAIL

        def forward(to_stage: str) -> list[Step]:
            if to_stage not in FORWARD:
                return []
            return [
                Step(
                    stage,
                    manager if stage in MANAGER_STEPS else action.officer,
                    demo_data.CLOSING_COMMENT if stage == A.CLOSED else "",
                )
                for stage in FORWARD[: FORWARD.index(to_stage) + 1]
            ]

        if seed and seed.stage == A.APPROVED:
            action.status, action.steps = A.APPROVED, []
            return t
        if event is None:
            action.status = t.stage_at(AS_OF)
            action.steps = forward(action.status)
            return t
        stopped_at = t.stage_at(event.on)
        steps = forward(stopped_at)
        if event.kind == "cancelled":
            action.status = A.CANCELLED
            steps.append(Step(A.CANCELLED, manager, event.reason))
        elif event.resumed_on is None:
            action.status = A.SUSPENDED
            steps.append(Step(A.SUSPENDED, manager, event.reason))
        else:
            t = dataclasses.replace(t)
            t.shift_from(event.on, event.resumed_on - event.on)
            action.status = t.stage_at(AS_OF)
            steps.append(Step(A.SUSPENDED, manager, event.reason))
            steps.append(Step(stopped_at, manager, "Activities resume."))
            remaining = forward(action.status)
            steps += remaining[FORWARD.index(stopped_at) + 1 :]
        action.steps = steps
        return t

    def _plan_activities(self, action: PlannedAction, t: Timeline, event: Event | None) -> None:
        rng = self.rng
        if action.status == A.APPROVED:
            return
        if action.type == ActionType.HOLISTIC:
            pool, count = demo_data.ACTIVITY_POOLS[ActionType.HOLISTIC], rng.randint(7, 8)
        elif action.type == ActionType.REGIONAL:
            pool, count = demo_data.ACTIVITY_POOLS[ActionType.REGIONAL], rng.randint(6, 7)
        else:
            pool = demo_data.ACTIVITY_POOLS.get(action.phase, demo_data.ACTIVITY_POOLS["early"])
            count = rng.choice((5, 6, 6, 7, 7, 7, 8))
        middle = min(count - 2, len(pool))
        chosen = sorted(rng.sample(range(len(pool)), middle))
        between = [pool[i] for i in chosen]
        closing = ActivityType.CLOSING_EVENT if rng.random() < 0.75 else ActivityType.ROUND_TABLE
        if closing in between:
            closing = ActivityType.CLOSING_EVENT
        types = [ActivityType.IDENTIFICATION_MISSION, *between, closing]
        # The mission opens the Action; the others are spread from the first implementation activity to
        # the last, a suspension pushing back those after it.
        span = (t.end - t.start).days
        dates = [t.mission]
        for index in range(1, len(types)):
            day = t.start + round(span * (index - 1) / max(1, len(types) - 2)) * DAY
            if index < len(types) - 1:
                day += rng.randint(-7, 7) * DAY
            dates.append(max(day, dates[-1] + 3 * DAY))
        if event and event.resumed_on:
            dates = [day if day < event.on else day + (event.resumed_on - event.on) for day in dates]
        cutoff = event.on if event and event.resumed_on is None else AS_OF
        area = demo_data.AREA_TEXTS[action.area]
        # The experts' home Member States; a study visit goes to the first.
        action.member_states = rng.sample(demo_data.MEMBER_STATES, rng.randint(1, 3))
        member_state = action.member_states[0]
        titles_seen: Counter[str] = Counter()
        for sequence, (kind, day) in enumerate(zip(types, dates, strict=True), start=1):
            status = self._activity_status(action, day, cutoff, event, first=sequence == 1)
            title = demo_data.ACTIVITY_TITLES[kind].format(
                topic=area.topic, deliverable=area.deliverable, member_state=member_state
            )
            titles_seen[title] += 1
            if titles_seen[title] > 1:
                title = f"{title} ({_roman(titles_seen[title])})"
            slipped = rng.randint(10, 45) if status in HELD and rng.random() < 0.15 else 0
            planned_start = day - slipped * DAY
            action.activities.append(
                PlannedActivity(
                    sequence=sequence,
                    type=kind,
                    title=title[:255],
                    planned_start=planned_start,
                    planned_end=planned_start + demo_data.ACTIVITY_DAYS.get(kind, 2) * DAY,
                    status=status,
                    held_on=day if status in HELD else None,
                )
            )

    def _activity_status(
        self,
        action: PlannedAction,
        day: datetime.date,
        cutoff: datetime.date,
        event: Event | None,
        *,
        first: bool,
    ) -> str:
        S = ActivityStatus
        if day <= cutoff:
            if action.status == A.CLOSED:
                return S.CANCELLED if not first and self.rng.random() < 0.05 else S.CLOSED
            if action.status == A.FOLLOW_UP:
                return S.CLOSED if day < AS_OF - 150 * DAY else S.REPORTED
            return S.REPORTED if day < cutoff - 45 * DAY else S.HELD
        if event and event.kind == "cancelled":
            return S.CANCELLED
        if event and event.resumed_on is None:
            return S.POSTPONED
        if day <= AS_OF + 60 * DAY:
            return S.CONFIRMED
        if action.status == A.IMPLEMENTATION and self.rng.random() < 0.1:
            return S.POSTPONED
        return S.PLANNED

    def _texts(self, action: PlannedAction) -> None:
        rng = self.rng
        seed = action.seed
        lead = self.seeds[action.lead]
        language = partner_data.COUNTRY_PROFILES[lead.country].language
        area = demo_data.AREA_TEXTS[action.area]
        if seed and seed.title:
            english, local = seed.title
            title = {
                "en": english,
                "fr": local if language == "fr" else "",
                "es": local if language == "es" else "",
            }
        else:
            en, fr, es = rng.choice(area.titles)
            if action.type == ActionType.HOLISTIC:
                suffix_en, suffix_fr, suffix_es = demo_data.HOLISTIC_TITLE_SUFFIX
                en, fr, es = en + suffix_en, fr + suffix_fr, es + suffix_es
            title = {"en": en, "fr": fr if language == "fr" else "", "es": es if language == "es" else ""}
        action.title_en, action.title_fr, action.title_es = title["en"], title["fr"], title["es"]
        country = country_names.name(lead.country)
        who = f"{lead.acronym} ({lead.name_en}, {country})" if lead.acronym else f"{lead.name_en} ({country})"
        experts = _joined(action.member_states or rng.sample(demo_data.MEMBER_STATES, 2))
        peer = ""
        if action.approved_on.year >= 2012 and rng.random() < 0.3:
            # Since 2012 partner-country officials are deployed as peers too (DOMAIN.md).
            country_of_peer = rng.choice([c for c in self.partner_countries if c not in action.countries])
            peer = (
                f" A peer expert from {country_names.name(country_of_peer)} brings the experience of "
                "another partner administration."
            )
        last = action.activities[-1].type if action.activities else ActivityType.CLOSING_EVENT
        ending = (
            "a closing event that presents the results"
            if last == ActivityType.CLOSING_EVENT
            else "a round table with national stakeholders"
        )
        summary = (
            f"Requested by {who}, the Action builds capacity on {area.topic}. Peer experts from {experts} "
            f"work with national officials through {len(action.activities) or 'a series of'} activities, "
            f"from an identification mission to {ending}; the main output is {area.deliverable}.{peer}"
        )
        for key, role in action.partners:
            if role == PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION:
                summary += (
                    f" The {self.seeds[key].name_en} takes part as capacity development institution: "
                    "officials who follow the whole Action are certified as trainers, and the curriculum "
                    "joins its training catalogue."
                )
        if action.type == ActionType.REGIONAL:
            names = [country_names.name(code) for code in action.countries]
            summary += f" Partners from {_joined(names)} learn from each other and agree common approaches."
        action.summary = summary
        action.objectives = area.objective

    def _objectives(self, area_code: str) -> list[int]:
        related = demo_data.AREA_TEXTS[area_code].gcm
        chosen = [related[0], *self.rng.sample(related[1:], self.rng.randint(0, min(2, len(related) - 1)))]
        if self.rng.random() < 0.25:
            chosen.append(23)
        return sorted(set(chosen))[:4]

    def _budget(self, action: PlannedAction) -> int:
        if action.type == ActionType.HOLISTIC:
            low, high = demo_data.HOLISTIC_BUDGET
        elif action.type == ActionType.REGIONAL:
            low, high = demo_data.REGIONAL_BUDGET
        else:
            low, high = demo_data.CLASSIC_BUDGETS[action.phase]
        return round(self.rng.randint(low, high), -3)

    # Requests --------------------------------------------------------------------------------------------

    def _officer_in(self, year: int) -> str:
        staff = [s for s in demo_data.STAFF_ACCOUNTS if s.first_year <= year <= s.last_year]
        return self.rng.choice(staff).email

    def _received_before(self, meeting: datetime.date) -> datetime.date:
        received = meeting - self.rng.randint(40, 200) * DAY
        earliest = demo_data.FIRST_REQUEST_ON + DAY
        if received < earliest:
            received = earliest + self.rng.randint(0, max(0, (meeting - earliest).days - 21)) * DAY
        return received

    def _request(
        self,
        requesters: list[tuple[InstitutionKey, str]],
        area: str,
        received_on: datetime.date,
        history: list[Step | PlannedDecision],
        officer: str,
        *,
        title: str = "",
        proposed_type: str = ActionType.CLASSIC,
    ) -> PlannedRequest:
        text = demo_data.AREA_TEXTS[area]
        countries = list(dict.fromkeys(key[0] for key, _role in requesters))
        languages = [partner_data.COUNTRY_PROFILES[country].language for country in countries]
        names = [self.seeds[key].name_en for key, _role in requesters]
        return PlannedRequest(
            received_on=received_on,
            requesters=requesters,
            title=(title or self.rng.choice(text.titles)[0])[:255],
            channel=RequestChannel.EU_DELEGATION if self.rng.random() < 0.35 else RequestChannel.DIRECT,
            countries=countries,
            area=area,
            proposed_type=proposed_type,
            needs=text.needs,
            expected_results=text.objective,
            target_groups=f"Officials of the {_joined(names)}.",
            languages=list(dict.fromkeys([*languages, "en"])),
            officer=officer,
            history=history,
        )

    def _screening(self, officer: str, *, clarification: float = 0.15) -> list[Step | PlannedDecision]:
        steps: list[Step | PlannedDecision] = [Step(RequestStatus.SCREENING, officer)]
        if self.rng.random() < clarification:
            question = self.rng.choice(demo_data.CLARIFICATION_QUESTIONS)
            steps += [
                Step(RequestStatus.CLARIFICATION_REQUESTED, officer, question),
                Step(RequestStatus.SCREENING, officer),
            ]
        return steps

    def _request_for(self, action: PlannedAction) -> PlannedRequest:
        index = self.meeting_dates.index(action.approved_on)
        deferred = index > 0 and self.rng.random() < 0.1
        first_meeting = self.meeting_dates[index - 1] if deferred else action.approved_on
        received = self._received_before(first_meeting)
        officer = self._officer_in(received.year)
        history = self._screening(officer)
        history.append(Step(RequestStatus.SUBMITTED, officer))
        if deferred:
            history.append(
                PlannedDecision(
                    first_meeting,
                    DecisionOutcome.DEFERRED,
                    reason=self.rng.choice(demo_data.DEFERRAL_REASONS),
                )
            )
            history.append(Step(RequestStatus.SUBMITTED, officer))
        if self.rng.random() < 0.2:
            conditions = self.rng.choice(demo_data.APPROVAL_CONDITIONS)
            history.append(
                PlannedDecision(action.approved_on, DecisionOutcome.APPROVED_WITH_CONDITIONS, conditions)
            )
        else:
            history.append(PlannedDecision(action.approved_on, DecisionOutcome.APPROVED))
        request = self._request(
            action.requesters,
            action.area,
            received,
            history,
            officer,
            title=action.title_en,
            proposed_type=action.type,
        )
        request.action = action
        return request

    def _eligible_lead(self, day: datetime.date) -> InstitutionKey:
        weights = LEAD_WEIGHTS_EARLY if day.year < 2016 else LEAD_WEIGHTS_LATER
        keys = [key for key, seed in self.seeds.items() if seed.type in weights]
        return self.rng.choices(keys, weights=[weights[self.seeds[key].type] for key in keys])[0]

    def _other_requests(self) -> list[PlannedRequest]:
        """Requests that did not become Actions: featured ones, then rejected, withdrawn, deferred and
        still-open ones drawn at random."""
        requests = [self._featured_request(seed) for seed in demo_data.FEATURED_REQUESTS]
        featured = Counter(seed.outcome for seed in demo_data.FEATURED_REQUESTS)
        decided_meetings = [day for day in self.meeting_dates if day.year < 2024]
        for _ in range(demo_data.REJECTED_REQUESTS - featured["rejected"]):
            meeting = self.rng.choice(decided_meetings[1:])
            lead = self._eligible_lead(meeting)
            if _phase_of(meeting) == "MIEUX_I" and self.rng.random() < 0.4:
                area = self.rng.choice([code for code in demo_data.AREA_TEXTS if not code.startswith("IMT")])
                reason = demo_data.OUT_OF_SCOPE_MIEUX_I
            else:
                area = self._draw_area(lead, _phase_of(meeting), meeting)
                reason = self.rng.choice(demo_data.REJECTION_REASONS)
            received = self._received_before(meeting)
            officer = self._officer_in(received.year)
            history = [*self._screening(officer), Step(RequestStatus.SUBMITTED, officer)]
            history.append(PlannedDecision(meeting, DecisionOutcome.REJECTED, reason=reason))
            requests.append(self._request([(lead, RequesterRole.LEAD)], area, received, history, officer))
        for _ in range(demo_data.WITHDRAWN_REQUESTS - featured["withdrawn"]):
            received = datetime.date(2010, 1, 1) + self.rng.randint(0, 14 * 365) * DAY
            lead = self._eligible_lead(received)
            officer = self._officer_in(received.year)
            history = self._screening(officer, clarification=0.4)
            history.append(
                Step(RequestStatus.WITHDRAWN, officer, self.rng.choice(demo_data.WITHDRAWAL_REASONS))
            )
            area = self._draw_area(lead, _phase_of(received), received)
            requests.append(self._request([(lead, RequesterRole.LEAD)], area, received, history, officer))
        for meeting in self.meeting_dates[-demo_data.DEFERRED_REQUESTS :]:
            lead = self._eligible_lead(meeting)
            received = self._received_before(meeting)
            officer = self._officer_in(received.year)
            history = [*self._screening(officer), Step(RequestStatus.SUBMITTED, officer)]
            history.append(
                PlannedDecision(
                    meeting, DecisionOutcome.DEFERRED, reason=self.rng.choice(demo_data.DEFERRAL_REASONS)
                )
            )
            area = self._draw_area(lead, _phase_of(meeting), meeting)
            requests.append(self._request([(lead, RequesterRole.LEAD)], area, received, history, officer))
        for status, count in demo_data.OPEN_REQUESTS.items():
            for _ in range(count - featured[status]):
                received = datetime.date(2024, 3, 15) + self.rng.randint(0, 100) * DAY
                lead = self._eligible_lead(received)
                officer = self._officer_in(received.year)
                area = self._draw_area(lead, "MIEUX_PLUS", received)
                history = self._open_history(status, officer)
                requests.append(self._request([(lead, RequesterRole.LEAD)], area, received, history, officer))
        return requests

    def _open_history(self, status: str, officer: str) -> list[Step | PlannedDecision]:
        S = RequestStatus
        return {
            S.RECEIVED: [],
            S.SCREENING: [Step(S.SCREENING, officer)],
            S.CLARIFICATION_REQUESTED: [
                Step(S.SCREENING, officer),
                Step(S.CLARIFICATION_REQUESTED, officer, self.rng.choice(demo_data.CLARIFICATION_QUESTIONS)),
            ],
            S.SUBMITTED: [Step(S.SCREENING, officer), Step(S.SUBMITTED, officer)],
        }[status]

    def _featured_request(self, seed: demo_data.RequestSeed) -> PlannedRequest:
        requesters = [
            (self._key(ref), RequesterRole.LEAD if index == 0 else RequesterRole.CO_REQUESTER)
            for index, ref in enumerate(seed.requesters)
        ]
        month = _month(seed.month)
        if seed.outcome == RequestStatus.REJECTED:
            meeting = self._meeting_from(month)
            received = (
                demo_data.FIRST_REQUEST_ON
                if meeting == self.meeting_dates[0]
                else self._received_before(meeting)
            )
            officer = self._officer_in(received.year)
            history = [Step(RequestStatus.SCREENING, officer), Step(RequestStatus.SUBMITTED, officer)]
            history.append(PlannedDecision(meeting, DecisionOutcome.REJECTED, reason=seed.reason))
        elif seed.outcome == RequestStatus.WITHDRAWN:
            received = month - self.rng.randint(30, 90) * DAY
            officer = self._officer_in(received.year)
            actor = demo_data.FOCAL_POINT_B_EMAIL if seed.withdrawn_by_focal_point else officer
            history = [
                Step(RequestStatus.SCREENING, officer),
                Step(RequestStatus.WITHDRAWN, actor, seed.reason),
            ]
        else:
            received = month + self.rng.randint(0, 20) * DAY
            officer = self._officer_in(received.year)
            history = self._open_history(seed.outcome, officer)
        return self._request(requesters, seed.area, received, history, officer)

    # Numbering ---------------------------------------------------------------------------------------------

    def _numbered(
        self, requests: list[PlannedRequest], direct: list[PlannedAction]
    ) -> list[PlannedRequest | PlannedAction]:
        """Order requests (by arrival) and direct Actions (by approval) as the seeder writes them, and
        number them as the services will: references per year, Action codes per country."""
        items: list[PlannedRequest | PlannedAction] = sorted(
            [*requests, *direct],
            key=lambda item: item.received_on if isinstance(item, PlannedRequest) else item.approved_on,
        )
        per_year: Counter[int] = Counter()
        per_country: Counter[str] = Counter()
        position: dict[str, int] = {}
        for index, item in enumerate(items):
            action = item if isinstance(item, PlannedAction) else item.action
            if isinstance(item, PlannedRequest):
                per_year[item.received_on.year] += 1
                item.reference = f"R-{item.received_on.year}-{per_year[item.received_on.year]:03d}"
            if action is None:
                continue
            # The service codes an Action by its lead institution's country.
            country = action.lead[0]
            per_country[country] += 1
            number = per_country[country]
            action.code = f"{country}-{action.approved_on.year}-{number:02d}"
            name = country_names.name(country) if len(action.countries) == 1 else "Regional"
            override = action.seed.short_name if action.seed else ""
            action.short_name = override or f"{name} {_roman(number)}"
            position[action.key] = index
            if action.predecessor and position.get(action.predecessor, index) >= index:
                raise CommandError(
                    f"{action.key} would be written before its predecessor {action.predecessor}."
                )
        return items


def check_demo_data() -> list[str]:
    """Problems in actions.demo_data, found before anything is written (empty when all is well)."""
    problems: list[str] = []
    areas = {seed.code for seed in reference_data.THEMATIC_AREAS if seed.parent}
    institutions = {(s.country, s.acronym) for s in partner_data.INSTITUTIONS}
    keys: set[str] = set()
    for seed in demo_data.FEATURED_ACTIONS:
        if seed.key in keys:
            problems.append(f"featured Action {seed.key} is listed twice")
        if seed.predecessor and seed.predecessor not in keys:
            problems.append(f"featured Action {seed.key}: predecessor {seed.predecessor} must come first")
        keys.add(seed.key)
        if seed.area not in areas:
            problems.append(f"featured Action {seed.key}: unknown specific area {seed.area}")
        refs = [seed.lead, *seed.co_beneficiaries] + (
            [seed.capacity_institution] if seed.capacity_institution else []
        )
        problems += [
            f"featured Action {seed.key}: unknown institution {ref}"
            for ref in refs
            if ref not in institutions
        ]
        if seed.type not in ActionType.values:
            problems.append(f"featured Action {seed.key}: unknown type {seed.type}")
        if (seed.type == ActionType.HOLISTIC) != bool(seed.capacity_institution):
            problems.append(
                f"featured Action {seed.key}: a holistic Action, and only it, names its institution"
            )
        if seed.stage and seed.stage not in ActionStatus.values:
            problems.append(f"featured Action {seed.key}: unknown stage {seed.stage}")
    for seed in demo_data.FEATURED_REQUESTS:
        problems += [
            f"featured request: unknown institution {ref}"
            for ref in seed.requesters
            if ref not in institutions
        ]
        if seed.area not in areas:
            problems.append(f"featured request: unknown specific area {seed.area}")
    if set(demo_data.AREA_TEXTS) != areas:
        problems.append("AREA_TEXTS must describe every specific area of actions.reference_data")
    for text in demo_data.AREA_TEXTS.values():
        if not set(text.gcm) <= set(range(1, 24)):
            problems.append(f"AREA_TEXTS {text.topic!r}: Global Compact objectives run from 1 to 23")
    if set(demo_data.ACTIVITY_TITLES) != set(ActivityType.values):
        problems.append("ACTIVITY_TITLES must name every activity type")
    if set(demo_data.ACTIONS_PER_PHASE) != {phase.code for phase in reference_data.PHASES}:
        problems.append("ACTIONS_PER_PHASE must give a number for every phase")
    return problems


def build_plan(rng: random.Random) -> Plan:
    problems = check_demo_data()
    if problems:
        raise CommandError("actions/demo_data.py is inconsistent:\n  " + "\n  ".join(problems))
    # English is active so that country names in short names and summaries are the English ones.
    with translation.override("en"):
        return _PlanBuilder(rng).build()


# --- Writing the plan -------------------------------------------------------------------------------------


class ActionSeeder:
    """Creates what the plan holds and the database lacks; counts what it created and found."""

    def __init__(self, password: str):
        self.password = password
        self.summary = SeedSummary()
        self.users: dict[str, User] = {}
        self.institutions: dict[InstitutionKey, Institution] = {}
        self.areas: dict[str, ThematicArea] = {}
        self.objectives: dict[int, GlobalCompactObjective] = {}
        self.meetings: dict[datetime.date, SteeringCommitteeMeeting] = {}
        self.actions: dict[str, Action] = {}  # by plan key

    def run(self, plan: Plan) -> None:
        self._accounts()
        self._reference_data()
        self._meetings(plan)
        references = set(SupportRequest.objects.values_list("reference", flat=True))
        existing = {action.code: action for action in Action.objects.all()}
        sequences = set(Activity.objects.values_list("action_id", "sequence"))
        for item in plan.items:
            if isinstance(item, PlannedRequest):
                if item.reference in references:
                    self.summary.tally("requests", False)
                    self.summary.tally("Committee decisions", False, self._decisions(item))
                    if item.action:
                        self._found(item.action, existing, sequences)
                    continue
                self._request(item)
            elif item.code in existing:
                self._found(item, existing, sequences)
            else:
                self._direct_action(item)

    # Accounts, code lists, meetings --------------------------------------------------------------------

    def _accounts(self) -> None:
        emails = [s.email for s in demo_data.STAFF_ACCOUNTS]
        emails += [demo_data.ADMIN_EMAIL, demo_data.MANAGER_EMAIL, demo_data.FOCAL_POINT_B_EMAIL]
        self.users = {user.email: user for user in User.objects.filter(email__in=emails)}
        missing = [email for email in emails[-3:] if email not in self.users]
        if missing:
            raise CommandError(f"Seed the partner demo data first: no account {', '.join(missing)}.")
        for staff in demo_data.STAFF_ACCOUNTS:
            created = staff.email not in self.users
            if created:
                self.users[staff.email] = user_create(
                    actor=self.users[demo_data.ADMIN_EMAIL],
                    email=staff.email,
                    role=demo_data.OFFICER_ROLE,
                    password=self.password,
                    full_name=staff.full_name,
                    language=staff.language,
                )
            if staff.create:
                self.summary.tally("staff accounts", created)
                self.summary.accounts.append((staff.email, demo_data.OFFICER_ROLE, created))

    def _reference_data(self) -> None:
        self.areas = {area.code: area for area in ThematicArea.objects.all()}
        self.objectives = {objective.number: objective for objective in GlobalCompactObjective.objects.all()}
        missing = [seed.code for seed in reference_data.THEMATIC_AREAS if seed.code not in self.areas]
        missing += [str(n) for n in range(1, 24) if n not in self.objectives]
        if missing:
            raise CommandError(f"Reference code lists are missing ({', '.join(missing)}): run migrate first.")
        self.institutions = {
            institution_key(row.country.code, row.acronym, row.name_en or ""): row
            for row in Institution.objects.all()
        }

    def _meetings(self, plan: Plan) -> None:
        existing = {meeting.held_on: meeting for meeting in SteeringCommitteeMeeting.objects.all()}
        manager = self.users[demo_data.MANAGER_EMAIL]
        for planned in plan.meetings:
            meeting = existing.get(planned.held_on)
            if meeting is None:
                meeting = meeting_create(
                    actor=manager,
                    held_on=planned.held_on,
                    location=planned.location,
                    members_present=planned.members_present,
                    notes=planned.notes,
                )
            self.summary.tally("Steering Committee meetings", planned.held_on not in existing)
            self.meetings[planned.held_on] = meeting

    def _institution(self, key: InstitutionKey) -> Institution:
        try:
            return self.institutions[key]
        except KeyError:
            raise CommandError(f"Seed the partner demo data first: no institution {key}.") from None

    # Requests --------------------------------------------------------------------------------------------

    @staticmethod
    def _decisions(planned: PlannedRequest) -> int:
        return sum(isinstance(event, PlannedDecision) for event in planned.history)

    def _request(self, planned: PlannedRequest) -> None:
        specific = self.areas[planned.area]
        request = request_create(
            actor=self.users[planned.officer],
            requesters=[(self._institution(key), role) for key, role in planned.requesters],
            received_on=planned.received_on,
            title=planned.title,
            channel=planned.channel,
            countries=planned.countries,
            thematic_area=specific.parent,
            specific_area=specific,
            proposed_action_type=planned.proposed_type,
            needs_statement=planned.needs,
            expected_results=planned.expected_results,
            target_groups=planned.target_groups,
            languages=planned.languages,
        )
        if request.reference != planned.reference:
            raise CommandError(
                f"The demo request {planned.reference} was registered as {request.reference}: the database "
                "holds requests the demo does not know. Seed an empty database."
            )
        self.summary.tally("requests", True)
        manager = self.users[demo_data.MANAGER_EMAIL]
        for event in planned.history:
            if isinstance(event, Step):
                request = request_transition(
                    request, actor=self.users[event.actor], to=event.to, comment=event.comment
                )
                continue
            approving = event.outcome in (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)
            steering_committee_decide(
                actor=manager,
                meeting=self.meetings[event.meeting],
                request=request,
                outcome=event.outcome,
                conditions=event.conditions,
                reason=event.reason,
                officer=self.users[planned.action.officer] if approving and planned.action else None,
            )
            self.summary.tally("Committee decisions", True)
        if planned.action:
            action = Action.objects.get(request=request)
            if action.code != planned.action.code:
                raise CommandError(
                    f"The demo Action {planned.action.code} was created as {action.code}: the database holds "
                    "Actions the demo does not know. Seed an empty database."
                )
            self._describe(action, planned.action)

    # Actions ---------------------------------------------------------------------------------------------

    def _found(self, planned: PlannedAction, existing: dict[str, Action], sequences: set) -> None:
        action = existing.get(planned.code)
        self.summary.tally("Actions", False)
        if action is None:
            self.summary.notes.append(f"Action {planned.code} is missing but its request exists: left alone")
            return
        self.actions[planned.key] = action
        found = sum((action.pk, activity.sequence) in sequences for activity in planned.activities)
        self.summary.tally("activities", False, found)

    def _fields(self, planned: PlannedAction) -> dict:
        fields = {
            "short_name": planned.short_name,
            "title_en": planned.title_en,
            "summary_en": planned.summary,
            "objectives_en": planned.objectives,
            "budget_eur": Decimal(planned.budget),
            "planned_start": planned.planned_start,
            "planned_end": planned.planned_end,
            "actual_start": planned.actual_start,
            "actual_end": planned.actual_end,
            "published": planned.published,
            "predecessor": self.actions.get(planned.predecessor) if planned.predecessor else None,
        }
        # A missing translation stays empty and falls back (see settings).
        fields.update(
            {
                name: value
                for name, value in (("title_fr", planned.title_fr), ("title_es", planned.title_es))
                if value
            }
        )
        return fields

    def _partners(self, planned: PlannedAction) -> list[tuple[Institution, str]]:
        return [(self._institution(key), role) for key, role in planned.partners]

    def _describe(self, action: Action, planned: PlannedAction) -> None:
        """Complete an Action born from an approval: the officer describes it, then runs it."""
        action = action_update(
            action,
            actor=self.users[planned.officer],
            expected_version=action.version,
            partners=self._partners(planned),
            gcm_objectives=[self.objectives[number] for number in planned.gcm],
            **self._fields(planned),
        )
        self._run(action, planned)

    def _direct_action(self, planned: PlannedAction) -> None:
        specific = self.areas[planned.area]
        action = action_create(
            actor=self.users[demo_data.MANAGER_EMAIL],
            partners=self._partners(planned),
            gcm_objectives=[self.objectives[number] for number in planned.gcm],
            code=planned.code,
            type=planned.type,
            thematic_area=specific.parent,
            specific_area=specific,
            countries=planned.countries,
            approved_on=planned.approved_on,
            officer=self.users[planned.officer],
            **self._fields(planned),
        )
        self._run(action, planned)

    def _run(self, action: Action, planned: PlannedAction) -> None:
        """Walk the Action through its state machine; its activities are planned once in formulation."""
        self.summary.tally("Actions", True)
        self.actions[planned.key] = action
        for step in planned.steps:
            action = action_transition(action, actor=self.users[step.actor], to=step.to, comment=step.comment)
            if step.to == A.FORMULATION:
                self._activities(action, planned)

    def _activities(self, action: Action, planned: PlannedAction) -> None:
        """Plan the activities. Those of a finished Action (closed or cancelled) are recorded as they
        ended; those of a running one are planned, then updated as they take place, as officers do."""
        officer = self.users[planned.officer]
        running = planned.status not in (A.CLOSED, A.CANCELLED)
        for activity_plan in planned.activities:
            outcome = {"status": activity_plan.status, "held_on": activity_plan.held_on}
            activity = activity_create(
                actor=officer,
                action=action,
                sequence=activity_plan.sequence,
                type=activity_plan.type,
                title=activity_plan.title,
                planned_start=activity_plan.planned_start,
                planned_end=activity_plan.planned_end,
                **({} if running else outcome),
            )
            if running and activity_plan.status != ActivityStatus.PLANNED:
                activity_update(activity, actor=officer, **outcome)
            self.summary.tally("activities", True)


def seed_actions(*, password: str = partner_data.DEMO_PASSWORD, stdout=None) -> SeedSummary:
    """Create what is missing of the demo programme (staff accounts get `password`), in one
    transaction, every write audited with the origin "command:seed_demo". Needs the partner demo data
    (partners.demo.seed_partners) and the reference code lists (migration 0002)."""
    refuse_in_production()
    plan = build_plan(random.Random(RANDOM_SEED))
    seeder = ActionSeeder(password)
    try:
        with translation.override("en"), origin_scope(ORIGIN), transaction.atomic():
            seeder.run(plan)
    except ApplicationError as error:
        raise CommandError(f"A service refused the Action demo data: {error.message}") from error
    summary = seeder.summary
    countries = Action.objects.values_list("partner_links__institution__country", flat=True).distinct()
    phases = Counter(Action.objects.values_list("phase__starts_on", "phase__name"))
    summary.notes.append(f"Action partners span {len({c for c in countries if c})} countries")
    by_phase = ", ".join(f"{name} {count}" for (_start, name), count in sorted(phases.items()))
    summary.notes.append(f"Actions by phase: {by_phase}")
    if stdout is not None:
        summary.write(stdout)
    return summary
