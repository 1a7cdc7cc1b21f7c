"""The demo certification programmes: institution A's holistic Action certifies national trainers and
peer experts, and the institution's HR and training units nominate its officials, sign their steps
off and keep one curriculum for its staff. `seed_certification()` writes them; `manage.py seed_demo`
calls it after actions.demo.seed_actions, whose Actions, activities, participants and accounts it uses.

Everything goes through certification.services with the account the rules require: the programme
officer sets up the programmes (competencies, mandatory modules, co-signing capacity development
institution, recognition evidence), enrols nominees, records assessments and replica sessions and
moves them on; the HR or training-unit officer nominates, signs off and withdraws; the programme
manager decides at the panel, which issues the credential (signed, with its PDF), and revokes one;
the training unit keeps the curriculum and learning records, HR records the career step. Each
candidate reaches their step through the guarded workflow, so their evidence is what that step needs.

A programme is looked up by its English name; one that exists is left as it is with its enrolments
(its people may have moved on since), and so is an existing curriculum: a second run writes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation

from actions.choices import HELD_ACTIVITY_STATUSES, ActionType, PartnerRole
from actions.models import Action, Activity, Participation
from mieux.audit import origin_scope
from mieux.errors import ApplicationError
from mieux.models import User
from partners.demo import ORIGIN, SeedSummary, refuse_in_production
from partners.models import Institution, Person

from . import demo_data, services
from .choices import (
    AssessmentKind,
    CareerChangeKind,
    CredentialKind,
    CredentialStatus,
    EnrolmentStatus,
    ModuleProvider,
    RecognitionKind,
)
from .models import CertificationProgramme, Credential, Curriculum, Enrolment
from .permissions import NOMINATORS

LANGUAGES = ("en", "fr", "es")
E = EnrolmentStatus
# The steps from enrolment to the panel, in order, as the workflow walks them.
WALK = (E.ENROLLED, E.IN_TRAINING, E.ASSESSMENT, E.SUPERVISED_PRACTICE, E.PORTFOLIO_REVIEW, E.PANEL_DECISION)
# A candidate at these steps (or past them) has met the attendance rule.
ATTENDANCE_MET_FROM = frozenset({*WALK[2:], "certified", "not_certified"})


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
        if not seed.competencies or not all(all(names) for names in seed.competencies):
            problems.append(
                f"programme {seed.name[0]!r}: name its competencies in English, French and Spanish"
            )
    for seed in demo_data.ENROLMENTS:
        if not 0 <= seed.programme < len(demo_data.PROGRAMMES):
            problems.append(f"enrolment {seed}: no programme {seed.programme}")
        if seed.outcome not in demo_data.ENROLMENT_OUTCOMES:
            problems.append(f"enrolment {seed}: unknown outcome {seed.outcome!r}")
        if seed.outcome == "withdrawn" and not seed.reason:
            problems.append(f"enrolment {seed}: a withdrawal says why")
        if seed.outcome == "not_certified" and not seed.panel_comment:
            problems.append(f"enrolment {seed}: the panel says why it does not certify")
        if (seed.outcome == "certified") != bool(seed.credential) or (
            seed.credential and seed.credential not in demo_data.CREDENTIAL_FATES
        ):
            problems.append(
                f"enrolment {seed}: a certified candidate's credential is active, expired or revoked"
            )
    for seed in demo_data.RECOGNITIONS:
        if seed.kind not in RecognitionKind.values:
            problems.append(f"recognition {seed.title!r}: unknown kind {seed.kind!r}")
    for seed in demo_data.MODULES:
        if seed.provider_kind not in ModuleProvider.values:
            problems.append(f"module {seed.title!r}: unknown provider kind {seed.provider_kind!r}")
    for seed in demo_data.LEARNING:
        if not 0 <= seed.module < len(demo_data.MODULES):
            problems.append(f"learning record {seed}: no module {seed.module}")
    return problems


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    return datetime.date(month_index // 12, month_index % 12 + 1, min(day.day, 28))


class CertificationSeeder:
    """Creates the programmes the database lacks, with their enrolments, and institution A's
    curriculum if it has none; counts what it created and found."""

    def __init__(self):
        self.summary = SeedSummary()
        self.today = timezone.localdate()

    def run(self) -> None:
        self.users = self._accounts()
        self.officer = self.users[demo_data.OFFICER_EMAIL]
        self.manager = self.users[demo_data.MANAGER_EMAIL]
        institution, actions = self._actions()
        existing = {programme.name_en: programme for programme in CertificationProgramme.objects.all()}
        created: list[bool] = []
        programmes: list[CertificationProgramme] = []
        for index, seed in enumerate(demo_data.PROGRAMMES):
            programme = existing.get(seed.name[0])
            created.append(programme is None)
            if programme is None:
                programme = self._programme(seed, actions)
                for recognition in demo_data.RECOGNITIONS:
                    if recognition.programme == index:
                        self._recognition(programme, recognition, institution)
            self.summary.tally("certification programmes", created[-1])
            programmes.append(programme)
        self.used: set[int] = set()
        for seed in demo_data.ENROLMENTS:
            if not created[seed.programme]:
                self.summary.tally("enrolments", False)
                continue
            programme = programmes[seed.programme]
            person = self._official_for(seed, programme, institution, actions)
            self._enrolment(seed, programme, person)
            self.summary.tally("enrolments", True)
        self._curriculum(institution, programmes)

    # --- Programmes -----------------------------------------------------------------------------

    def _programme(self, seed, actions: list[Action]) -> CertificationProgramme:
        mandatory = Activity.objects.filter(
            action__in=actions,
            type__in=seed.mandatory_activity_types,
            status__in=sorted(HELD_ACTIVITY_STATUSES),
        ).order_by("action_id", "sequence")
        programme = services.programme_create(
            actor=self.officer,
            actions=actions,
            mandatory_activities=list(mandatory),
            kind=seed.kind,
            accepts_nominations=seed.accepts_nominations,
            co_signer=self._co_signer(actions),
            **{f"name_{code}": name for code, name in zip(LANGUAGES, seed.name, strict=True)},
            **{f"description_{code}": text for code, text in zip(LANGUAGES, seed.description, strict=True)},
        )
        for position, names in enumerate(seed.competencies):
            services.competency_create(
                actor=self.officer,
                programme=programme,
                position=position,
                **{f"name_{code}": name for code, name in zip(LANGUAGES, names, strict=True)},
            )
        return programme

    @staticmethod
    def _co_signer(actions: list[Action]) -> Institution | None:
        """The capacity development institution of the programme's Actions co-signs its credentials."""
        return (
            Institution.objects.filter(
                action_links__action__in=actions,
                action_links__role=PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION,
            )
            .order_by("id")
            .first()
        )

    def _recognition(self, programme, seed, institution) -> None:
        services.recognition_record(
            actor=self.officer,
            programme=programme,
            institution=institution,
            kind=seed.kind,
            title=seed.title,
            reference=seed.reference,
            recognised_on=datetime.date.fromisoformat(seed.recognised_on),
        )
        self.summary.tally("recognition evidence", True)

    # --- Candidates on their path ---------------------------------------------------------------

    def _official_for(self, seed, programme, institution, actions) -> Person:
        if seed.official:
            person = self.users[seed.official].person
        else:
            needs_attendance = seed.outcome in ATTENDANCE_MET_FROM
            pool = self._pool(programme, institution, actions)
            threshold = programme.min_attendance_percent
            free = [candidate for candidate in pool if candidate.pk not in self.used]
            meeting = [candidate for candidate in free if candidate.mandatory_attendance >= threshold]
            # Those short of the attendance rule fill the early steps, so enough remain for the later.
            short = [candidate for candidate in free if candidate.mandatory_attendance < threshold]
            person = next(iter(meeting if needs_attendance else short + meeting), None)
            if person is None:
                raise CommandError(
                    f"Too few officials of {institution} attended the mandatory modules of {programme} "
                    f"for a candidate at “{seed.outcome}”."
                )
        self.used.add(person.pk)
        return person

    def _pool(self, programme, institution, actions) -> list[Person]:
        """The institution's officials without an account or a roster entry who attended its holistic
        Actions, with their mean attendance of the programme's mandatory modules; those who attended
        them best first."""
        if getattr(self, "_pools", None) is None:
            self._pools = {}
        if programme.pk not in self._pools:
            mandatory = list(programme.mandatory_activities.values_list("id", flat=True))
            attended = dict(
                Participation.objects.filter(activity_id__in=mandatory)
                .values("person_id")
                .annotate(total=Sum("attendance_percent"))
                .values_list("person_id", "total")
            )
            people = list(
                Person.objects.filter(
                    institution=institution,
                    user__isnull=True,
                    expert_profile__isnull=True,
                    participations__activity__action__in=actions,
                )
                .annotate(attended=Count("participations"))
                .order_by("-attended", "email")
            )
            for person in people:
                total = attended.get(person.pk) or Decimal("0")
                person.mandatory_attendance = (Decimal(total) / len(mandatory)) if mandatory else Decimal("0")
            people.sort(key=lambda person: -person.mandatory_attendance)  # stable: keeps the order above
            self._pools[programme.pk] = people
        return self._pools[programme.pk]

    def _enrolment(self, seed, programme, person) -> Enrolment:
        nominator = self.users[seed.nominated_by]
        enrolment = services.enrolment_nominate(
            actor=nominator, programme=programme, person=person, motivation=seed.motivation
        )
        if seed.outcome == "withdrawn":
            return self._move(enrolment, nominator, E.WITHDRAWN, seed.reason)
        if seed.outcome == "nominated":
            return enrolment
        target = {"certified": E.PANEL_DECISION, "not_certified": E.PANEL_DECISION}.get(
            seed.outcome, seed.outcome
        )
        for step in WALK:
            enrolment = self._move(enrolment, self.officer, step)
            if step == target:
                break
            self._evidence_to_leave(enrolment, step)
        self._evidence_so_far(enrolment, target)
        if seed.signed_off or seed.outcome in {"certified", "not_certified"}:
            services.sign_off_record(
                enrolment,
                actor=self.users[demo_data.HR_A_EMAIL],
                comment=demo_data.SIGN_OFF_COMMENTS[E.PANEL_DECISION],
            )
        if seed.outcome == "not_certified":
            return self._move(enrolment, self.manager, E.NOT_CERTIFIED, seed.panel_comment)
        if seed.outcome == "certified":
            enrolment = self._move(enrolment, self.manager, E.CERTIFIED)
            self._credential_fate(enrolment, seed.credential)
        return enrolment

    def _move(self, enrolment, actor, to, comment: str = "") -> Enrolment:
        return services.enrolment_transition(enrolment, actor=actor, to=to, comment=comment)

    def _evidence_to_leave(self, enrolment, step) -> None:
        """What the programme records at `step` so that the candidate may move on."""
        programme = enrolment.programme
        if step == E.ENROLLED:
            services.sign_off_record(
                enrolment,
                actor=self.users[demo_data.TRAINING_A_EMAIL],
                comment=demo_data.SIGN_OFF_COMMENTS[E.ENROLLED],
            )
        elif step == E.ASSESSMENT:
            self._assess(enrolment, AssessmentKind.KNOWLEDGE_TEST, score=demo_data.KNOWLEDGE_PASSED)
            rubric = {
                str(pk): demo_data.RUBRIC_LEVEL for pk in programme.competencies.values_list("pk", flat=True)
            }
            self._assess(enrolment, AssessmentKind.PRACTICAL, rubric=rubric)
        elif step == E.SUPERVISED_PRACTICE:
            for title, colleagues, rating in demo_data.REPLICA_SESSIONS[
                : programme.replica_sessions_required
            ]:
                self._replica_session(enrolment, title, colleagues, rating)
        elif step == E.PORTFOLIO_REVIEW and programme.portfolio_required:
            self._assess(enrolment, AssessmentKind.PORTFOLIO_REVIEW, portfolio_accepted=True)

    def _evidence_so_far(self, enrolment, step) -> None:
        """What a candidate still at `step` has done of it."""
        if step == E.ASSESSMENT:
            self._assess(enrolment, AssessmentKind.KNOWLEDGE_TEST, score=demo_data.KNOWLEDGE_FAILED)
        elif step == E.SUPERVISED_PRACTICE:
            title, colleagues, rating = demo_data.REPLICA_SESSIONS[0]
            self._replica_session(enrolment, title, colleagues, rating)

    def _assess(self, enrolment, kind, **result) -> None:
        services.assessment_record(
            actor=self.officer, enrolment=enrolment, kind=kind, assessed_on=self.today, **result
        )
        self.summary.tally("assessments", True)

    def _replica_session(self, enrolment, title, colleagues, rating) -> None:
        services.replica_session_record(
            actor=self.officer,
            trainer=enrolment.person,
            enrolment=enrolment,
            title=title,
            held_on=self.today,
            supervised=True,
            colleagues_trained=colleagues,
            average_rating=Decimal(rating),
        )
        self.summary.tally("replica sessions", True)

    def _credential_fate(self, enrolment, fate: str) -> None:
        """The certification issued an active credential; an "expired" candidate also holds the one
        of an earlier round, issued long ago and expired by the daily task; a "revoked" one lost it."""
        credential = enrolment.credentials.get()
        if fate == "expired":
            issued_on = _months_before(self.today, demo_data.EXPIRED_AGO_MONTHS)
            services.credential_issue(enrolment, actor=self.manager, issued_on=issued_on)
            services.credentials_expire(today=self.today)
        elif fate == "revoked":
            reason, note = demo_data.REVOCATION
            services.credential_revoke(credential, actor=self.manager, reason=reason, note=note)
        self.summary.tally("credentials", True, enrolment.credentials.count())

    # --- The institution's curriculum -----------------------------------------------------------

    def _curriculum(self, institution, programmes) -> None:
        if Curriculum.objects.filter(institution=institution).exists():
            self.summary.tally("curricula", False)
            return
        training = self.users[demo_data.TRAINING_A_EMAIL]
        name, description = demo_data.CURRICULUM
        curriculum = services.curriculum_create(
            actor=training, institution=institution, name=name, description=description
        )
        self.summary.tally("curricula", True)
        modules = []
        for seed in demo_data.MODULES:
            programme = programmes[seed.programme] if seed.programme is not None else None
            trainers = (
                Person.objects.filter(
                    institution=institution,
                    credentials__programme=programme,
                    credentials__status=CredentialStatus.ACTIVE,
                )
                .distinct()
                .order_by("last_name", "id")
                if programme is not None
                else ()
            )
            modules.append(
                services.module_create(
                    actor=training,
                    curriculum=curriculum,
                    trainers=list(trainers),
                    title=seed.title,
                    provider_kind=seed.provider_kind,
                    provider=seed.provider,
                    programme=programme,
                    hours=Decimal(seed.hours),
                    refresher_months=seed.refresher_months,
                )
            )
            self.summary.tally("curriculum modules", True)
        for seed in demo_data.LEARNING:
            services.learning_record_create(
                actor=training,
                person=self.users[seed.official].person,
                module=modules[seed.module],
                completed_on=_months_before(self.today, seed.months_ago),
            )
            self.summary.tally("learning records", True)
        # The certification itself is a line of the official's learning record, and HR records what
        # it changed in their career.
        hr = self.users[demo_data.HR_A_EMAIL]
        official = self.users[demo_data.OFFICIAL_A_EMAIL].person
        for credential in Credential.objects.filter(
            person=official, status=CredentialStatus.ACTIVE
        ).select_related("programme"):
            services.learning_record_create(
                actor=training,
                person=official,
                title=credential.programme.name,
                provider=settings.PROGRAMME_NAME,
                completed_on=credential.issued_on,
                refresh_by=credential.valid_until,
                credential=credential,
            )
            self.summary.tally("learning records", True)
            change, description = demo_data.CAREER_STEP
            services.career_step_record(
                actor=hr,
                person=official,
                credential=credential,
                change=CareerChangeKind(change),
                description=description,
                effective_on=credential.issued_on,
            )
            self.summary.tally("career steps", True)

    # --- What the seeding needs -----------------------------------------------------------------

    def _accounts(self) -> dict[str, User]:
        emails = {
            demo_data.OFFICER_EMAIL,
            demo_data.MANAGER_EMAIL,
            demo_data.HR_A_EMAIL,
            demo_data.TRAINING_A_EMAIL,
            *(seed.nominated_by for seed in demo_data.ENROLMENTS),
            *(seed.official for seed in demo_data.LEARNING),
        }
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
