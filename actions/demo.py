"""The demo programme: Steering Committee meetings, about 190 requests and 138 Actions with their
activities, from 2009 to AS_OF (demo_data). `seed_actions()` writes it; `manage.py seed_demo` calls
it after partners.demo.seed_partners, whose institutions and accounts it uses.

The same two phases as the partner demo:

1. `build_plan()` turns actions.demo_data into everything that should exist, drawing every random
   choice from one `random.Random(2009)` in a fixed order: the Actions written out by hand, the
   others drawn so that every partner country of the registry has one, their dates, activities and
   statuses, and the requests and Committee decisions that led to them. References ("R-2014-003")
   and codes ("MX-2014-02") are numbered the way the services number them, in the order the seeder
   creates them. Then `_DeliveryPlanner` draws what happens inside each Action: where and how its
   activities take place, the experts booked on them (from the partner demo's roster, never on
   overlapping days), the attendance lists with the participants new to the registry, deliverables,
   the results framework and the holistic coordination matrix. In institution A's holistic Action
   (demo_data.PORTAL_ACTION) it then marks, without a random draw, what the demo accounts do in the
   portal: the expert account joins some activities, the official answers some questionnaires and
   leaves others, the HR officer signs off a cell.
2. `ActionSeeder` looks each planned object up by its natural key (staff account by e-mail, meeting
   by date, request by reference, Action by code) and creates only what is missing, every write
   through actions.services with the account the policy requires: officers register and screen
   requests and run Actions, the manager records meetings and decisions, adds the MIEUX I Actions that
   predate request records, and closes, suspends and cancels. An Action is walked through its state
   machine (formulation → plan agreed → implementation → follow-up → closed) with its activities
   planned in formulation; before it closes, each activity is walked through its own (experts booked,
   confirmed, held, attendance recorded in bulk, reported, closed), then its deliverables, results,
   indicators and matrix are recorded, the portal's users acting themselves where the plan says so
   (questionnaires, mission reports, a sign-off). An existing Action is left as it is, with
   everything inside it: a second run writes nothing. Last, the focal points write their requests
   in the portal (demo_data.PORTAL_REQUESTS), found again by title.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation
from django_countries import countries as country_names

from mieux.audit import origin_scope
from mieux.errors import ApplicationError
from mieux.models import User
from mieux.services import user_create
from partners import demo as partner_demo
from partners import demo_data as partner_data
from partners.choices import RosterStatus
from partners.demo import ORIGIN, InstitutionKey, SeedSummary, institution_key, refuse_in_production
from partners.models import Department, Expert, Institution, Person
from partners.services import people_bulk_create

from . import demo_data, reference_data
from .choices import (
    ActionStatus,
    ActionType,
    ActivityStatus,
    ActivityType,
    CoordinationActor,
    CoordinationStage,
    CoordinationStatus,
    DecisionOutcome,
    DeliverableStatus,
    DeliverableType,
    ExpertRole,
    FollowUpAnswer,
    IndicatorMeasure,
    IndicatorUnit,
    KirkpatrickLevel,
    Modality,
    OecdLevel,
    PartnerRole,
    PeriodStatus,
    RequestChannel,
    RequesterRole,
    RequestStatus,
    ResultKind,
)
from .demo_data import AS_OF, ActionSeed, Event
from .models import (
    Action,
    Activity,
    ExpertAssignment,
    GlobalCompactObjective,
    Participation,
    Result,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from .services import (
    action_create,
    action_transition,
    action_update,
    activity_create,
    activity_transition,
    activity_update,
    coordination_cell_sign_off,
    coordination_cell_transition,
    coordination_cell_update,
    coordination_matrix_plan,
    deliverable_create,
    deliverable_transition,
    deliverable_update,
    expert_assignment_create,
    expert_assignment_update,
    indicator_create,
    indicator_period_transition,
    meeting_create,
    participation_questionnaire_answer,
    participations_record,
    request_clarification_answer,
    request_create,
    request_transition,
    result_create,
    results_recompute_deferred,
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


@dataclass(frozen=True)
class PlannedPerson:
    """A participant new to the registry, created with the Action's attendance lists."""

    email: str
    first_name: str
    last_name: str
    gender: str
    position: str
    institution: InstitutionKey
    department: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class PlannedAssignment:
    expert: str  # the expert's person e-mail
    role: str
    days: Decimal
    # The expert uploads their mission report in the portal once the activity is held.
    report_in_portal: bool = False


@dataclass
class PlannedActivity:
    sequence: int
    type: str
    title: str
    planned_start: datetime.date
    planned_end: datetime.date
    status: str
    held_on: datetime.date | None
    modality: str = Modality.IN_PERSON
    duration_hours: Decimal | None = None
    city: str = ""
    country: str = ""
    languages: list[str] = field(default_factory=list)
    oecd_level: str = ""
    # The statuses it goes through from planned, and the comment a postponement or cancellation needs.
    path: list[str] = field(default_factory=list)
    comment: str = ""
    experts: list[PlannedAssignment] = field(default_factory=list)
    # The attendance list: (person e-mail, participation fields).
    attendance: list[tuple[str, dict]] = field(default_factory=list)
    # Questionnaires a participant with a portal account answers there: (person e-mail, answers).
    answers: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def busy(self) -> tuple[datetime.date, datetime.date]:
        """The days its experts are booked: as planned and, if it slipped, as held."""
        end = self.planned_end
        if self.held_on:
            end = max(end, self.held_on + (self.planned_end - self.planned_start))
        return min(self.planned_start, self.held_on or self.planned_start), end


@dataclass
class PlannedDeliverable:
    title: str
    type: str
    language: str
    oecd_level: str
    description: str
    activity: int | None  # sequence of the activity that produced it
    path: list[str]
    adopting_body: str = ""
    adopted_on: datetime.date | None = None


@dataclass(frozen=True)
class PlannedResult:
    code: str
    kind: str
    statement: str
    parent: str = ""


@dataclass
class PlannedPeriod:
    starts_on: datetime.date
    ends_on: datetime.date
    target: Decimal | None
    actual: Decimal | None = None
    comment: str = ""
    # Transitions of an entered actual: (status, "officer" or "manager", comment).
    steps: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class PlannedIndicator:
    name: str
    result: str
    oecd_level: str
    kirkpatrick_level: int | None
    unit: str
    measure: str
    periods: list[PlannedPeriod]
    baseline: Decimal = Decimal("0")


