"""The demo partner registry: institutions in 100+ countries, their units and people, coordination
mechanisms, the expert roster, the demo accounts and invitations to the portal. `seed_partners()`
writes it; `manage.py seed_demo` (in the certification app, the highest app with demo data) calls it
before seeding the Actions.

Two phases, so that the result never depends on what the database already holds:

1. `build_plan()` turns partners.demo_data into a complete list of what should exist, drawing every
   random choice from one `random.Random(2020)` in a fixed order. The same code always yields the
   same plan, byte for byte.
2. `Seeder` looks each planned object up by its natural key and creates only what is missing,
   through the domain services (validated and audited; people in one bulk write), inside one
   transaction. A second run finds everything and writes nothing.

`PeopleDrawer` draws plausible people (names from the country's pool, gender, e-mail address);
actions.demo uses it too, for the participants of activities.
"""

from __future__ import annotations

import os
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from mieux.audit import origin_scope
from mieux.errors import ApplicationError
from mieux.models import User
from mieux.roles import Role
from mieux.services import user_create
from partners import demo_data
from partners.accounts import invitation_accept, invitation_issue, invitation_send
from partners.choices import (
    EU_MEMBER_STATES,
    CapacityDevelopmentKind,
    DepartmentKind,
    Gender,
    InstitutionType,
    RosterStatus,
)
from partners.models import (
    SPOKEN_LANGUAGE_CODES,
    CoordinationMechanism,
    Department,
    Expert,
    Institution,
    Invitation,
    Person,
)
from partners.services import (
    department_create,
    expert_create,
    institution_create,
    mechanism_create,
    people_bulk_create,
)

RANDOM_SEED = 2020
ORIGIN = "command:seed_demo"

InstitutionKey = tuple[str, str]  # (country code, acronym or, failing that, English name)


def institution_key(country: str, acronym: str, name_en: str) -> InstitutionKey:
    return (country, acronym or name_en)


# --- What a run did -----------------------------------------------------------------------------------


