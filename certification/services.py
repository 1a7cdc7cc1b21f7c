"""Every write to certification, each checked and audited (see mieux.services)."""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import ActionPartner
from mieux.errors import ApplicationError, Conflict
from mieux.roles import Role
from mieux.services import (
    create_audited,
    delete_audited,
    require,
    transition_apply,
    update_audited,
    update_fields_audited,
)

from . import certificates, issuer, openbadges
from .choices import (
    LIVE_ENROLMENT_STATUSES,
    AssessmentKind,
    BulkIssueStatus,
    CredentialStatus,
    EnrolmentStatus,
    RevocationReason,
)
from .models import (
    Assessment,
    BulkIssue,
    CertificationProgramme,
    Competency,
    Credential,
    Enrolment,
    RecognitionEvidence,
    ReplicaSession,
    SignOff,
)
from .permissions import (
    can_nominate,
    can_record_replica_session,
    can_sign_off,
    is_programme_manager,
    is_programme_officer,
    sign_off_unit_of,
)
from .workflows import ENROLMENT_WORKFLOW


def _check_mandatory_activities(actions, mandatory_activities) -> None:
    """Mandatory modules are activities of the programme's own Actions."""
    action_ids = {action.pk for action in actions}
    stray = [activity for activity in mandatory_activities or () if activity.action_id not in action_ids]
    if stray:
        raise ApplicationError(
            _("Mandatory modules must be activities of the programme's Actions."),
            fields={
                "mandatory_activities": [_("%(activity)s is not in these Actions.") % {"activity": stray[0]}]
            },
        )


@transaction.atomic
def programme_create(*, actor, actions=(), mandatory_activities=(), **fields) -> CertificationProgramme:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    actions = list(actions)
    _check_mandatory_activities(actions, mandatory_activities)
    return create_audited(
        CertificationProgramme,
        actor=actor,
        many={"actions": actions, "mandatory_activities": mandatory_activities},
        **fields,
    )


@transaction.atomic
def programme_update(
    programme: CertificationProgramme, *, actor, actions=None, mandatory_activities=None, **fields
) -> CertificationProgramme:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    many = {}
    if actions is not None:
        many["actions"] = list(actions)
    if mandatory_activities is not None:
        many["mandatory_activities"] = list(mandatory_activities)
    if "mandatory_activities" in many:
        _check_mandatory_activities(
            many.get("actions", programme.actions.all()), many["mandatory_activities"]
        )
    return update_audited(programme, actor=actor, many=many or None, **fields)


def programme_delete(programme: CertificationProgramme, *, actor) -> None:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    delete_audited(programme, actor=actor)


@transaction.atomic
def enrolment_nominate(
    *, actor, programme: CertificationProgramme, person, motivation: str = ""
) -> Enrolment:
    """The HR or training unit nominates one of its institution's officials for a programme its
    institution takes part in (through one of the programme's Actions). An official holds one live
    place per programme."""
    require(
        can_nominate(actor, person), _("Only your institution's HR or training unit nominates its officials.")
    )
    if not programme.accepts_nominations:
        raise Conflict(
            _("This programme is not taking nominations."),
            fields={"programme": [_("Not open for nominations.")]},
        )
    taking_part = ActionPartner.objects.filter(
        action__in=programme.actions.all(), institution_id=person.institution_id
    ).exists()
    if not taking_part:
        raise ApplicationError(
            _("%(person)s's institution does not take part in this programme's Actions.")
            % {"person": person},
            fields={"person": [_("The official's institution does not take part in this programme.")]},
        )
    user = person.user
    if user is not None and user.role not in {
        Role.OFFICIAL,
        Role.HR_OFFICER,
        Role.TRAINING_OFFICER,
        Role.FOCAL_POINT,
    }:
        raise ApplicationError(
            _("Only officials of partner institutions are certified."),
            fields={"person": [_("Not an official of a partner institution.")]},
        )
    if Enrolment.objects.filter(
        programme=programme, person=person, status__in=LIVE_ENROLMENT_STATUSES
    ).exists():
        raise Conflict(
            _("%(person)s is already nominated for or enrolled in this programme.") % {"person": person},
            fields={"person": [_("Already nominated or enrolled.")]},
        )
    return create_audited(
        Enrolment,
        actor=actor,
        programme=programme,
        person=person,
        institution_id=person.institution_id,
        nominated_by=actor,
        nominated_on=timezone.localdate(),
        motivation=motivation,
    )


