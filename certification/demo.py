"""The demo certification programmes: institution A's holistic Action certifies national trainers and
peer experts, and the institution's HR and training units have nominated some of its officials.
`seed_certification()` writes them; `manage.py seed_demo` calls it after actions.demo.seed_actions,
whose Actions, participants and accounts it uses.

Everything goes through certification.services with the account the rules require: the programme
officer sets up the programmes and enrols nominees, the HR or training-unit officer nominates and
withdraws. A programme is looked up by its English name; one that exists is left as it is with its
enrolments (its people may have moved on since), so a second run writes nothing.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import translation

from actions.choices import ActionType
from actions.models import Action
from mieux.audit import origin_scope
from mieux.errors import ApplicationError
from mieux.models import User
from partners.demo import ORIGIN, SeedSummary, refuse_in_production
from partners.models import Institution, Person

from . import demo_data
from .choices import CredentialKind, EnrolmentStatus
from .models import CertificationProgramme
from .permissions import NOMINATORS
from .services import enrolment_nominate, enrolment_transition, programme_create

LANGUAGES = ("en", "fr", "es")


def check_demo_data() -> list[str]:
    """Problems in certification.demo_data, found before anything is written (empty when all is well)."""
    problems: list[str] = []
    names = [seed.name[0] for seed in demo_data.PROGRAMMES]
    if len(set(names)) != len(names):
        problems.append("programme names must differ (a programme is found by its English name)")
    for seed in demo_data.PROGRAMMES:
        if seed.kind not in CredentialKind.values:
            problems.append(f"programme {seed.name[0]!r}: unknown credential {seed.kind!r}")
        if not all(seed.name) or not all(seed.description):
            problems.append(
                f"programme {seed.name[0]!r}: name and describe it in English, French and Spanish"
            )
    for seed in demo_data.ENROLMENTS:
        if not 0 <= seed.programme < len(demo_data.PROGRAMMES):
            problems.append(f"enrolment {seed}: no programme {seed.programme}")
        if seed.outcome not in demo_data.ENROLMENT_OUTCOMES:
            problems.append(f"enrolment {seed}: unknown outcome {seed.outcome!r}")
        if seed.outcome == "withdrawn" and not seed.reason:
            problems.append(f"enrolment {seed}: a withdrawal says why")
    return problems


class CertificationSeeder:
    """Creates the programmes the database lacks, with their enrolments; counts what it created and found."""

    def __init__(self):
        self.summary = SeedSummary()

    def run(self) -> None:
        users = self._accounts()
        institution, actions = self._actions()
        officer = users[demo_data.OFFICER_EMAIL]
        existing = {programme.name_en: programme for programme in CertificationProgramme.objects.all()}
        created: list[bool] = []
        programmes: list[CertificationProgramme] = []
        for seed in demo_data.PROGRAMMES:
            programme = existing.get(seed.name[0])
            created.append(programme is None)
            if programme is None:
                programme = programme_create(
                    actor=officer,
                    actions=actions,
                    kind=seed.kind,
                    accepts_nominations=seed.accepts_nominations,
                    **{f"name_{code}": name for code, name in zip(LANGUAGES, seed.name, strict=True)},
                    **{
                        f"description_{code}": text
                        for code, text in zip(LANGUAGES, seed.description, strict=True)
                    },
                )
            self.summary.tally("certification programmes", created[-1])
            programmes.append(programme)
        officials = iter(self._officials(institution, actions))
        for seed in demo_data.ENROLMENTS:
            if not created[seed.programme]:
                self.summary.tally("enrolments", False)
                continue
            person = users[seed.official].person if seed.official else next(officials, None)
            if person is None:
                raise CommandError(f"Too few officials of {institution} attended its holistic Actions.")
            nominator = users[seed.nominated_by]
            enrolment = enrolment_nominate(
                actor=nominator,
                programme=programmes[seed.programme],
                person=person,
                motivation=seed.motivation,
            )
            if seed.outcome == "enrolled":
                enrolment_transition(enrolment, actor=officer, to=EnrolmentStatus.ENROLLED)
            elif seed.outcome == "withdrawn":
                enrolment_transition(
                    enrolment, actor=nominator, to=EnrolmentStatus.WITHDRAWN, comment=seed.reason
                )
            self.summary.tally("enrolments", True)

    def _accounts(self) -> dict[str, User]:
        emails = {demo_data.OFFICER_EMAIL, *(seed.nominated_by for seed in demo_data.ENROLMENTS)}
        emails |= {seed.official for seed in demo_data.ENROLMENTS if seed.official}
        users = {user.email: user for user in User.objects.filter(email__in=emails).select_related("person")}
        missing = sorted(emails - set(users))
        if missing:
            raise CommandError(f"Seed the partner demo data first: no account {', '.join(missing)}.")
        for seed in demo_data.ENROLMENTS:
            if users[seed.nominated_by].role not in NOMINATORS:
                raise CommandError(f"{seed.nominated_by} is not an HR or training-unit officer.")
        return users

    def _actions(self) -> tuple[Institution, list[Action]]:
        country, acronym = demo_data.INSTITUTION_A
        institution = Institution.objects.filter(country=country, acronym=acronym).first()
        if institution is None:
            raise CommandError(f"Seed the partner demo data first: no institution {acronym} ({country}).")
        actions = list(
            Action.objects.filter(type=ActionType.HOLISTIC, partner_links__institution=institution)
            .distinct()
            .order_by("approved_on", "id")
        )
        if not actions:
            raise CommandError(f"Seed the Actions first: {acronym} takes part in no holistic Action.")
        return institution, actions

    @staticmethod
    def _officials(institution: Institution, actions: list[Action]) -> list[Person]:
        """The institution's officials without an account or a roster entry who attended its holistic
        Actions, those who attended most first."""
        return list(
            Person.objects.filter(
                institution=institution,
                user__isnull=True,
                expert_profile__isnull=True,
                participations__activity__action__in=actions,
            )
            .annotate(attended=Count("participations"))
            .order_by("-attended", "email")
        )


def seed_certification(*, stdout=None) -> SeedSummary:
    """Create what is missing of the demo certification programmes and enrolments, in one
    transaction, every write audited with the origin "command:seed_demo". Needs the partner and
    Action demo data (partners.demo.seed_partners, actions.demo.seed_actions)."""
    refuse_in_production()
    problems = check_demo_data()
    if problems:
        raise CommandError("certification/demo_data.py is inconsistent:\n  " + "\n  ".join(problems))
    seeder = CertificationSeeder()
    try:
        # English is active so the untranslated `name` and `description` columns take the English text.
        with translation.override("en"), origin_scope(ORIGIN), transaction.atomic():
            seeder.run()
    except ApplicationError as error:
        raise CommandError(f"A service refused the certification demo data: {error.message}") from error
    if stdout is not None:
        seeder.summary.write(stdout)
    return seeder.summary