@dataclass(frozen=True)
class PlannedCell:
    stage: str
    actor: str
    responsible: str  # person e-mail, or ""
    path: tuple[str, ...]
    signed_off_on: datetime.date | None = None
    note: str = ""
    # Engaged by the officer, then signed off by the named person themself in the portal.
    signed_in_portal: bool = False


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
    timeline: Timeline | None = None
    participants: list[PlannedPerson] = field(default_factory=list)
    deliverables: list[PlannedDeliverable] = field(default_factory=list)
    results: list[PlannedResult] = field(default_factory=list)
    indicators: list[PlannedIndicator] = field(default_factory=list)
    cells: list[PlannedCell] = field(default_factory=list)

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
        _DeliveryPlanner(self.rng, self.seeds).plan(actions)
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
        action.timeline = lived
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
        action.member_states = self._member_states(rng.randint(1, 3))
        member_state = demo_data.MEMBER_STATES[action.member_states[0]]
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

    def _member_states(self, count: int) -> list[str]:
        """Member States sending experts to an Action, the larger rosters more often."""
        weights = {key[0]: n for key, n in partner_data.EU_EXPERTS_PER_ADMINISTRATION.items()}
        chosen: list[str] = []
        while len(chosen) < count:
            left = [code for code in demo_data.MEMBER_STATES if code not in chosen]
            chosen.append(self.rng.choices(left, weights=[weights.get(code, 1) for code in left])[0])
        return chosen

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
        codes = action.member_states or rng.sample(sorted(demo_data.MEMBER_STATES), 2)
        experts = _joined([demo_data.MEMBER_STATES[code] for code in codes])
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


# --- What happens inside the Actions ---------------------------------------------------------------------

V = ActivityStatus
# The statuses an activity goes through from planned to where it stands.
ACTIVITY_PATHS = {
    V.PLANNED: [],
    V.CONFIRMED: [V.CONFIRMED],
    V.HELD: [V.CONFIRMED, V.HELD],
    V.REPORTED: [V.CONFIRMED, V.HELD, V.REPORTED],
    V.CLOSED: [V.CONFIRMED, V.HELD, V.REPORTED, V.CLOSED],
    V.POSTPONED: [V.POSTPONED],
    V.CANCELLED: [V.CANCELLED],
}
# Roster experts who may be booked (the service refuses inactive and withdrawn ones).
DEPLOYABLE = frozenset({RosterStatus.ACTIVE, RosterStatus.CANDIDATE})
# Where the Action stands decides how far its deliverables and coordination matrix have come.
DELIVERABLE_ODDS = {  # (adopted, handed over, validated); the rest stay drafts
    A.CLOSED: (0.55, 0.3, 0.1),
    A.FOLLOW_UP: (0.5, 0.35, 0.15),
    A.IMPLEMENTATION: (0.15, 0.25, 0.35),
    A.SUSPENDED: (0.1, 0.2, 0.4),
}
D = DeliverableStatus
DELIVERABLE_PATHS = {
    D.DRAFT: [],
    D.VALIDATED: [D.VALIDATED],
    D.HANDED_OVER: [D.VALIDATED, D.HANDED_OVER],
    D.ADOPTED: [D.VALIDATED, D.HANDED_OVER, D.ADOPTED],
}
# How many stages of the coordination matrix are signed off, and how many engaged, by Action status.
MATRIX_PROGRESS = {
    A.FORMULATION: (0, 1),
    A.PLAN_AGREED: (1, 2),
    A.IMPLEMENTATION: (2, 4),
    A.SUSPENDED: (1, 3),
    A.FOLLOW_UP: (4, 5),
    A.CLOSED: (5, 5),
}
# Which unit of which partner speaks for each actor of the matrix.
ACTOR_UNITS = {
    CoordinationActor.LEADERSHIP: partner_data.LEADERSHIP,
    CoordinationActor.HR: partner_data.HR,
    CoordinationActor.TRAINING_UNIT: partner_data.TRAINING_UNIT,
    CoordinationActor.THEMATIC_DEPARTMENTS: partner_data.THEMATIC,
    CoordinationActor.CAPACITY_DEVELOPMENT_INSTITUTION: partner_data.LEADERSHIP,
    CoordinationActor.INTER_AGENCY_MECHANISM: partner_data.LEADERSHIP,
}
# Actions with a results framework (outcomes, outputs, indicators per OECD level): those of the phases
# that report on the three levels of capacity; earlier Actions report their activities and deliverables.
RESULTS_FRAMEWORK_PHASES = frozenset({"MIEUX_III", "MIEUX_PLUS"})
# Demo accounts who attend every activity held in an Action (institution A's official).
FEATURED_PARTICIPANTS = {"mx-4": ("official.a@mieux.test",)}
TESTED = demo_data.TESTED_ACTIVITY_TYPES