@transaction.atomic
def enrolment_transition(enrolment: Enrolment, *, actor, to: str, comment: str = "") -> Enrolment:
    """Move a candidate along the path (guards in workflows.py); certifying issues the credential in
    the same transaction, so there is never a certified candidate without one."""
    enrolment = transition_apply(enrolment, machine=ENROLMENT_WORKFLOW, to=to, actor=actor, comment=comment)
    if enrolment.status == EnrolmentStatus.CERTIFIED:
        credential_issue(enrolment, actor=actor)
    return enrolment


# --- Competencies and enabling-environment evidence ---------------------------------------------


def competency_create(*, actor, programme: CertificationProgramme, **fields) -> Competency:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    return create_audited(Competency, actor=actor, programme=programme, **fields)


def competency_update(competency: Competency, *, actor, **fields) -> Competency:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    return update_audited(competency, actor=actor, **fields)


def competency_delete(competency: Competency, *, actor) -> None:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    delete_audited(competency, actor=actor)


def recognition_record(*, actor, programme: CertificationProgramme, **fields) -> RecognitionEvidence:
    """Evidence that the scheme is recognised in the enabling environment (a coordination
    mechanism's decision, a regulation, a policy)."""
    require(is_programme_officer(actor), _("Only programme staff record recognition of a scheme."))
    return create_audited(RecognitionEvidence, actor=actor, programme=programme, **fields)


def recognition_delete(evidence: RecognitionEvidence, *, actor) -> None:
    require(is_programme_officer(actor), _("Only programme staff record recognition of a scheme."))
    delete_audited(evidence, actor=actor)


# --- The certification path ---------------------------------------------------------------------

ASSESSABLE_STATUSES = frozenset(
    {
        EnrolmentStatus.IN_TRAINING,
        EnrolmentStatus.ASSESSMENT,
        EnrolmentStatus.SUPERVISED_PRACTICE,
        EnrolmentStatus.PORTFOLIO_REVIEW,
        EnrolmentStatus.PANEL_DECISION,
    }
)
RUBRIC_MAX_LEVEL = 4


def rubric_score(programme: CertificationProgramme, rubric: dict) -> Decimal:
    """A rubric ({competency id: level 0–4}) as a percentage of the maximum. Every competency of the
    programme must be scored, so a forgotten criterion cannot raise the score."""
    competency_ids = {str(pk) for pk in programme.competencies.values_list("pk", flat=True)}
    if not competency_ids:
        raise ApplicationError(
            _("The programme has no competencies to score on a rubric."),
            fields={"rubric": [_("Add the programme's competencies first, or enter a score.")]},
        )
    given = {str(key): value for key, value in rubric.items()}
    unknown = sorted(set(given) - competency_ids)
    missing = sorted(competency_ids - set(given))
    errors = []
    if unknown:
        errors.append(_("Not a competency of this programme: %(ids)s.") % {"ids": ", ".join(unknown)})
    if missing:
        errors.append(_("Score every competency; missing: %(ids)s.") % {"ids": ", ".join(missing)})
    for key, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= RUBRIC_MAX_LEVEL:
            errors.append(
                _("Competency %(id)s: the level must be a whole number from 0 to %(max)s.")
                % {"id": key, "max": RUBRIC_MAX_LEVEL}
            )
    if errors:
        raise ApplicationError(" ".join(errors), fields={"rubric": errors})
    total = sum(given.values())
    return (Decimal(total) * 100 / (RUBRIC_MAX_LEVEL * len(competency_ids))).quantize(Decimal("0.1"))


