"""The partner registry: institutions, their units, their people, coordination mechanisms and the
expert roster."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mieux.models import ScopedQuerySet, TimeStampedModel
from mieux.roles import Role

from . import geography
from .choices import (
    EU_MEMBER_STATES,
    GOVERNMENT_TYPES,
    CapacityDevelopmentKind,
    DepartmentKind,
    Gender,
    InstitutionType,
    InvitationStatus,
    M49Subregion,
    ProgrammeRegion,
    RosterStatus,
)
from .querysets import (
    CoordinationMechanismQuerySet,
    DepartmentQuerySet,
    ExpertQuerySet,
    InstitutionQuerySet,
    PersonQuerySet,
)

# The thematic areas live in the actions app, above this one: it registers a function returning the
# codes in use (actions.apps), and experts' areas are checked against it. Until it does, any code goes.
expertise_area_codes: Callable[[], set[str]] | None = None

SPOKEN_LANGUAGE_CODES = frozenset(code for code, _name in global_settings.LANGUAGES if "-" not in code)


def validate_language_codes(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_('Give a list of language codes, such as ["en", "fr"].'))
    unknown = sorted(set(value) - SPOKEN_LANGUAGE_CODES)
    if unknown:
        raise ValidationError(_("Unknown language code(s): %(codes)s.") % {"codes": ", ".join(unknown)})


class Institution(TimeStampedModel):
    """A public body, organisation or administration the programme works with."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    type = models.CharField(_("type"), max_length=40, choices=InstitutionType.choices, db_index=True)
    country = CountryField(_("country"), db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    capacity_development_kind = models.CharField(
        _("capacity development institution kind"),
        max_length=40,
        choices=CapacityDevelopmentKind.choices,
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity_development_kind="")
                | models.Q(type=InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION),
                name="institution_kind_only_for_capacity_development",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:institution_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        is_cdi = self.type == InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION
        if is_cdi and not self.capacity_development_kind:
            errors["capacity_development_kind"] = _(
                "Say which kind of capacity development institution this is."
            )
        if not is_cdi and self.capacity_development_kind:
            errors["capacity_development_kind"] = _(
                "Only a capacity development institution has a kind; clear it or change the type."
            )
        if self.parent_id and self.pk and self._parent_chain_contains(self.pk):
            errors["parent"] = _("An institution cannot be its own parent, directly or indirectly.")
        if errors:
            raise ValidationError(errors)

    def _parent_chain_contains(self, pk: int) -> bool:
        seen, current = set(), self.parent
        while current is not None and current.pk not in seen:
            if current.pk == pk:
                return True
            seen.add(current.pk)
            current = current.parent
        return False

    @property
    def is_government(self) -> bool:
        return self.type in GOVERNMENT_TYPES

    @property
    def programme_region(self) -> str:
        return geography.programme_region_for(self.country.code)

    def get_programme_region_display(self) -> str:
        return ProgrammeRegion(self.programme_region).label

    @property
    def m49_subregion(self) -> str:
        return geography.m49_subregion_for(self.country.code)

    def get_m49_subregion_display(self) -> str:
        code = self.m49_subregion
        return M49Subregion(code).label if code else ""


class Department(TimeStampedModel):
    """A department or unit of an institution: leadership, HR, training unit, thematic department."""

    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="departments"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=DepartmentKind.choices)
    name = models.CharField(_("name"), max_length=255)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["institution_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name"], name="department_name_unique_in_institution"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:institution_detail", args=[self.institution_id])


class Person(TimeStampedModel):
    """An official, expert or contact. Personal data: visible only to who needs it (see for_user)."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, db_index=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="people"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes, such as en, fr, es, pt, ru, ar."),
    )
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        # One index per order the lists offer, so a page of 150,000 people is read in order rather
        # than sorted (the cursor order -id has the primary key). The free-text search has trigram
        # indexes on PostgreSQL (migration 0003).
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="person_by_name"),
            models.Index(fields=["first_name", "id"], name="person_by_first_name"),
            models.Index(fields=["gender", "id"], name="person_by_gender"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("partners:person_detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.department_id
            and self.institution_id
            and self.department.institution_id != self.institution_id
        ):
            raise ValidationError(
                {"department": _("The department must belong to the person's institution.")}
            )


class CoordinationMechanism(TimeStampedModel):
    """An inter-agency coordination body (e.g. a national anti-trafficking commission)."""

    name = models.CharField(_("name"), max_length=255)
    country = CountryField(_("country"), blank=True, help_text=_("Empty for a regional mechanism."))
    description = models.TextField(_("description"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    members = models.ManyToManyField(
        Institution, verbose_name=_("member institutions"), related_name="coordination_mechanisms", blank=True
    )

    objects = CoordinationMechanismQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordination mechanism")
        verbose_name_plural = _("coordination mechanisms")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:mechanism_detail", args=[self.pk])


class Expert(TimeStampedModel):
    """A person on the expert roster. Their home administration is their person record's institution."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="expert_profile"
    )
    member_state = CountryField(
        _("country of the home administration"),
        db_index=True,
        help_text=_("EU Member State or, for non-EU experts, their country."),
    )
    expertise_areas = models.JSONField(
        _("expertise areas"),
        default=list,
        blank=True,
        help_text=_("Thematic area codes, such as IMT, LM, IP, MD, HO."),
    )
    roster_status = models.CharField(
        _("roster status"),
        max_length=16,
        choices=RosterStatus.choices,
        default=RosterStatus.CANDIDATE,
        db_index=True,
    )
    nominating_focal_point = models.ForeignKey(
        Person,
        verbose_name=_("nominating Member State focal point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominated_experts",
    )

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["person__last_name", "person__first_name", "id"]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("partners:expert_detail", args=[self.pk])

    @property
    def is_eu(self) -> bool:
        return self.member_state.code in EU_MEMBER_STATES

    @property
    def home_administration(self) -> Institution:
        return self.person.institution

    def clean(self) -> None:
        areas = self.expertise_areas
        if not isinstance(areas, list) or not all(isinstance(a, str) and 0 < len(a) <= 40 for a in areas):
            raise ValidationError(
                {"expertise_areas": _('Give a list of thematic area codes, such as ["IMT"].')}
            )
        errors = {}
        known = expertise_area_codes() if expertise_area_codes else None
        unknown = sorted(set(areas) - known) if known else []
        if unknown:
            errors["expertise_areas"] = _("Unknown thematic area code(s): %(codes)s.") % {
                "codes": ", ".join(unknown)
            }
        if self.nominating_focal_point_id and self.nominating_focal_point_id == self.person_id:
            errors["nominating_focal_point"] = _("An expert cannot nominate themselves.")
        if self.person_id and self.member_state and self.person.institution.country != self.member_state:
            errors["member_state"] = _(
                "Give the country of the expert's home administration (%(country)s)."
            ) % {"country": self.person.institution.country.name}
        if errors:
            raise ValidationError(errors)


class InvitationQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Programme staff only, who send them. Integrators read the whole portfolio but not this:
        an invitation names someone who has not yet agreed to use the platform."""
        if user and user.is_authenticated and user.is_active and user.is_programme_staff:
            return self.all()
        return self.none()

    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation to the portal sent to a person of an institution (or an expert of the roster),
    with the role their account will have. The link in the e-mail carries a random token of which
    only the SHA-256 digest is stored; it works once, until `expires_at`."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
