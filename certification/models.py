"""Certification of officials as trainers or experts.

This first part holds what the portal needs: the certification programmes of holistic Actions and
the officials their institution's HR or training unit nominates. Assessments, eligibility rules and
credentials build on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actions.models import Action
from mieux.models import TimeStampedModel
from partners.models import Institution, Person

from .choices import LIVE_ENROLMENT_STATUSES, CredentialKind, EnrolmentStatus
from .querysets import CertificationProgrammeQuerySet, EnrolmentQuerySet


class CertificationProgramme(TimeStampedModel):
    """A path to a trainer or expert credential, run within one or more holistic Actions."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("credential"), max_length=16, choices=CredentialKind.choices)
    description = models.TextField(_("description"), blank=True)
    actions = models.ManyToManyField(
        Action, verbose_name=_("Actions"), related_name="certification_programmes", blank=True
    )
    accepts_nominations = models.BooleanField(_("open for nominations"), default=True)

    objects = CertificationProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification programme")
        verbose_name_plural = _("certification programmes")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("certification:programme_detail", args=[self.pk])


class Enrolment(TimeStampedModel):
    """An official on a certification programme, from nomination by their institution's HR or
    training unit to the panel's decision. The institution is the person's when nominated, so the
    nomination stays with the institution that made it."""

    programme = models.ForeignKey(
        CertificationProgramme,
        verbose_name=_("certification programme"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("official"), on_delete=models.PROTECT, related_name="enrolments"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.NOMINATED,
        db_index=True,
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominated_on = models.DateField(_("nominated on"))
    motivation = models.TextField(
        _("why this official"),
        blank=True,
        help_text=_("The official's role in the institution and how they will pass the skills on."),
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-nominated_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=models.Q(status__in=sorted(LIVE_ENROLMENT_STATUSES)),
                name="one_live_enrolment_per_programme_and_person",
            )
        ]
        indexes = [models.Index(fields=["institution", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("certification:enrolment_detail", args=[self.pk])