@transaction.atomic
def assessment_record(
    *,
    actor,
    enrolment: Enrolment,
    kind: str,
    assessed_on,
    score=None,
    rubric: dict | None = None,
    portfolio_accepted: bool | None = None,
    replica_session: ReplicaSession | None = None,
    comment: str = "",
    evidence=None,
) -> Assessment:
    """An assessor's result. Knowledge tests and supervised deliveries carry a score; a practical
    assessment is scored on the rubric of the programme's competencies (or given a score); a
    portfolio review says whether the portfolio is accepted. Only candidates on their path (from
    training to the panel) are assessed."""
    require(is_programme_officer(actor), _("Only programme staff record assessments."))
    if enrolment.status not in ASSESSABLE_STATUSES:
        raise Conflict(
            _("Only candidates between training and the panel are assessed."),
            fields={"enrolment": [_("This candidate is not on the certification path.")]},
        )
    rubric = rubric or {}
    if rubric and kind != AssessmentKind.PRACTICAL:
        raise ApplicationError(
            _("Only a practical assessment is scored on the rubric."),
            fields={"rubric": [_("Leave the rubric empty for this kind of assessment.")]},
        )
    if kind == AssessmentKind.PRACTICAL and rubric:
        score = rubric_score(enrolment.programme, rubric)
    if kind == AssessmentKind.PORTFOLIO_REVIEW:
        if portfolio_accepted is None:
            raise ApplicationError(
                _("Say whether the portfolio is accepted."),
                fields={"portfolio_accepted": [_("Accepted or not accepted.")]},
            )
    elif score is None:
        raise ApplicationError(_("Enter the score."), fields={"score": [_("This field is required.")]})
    if replica_session is not None and replica_session.enrolment_id != enrolment.pk:
        raise ApplicationError(
            _("The replica session must be one the candidate delivered on this path."),
            fields={"replica_session": [_("Not a session of this candidate.")]},
        )
    return create_audited(
        Assessment,
        actor=actor,
        enrolment=enrolment,
        kind=kind,
        assessor=actor,
        assessed_on=assessed_on,
        score=score,
        rubric=rubric,
        portfolio_accepted=portfolio_accepted if kind == AssessmentKind.PORTFOLIO_REVIEW else None,
        replica_session=replica_session,
        comment=comment,
        evidence=evidence or "",
    )


def _activity_figures(activity) -> tuple[int, Decimal | None]:
    figures = activity.participations.aggregate(count=Count("id"), rating=Avg("satisfaction"))
    rating = figures["rating"]
    return figures["count"], (None if rating is None else Decimal(str(rating)).quantize(Decimal("0.1")))


@transaction.atomic
def replica_session_record(
    *,
    actor,
    trainer,
    title: str,
    held_on,
    supervised: bool = False,
    enrolment: Enrolment | None = None,
    activity=None,
    module=None,
    colleagues_trained: int = 0,
    average_rating=None,
) -> ReplicaSession:
    """A session an official delivered to colleagues. When it was a MIEUX+ activity its participant
    count and rating are taken from the activity's participations, not typed in."""
    require(
        can_record_replica_session(actor, trainer.institution_id),
        _("Only programme staff and the institution's training unit record replica sessions."),
    )
    if enrolment is not None and enrolment.person_id != trainer.pk:
        raise ApplicationError(
            _("The enrolment must be the trainer's own."),
            fields={"enrolment": [_("Not an enrolment of this trainer.")]},
        )
    if module is not None and module.curriculum.institution_id != trainer.institution_id:
        raise ApplicationError(
            _("The module must belong to the trainer's institution's curriculum."),
            fields={"module": [_("Not in this institution's curriculum.")]},
        )
    if (
        activity is not None
        and enrolment is not None
        and not enrolment.programme.actions.filter(pk=activity.action_id).exists()
    ):
        raise ApplicationError(
            _("The activity must belong to one of the programme's Actions."),
            fields={"activity": [_("Not an activity of this programme's Actions.")]},
        )
    if activity is not None:
        colleagues_trained, average_rating = _activity_figures(activity)
    return create_audited(
        ReplicaSession,
        actor=actor,
        trainer=trainer,
        institution_id=trainer.institution_id,
        enrolment=enrolment,
        activity=activity,
        module=module,
        title=title,
        held_on=held_on,
        supervised=supervised,
        colleagues_trained=colleagues_trained,
        average_rating=average_rating,
        recorded_by=actor,
    )


def replica_session_delete(session: ReplicaSession, *, actor) -> None:
    require(
        can_record_replica_session(actor, session.institution_id),
        _("Only programme staff and the institution's training unit record replica sessions."),
    )
    delete_audited(session, actor=actor)


@transaction.atomic
def sign_off_record(enrolment: Enrolment, *, actor, comment: str = "") -> SignOff:
    """The candidate's institution signs the current step off, as HR department or training unit
    (by the officer's role). Once per step and unit."""
    require(
        can_sign_off(actor, enrolment),
        _("Only the HR or training-unit officer of the candidate's institution signs off."),
    )
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in LIVE_ENROLMENT_STATUSES or enrolment.status == EnrolmentStatus.CERTIFIED:
        raise Conflict(
            _("There is no step to sign off: the path has ended."),
            fields={"enrolment": [_("The path has ended.")]},
        )
    unit = sign_off_unit_of(actor)
    if SignOff.objects.filter(enrolment=enrolment, step=enrolment.status, unit=unit).exists():
        raise Conflict(
            _("Your unit has already signed this step off."),
            fields={"step": [_("Already signed off.")]},
        )
    return create_audited(
        SignOff,
        actor=actor,
        enrolment=enrolment,
        step=enrolment.status,
        unit=unit,
        signed_by=actor,
        signed_at=timezone.now(),
        comment=comment,
    )