def _periods(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """Reporting periods of a year at most, from the Action's first day to its last."""
    periods = []
    start = first
    while start <= last:
        end = min(start + 364 * DAY, last)
        periods.append((start, end))
        start = end + DAY
    return periods


class _DeliveryPlanner:
    """Draws what happens inside the Actions once their activities are dated: where and how each
    activity takes place, which experts go (an expert is never booked on overlapping days), who
    attends and how they score, what the Action produces, its results framework and, for holistic
    Actions, the coordination matrix. The roster, the registry's staff and e-mail addresses come
    from the partner demo's own plan. Every random choice goes through `rng`, in a fixed order."""

    def __init__(self, rng: random.Random, seeds: dict):
        self.rng = rng
        self.seeds = seeds
        registry = partner_demo.build_plan(random.Random(partner_demo.RANDOM_SEED))
        self.units = registry.units
        self.registry_people = {person.email: person for person in registry.people}
        used = set(self.registry_people) | {account.email for account in partner_data.DEMO_ACCOUNTS}
        self.drawer = partner_demo.PeopleDrawer(rng, used)
        on_roster = {expert.person_email for expert in registry.experts}
        self.staff: dict[InstitutionKey, list] = {}
        for person in registry.people:
            if person.email not in on_roster:
                self.staff.setdefault(person.institution, []).append(person)
        self.areas = {expert.person_email: expert.expertise_areas for expert in registry.experts}
        deployable = [expert for expert in registry.experts if expert.roster_status in DEPLOYABLE]
        self.eu_experts: dict[str, list[str]] = {}
        self.non_eu_experts: list[str] = []
        for expert in deployable:
            if expert.member_state in demo_data.MEMBER_STATES:
                self.eu_experts.setdefault(expert.member_state, []).append(expert.person_email)
            else:
                self.non_eu_experts.append(expert.person_email)
        # A fixed random rank breaks ties between equally used experts.
        self.rank = {expert.person_email: rng.random() for expert in deployable}
        self.bookings: dict[str, list[tuple[datetime.date, datetime.date]]] = {}
        self.deployments: Counter[str] = Counter()
        self.other_institutions: dict[str, list[InstitutionKey]] = {}
        for key, seed in seeds.items():
            if seed.type not in NOT_PARTNERS:
                self.other_institutions.setdefault(seed.country, []).append(key)
        self.deliverable_types = list(DeliverableType.values)
        rng.shuffle(self.deliverable_types)
        self.next_type = 0

    def plan(self, actions: list[PlannedAction]) -> None:
        for action in sorted(actions, key=lambda a: (a.approved_on, a.key)):
            if not action.activities:
                continue
            self._settings(action)
            self._experts(action)
            self._attendance(action)
            self._deliverables(action)
            if action.phase in RESULTS_FRAMEWORK_PHASES:
                self._results(action)
                self._indicators(action)
            if action.type == ActionType.HOLISTIC:
                self._cells(action)
            if action.key == demo_data.PORTAL_ACTION:
                self._portal(action)
        self._portal_mission_reports(actions)

    # Activities ------------------------------------------------------------------------------------------

    def _settings(self, action: PlannedAction) -> None:
        rng = self.rng
        language = partner_data.COUNTRY_PROFILES[action.lead[0]].language
        event = action.seed.event if action.seed else None
        for activity in action.activities:
            day = activity.held_on or activity.planned_start
            if activity.type == ActivityType.ONLINE_COURSE or (
                day.year in demo_data.ONLINE_YEARS and rng.random() < 0.8
            ):
                activity.modality = Modality.ONLINE
            elif day.year >= 2022 and rng.random() < 0.3:
                activity.modality = Modality.HYBRID
            days = (activity.planned_end - activity.planned_start).days
            hours = (
                demo_data.ONLINE_COURSE_HOURS
                if activity.type == ActivityType.ONLINE_COURSE
                else demo_data.HOURS_PER_DAY * max(1, min(days, 5))
            )
            activity.duration_hours = Decimal(hours)
            if activity.modality != Modality.ONLINE:
                if activity.type == ActivityType.STUDY_VISIT:
                    country = action.member_states[0]
                else:
                    country = action.countries[(activity.sequence - 1) % len(action.countries)]
                activity.country, activity.city = country, demo_data.CAPITALS[country]
            activity.languages = list(dict.fromkeys([language, "en"]))
            activity.oecd_level = demo_data.ACTIVITY_LEVELS[activity.type]
            activity.path = list(ACTIVITY_PATHS[activity.status])
            if activity.status == V.POSTPONED:
                activity.comment = (
                    event.reason
                    if event and event.kind == "suspended"
                    else rng.choice(demo_data.POSTPONEMENT_REASONS)
                )
            elif activity.status == V.CANCELLED:
                activity.comment = (
                    event.reason if event and event.kind == "cancelled" else demo_data.CANCELLATION_REASON
                )

    # Experts ---------------------------------------------------------------------------------------------

    def _free(self, email: str, start: datetime.date, end: datetime.date) -> bool:
        return all(
            end < other_start or other_end < start for other_start, other_end in self.bookings.get(email, ())
        )

    def _least_used(self, candidates, area: str, taken) -> str | None:
        """The candidate deployed least so far, preferring those with the Action's thematic area."""
        free = [email for email in candidates if email not in taken]
        if not free:
            return None
        return min(free, key=lambda e: (self.deployments[e], area not in self.areas[e], self.rank[e]))

    def _team(self, action: PlannedAction) -> list[str]:
        """The Action's experts: from its Member States and, since 2012, peers from other partner
        countries (DOMAIN: a third of the experts deployed are non-EU)."""
        rng, area = self.rng, action.area.split("-")[0]
        wider = action.type != ActionType.CLASSIC
        team: list[str] = []
        for index in range(rng.choice((3, 4)) if wider else rng.choice((2, 3, 3, 4))):
            state = action.member_states[index % len(action.member_states)]
            chosen = self._least_used(self.eu_experts.get(state, ()), area, team)
            if chosen:
                team.append(chosen)
        if action.approved_on.year >= 2012:
            peers = [
                e
                for e in self.non_eu_experts
                if self.registry_people[e].institution[0] not in action.countries
            ]
            for _ in range(rng.choice((2, 3)) if wider else rng.choice((1, 2, 2, 3))):
                chosen = self._least_used(peers, area, team)
                if chosen:
                    team.append(chosen)
        return team

    def _experts(self, action: PlannedAction) -> None:
        rng = self.rng
        staffed = [
            a
            for a in action.activities
            if a.status in (V.CONFIRMED, *HELD) and a.type != ActivityType.REPLICA_TRAINING
        ]
        if not staffed:
            return
        team = self._team(action)
        area = action.area.split("-")[0]
        in_action: Counter[str] = Counter()
        for activity in staffed:
            low, high, first_role = demo_data.EXPERTS_PER_ACTIVITY[activity.type]
            wanted = rng.randint(low, high)
            start, end = activity.busy
            free = [e for e in team if self._free(e, start, end)]
            free.sort(key=lambda e: (in_action[e], self.rank[e]))
            chosen = free[:wanted]
            if not chosen:
                # The whole team is busy elsewhere: a free expert of the roster stands in.
                pool = [
                    e
                    for state in action.member_states
                    for e in self.eu_experts.get(state, ())
                    if self._free(e, start, end)
                ] or [e for emails in self.eu_experts.values() for e in emails if self._free(e, start, end)]
                stand_in = self._least_used(pool, area, ())
                if stand_in is None:
                    raise CommandError(f"{action.key}: no expert is free from {start} to {end}.")
                chosen = [stand_in]
            expert_days = (
                6
                if activity.type == ActivityType.ONLINE_COURSE
                else min((activity.planned_end - activity.planned_start).days + 3, 12)
            )
            for index, email in enumerate(chosen):
                role = (
                    first_role
                    if index == 0
                    else (ExpertRole.CO_TRAINER if first_role == ExpertRole.TRAINER else ExpertRole.EXPERT)
                )
                activity.experts.append(PlannedAssignment(email, role, Decimal(expert_days)))
                self.bookings.setdefault(email, []).append((start, end))
                self.deployments[email] += 1
                in_action[email] += 1

    # Participants ----------------------------------------------------------------------------------------

    def _new_participant(self, action: PlannedAction) -> PlannedPerson:
        rng = self.rng
        if rng.random() < 0.75 or not any(self.other_institutions.get(c) for c in action.countries):
            keys = [key for key, _role in action.partners]
            key = rng.choices(keys, weights=[3 if k == action.lead else 1 for k in keys])[0]
        else:
            key = rng.choice([k for c in action.countries for k in self.other_institutions.get(c, ())])
        profile = partner_data.COUNTRY_PROFILES[key[0]]
        gender, name_form, first_name, last_name = self.drawer.name(
            profile.name_pool, partner_data.PARTICIPANT_GENDER_WEIGHTS
        )
        kind, unit = rng.choice(self.units[key])
        positions = partner_data.POSITIONS[profile.language]
        position = rng.choice(positions.get(kind) or positions[partner_data.THEMATIC])
        person = PlannedPerson(
            email=self.drawer.email(first_name, last_name, key),
            first_name=first_name,
            last_name=last_name,
            gender=gender,
            position=partner_demo.gendered(position, name_form),
            institution=key,
            department=unit,
            languages=self.drawer.languages(profile.spoken, expert=False),
        )
        action.participants.append(person)
        return person

    def _scores(self, activity: PlannedActivity) -> dict:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            attendance = 100
        elif roll < 0.85:
            attendance = rng.randint(80, 99)
        else:
            attendance = rng.randint(50, 79)
        fields: dict = {"attendance_percent": Decimal(attendance)}
        if activity.type in TESTED:
            pre = rng.randint(25, 70)
            roll = rng.random()
            gain = rng.randint(5, 35) if roll < 0.82 else (0 if roll < 0.92 else -rng.randint(1, 10))
            fields["pre_test_score"] = Decimal(pre)
            if rng.random() < 0.95:
                fields["post_test_score"] = Decimal(max(0, min(100, pre + gain)))
        if rng.random() < 0.9:
            fields["satisfaction"] = rng.choices((5, 4, 3, 2, 1), weights=(40, 38, 15, 5, 2))[0]
        if activity.held_on <= AS_OF - 180 * DAY and rng.random() < 0.35:
            answer = rng.choices(
                (FollowUpAnswer.YES, FollowUpAnswer.PARTLY, FollowUpAnswer.NO), weights=(55, 30, 15)
            )[0]
            fields["follow_up_answer"] = str(answer)
            if rng.random() < 0.2:
                fields["follow_up_comment"] = rng.choice(demo_data.FOLLOW_UP_COMMENTS)
        return fields

    def _attendance(self, action: PlannedAction) -> None:
        rng = self.rng
        attended: list[str] = []
        staff = [
            person.email
            for key, _role in action.partners
            for person in self.staff.get(key, ())
            if not person.account_email
        ]
        featured = FEATURED_PARTICIPANTS.get(action.key, ())
        for activity in action.activities:
            if activity.status not in HELD or (activity.status == V.HELD and rng.random() < 0.3):
                continue  # not held, or held but its attendance list is not in yet
            low, high, returning_share = demo_data.PARTICIPANTS_PER_ACTIVITY[activity.type]
            size = rng.randint(low, high)
            emails = rng.sample(attended, min(len(attended), round(size * returning_share)))
            for email in (*featured, *([rng.choice(staff)] if staff and rng.random() < 0.5 else [])):
                if email not in emails:
                    emails.append(email)
            while len(emails) < size:
                emails.append(self._new_participant(action).email)
            for email in emails:
                if email not in attended:
                    attended.append(email)
            activity.attendance = [(email, self._scores(activity)) for email in emails]

    # Deliverables ----------------------------------------------------------------------------------------

    def _main_deliverable_type(self, text: str) -> str:
        for word, kind in demo_data.DELIVERABLE_KEYWORDS:
            if word in text:
                return kind
        return DeliverableType.RECOMMENDATIONS

    def _deliverables(self, action: PlannedAction) -> None:
        rng = self.rng
        held = [a for a in action.activities if a.held_on]
        if action.status in (A.APPROVED, A.FORMULATION, A.PLAN_AGREED) or not held:
            return
        area = demo_data.AREA_TEXTS[action.area]
        lead = self.seeds[action.lead]
        language = partner_data.COUNTRY_PROFILES[action.lead[0]].language
        count = rng.randint(3, 4) if action.type != ActionType.CLASSIC else rng.choice((1, 2, 2, 3))
        kinds = [self._main_deliverable_type(area.deliverable)]
        while len(kinds) < count:
            kind = self.deliverable_types[self.next_type % len(self.deliverable_types)]
            self.next_type += 1
            if kind not in kinds:
                kinds.append(kind)
        drafting = [a for a in held if a.type == ActivityType.DRAFTING_SUPPORT]
        odds = DELIVERABLE_ODDS.get(action.status, (0, 0, 0))
        for index, kind in enumerate(kinds):
            source = (drafting or held)[-1] if index == 0 else rng.choice(held)
            title_form, level = demo_data.DELIVERABLE_TITLES[kind]
            title = (
                area.deliverable[0].upper() + area.deliverable[1:]
                if index == 0
                else title_form.format(topic=area.topic)
            )
            roll = rng.random()
            if index == 0 and action.status == A.CLOSED:
                roll /= 2  # the main output is the one most often adopted
            if roll < odds[0]:
                status = D.ADOPTED
            elif roll < odds[0] + odds[1]:
                status = D.HANDED_OVER
            elif roll < sum(odds):
                status = D.VALIDATED
            else:
                status = D.DRAFT
            deliverable = PlannedDeliverable(
                title=title[:300],
                type=kind,
                language=language,
                oecd_level=level,
                description=f"Prepared by the peer experts with the {lead.name_en} ({source.title}).",
                activity=source.sequence,
                path=list(DELIVERABLE_PATHS[status]),
            )
            if status == D.ADOPTED:
                deliverable.adopting_body = demo_data.ADOPTING_BODIES[kind].format(institution=lead.name_en)
                deliverable.adopted_on = min(AS_OF, source.held_on + rng.randint(30, 240) * DAY)
            action.deliverables.append(deliverable)

    # Results framework -----------------------------------------------------------------------------------

    def _results(self, action: PlannedAction) -> None:
        area = demo_data.AREA_TEXTS[action.area]
        lead = self.seeds[action.lead].name_en
        deliverable = area.deliverable[0].upper() + area.deliverable[1:]
        action.results = [
            PlannedResult(
                "OC1",
                ResultKind.OUTCOME,
                demo_data.OUTCOME_STATEMENT.format(institution=lead, topic=area.topic),
            ),
            PlannedResult(
                "OP1.1",
                ResultKind.OUTPUT,
                demo_data.OUTPUT_STATEMENTS[0].format(institution=lead, topic=area.topic),
                "OC1",
            ),
            PlannedResult(
                "OP1.2",
                ResultKind.OUTPUT,
                demo_data.OUTPUT_STATEMENTS[1].format(Deliverable=deliverable),
                "OC1",
            ),
        ]
        if action.type == ActionType.HOLISTIC:
            cdi = next(
                self.seeds[key].name_en
                for key, role in action.partners
                if role == PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION
            )
            outcome, output = demo_data.HOLISTIC_OUTCOME.format(institution=cdi), demo_data.HOLISTIC_OUTPUT
        elif action.type == ActionType.REGIONAL:
            outcome, output = demo_data.REGIONAL_OUTCOME, demo_data.REGIONAL_OUTPUT
        else:
            return
        action.results += [
            PlannedResult("OC2", ResultKind.OUTCOME, outcome.format(topic=area.topic)),
            PlannedResult("OP2.1", ResultKind.OUTPUT, output.format(topic=area.topic), "OC2"),
        ]

    def _indicators(self, action: PlannedAction) -> None:
        rng = self.rng
        area = demo_data.AREA_TEXTS[action.area]
        lead = self.seeds[action.lead].name_en
        first = min(d for d in (action.actual_start, action.planned_start, action.approved_on) if d)
        periods = _periods(first, action.actual_end or action.planned_end)

        def within(activity: PlannedActivity, start, end) -> bool:
            return start <= (activity.held_on or activity.planned_start) <= end

        def target(value: float) -> Decimal | None:
            return Decimal(max(1, round(value * rng.uniform(0.85, 1.15)))) if value else None

        live = [a for a in action.activities if a.status != V.CANCELLED]
        gain = []
        for start, end in periods:
            expected = 0
            for activity in live:
                if activity.type in TESTED and within(activity, start, end):
                    expected += len(activity.attendance) or 25
            gain.append(PlannedPeriod(start, end, target(expected * 0.8)))
        held = [PlannedPeriod(s, e, target(sum(within(a, s, e) for a in live))) for s, e in periods]
        adopted = [PlannedPeriod(s, e, None) for s, e in periods]
        adopted[-1].target = Decimal(max(1, len(action.deliverables) // 2))
        indicators = [
            PlannedIndicator(
                "Officials whose post-test score beat their pre-test score",
                "OP1.1",
                OecdLevel.INDIVIDUAL,
                KirkpatrickLevel.LEARNING,
                IndicatorUnit.NUMBER,
                IndicatorMeasure.PARTICIPANTS_WITH_KNOWLEDGE_GAIN,
                gain,
            ),
            PlannedIndicator(
                "Activities held",
                "OP1.1",
                OecdLevel.INDIVIDUAL,
                None,
                IndicatorUnit.NUMBER,
                IndicatorMeasure.ACTIVITIES_HELD,
                held,
            ),
            PlannedIndicator(
                f"Deliverables adopted by the {lead}",
                "OC1",
                OecdLevel.ORGANISATIONAL,
                KirkpatrickLevel.RESULTS,
                IndicatorUnit.NUMBER,
                IndicatorMeasure.DELIVERABLES_ADOPTED,
                adopted,
            ),
        ]
        if rng.random() < 0.3:
            measure, name, level = rng.choice(
                (
                    (
                        IndicatorMeasure.PARTICIPANTS_APPLYING_LEARNING,
                        "Participants applying what they learned (follow-up)",
                        KirkpatrickLevel.BEHAVIOUR,
                    ),
                    (IndicatorMeasure.PARTICIPANTS_TRAINED, "Officials trained", KirkpatrickLevel.REACTION),
                )
            )
            periods_of = [PlannedPeriod(p.starts_on, p.ends_on, p.target) for p in gain]
            indicators.append(
                PlannedIndicator(
                    name, "OP1.1", OecdLevel.INDIVIDUAL, level, IndicatorUnit.NUMBER, measure, periods_of
                )
            )
        entered = [rng.choice(demo_data.ENTERED_INDICATORS[:2])]
        if rng.random() < 0.35:
            entered.append(rng.choice(demo_data.ENTERED_INDICATORS[2:]))
        outcome = "OC2" if action.type != ActionType.CLASSIC else "OC1"
        for name, level, kirkpatrick, unit, highest in entered:
            indicators.append(
                PlannedIndicator(
                    name.format(topic=area.topic, institution=lead)[:300],
                    outcome if level == OecdLevel.ENABLING_ENVIRONMENT else "OP1.2",
                    level,
                    kirkpatrick,
                    unit,
                    IndicatorMeasure.ENTERED,
                    [self._entered_period(s, e, unit, highest) for s, e in periods],
                )
            )
        action.indicators = indicators

    def _entered_period(self, start, end, unit: str, highest: int) -> PlannedPeriod:
        rng = self.rng
        low = 40 if unit == IndicatorUnit.PERCENT else 1
        period = PlannedPeriod(start, end, Decimal(rng.randint(low, highest)))
        if start > AS_OF:
            return period
        share = rng.uniform(0.5, 1.3) if end < AS_OF else rng.uniform(0.2, 0.6)
        actual = round(float(period.target) * share)
        period.actual = Decimal(min(actual, 100) if unit == IndicatorUnit.PERCENT else actual)
        period.comment = rng.choice(demo_data.PERIOD_COMMENTS)
        submit, approve = (PeriodStatus.SUBMITTED, "officer", ""), (PeriodStatus.APPROVED, "manager", "")
        returned = (PeriodStatus.RETURNED, "manager", demo_data.PERIOD_RETURN_COMMENT)
        roll = rng.random()
        if end >= AS_OF:
            period.steps = []  # the current period: a draft
        elif end < AS_OF - 150 * DAY:
            period.steps = [submit, returned, submit, approve] if roll < 0.06 else [submit, approve]
        else:
            period.steps = [[submit], [submit, approve], [], [submit, returned]][min(3, int(roll * 4))]
        return period

    # Coordination matrix of holistic Actions ---------------------------------------------------------------

    def _person_for(self, action: PlannedAction, actor: str) -> str:
        unit = ACTOR_UNITS[actor]
        keys = [action.lead]
        if actor == CoordinationActor.CAPACITY_DEVELOPMENT_INSTITUTION:
            keys = [k for k, role in action.partners if role == PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION]
        elif actor == CoordinationActor.INTER_AGENCY_MECHANISM:
            keys = [k for k, role in action.partners if role == PartnerRole.CO_BENEFICIARY] + [action.lead]
        for key in keys:
            people = self.staff.get(key, [])
            # Demo accounts first, so that institution A's own people sign its matrix.
            of_unit = sorted(
                (p for p in people if p.department_kind == unit), key=lambda p: not p.account_email
            )
            if of_unit:
                return of_unit[0].email
        people = self.staff.get(keys[0], [])
        return people[0].email if people else ""

    def _cells(self, action: PlannedAction) -> None:
        rng = self.rng
        t = action.timeline
        held = [a.held_on for a in action.activities if a.held_on] or [t.start]
        stage_days = {
            CoordinationStage.IDENTIFICATION: t.mission + 14 * DAY,
            CoordinationStage.DESIGN: t.plan_agreed,
            CoordinationStage.DELIVERY: max(held),
            CoordinationStage.CERTIFICATION: t.end + 30 * DAY,
            CoordinationStage.INSTITUTIONALISATION: t.close,
        }
        signed, engaged = MATRIX_PROGRESS.get(action.status, (1, 2))
        for index, stage in enumerate(CoordinationStage.values):
            for actor in CoordinationActor.values:
                responsible = self._person_for(action, actor)
                path: tuple[str, ...] = ()
                if index < signed and responsible and rng.random() < 0.9:
                    path = (CoordinationStatus.ENGAGED, CoordinationStatus.SIGNED_OFF)
                elif index < engaged and rng.random() < 0.85:
                    path = (CoordinationStatus.ENGAGED,)
                action.cells.append(
                    PlannedCell(
                        stage=stage,
                        actor=actor,
                        responsible=responsible,
                        path=path,
                        signed_off_on=min(AS_OF, stage_days[stage]) if len(path) == 2 else None,
                        note=demo_data.COORDINATION_NOTES[stage] if path else "",
                    )
                )

    # What the demo accounts do in the portal -------------------------------------------------------------

    def _portal(self, action: PlannedAction) -> None:
        """Institution A's holistic Action gives the portal's roles something to see and do. Nothing
        here draws from the random generator, so the rest of the plan is what it was without it."""
        self._portal_expert(action)
        self._portal_questionnaires(action)
        self._portal_sign_offs(action)

    def _portal_expert(self, action: PlannedAction) -> None:
        """The roster expert with a demo account joins the Action's last activities held (and uploads
        the mission reports of all but the latest in the portal) and its next confirmed one."""
        email = demo_data.EXPERT_EMAIL
        staffed = [activity for activity in action.activities if activity.experts]
        held = [activity for activity in staffed if activity.status in HELD]
        held = held[-demo_data.PORTAL_EXPERT_HELD_ACTIVITIES :]
        coming = [activity for activity in staffed if activity.status == V.CONFIRMED][:1]
        reported = {id(activity) for activity in held[:-1]}
        for activity in [*held, *coming]:
            start, end = activity.busy
            if not self._free(email, start, end):
                raise CommandError(f"{action.key}: {email} is booked elsewhere from {start} to {end}.")
            first_role = demo_data.EXPERTS_PER_ACTIVITY[activity.type][2]
            role = ExpertRole.CO_TRAINER if first_role == ExpertRole.TRAINER else ExpertRole.EXPERT
            activity.experts.append(
                PlannedAssignment(
                    email, role, activity.experts[0].days, report_in_portal=id(activity) in reported
                )
            )
            self.bookings.setdefault(email, []).append((start, end))
            self.deployments[email] += 1

    @staticmethod
    def _portal_mission_reports(actions: list[PlannedAction]) -> None:
        """The expert account has uploaded the reports of its missions in other Actions too: only the
        latest one of the portal Action is missing."""
        for action in actions:
            if action.key == demo_data.PORTAL_ACTION:
                continue
            for activity in action.activities:
                if activity.status not in HELD:
                    continue
                activity.experts = [
                    dataclasses.replace(assignment, report_in_portal=True)
                    if assignment.expert == demo_data.EXPERT_EMAIL
                    else assignment
                    for assignment in activity.experts
                ]

    def _portal_questionnaires(self, action: PlannedAction) -> None:
        """Institution A's official answers the questionnaires of the activities between the first and
        the last they attended themself, in the portal; the follow-up of the first and both
        questionnaires of the last are left for them to answer."""
        for email in FEATURED_PARTICIPANTS.get(action.key, ()):
            rows = [
                (activity, fields)
                for activity in action.activities
                for attendee, fields in activity.attendance
                if attendee == email
            ]
            if len(rows) < 3:
                raise CommandError(f"{action.key}: {email} attends fewer than three activities.")
            follow_up = ("follow_up_answer", "follow_up_comment")
            for name in follow_up:
                rows[0][1].pop(name, None)
            for name in ("satisfaction", *follow_up):
                rows[-1][1].pop(name, None)
            for index, (activity, fields) in enumerate(rows[1:-1]):
                answer, comment = demo_data.PORTAL_FOLLOW_UP_ANSWERS[
                    index % len(demo_data.PORTAL_FOLLOW_UP_ANSWERS)
                ]
                answers = {
                    "satisfaction": fields.pop("satisfaction", 4),
                    "follow_up_answer": answer,
                    "follow_up_comment": comment,
                }
                for name in follow_up:
                    fields.pop(name, None)
                activity.answers.append((email, answers))

    def _portal_sign_offs(self, action: PlannedAction) -> None:
        """Each portal signer signs off the earliest engaged cell naming them; later ones wait."""
        for email in demo_data.PORTAL_SIGNERS:
            for index, cell in enumerate(action.cells):
                if cell.responsible == email and cell.path == (CoordinationStatus.ENGAGED,):
                    action.cells[index] = dataclasses.replace(cell, signed_in_portal=True)
                    break
            else:
                raise CommandError(f"{action.key}: no engaged cell names {email}.")


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
    for name in ("ACTIVITY_LEVELS", "PARTICIPANTS_PER_ACTIVITY"):
        if set(getattr(demo_data, name)) != set(ActivityType.values):
            problems.append(f"{name} must name every activity type")
    if set(demo_data.EXPERTS_PER_ACTIVITY) != set(ActivityType.values) - {ActivityType.REPLICA_TRAINING}:
        problems.append("EXPERTS_PER_ACTIVITY must name every activity type but replica trainings")
    if set(demo_data.DELIVERABLE_TITLES) != set(DeliverableType.values) or set(
        demo_data.ADOPTING_BODIES
    ) != set(DeliverableType.values):
        problems.append("DELIVERABLE_TITLES and ADOPTING_BODIES must name every deliverable type")
    if set(partner_data.COUNTRY_PROFILES) - set(demo_data.CAPITALS):
        problems.append("CAPITALS must name the capital of every country of the registry")
    homes = {key[0] for key in partner_data.EU_EXPERTS_PER_ADMINISTRATION}
    if set(demo_data.MEMBER_STATES) - homes:
        problems.append("every Member State of MEMBER_STATES needs roster experts in partners.demo_data")
    if demo_data.PORTAL_ACTION not in keys:
        problems.append(f"PORTAL_ACTION {demo_data.PORTAL_ACTION} is not a featured Action")
    accounts = {account.email for account in partner_data.DEMO_ACCOUNTS}
    for seed in demo_data.PORTAL_REQUESTS:
        where = f"portal request {seed.title[:40]!r}"
        if seed.focal_point not in accounts:
            problems.append(f"{where}: no demo account {seed.focal_point}")
        if seed.area not in areas:
            problems.append(f"{where}: unknown specific area {seed.area}")
        if seed.stage not in demo_data.PORTAL_STAGES:
            problems.append(f"{where}: unknown stage {seed.stage}")
            continue
        reached = demo_data.PORTAL_STAGES.index(seed.stage)
        if reached >= 1 and not (seed.needs and seed.expected_results and seed.target_groups):
            problems.append(f"{where}: a request that is sent says its needs, results and target groups")
        if reached >= demo_data.PORTAL_STAGES.index("clarification") and not seed.question:
            problems.append(f"{where}: the officer's question is missing")
        if reached >= demo_data.PORTAL_STAGES.index("answered") and not seed.answer:
            problems.append(f"{where}: the focal point's answer is missing")
        problems += [
            f"{where}: unknown institution {ref}" for ref in seed.co_requesters if ref not in institutions
        ]
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
        # Loaded once, the first time an Action must be created (see _registry).
        self.people: dict[str, Person] | None = None
        self.experts: dict[str, Expert] = {}
        self.departments: dict[tuple[int, str], Department] = {}

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
        self._portal_requests()

    # Accounts, code lists, meetings --------------------------------------------------------------------

    def _accounts(self) -> None:
        emails = [s.email for s in demo_data.STAFF_ACCOUNTS]
        # The partner demo's accounts: the manager and the administrator, and those who act in the portal.
        made_by_partners = [
            demo_data.ADMIN_EMAIL,
            demo_data.MANAGER_EMAIL,
            demo_data.FOCAL_POINT_B_EMAIL,
            demo_data.FOCAL_POINT_A_EMAIL,
            demo_data.OFFICIAL_A_EMAIL,
            demo_data.EXPERT_EMAIL,
            *demo_data.PORTAL_SIGNERS,
        ]
        emails += made_by_partners
        self.users = {user.email: user for user in User.objects.filter(email__in=emails)}
        missing = [email for email in made_by_partners if email not in self.users]
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
        # What an existing Action holds is left as it is; the plan's figures are reported as present.
        for what, count in self._delivery_counts(planned).items():
            self.summary.tally(what, False, count)

    @staticmethod
    def _delivery_counts(planned: PlannedAction) -> dict[str, int]:
        return {
            "expert assignments": sum(len(a.experts) for a in planned.activities),
            "new participants": len(planned.participants),
            "participations": sum(len(a.attendance) for a in planned.activities),
            "deliverables": len(planned.deliverables),
            "results": len(planned.results),
            "indicators": len(planned.indicators),
            "coordination cells": len(planned.cells),
        }

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
        """Walk the Action through its state machine. Its activities are planned once in formulation;
        what happens in them (and its deliverables, results and matrix) is recorded before it is
        closed or cancelled, since a finished Action takes no new work."""
        self.summary.tally("Actions", True)
        self.actions[planned.key] = action
        activities: dict[int, Activity] = {}
        delivered = False
        for step in planned.steps:
            if step.to in (A.CLOSED, A.CANCELLED) and not delivered:
                self._deliver(action, planned, activities)
                delivered = True
            action = action_transition(action, actor=self.users[step.actor], to=step.to, comment=step.comment)
            if step.to == A.FORMULATION:
                activities = self._activities(action, planned)
        if not delivered:
            self._deliver(action, planned, activities)

    def _activities(self, action: Action, planned: PlannedAction) -> dict[int, Activity]:
        """Plan the activities, all as planned: they move on through activity_transition."""
        officer = self.users[planned.officer]
        created = {}
        for activity_plan in planned.activities:
            created[activity_plan.sequence] = activity_create(
                actor=officer,
                action=action,
                sequence=activity_plan.sequence,
                type=activity_plan.type,
                title=activity_plan.title,
                planned_start=activity_plan.planned_start,
                planned_end=activity_plan.planned_end,
                modality=activity_plan.modality,
                duration_hours=activity_plan.duration_hours,
                city=activity_plan.city,
                country=activity_plan.country,
                languages=activity_plan.languages,
                oecd_level=activity_plan.oecd_level,
            )
            self.summary.tally("activities", True)
        return created

    # Delivery ----------------------------------------------------------------------------------------------

    def _registry(self) -> dict[str, Person]:
        """People by e-mail, experts by their person's e-mail and departments by (institution, name)."""
        if self.people is None:
            self.people = {
                person.email.lower(): person
                for person in Person.objects.exclude(email="").select_related("institution")
            }
            self.experts = {
                expert.person.email.lower(): expert
                for expert in Expert.objects.select_related("person", "nominating_focal_point")
            }
            self.departments = {(d.institution_id, d.name): d for d in Department.objects.all()}
        return self.people

    def _deliver(self, action: Action, planned: PlannedAction, activities: dict[int, Activity]) -> None:
        people = self._registry()
        officer = self.users[planned.officer]
        counts = self._delivery_counts(planned)
        new_people = []
        for person in planned.participants:
            institution = self._institution(person.institution)
            new_people.append(
                Person(
                    institution=institution,
                    department=self.departments[(institution.pk, person.department)],
                    first_name=person.first_name,
                    last_name=person.last_name,
                    gender=person.gender,
                    position=person.position,
                    email=person.email,
                    languages=list(person.languages),
                    consent_to_contact=False,
                )
            )
        people_bulk_create(actor=officer, people=new_people)
        people.update((person.email, person) for person in new_people)
        # The Action's computed indicators are recomputed once, from all that is recorded here,
        # instead of after each of its writes.
        with results_recompute_deferred():
            for activity_plan in planned.activities:
                self._walk(activities[activity_plan.sequence], activity_plan, officer)
            self._deliverables(action, planned, activities, officer)
            self._results_framework(action, planned, officer)
            self._matrix(action, planned, officer)
        for what, count in counts.items():
            self.summary.tally(what, True, count)

    def _walk(self, activity: Activity, planned: PlannedActivity, officer: User) -> None:
        """Experts are booked before the activity is confirmed, the day it was held is recorded if it
        moved, and the attendance list goes in once it is held and before it is reported. Then the
        portal's users do their part: participants answer their questionnaires, experts upload their
        mission reports."""
        reporting: list[ExpertAssignment] = []
        for status in planned.path:
            if status == V.CONFIRMED:
                for assignment in planned.experts:
                    booked = expert_assignment_create(
                        actor=officer,
                        activity=activity,
                        expert=self.experts[assignment.expert],
                        role=assignment.role,
                        days=assignment.days,
                    )
                    if assignment.report_in_portal:
                        reporting.append(booked)
            if status == V.HELD and planned.held_on != activity.planned_start:
                activity = activity_update(activity, actor=officer, held_on=planned.held_on)
            comment = planned.comment if status in (V.POSTPONED, V.CANCELLED) else ""
            activity = activity_transition(activity, actor=officer, to=status, comment=comment)
            if status == V.HELD and planned.attendance:
                participations_record(
                    actor=officer,
                    activity=activity,
                    rows=[(self.people[email], fields) for email, fields in planned.attendance],
                )
            if status == V.HELD:
                self._questionnaires(activity, planned)
                self._mission_reports(activity, reporting)

    def _questionnaires(self, activity: Activity, planned: PlannedActivity) -> None:
        for email, answers in planned.answers:
            participation = Participation.objects.select_related("activity", "person").get(
                activity=activity, person=self.people[email]
            )
            participation_questionnaire_answer(participation, actor=self.users[email], **answers)

    def _mission_reports(self, activity: Activity, assignments: list[ExpertAssignment]) -> None:
        for assignment in assignments:
            expert = assignment.expert.person
            report = ContentFile(
                demo_pdf(
                    demo_data.MISSION_REPORT_TEXT[0],
                    [
                        f"{activity.action.code} – {activity.title}",
                        f"{expert.first_name} {expert.last_name}, {assignment.get_role_display()}",
                        *demo_data.MISSION_REPORT_TEXT[1:],
                    ],
                ),
                name=f"mission-report-{activity.action.code}-{activity.sequence}.pdf",
            )
            expert_assignment_update(assignment, actor=self.users[expert.email], mission_report=report)

    def _deliverables(
        self, action: Action, planned: PlannedAction, activities: dict[int, Activity], officer: User
    ) -> None:
        for item in planned.deliverables:
            deliverable = deliverable_create(
                actor=officer,
                action=action,
                activity=activities.get(item.activity) if item.activity else None,
                title=item.title,
                type=item.type,
                language=item.language,
                oecd_level=item.oecd_level,
                description=item.description,
            )
            for status in item.path:
                if status == D.ADOPTED:
                    deliverable = deliverable_update(
                        deliverable,
                        actor=officer,
                        adopting_body=item.adopting_body,
                        adopted_on=item.adopted_on,
                    )
                deliverable = deliverable_transition(deliverable, actor=officer, to=status)

    def _results_framework(self, action: Action, planned: PlannedAction, officer: User) -> None:
        """Outcomes and outputs, then indicators with their periods: computed actuals are calculated
        from the data now recorded; entered ones are submitted by the officer and approved (or
        returned) by the manager."""
        results: dict[str, Result] = {}
        for item in planned.results:
            results[item.code] = result_create(
                actor=officer,
                action=action,
                kind=item.kind,
                code=item.code,
                statement=item.statement,
                parent=results.get(item.parent),
            )
        manager = self.users[demo_data.MANAGER_EMAIL]
        for item in planned.indicators:
            computed = item.measure != IndicatorMeasure.ENTERED
            periods = []
            for period in item.periods:
                values = {"starts_on": period.starts_on, "ends_on": period.ends_on, "target": period.target}
                if not computed:
                    values.update(actual=period.actual, comment=period.comment)
                periods.append(values)
            indicator = indicator_create(
                actor=officer,
                action=action,
                periods=periods,
                result=results[item.result],
                name=item.name,
                oecd_level=item.oecd_level,
                kirkpatrick_level=item.kirkpatrick_level,
                unit=item.unit,
                measure=item.measure,
                baseline=item.baseline,
            )
            if computed or not any(period.steps for period in item.periods):
                continue
            stored = {period.starts_on: period for period in indicator.periods.all()}
            for period in item.periods:
                row = stored[period.starts_on]
                for status, who, comment in period.steps:
                    actor = manager if who == "manager" else officer
                    row = indicator_period_transition(row, actor=actor, to=status, comment=comment)

    def _matrix(self, action: Action, planned: PlannedAction, officer: User) -> None:
        """The holistic Action's matrix: every cell planned, then engaged and signed off by the named
        person of the partner institution as far as the Action has come."""
        if not planned.cells:
            return
        coordination_matrix_plan(actor=officer, action=action)
        cells = {(cell.stage, cell.actor): cell for cell in action.coordination_cells.all()}
        for item in planned.cells:
            cell = cells[(item.stage, item.actor)]
            person = self.people.get(item.responsible) if item.responsible else None
            signs = CoordinationStatus.SIGNED_OFF in item.path
            if person or item.note:
                cell = coordination_cell_update(
                    cell,
                    actor=officer,
                    responsible=person,
                    note=item.note,
                    **({"signed_off_by": person, "signed_off_on": item.signed_off_on} if signs else {}),
                )
            for status in item.path:
                cell = coordination_cell_transition(cell, actor=officer, to=status)
            if item.signed_in_portal:
                coordination_cell_sign_off(
                    cell, actor=self.users[item.responsible], note=demo_data.PORTAL_SIGN_OFF_NOTE
                )

    # Requests written in the portal -------------------------------------------------------------------------

    def _portal_requests(self) -> None:
        """Requests the focal points write in the portal, each taken as far as its stage: saved as a
        draft, sent, screened and questioned by the officer, answered, submitted. A request found
        among its institution's by title is left as it is: its focal point may have sent the draft or
        answered the question since."""
        officer = self.users[demo_data.PORTAL_OFFICER_EMAIL]
        for seed in demo_data.PORTAL_REQUESTS:
            focal_point = self.users[seed.focal_point]
            own = focal_point.person.institution
            found = SupportRequest.objects.filter(title=seed.title, requesters__institution=own).exists()
            if not found:
                self._portal_request(seed, focal_point, own, officer)
            self.summary.tally("portal requests", not found)

    def _portal_request(
        self, seed: demo_data.PortalRequestSeed, focal_point: User, own: Institution, officer: User
    ) -> None:
        stages = demo_data.PORTAL_STAGES
        reached = stages.index(seed.stage)
        co_requesters = [self._institution(institution_key(ref[0], ref[1], "")) for ref in seed.co_requesters]
        specific = self.areas[seed.area]
        attachments = []
        if seed.concept_note:
            title, *lines = demo_data.CONCEPT_NOTE_TEXT
            attachments.append(ContentFile(demo_pdf(title, [seed.title, *lines]), name="concept-note.pdf"))
        request = request_create(
            actor=focal_point,
            requesters=[
                (own, RequesterRole.LEAD),
                *((institution, RequesterRole.CO_REQUESTER) for institution in co_requesters),
            ],
            attachments=attachments,
            title=seed.title,
            countries=list(dict.fromkeys(institution.country.code for institution in (own, *co_requesters))),
            thematic_area=specific.parent,
            specific_area=specific,
            proposed_action_type=seed.proposed_type,
            needs_statement=seed.needs,
            expected_results=seed.expected_results,
            target_groups=seed.target_groups,
            languages=list(seed.languages),
            timing=seed.timing,
        )
        steps = (
            ("received", focal_point, RequestStatus.RECEIVED, ""),
            ("screening", officer, RequestStatus.SCREENING, ""),
            ("clarification", officer, RequestStatus.CLARIFICATION_REQUESTED, seed.question),
        )
        for stage, actor, to, comment in steps:
            if reached >= stages.index(stage):
                request = request_transition(request, actor=actor, to=to, comment=comment)
        if reached >= stages.index("answered"):
            request = request_clarification_answer(request, actor=focal_point, answer=seed.answer)
        if reached >= stages.index("submitted"):
            request_transition(request, actor=officer, to=RequestStatus.SUBMITTED)


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and a few lines, for the files the demo uploads (mission reports,
    a concept note): small, valid, and readable in any PDF viewer."""

    def text(value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return escaped.encode("cp1252", "replace").decode("latin-1")

    # Lines of 11-point Helvetica hold about 85 characters between the margins.
    wrapped = [part for line in lines for part in textwrap.wrap(line, 85)]
    commands = [f"BT /F1 18 Tf 56 780 Td ({text(title)}) Tj ET"]
    commands += [
        f"BT /F1 11 Tf 56 {744 - 16 * index} Td ({text(line)}) Tj ET" for index, line in enumerate(wrapped)
    ]
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf


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