@dataclass
class SeedSummary:
    """What a seeding step created and found, by kind of object in the order first met, and the demo
    accounts it made sure of: (e-mail, role, created now)."""

    created: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    accounts: list[tuple[str, str, bool]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _order: list[str] = field(default_factory=list, init=False, repr=False)

    def tally(self, what: str, created: bool, count: int = 1) -> None:
        if what not in self._order:
            self._order.append(what)
        (self.created if created else self.present)[what] += count

    @property
    def created_total(self) -> int:
        return sum(self.created.values())

    def write(self, stdout) -> None:
        for what in self._order:
            stdout.write(
                f"  {what:<28} {self.created[what]:>5} created, {self.present[what]:>5} already present"
            )
        for note in self.notes:
            stdout.write(f"  {note}")


# --- The plan ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonPlan:
    email: str
    first_name: str
    last_name: str
    gender: str
    position: str
    institution: InstitutionKey
    department: str
    department_kind: str
    languages: tuple[str, ...]
    consent_to_contact: bool
    account_email: str = ""


@dataclass(frozen=True)
class ExpertPlan:
    person_email: str
    member_state: str
    expertise_areas: tuple[str, ...]
    roster_status: str
    focal_point_email: str = ""


@dataclass
class Plan:
    # Units of each institution, in creation order: (kind, name).
    units: dict[InstitutionKey, list[tuple[str, str]]] = field(default_factory=dict)
    people: list[PersonPlan] = field(default_factory=list)
    experts: list[ExpertPlan] = field(default_factory=list)
    # Portal invitations and the e-mail of the person each goes to.
    invitations: list[tuple[demo_data.InvitationSeed, str]] = field(default_factory=list)


def _ascii_slug(text: str) -> str:
    """ "N'Guessan Koné" -> "nguessan-kone": e-mail addresses stay plain ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = re.sub(r"['’]", "", ascii_text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def gendered(text: str, name_form: str) -> str:
    """Pick the form of "masculine|feminine" text that agrees with the first name."""
    forms = text.split("|")
    return forms[1] if name_form == Gender.FEMALE and len(forms) > 1 else forms[0]


class PeopleDrawer:
    """Draws invented people the way the registry's are: a gender, a first name from the country's pool
    that agrees with it, family names, a unique e-mail address at the institution's `.example` domain.
    actions.demo uses it, with its own random generator, for the participants of activities."""

    def __init__(self, rng: random.Random, used_emails: set[str]):
        self.rng = rng
        self.domains = email_domains()
        self.used_emails = used_emails

    def email(self, first_name: str, last_name: str, key: InstitutionKey) -> str:
        local = f"{_ascii_slug(first_name)}.{_ascii_slug(last_name)}"
        domain = self.domains[key]
        email, number = f"{local}@{domain}", 1
        while email in self.used_emails:
            number += 1
            email = f"{local}{number}@{domain}"
        self.used_emails.add(email)
        return email

    def name(self, pool_name: str, gender_weights: dict[str, int]) -> tuple[str, str, str, str]:
        """Gender is drawn on its own (so "undisclosed" and "other" occur); the first name comes from
        the female or male list, and the family name and job title agree with that name."""
        pool = demo_data.NAME_POOLS[pool_name]
        gender = _weighted(self.rng, gender_weights)
        name_form = (
            gender
            if gender in (Gender.FEMALE, Gender.MALE)
            else self.rng.choice((Gender.FEMALE, Gender.MALE))
        )
        first_name = self.rng.choice(pool.female if name_form == Gender.FEMALE else pool.male)
        family_names = [self.rng.choice(pool.family)]
        if pool.double_surname and self.rng.random() < 0.6:
            second = self.rng.choice(pool.family)
            if second != family_names[0]:
                family_names.append(second)
        last_name = " ".join(gendered(name.replace("/", "|"), name_form) for name in family_names)
        return gender, name_form, first_name, last_name

    def languages(self, spoken: tuple[str, ...], *, expert: bool) -> tuple[str, ...]:
        languages = list(spoken)
        # Experts work in English; others often speak it or another programme language.
        if expert or self.rng.random() < 0.55:
            languages.append("en")
        extra = self.rng.sample(("fr", "es", "ru", "ar", "pt"), 2)
        how_many = self.rng.choice((0, 1, 1, 2)) if expert else int(self.rng.random() < 0.15)
        languages.extend(extra[:how_many])
        return tuple(dict.fromkeys(languages))  # de-duplicated, order kept


def email_domains() -> dict[InstitutionKey, str]:
    """first.last@<acronym>.example; the country is appended where acronyms repeat (INM in MX and HN)."""
    keys = [institution_key(s.country, s.acronym, s.name_en) for s in demo_data.INSTITUTIONS]
    slugs = {key: _ascii_slug(key[1]) for key in keys}
    repeated = Counter(slugs.values())
    return {
        key: (slug if repeated[slug] == 1 else f"{slug}-{key[0].lower()}") + ".example"
        for key, slug in slugs.items()
    }


class _PlanBuilder:
    """Draws the demo data. Every random choice goes through `self.rng`, always in the same order."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.plan = Plan()
        self.seeds = {institution_key(s.country, s.acronym, s.name_en): s for s in demo_data.INSTITUTIONS}
        self.people = PeopleDrawer(rng, {account.email for account in demo_data.DEMO_ACCOUNTS})

    def build(self) -> Plan:
        for key, seed in self.seeds.items():
            self.plan.units[key] = self._units(seed)
        for key, seed in self.seeds.items():
            if seed.type != demo_data.MS_ADMIN:
                self._staff(key, seed)
        self._account_people()
        focal_points = {key: self._focal_point(key) for key in demo_data.EU_EXPERTS_PER_ADMINISTRATION}
        for key, count in demo_data.EU_EXPERTS_PER_ADMINISTRATION.items():
            for _ in range(count):
                self._eu_expert(key, focal_points[key])
        self._non_eu_experts()
        self._expert_account(focal_points)
        self.plan.invitations = [(seed, self._invitee(seed)) for seed in demo_data.INVITATIONS]
        return self.plan

    # Units ---------------------------------------------------------------------------------------

    def _units(self, seed) -> list[tuple[str, str]]:
        templates = demo_data.UNIT_TEMPLATES[seed.type]
        language = demo_data.COUNTRY_PROFILES[seed.country].language
        units = list(templates.get(language) or templates["en"])
        thematic = seed.thematic_department
        if not thematic and seed.type == demo_data.NATIONAL:
            # DOMAIN: each national authority has a thematic department beside leadership, HR and training.
            thematic = self.rng.choice(demo_data.THEMATIC_DEPARTMENTS[language])
        if thematic:
            units = [unit for unit in units if unit[0] != demo_data.THEMATIC]
            units.append((demo_data.THEMATIC, thematic))
        return units

    def _unit_of_kind(self, key: InstitutionKey, kind: str) -> str:
        names = [name for unit_kind, name in self.plan.units[key] if unit_kind == kind]
        if not names:
            raise CommandError(f"demo_data: {key} has no unit of kind {kind!r}.")
        return names[0]

    # People --------------------------------------------------------------------------------------

    def _staff(self, key: InstitutionKey, seed) -> None:
        profile = demo_data.COUNTRY_PROFILES[seed.country]
        positions = demo_data.POSITIONS[profile.language]
        used_positions: set[str] = set()
        for _ in range(self.rng.randint(2, 5)):
            gender, name_form, first_name, last_name = self.people.name(
                profile.name_pool, demo_data.PEOPLE_GENDER_WEIGHTS
            )
            kind, unit = self.rng.choice(self.plan.units[key])
            choices = positions.get(kind) or positions[demo_data.THEMATIC]
            unused = [p for p in choices if p not in used_positions] or list(choices)
            position = self.rng.choice(unused)
            used_positions.add(position)
            self.plan.people.append(
                PersonPlan(
                    email=self.people.email(first_name, last_name, key),
                    first_name=first_name,
                    last_name=last_name,
                    gender=gender,
                    position=gendered(position, name_form),
                    institution=key,
                    department=unit,
                    department_kind=kind,
                    languages=self.people.languages(profile.spoken, expert=False),
                    consent_to_contact=self.rng.random() < 0.7,
                )
            )

    def _account_people(self) -> None:
        for account in demo_data.DEMO_ACCOUNTS:
            person = account.person
            if person is None:
                continue
            self.plan.people.append(
                PersonPlan(
                    email=account.email,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    gender=person.gender,
                    position=person.position,
                    institution=person.institution,
                    department=self._unit_of_kind(person.institution, person.unit_kind),
                    department_kind=person.unit_kind,
                    languages=person.languages,
                    consent_to_contact=True,
                    account_email=account.email,
                )
            )

    # Portal invitations (no random draw: the rest of the plan stays as it was) ------------------------

    def _invitee(self, seed: demo_data.InvitationSeed) -> str:
        on_roster = {expert.person_email for expert in self.plan.experts}
        if seed.member_state:
            experts = [
                expert.person_email
                for expert in self.plan.experts
                if expert.member_state == seed.member_state
                and expert.roster_status == RosterStatus.ACTIVE
                and expert.person_email not in {account.email for account in demo_data.DEMO_ACCOUNTS}
            ]
            if not experts:
                raise CommandError(f"demo_data: no active roster expert of {seed.member_state} to invite.")
            return experts[0]
        staff = [
            person
            for person in self.plan.people
            if person.institution == seed.institution
            and not person.account_email
            and person.email not in on_roster
        ]
        if not staff:
            raise CommandError(f"demo_data: nobody at {seed.institution} to invite.")
        of_unit = [person for person in staff if person.department_kind == seed.unit_kind]
        return (of_unit or staff)[0].email

    # Expert roster ---------------------------------------------------------------------------------

    def _expertise_areas(self) -> tuple[str, ...]:
        areas = demo_data.THEMATIC_AREAS
        chosen = self.rng.sample(areas, self.rng.choice((1, 1, 2, 2, 3)))
        return tuple(sorted(chosen, key=areas.index))

    def _expert_person(self, key: InstitutionKey, *, focal_point: bool) -> PersonPlan:
        """An official of `key` (an EU administration, or a partner institution for non-EU experts) who
        joins the roster, or the administration's Member State focal point."""
        profile = demo_data.COUNTRY_PROFILES[key[0]]
        gender, name_form, first_name, last_name = self.people.name(
            profile.name_pool, demo_data.EXPERT_GENDER_WEIGHTS
        )
        if focal_point:
            position = demo_data.FOCAL_POINT_POSITION[profile.language]
            kind, unit = demo_data.THEMATIC, self._unit_of_kind(key, demo_data.THEMATIC)
        else:
            position = self.rng.choice(demo_data.EXPERT_POSITIONS[profile.language])
            # Peer experts are practitioners: they sit in a thematic or training unit, not in HR.
            kind, unit = self.rng.choice(
                [unit for unit in self.plan.units[key] if unit[0] in demo_data.EXPERT_UNIT_KINDS]
            )
        person = PersonPlan(
            email=self.people.email(first_name, last_name, key),
            first_name=first_name,
            last_name=last_name,
            gender=gender,
            position=gendered(position, name_form),
            institution=key,
            department=unit,
            department_kind=kind,
            languages=self.people.languages(profile.spoken, expert=True),
            consent_to_contact=focal_point or self.rng.random() < 0.9,
        )
        self.plan.people.append(person)
        return person

    def _focal_point(self, key: InstitutionKey) -> str:
        return self._expert_person(key, focal_point=True).email

    def _eu_expert(self, key: InstitutionKey, focal_point_email: str) -> None:
        person = self._expert_person(key, focal_point=False)
        self.plan.experts.append(
            ExpertPlan(
                person_email=person.email,
                member_state=key[0],
                expertise_areas=self._expertise_areas(),
                roster_status=_weighted(self.rng, demo_data.ROSTER_STATUS_WEIGHTS),
                focal_point_email=focal_point_email,
            )
        )

    def _non_eu_experts(self) -> None:
        """DOMAIN: since 2012 partner-country officials are deployed as peers too (a third of experts)."""
        candidates = [
            person
            for person in self.plan.people
            if not person.account_email
            and person.department_kind in demo_data.EXPERT_UNIT_KINDS
            and person.institution[0] not in EU_MEMBER_STATES
            and self.seeds[person.institution].type in demo_data.NON_EU_EXPERT_INSTITUTION_TYPES
        ]
        chosen = set(self.rng.sample(range(len(candidates)), demo_data.NON_EU_EXPERTS_FROM_STAFF))
        people = [person for index, person in enumerate(candidates) if index in chosen]
        # The others are officials drawn for the roster, in national authorities and capacity
        # development institutions of partner countries.
        homes = sorted(
            key
            for key, seed in self.seeds.items()
            if seed.country not in EU_MEMBER_STATES and seed.type in demo_data.NON_EU_EXPERT_INSTITUTION_TYPES
        )
        for _ in range(demo_data.NON_EU_EXPERTS - len(people)):
            people.append(self._expert_person(self.rng.choice(homes), focal_point=False))
        for person in people:
            self.plan.experts.append(
                ExpertPlan(
                    person_email=person.email,
                    member_state=person.institution[0],
                    expertise_areas=self._expertise_areas(),
                    roster_status=_weighted(self.rng, demo_data.ROSTER_STATUS_WEIGHTS),
                )
            )

    def _expert_account(self, focal_points: dict[InstitutionKey, str]) -> None:
        for account in demo_data.DEMO_ACCOUNTS:
            if account.person is None or not account.person.expertise_areas:
                continue
            home = account.person.institution
            self.plan.experts.append(
                ExpertPlan(
                    person_email=account.email,
                    member_state=home[0],
                    expertise_areas=account.person.expertise_areas,
                    roster_status=RosterStatus.ACTIVE,
                    focal_point_email=focal_points.get(home, ""),
                )
            )


def check_demo_data() -> list[str]:
    """Problems in partners.demo_data, found before anything is written (empty when all is well)."""
    problems: list[str] = []
    seen: set[InstitutionKey] = set()
    for seed in demo_data.INSTITUTIONS:
        key = institution_key(seed.country, seed.acronym, seed.name_en)
        if key in seen:
            problems.append(f"institution {key} is listed twice")
        if seed.type not in InstitutionType.values:
            problems.append(f"institution {key}: unknown type {seed.type!r}")
        kind = seed.capacity_development_kind
        if kind and kind not in CapacityDevelopmentKind.values:
            problems.append(f"institution {key}: unknown kind {kind!r}")
        if seed.country not in demo_data.COUNTRY_PROFILES:
            problems.append(f"institution {key}: no country profile for {seed.country}")
        if seed.parent and seed.parent not in seen:
            problems.append(f"institution {key}: parent {seed.parent} must be listed before it")
        if seed.type not in demo_data.UNIT_TEMPLATES:
            problems.append(f"institution {key}: no unit template for type {seed.type!r}")
        seen.add(key)
    for profile_country, profile in demo_data.COUNTRY_PROFILES.items():
        unknown = set(profile.spoken) - SPOKEN_LANGUAGE_CODES
        if unknown or profile.name_pool not in demo_data.NAME_POOLS:
            problems.append(f"country profile {profile_country}: bad languages or name pool")
    for templates in demo_data.UNIT_TEMPLATES.values():
        kinds = {kind for units in templates.values() for kind, _name in units}
        if kinds - set(DepartmentKind.values):
            problems.append(f"unit templates: unknown kinds {sorted(kinds - set(DepartmentKind.values))}")
    for mechanism in demo_data.MECHANISMS:
        missing = [member for member in mechanism.members if member not in seen]
        if missing:
            problems.append(f"mechanism {mechanism.name_en!r}: unknown members {missing}")
    for account in demo_data.DEMO_ACCOUNTS:
        if account.role not in Role.values:
            problems.append(f"account {account.email}: unknown role {account.role!r}")
        if account.person and account.person.institution not in seen:
            problems.append(f"account {account.email}: unknown institution {account.person.institution}")
    if demo_data.DEMO_ACCOUNTS[0].role != Role.ADMINISTRATOR:
        problems.append("the first demo account must be the administrator (it acts for the others)")
    for weights in (demo_data.PEOPLE_GENDER_WEIGHTS, demo_data.EXPERT_GENDER_WEIGHTS):
        if set(weights) - set(Gender.values):
            problems.append(f"gender weights: unknown genders {sorted(set(weights) - set(Gender.values))}")
    if set(demo_data.ROSTER_STATUS_WEIGHTS) - set(RosterStatus.values):
        problems.append("roster status weights: unknown statuses")
    for key in demo_data.EU_EXPERTS_PER_ADMINISTRATION:
        if key not in seen:
            problems.append(f"expert quota for unknown administration {key}")
    accounts = {account.email for account in demo_data.DEMO_ACCOUNTS}
    if demo_data.INVITING_OFFICER not in accounts:
        problems.append(f"the inviting officer {demo_data.INVITING_OFFICER} is not a demo account")
    for invitation in demo_data.INVITATIONS:
        if invitation.role not in Role.values or invitation.outcome not in demo_data.INVITATION_OUTCOMES:
            problems.append(f"invitation {invitation}: unknown role or outcome")
        if bool(invitation.institution) == bool(invitation.member_state):
            problems.append(f"invitation {invitation}: name an institution or a Member State, not both")
        if invitation.institution and invitation.institution not in seen:
            problems.append(f"invitation {invitation}: unknown institution")
    return problems


def build_plan(rng: random.Random) -> Plan:
    problems = check_demo_data()
    if problems:
        raise CommandError("partners/demo_data.py is inconsistent:\n  " + "\n  ".join(problems))
    return _PlanBuilder(rng).build()


# --- Writing the plan -------------------------------------------------------------------------------


class Seeder:
    """Creates what the plan holds and the database lacks; counts what it created and found."""

    def __init__(self, password: str):
        self.password = password
        self.summary = SeedSummary()
        self.new_accounts: set[str] = set()
        self.actor: User | None = None

    def _tally(self, what: str, created: bool) -> None:
        self.summary.tally(what, created)

    def run(self, plan: Plan) -> None:
        users = self._accounts()
        institutions = self._institutions()
        departments = self._departments(plan, institutions)
        self._mechanisms(institutions)
        people = self._people(plan, institutions, departments, users)
        self._experts(plan, people)
        self._invitations(plan, people, users)

    def _accounts(self) -> dict[str, User]:
        emails = [account.email for account in demo_data.DEMO_ACCOUNTS]
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        for account in demo_data.DEMO_ACCOUNTS:
            user = users.get(account.email)
            if user is None:
                # The administrator is created by "the system" (actor None); it then acts for the rest,
                # since every registry service checks its actor's permission.
                user = user_create(
                    actor=self.actor,
                    email=account.email,
                    role=account.role,
                    password=self.password,
                    full_name=account.full_name,
                    language=account.language,
                    is_superuser=account.is_superuser,
                )
                users[account.email] = user
                self.new_accounts.add(account.email)
            self._tally("accounts", user.email in self.new_accounts)
            self.summary.accounts.append((account.email, account.role, user.email in self.new_accounts))
            if self.actor is None:
                self.actor = user
        return users

    def _institutions(self) -> dict[InstitutionKey, Institution]:
        existing = {
            institution_key(row.country.code, row.acronym, row.name_en or ""): row
            for row in Institution.objects.all()
        }
        found: dict[InstitutionKey, Institution] = {}
        for seed in demo_data.INSTITUTIONS:
            key = institution_key(seed.country, seed.acronym, seed.name_en)
            institution = existing.get(key)
            if institution is None:
                translations = {
                    f"name_{code}": name
                    for code, name in (("en", seed.name_en), ("fr", seed.name_fr), ("es", seed.name_es))
                    if name  # a missing translation stays empty and falls back (see settings)
                }
                institution = institution_create(
                    actor=self.actor,
                    **translations,
                    acronym=seed.acronym,
                    type=seed.type,
                    country=seed.country,
                    capacity_development_kind=seed.capacity_development_kind,
                    parent=found[seed.parent] if seed.parent else None,
                    website=seed.website,
                )
            self._tally("institutions", key not in existing)
            found[key] = institution
        return found

    def _departments(
        self, plan: Plan, institutions: dict[InstitutionKey, Institution]
    ) -> dict[tuple[int, str], Department]:
        existing = {(d.institution_id, d.name): d for d in Department.objects.all()}
        for key, units in plan.units.items():
            institution = institutions[key]
            for kind, name in units:
                natural_key = (institution.pk, name)
                if natural_key in existing:
                    self._tally("departments", False)
                    continue
                existing[natural_key] = department_create(
                    actor=self.actor, institution=institution, kind=kind, name=name
                )
                self._tally("departments", True)
        return existing

    def _mechanisms(self, institutions: dict[InstitutionKey, Institution]) -> None:
        existing = set(CoordinationMechanism.objects.values_list("name_en", flat=True))
        for seed in demo_data.MECHANISMS:
            if seed.name_en in existing:
                self._tally("coordination mechanisms", False)
                continue
            translations = {
                f"name_{code}": name
                for code, name in (("en", seed.name_en), ("fr", seed.name_fr), ("es", seed.name_es))
                if name
            }
            mechanism_create(
                actor=self.actor,
                members=[institutions[member] for member in seed.members],
                **translations,
                description_en=seed.description_en,
                country=seed.country,
                established_on=seed.established_on,
            )
            self._tally("coordination mechanisms", True)

    def _people(
        self,
        plan: Plan,
        institutions: dict[InstitutionKey, Institution],
        departments: dict[tuple[int, str], Department],
        users: dict[str, User],
    ) -> dict[str, Person]:
        existing = {person.email.lower(): person for person in Person.objects.exclude(email="")}
        new: list[Person] = []
        for planned in plan.people:
            if planned.email in existing:
                self._tally("people", False)
                continue
            institution = institutions[planned.institution]
            person = Person(
                institution=institution,
                department=departments[(institution.pk, planned.department)],
                first_name=planned.first_name,
                last_name=planned.last_name,
                gender=planned.gender,
                position=planned.position,
                email=planned.email,
                languages=list(planned.languages),
                consent_to_contact=planned.consent_to_contact,
                user=users[planned.account_email] if planned.account_email else None,
            )
            new.append(person)
            existing[planned.email] = person
            self._tally("people", True)
        # One validated, audited bulk insert rather than a query or more per person.
        people_bulk_create(actor=self.actor, people=new)
        return existing

    def _experts(self, plan: Plan, people: dict[str, Person]) -> None:
        on_roster = set(Expert.objects.values_list("person_id", flat=True))
        for planned in plan.experts:
            person = people[planned.person_email]
            if person.pk in on_roster:
                self._tally("roster experts", False)
                continue
            expert_create(
                actor=self.actor,
                person=person,
                member_state=planned.member_state,
                expertise_areas=list(planned.expertise_areas),
                roster_status=planned.roster_status,
                nominating_focal_point=people.get(planned.focal_point_email),
            )
            on_roster.add(person.pk)
            self._tally("roster experts", True)

    def _invitations(self, plan: Plan, people: dict[str, Person], users: dict[str, User]) -> None:
        """The officer invites people to the portal through partners.accounts. An expired invitation is
        sent with a validity of zero days (the service dates expiry from INVITATION_VALID_DAYS); an
        accepted one is opened with the token the service draws, as the invitee would from the link
        in the e-mail, which leaves only when the command's transaction commits. A person invited
        before is left as they are."""
        officer = users[demo_data.INVITING_OFFICER]
        invited = set(Invitation.objects.values_list("person_id", flat=True))
        for seed, email in plan.invitations:
            person = people[email]
            created = person.pk not in invited
            if created:
                self._invite(seed, person, officer)
            self._tally("portal invitations", created)
            if seed.outcome == "accepted":
                account = User.objects.filter(person=person).first()
                if account is not None:
                    self.summary.accounts.append((account.email, account.role, created))

    def _invite(self, seed: demo_data.InvitationSeed, person: Person, officer: User) -> None:
        send = {"actor": officer, "person": person, "role": seed.role, "language": seed.language}
        if seed.outcome == "expired":
            with override_settings(INVITATION_VALID_DAYS=0):
                invitation_send(**send)
        elif seed.outcome == "accepted":
            _invitation, token = invitation_issue(**send)
            invitation_accept(
                token=token, password=self.password, full_name=f"{person.first_name} {person.last_name}"
            )
        else:
            invitation_send(**send)


def refuse_in_production() -> None:
    """Demo accounts with a published password must never reach a production database."""
    modules = (getattr(settings, "SETTINGS_MODULE", "") or "", os.environ.get("DJANGO_SETTINGS_MODULE", ""))
    if any(module.endswith(".prod") for module in modules):
        raise CommandError("seed_demo is refused in production settings.")


def seed_partners(*, password: str = demo_data.DEMO_PASSWORD, stdout=None) -> SeedSummary:
    """Create what is missing of the demo partner registry and the demo accounts (new accounts get
    `password`), in one transaction, every write audited with the origin "command:seed_demo".
    Writes a line per kind of object to `stdout` (an OutputWrapper or any object with `write`)."""
    refuse_in_production()
    plan = build_plan(random.Random(RANDOM_SEED))
    seeder = Seeder(password)
    try:
        # English is active so the untranslated `name` columns take the English names.
        with translation.override("en"), origin_scope(ORIGIN), transaction.atomic():
            seeder.run(plan)
    except ApplicationError as error:
        raise CommandError(f"A service refused the partner demo data: {error.message}") from error
    summary = seeder.summary
    countries = Institution.objects.values("country").distinct().count()
    summary.notes.append(f"institutions span {countries} countries")
    if stdout is not None:
        summary.write(stdout)
    return summary