# --- Credentials --------------------------------------------------------------------------------


def _holder_language(person) -> str:
    """The holder's language for the certificate: their account's, else the first of theirs we
    publish in, else English."""
    available = {code for code, _name in settings.LANGUAGES}
    user = person.user
    if user is not None and user.language in available:
        return user.language
    for code in person.languages or []:
        if code in available:
            return code
    return "en"


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def _sign_and_render(credential: Credential) -> None:
    """Build the Open Badges document, sign it, render the certificate; the credential row exists
    (the documents carry its id and status index)."""
    document = openbadges.credential_document(credential)
    token, kid = issuer.sign(openbadges.jwt_claims(credential, document))
    pdf = certificates.render_certificate_pdf(credential)
    credential.document = document
    credential.jwt = token
    credential.signing_key_id = kid
    credential.certificate.save(f"certificate-{credential.public_id}.pdf", ContentFile(pdf), save=False)
    credential.save(update_fields=["document", "jwt", "signing_key_id", "certificate", "updated_at"])


@transaction.atomic
def credential_issue(enrolment: Enrolment, *, actor, issued_on: datetime.date | None = None) -> Credential:
    """Issue the credential of a certified candidate: valid for the programme's validity from today,
    signed with the current issuer key, with its PDF certificate in the holder's language. One
    active credential per enrolment (a renewal supersedes the old one)."""
    require(is_programme_manager(actor) or actor is None, _("Only programme managers issue credentials."))
    if enrolment.status != EnrolmentStatus.CERTIFIED:
        raise Conflict(
            _("Only a certified candidate receives a credential."),
            fields={"enrolment": [_("Not certified.")]},
        )
    person = enrolment.person
    if not person.email:
        raise ApplicationError(
            _("%(person)s has no e-mail address: the credential identifies its holder by it.")
            % {"person": person},
            fields={"person": [_("An e-mail address is required.")]},
        )
    issued_on = issued_on or timezone.localdate()
    salt, subject_hash = openbadges.subject_identity(person.email)
    fields = {
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "person": person,
        "institution_id": enrolment.institution_id,
        "kind": enrolment.programme.kind,
        "language": _holder_language(person),
        "issued_on": issued_on,
        "valid_until": _add_months(issued_on, enrolment.programme.validity_months)
        - datetime.timedelta(days=1),
        "subject_salt": salt,
        "subject_hash": subject_hash,
        "issued_by": actor,
    }
    # A random status-list position: two credentials issued at the same instant may draw the same
    # one; the unique constraint refuses the second and it draws again.
    for attempt in range(3):
        try:
            with transaction.atomic():
                credential = create_audited(
                    Credential, actor=actor, status_index=openbadges.allocate_status_index(), **fields
                )
            break
        except IntegrityError:
            if attempt == 2:
                raise
    _sign_and_render(credential)
    return credential


def _credential_locked(credential: Credential) -> Credential:
    return Credential.objects.select_for_update().get(pk=credential.pk)


@transaction.atomic
def credential_suspend(credential: Credential, *, actor, note: str) -> Credential:
    """Suspend an active credential (it stops verifying until reinstated), saying why."""
    require(is_programme_manager(actor), _("Only programme managers suspend credentials."))
    credential = _credential_locked(credential)
    if credential.status != CredentialStatus.ACTIVE:
        raise Conflict(
            _("Only an active credential can be suspended."), fields={"status": [_("Not active.")]}
        )
    if not (note or "").strip():
        raise ApplicationError(_("Say why."), fields={"note": [_("This field is required.")]})
    return update_fields_audited(
        credential,
        actor=actor,
        reason=note,
        status=CredentialStatus.SUSPENDED,
        status_changed_at=timezone.now(),
        status_note=note.strip(),
    )


