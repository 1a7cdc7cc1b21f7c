"""Every write to certification, each checked and audited (see mieux.services)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import ActionPartner
from mieux.errors import ApplicationError, Conflict
from mieux.roles import Role
from mieux.services import create_audited, delete_audited, require, transition_apply, update_audited

from .choices import LIVE_ENROLMENT_STATUSES
from .models import CertificationProgramme, Enrolment
from .permissions import can_nominate, is_programme_officer
from .workflows import ENROLMENT_WORKFLOW


def programme_create(*, actor, actions=(), **fields) -> CertificationProgramme:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    return create_audited(CertificationProgramme, actor=actor, many={"actions": actions}, **fields)


def programme_update(
    programme: CertificationProgramme, *, actor, actions=None, **fields
) -> CertificationProgramme:
    require(is_programme_officer(actor), _("Only programme staff set up certification programmes."))
    many = {"actions": actions} if actions is not None else None
    return update_audited(programme, actor=actor, many=many, **fields)


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


def enrolment_transition(enrolment: Enrolment, *, actor, to: str, comment: str = "") -> Enrolment:
    return transition_apply(enrolment, machine=ENROLMENT_WORKFLOW, to=to, actor=actor, comment=comment)