@transaction.atomic
def credential_reinstate(credential: Credential, *, actor, note: str = "") -> Credential:
    """Lift a suspension (an expired credential stays expired)."""
    require(is_programme_manager(actor), _("Only programme managers reinstate credentials."))
    credential = _credential_locked(credential)
    if credential.status != CredentialStatus.SUSPENDED:
        raise Conflict(
            _("Only a suspended credential can be reinstated."), fields={"status": [_("Not suspended.")]}
        )
    status = (
        CredentialStatus.EXPIRED if credential.valid_until < timezone.localdate() else CredentialStatus.ACTIVE
    )
    return update_fields_audited(
        credential,
        actor=actor,
        reason=note,
        status=status,
        status_changed_at=timezone.now(),
        status_note=note,
    )


@transaction.atomic
def credential_revoke(credential: Credential, *, actor, reason: str, note: str = "") -> Credential:
    """Revoke for good, with a reason category shown publicly; the status list bit flips at once."""
    require(is_programme_manager(actor), _("Only programme managers revoke credentials."))
    credential = _credential_locked(credential)
    if reason not in RevocationReason.values:
        raise ApplicationError(_("Choose a reason."), fields={"reason": [_("Choose one of the reasons.")]})
    if credential.status in {CredentialStatus.REVOKED, CredentialStatus.SUPERSEDED}:
        raise Conflict(
            _("This credential is already %(status)s.") % {"status": credential.get_status_display().lower()},
            fields={"status": [_("Already closed.")]},
        )
    return update_fields_audited(
        credential,
        actor=actor,
        reason=note or RevocationReason(reason).label,
        status=CredentialStatus.REVOKED,
        status_changed_at=timezone.now(),
        revocation_reason=reason,
        status_note=note,
    )


@transaction.atomic
def credential_renew(credential: Credential, *, actor) -> Credential:
    """A new credential for the same certification, valid from today; the old one is marked
    superseded and points to the new one. A revoked credential is not renewed."""
    require(is_programme_manager(actor), _("Only programme managers renew credentials."))
    credential = _credential_locked(credential)
    if credential.status in {CredentialStatus.REVOKED, CredentialStatus.SUPERSEDED}:
        raise Conflict(
            _("A revoked or superseded credential cannot be renewed."),
            fields={"status": [_("Not renewable.")]},
        )
    renewed = credential_issue(credential.enrolment, actor=actor)
    update_fields_audited(
        credential,
        actor=actor,
        reason=_("Renewed"),
        status=CredentialStatus.SUPERSEDED,
        status_changed_at=timezone.now(),
        superseded_by=renewed,
    )
    return renewed


def credentials_expire(*, today: datetime.date | None = None) -> int:
    """Mark active (and suspended) credentials past their validity as expired; returns how many.
    Run daily by Celery beat; running it twice changes nothing the second time."""
    today = today or timezone.localdate()
    count = 0
    due = Credential.objects.filter(
        status__in=[CredentialStatus.ACTIVE, CredentialStatus.SUSPENDED], valid_until__lt=today
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            credential = Credential.objects.select_for_update().get(pk=pk)
            if (
                credential.status in {CredentialStatus.ACTIVE, CredentialStatus.SUSPENDED}
                and credential.valid_until < today
            ):
                update_fields_audited(
                    credential,
                    actor=None,
                    reason=_("Validity ended"),
                    status=CredentialStatus.EXPIRED,
                    status_changed_at=timezone.now(),
                )
                count += 1
    return count


# --- Bulk issuing for a cohort ------------------------------------------------------------------


@transaction.atomic
def bulk_issue_request(*, actor, programme: CertificationProgramme, enrolments) -> BulkIssue:
    """Certify and issue credentials for a cohort at the panel as one Celery job. Each candidate is
    certified in their own transaction by the job, so one candidate who cannot be certified (a rule
    unmet, no sign-off) is named in the job's errors and does not stop the others."""
    require(is_programme_manager(actor), _("Only programme managers issue credentials."))
    enrolments = list(enrolments)
    if not enrolments:
        raise ApplicationError(
            _("Choose at least one candidate."), fields={"enrolments": [_("Choose candidates.")]}
        )
    foreign = [enrolment for enrolment in enrolments if enrolment.programme_id != programme.pk]
    if foreign:
        raise ApplicationError(
            _("Every candidate must be enrolled in this programme."),
            fields={
                "enrolments": [_("%(person)s is not in this programme.") % {"person": foreign[0].person}]
            },
        )
    job = create_audited(
        BulkIssue,
        actor=actor,
        programme=programme,
        requested_by=actor,
        total=len(enrolments),
        many={"enrolments": enrolments},
    )
    from .tasks import bulk_issue_run

    transaction.on_commit(lambda: bulk_issue_run.delay(job.pk))
    return job


def bulk_issue_process(job: BulkIssue) -> BulkIssue:
    """The job's work (called by the Celery task): certify each candidate still at the panel, issue
    their credential, report progress. A redelivered job skips candidates already certified."""
    from mieux.errors import ApplicationError as _Error

    actor = job.requested_by
    BulkIssue.objects.filter(pk=job.pk).update(status=BulkIssueStatus.RUNNING, progress=0)
    enrolments = list(job.enrolments.select_related("person").order_by("pk"))
    errors, issued = [], 0
    for position, enrolment in enumerate(enrolments, start=1):
        try:
            with transaction.atomic():
                if enrolment.status == EnrolmentStatus.PANEL_DECISION:
                    enrolment_transition(enrolment, actor=actor, to=EnrolmentStatus.CERTIFIED)
                    issued += 1
                elif not (enrolment.status == EnrolmentStatus.CERTIFIED and enrolment.credentials.exists()):
                    raise Conflict(_("Not at the panel decision."))
        except _Error as error:
            errors.append({"enrolment": enrolment.pk, "person": str(enrolment.person), "message": str(error)})
        BulkIssue.objects.filter(pk=job.pk).update(
            progress=int(position * 100 / len(enrolments)), issued_count=issued, errors=errors
        )
    BulkIssue.objects.filter(pk=job.pk).update(
        status=BulkIssueStatus.DONE,
        progress=100,
        finished_at=timezone.now(),
        issued_count=issued,
        errors=errors,
    )
    job.refresh_from_db()
    return job


# --- curricula: curricula, modules, learning records, career steps, skill reminders ---


def _refuse_foreign_people(people, institution_id, *, field: str) -> None:
    """Everyone named on a curriculum's module or a learning record belongs to that institution."""
    stray = [person for person in people if person.institution_id != institution_id]
    if stray:
        message = _("%(person)s is not of this institution.") % {"person": stray[0]}
        raise ApplicationError(message, fields={field: [message]})


def _require_provider(provider_kind, provider) -> None:
    from .choices import ModuleProvider

    if provider_kind == ModuleProvider.OTHER and not (provider or "").strip():
        message = _("Name the provider of a training from another provider.")
        raise ApplicationError(message, fields={"provider": [message]})


def _refuse_changed(instance, fields: dict, names: tuple[str, ...]) -> None:
    """What a row belongs to (its institution, curriculum or official) is not edited: make a new row."""
    for name in names:
        if name in fields and getattr(fields[name], "pk", fields[name]) != getattr(instance, f"{name}_id"):
            message = _("This cannot be changed.")
            raise ApplicationError(message, fields={name: [message]})
        fields.pop(name, None)


@transaction.atomic
def curriculum_create(*, actor, institution, **fields):
    """The institution's training unit (or programme staff) opens its one curriculum."""
    from .models import Curriculum
    from .permissions import can_keep_curriculum

    require(
        can_keep_curriculum(actor, institution.pk),
        _("Only the institution's training unit and programme staff keep its curriculum."),
    )
    if Curriculum.objects.filter(institution=institution).exists():
        message = _("%(institution)s already has a curriculum.") % {"institution": institution}
        raise Conflict(message, fields={"institution": [message]})
    return create_audited(Curriculum, actor=actor, institution=institution, **fields)


@transaction.atomic
def curriculum_update(curriculum, *, actor, **fields):
    from .permissions import can_keep_curriculum

    require(
        can_keep_curriculum(actor, curriculum.institution_id),
        _("Only the institution's training unit and programme staff keep its curriculum."),
    )
    _refuse_changed(curriculum, fields, ("institution",))
    return update_audited(curriculum, actor=actor, **fields)


@transaction.atomic
def module_create(*, actor, curriculum, trainers=(), **fields):
    """A module of the curriculum: a MIEUX+ module or a training from another provider (which must be
    named). Its in-house trainers are officials of the curriculum's institution."""
    from .models import CurriculumModule
    from .permissions import can_keep_curriculum

    require(
        can_keep_curriculum(actor, curriculum.institution_id),
        _("Only the institution's training unit and programme staff keep its curriculum."),
    )
    trainers = list(trainers or ())
    _refuse_foreign_people(trainers, curriculum.institution_id, field="trainers")
    _require_provider(fields.get("provider_kind"), fields.get("provider"))
    return create_audited(
        CurriculumModule, actor=actor, curriculum=curriculum, many={"trainers": trainers}, **fields
    )


@transaction.atomic
def module_update(module, *, actor, trainers=None, **fields):
    from .permissions import can_keep_curriculum

    institution_id = module.curriculum.institution_id
    require(
        can_keep_curriculum(actor, institution_id),
        _("Only the institution's training unit and programme staff keep its curriculum."),
    )
    _refuse_changed(module, fields, ("curriculum",))
    many = None
    if trainers is not None:
        trainers = list(trainers)
        _refuse_foreign_people(trainers, institution_id, field="trainers")
        many = {"trainers": trainers}
    _require_provider(
        fields.get("provider_kind", module.provider_kind), fields.get("provider", module.provider)
    )
    return update_audited(module, actor=actor, many=many, **fields)


@transaction.atomic
def module_delete(module, *, actor) -> None:
    """A module officials completed stays (their learning records point at it): retire it from the
    training offer instead."""
    from .permissions import can_keep_curriculum

    require(
        can_keep_curriculum(actor, module.curriculum.institution_id),
        _("Only the institution's training unit and programme staff keep its curriculum."),
    )
    delete_audited(module, actor=actor)


def _check_record_links(person, *, module=None, credential=None) -> None:
    if module is not None and module.curriculum.institution_id != person.institution_id:
        message = _("The module must be in the curriculum of %(person)s's institution.") % {"person": person}
        raise ApplicationError(message, fields={"module": [message]})
    if credential is not None and credential.person_id != person.pk:
        message = _("The credential must be one %(person)s holds.") % {"person": person}
        raise ApplicationError(message, fields={"credential": [message]})


def _module_defaults(module, fields: dict, *, recompute: bool) -> dict:
    """A record of a curriculum module takes its title and provider, and its refresh date from the
    module's refresher period, unless they are given."""
    from .choices import ModuleProvider

    if module is None:
        return fields
    if not (fields.get("title") or "").strip():
        fields["title"] = module.title
    if not (fields.get("provider") or "").strip():
        fields["provider"] = module.provider or (
            settings.PROGRAMME_NAME if module.provider_kind == ModuleProvider.MIEUX else ""
        )
    completed_on = fields.get("completed_on")
    if recompute and not fields.get("refresh_by") and module.refresher_months and completed_on:
        fields["refresh_by"] = _add_months(completed_on, module.refresher_months)
    return fields


@transaction.atomic
def learning_record_create(*, actor, person, **fields):
    """One line of the official's learning record (any provider). The institution is the person's;
    a record of a curriculum module copies its title and provider and computes `refresh_by` from
    `completed_on` and the module's refresher period when no date is given."""
    from .models import LearningRecord
    from .permissions import can_record_learning

    require(
        can_record_learning(actor, person.institution_id),
        _("Only the institution's HR, training unit and programme staff keep learning records."),
    )
    fields.pop("institution", None)
    _check_record_links(person, module=fields.get("module"), credential=fields.get("credential"))
    fields = _module_defaults(fields.get("module"), dict(fields), recompute=True)
    return create_audited(
        LearningRecord, actor=actor, person=person, institution_id=person.institution_id, **fields
    )


@transaction.atomic
def learning_record_update(record, *, actor, **fields):
    """Correct a record; a new refresh date is reminded of again."""
    from .permissions import can_record_learning

    require(
        can_record_learning(actor, record.institution_id),
        _("Only the institution's HR, training unit and programme staff keep learning records."),
    )
    _refuse_changed(record, fields, ("person", "institution"))
    module = fields.get("module", record.module)
    credential = fields.get("credential", record.credential)
    _check_record_links(record.person, module=module, credential=credential)
    if module is not None and "module" in fields and not (fields.get("title") or "").strip():
        fields["title"] = module.title
    moved = "completed_on" in fields or "module" in fields
    if "refresh_by" not in fields and moved and module is not None and module.refresher_months:
        completed_on = fields.get("completed_on", record.completed_on)
        fields["refresh_by"] = _add_months(completed_on, module.refresher_months) if completed_on else None
    if "refresh_by" in fields and fields["refresh_by"] != record.refresh_by:
        fields["reminder_sent_on"] = None
    return update_audited(record, actor=actor, **fields)


@transaction.atomic
def learning_record_delete(record, *, actor) -> None:
    from .permissions import can_record_learning

    require(
        can_record_learning(actor, record.institution_id),
        _("Only the institution's HR, training unit and programme staff keep learning records."),
    )
    delete_audited(record, actor=actor)


@transaction.atomic
def career_step_record(*, actor, person, **fields):
    """HR records what a certification changed in the official's career; a linked credential must
    be the official's own."""
    from .models import CareerStep
    from .permissions import can_record_career_step

    require(
        can_record_career_step(actor, person.institution_id),
        _("Only the institution's HR and programme staff record career steps."),
    )
    fields.pop("institution", None)
    _check_record_links(person, credential=fields.get("credential"))
    return create_audited(
        CareerStep,
        actor=actor,
        person=person,
        institution_id=person.institution_id,
        recorded_by=actor,
        **fields,
    )


@transaction.atomic
def career_step_delete(step, *, actor) -> None:
    from .permissions import can_record_career_step

    require(
        can_record_career_step(actor, step.institution_id),
        _("Only the institution's HR and programme staff record career steps."),
    )
    delete_audited(step, actor=actor)


def _reminder_send(address: str, language: str, context: dict) -> None:
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        subject = render_to_string("certification/email/skills_reminder_subject.txt", context).strip()
        body = render_to_string("certification/email/skills_reminder_body.txt", context)
    send_mail(subject, body, None, [address])


def skills_remind(*, today: datetime.date | None = None) -> int:
    """Before a skill or a credential lapses (refresh date or end of validity within
    SKILL_REMINDER_DAYS from today), e-mail the official, in their language, and their institution's
    training-unit officers, one e-mail per recipient listing their items. Each item is reminded once
    (marked in the same transaction), so a second run sends nothing. Returns the e-mails sent."""
    from django.urls import reverse

    from mieux.models import User

    from .models import LearningRecord

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.SKILL_REMINDER_DAYS)
    with transaction.atomic():
        records = list(
            LearningRecord.objects.select_for_update(of=("self",))
            .filter(reminder_sent_on__isnull=True, refresh_by__gte=today, refresh_by__lte=horizon)
            .select_related("person__user")
            .order_by("refresh_by", "pk")
        )
        credentials = list(
            Credential.objects.select_for_update(of=("self",))
            .filter(
                expiry_reminder_sent_on__isnull=True,
                status=CredentialStatus.ACTIVE,
                valid_until__gte=today,
                valid_until__lte=horizon,
            )
            .select_related("person__user", "programme")
            .order_by("valid_until", "pk")
        )
        for record in records:
            update_fields_audited(
                record, actor=None, reason=_("Refresher reminder sent"), reminder_sent_on=today
            )
        for credential in credentials:
            update_fields_audited(
                credential, actor=None, reason=_("Expiry reminder sent"), expiry_reminder_sent_on=today
            )
    items = [
        {"kind": "learning", "person": record.person, "title": record.title, "due": record.refresh_by}
        for record in records
    ] + [
        {"kind": "credential", "person": c.person, "credential": c, "due": c.valid_until} for c in credentials
    ]
    if not items:
        return 0
    # address → {"name", "language", "own": bool, "items": [...]}
    mailbox: dict[str, dict] = {}

    def add(address, name, language, item, *, own):
        entry = mailbox.setdefault(address, {"name": name, "language": language, "own": [], "others": []})
        entry["own" if own else "others"].append(item)

    for item in items:
        person = item["person"]
        if person.email:
            add(person.email, person, _holder_language(person), item, own=True)
    institution_ids = {item["person"].institution_id for item in items}
    officers = User.objects.filter(
        is_active=True, role=Role.TRAINING_OFFICER, person__institution_id__in=institution_ids
    ).select_related("person")
    for officer in officers:
        for item in items:
            person = item["person"]
            if person.institution_id == officer.person.institution_id and person.user_id != officer.pk:
                add(officer.email, officer, officer.language, item, own=False)
    for address, entry in mailbox.items():
        for item in entry["own"] + entry["others"]:
            item["link"] = settings.SITE_URL + reverse(
                "certification:learning_record", args=[item["person"].pk]
            )
        context = {
            "name": entry["name"],
            "own_items": entry["own"],
            "other_items": entry["others"],
            "programme": settings.PROGRAMME_NAME,
            "days": settings.SKILL_REMINDER_DAYS,
            "my_learning_link": settings.SITE_URL + reverse("certification:my_learning"),
        }
        _reminder_send(address, entry["language"], context)
    return len(mailbox)


# --- end curricula ---
