"""One FilterSet per model, used by both the API list and the page list."""

from __future__ import annotations

import functools

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.data import COUNTRIES
from drf_spectacular.utils import extend_schema_field

from mieux.filtersets import BaseFilterSet, IdFilter, StrictBooleanFilter

from . import geography
from .choices import (
    EU_MEMBER_STATES,
    CapacityDevelopmentKind,
    DepartmentKind,
    Gender,
    InstitutionType,
    InvitationStatus,
    M49Subregion,
    ProgrammeRegion,
    RosterStatus,
)
from .models import CoordinationMechanism, Department, Expert, Institution, Invitation, Person


def countries_in_region(region: str) -> list[str]:
    return [code for code, value in geography.COUNTRY_PROGRAMME_REGION.items() if value == region]


def _countries_in_subregion(subregion: str) -> list[str]:
    return [code for code, value in geography.COUNTRY_M49_SUBREGION.items() if value == subregion]


@functools.lru_cache(maxsize=8)
def _countries_sorted_in(language: str | None) -> list:
    return list(countries)


def country_choices() -> list:
    """The countries with their names in the active language, sorted by name. Computed once per
    language: every list request builds its filter form, and translating and sorting 249 names each
    time was a visible part of a list's cost."""
    return _countries_sorted_in(get_language())


@extend_schema_field({"type": "string", "enum": sorted(COUNTRIES)})
class CountryFilter(django_filters.MultipleChoiceFilter):
    """ISO 3166-1 countries, several allowed (?country=MX&country=EC); names in the user's language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", country_choices)
        super().__init__(*args, **kwargs)


def country_filter(field_name: str = "country", label=None) -> CountryFilter:
    return CountryFilter(label=label or _("Country"), field_name=field_name, choices=country_choices)


class CountryRegionFilterMixin(django_filters.FilterSet):
    """Filters by ISO country, programme region and M49 sub-region (the last two derived from the
    country, so they need no column of their own). Subclasses name the country column."""

    country_field = "country"

    country = country_filter()
    region = django_filters.ChoiceFilter(
        label=_("Programme region"), choices=ProgrammeRegion.choices, method="filter_region"
    )
    m49_subregion = django_filters.ChoiceFilter(
        label=_("M49 sub-region"), choices=M49Subregion.choices, method="filter_subregion"
    )

    def filter_region(self, queryset, name, value):
        return queryset.filter(**{f"{self.country_field}__in": countries_in_region(value)})

    def filter_subregion(self, queryset, name, value):
        return queryset.filter(**{f"{self.country_field}__in": _countries_in_subregion(value)})


class InstitutionFilterSet(CountryRegionFilterMixin, BaseFilterSet):
    search_fields = ("name_en", "name_fr", "name_es", "acronym")

    type = django_filters.MultipleChoiceFilter(label=_("Type"), choices=InstitutionType.choices)
    capacity_development_kind = django_filters.ChoiceFilter(
        label=_("Capacity development institution kind"), choices=CapacityDevelopmentKind.choices
    )
    parent = IdFilter(label=_("Parent institution (id)"), field_name="parent_id")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("name_en", "name"),
            ("acronym", "acronym"),
            ("country", "country"),
            ("type", "type"),
            ("created_at", "created"),
        ),
        field_labels={
            "name_en": _("Name"),
            "acronym": _("Acronym"),
            "country": _("Country"),
            "type": _("Type"),
            "created_at": _("Created"),
        },
    )

    class Meta:
        model = Institution
        fields = ["q", "type", "country", "region", "m49_subregion", "capacity_development_kind", "parent"]


class DepartmentFilterSet(BaseFilterSet):
    search_fields = ("name",)

    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=DepartmentKind.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("kind", "kind")),
        field_labels={"name": _("Name"), "kind": _("Kind")},
    )

    class Meta:
        model = Department
        fields = ["q", "institution", "kind"]


class PersonFilterSet(CountryRegionFilterMixin, BaseFilterSet):
    country_field = "institution__country"
    search_fields = ("first_name", "last_name", "email", "position")

    country = country_filter("institution__country", label=_("Country of the institution"))

    institution = IdFilter(label=_("Institution (id)"), field_name="institution_id")
    gender = django_filters.MultipleChoiceFilter(label=_("Gender"), choices=Gender.choices)
    institution_type = django_filters.MultipleChoiceFilter(
        label=_("Institution type"), field_name="institution__type", choices=InstitutionType.choices
    )
    consent_to_contact = StrictBooleanFilter(label=_("Consents to be contacted"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("last_name", "last_name"), ("first_name", "first_name"), ("gender", "gender")),
        field_labels={"last_name": _("Last name"), "first_name": _("First name"), "gender": _("Gender")},
    )

    class Meta:
        model = Person
        fields = ["q", "institution", "institution_type", "gender", "country", "region", "consent_to_contact"]


class CoordinationMechanismFilterSet(CountryRegionFilterMixin, BaseFilterSet):
    search_fields = ("name_en", "name_fr", "name_es")

    member = IdFilter(label=_("Member institution (id)"), method="filter_member")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name_en", "name"), ("country", "country"), ("established_on", "established")),
        field_labels={"name_en": _("Name"), "country": _("Country"), "established_on": _("Established")},
    )

    class Meta:
        model = CoordinationMechanism
        fields = ["q", "country", "region", "member"]

    def filter_member(self, queryset, name, value):
        member_of = CoordinationMechanism.members.through.objects.filter(institution_id=value).values(
            "coordinationmechanism_id"
        )
        return queryset.filter(pk__in=member_of)


class ExpertFilterSet(CountryRegionFilterMixin, BaseFilterSet):
    country_field = "member_state"
    search_fields = ("person__first_name", "person__last_name", "person__institution__name_en")

    country = country_filter("member_state")

    status = django_filters.MultipleChoiceFilter(
        label=_("Roster status"), field_name="roster_status", choices=RosterStatus.choices
    )
    eu = StrictBooleanFilter(label=_("From an EU Member State"), method="filter_eu")
    gender = django_filters.MultipleChoiceFilter(
        label=_("Gender"), field_name="person__gender", choices=Gender.choices
    )
    home_administration = IdFilter(label=_("Home administration (id)"), field_name="person__institution_id")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("person__last_name", "name"), ("member_state", "member_state"), ("roster_status", "status")),
        field_labels={
            "person__last_name": _("Name"),
            "member_state": _("Country"),
            "roster_status": _("Roster status"),
        },
    )

    class Meta:
        model = Expert
        fields = ["q", "status", "eu", "country", "region", "gender", "home_administration"]

    def filter_eu(self, queryset, name, value):
        in_eu = Q(member_state__in=sorted(EU_MEMBER_STATES))
        return queryset.filter(in_eu if value else ~in_eu)


class InvitationFilterSet(BaseFilterSet):
    """By person, institution and state (pending, accepted, revoked, expired)."""

    search_fields = ("email", "person__first_name", "person__last_name")

    person = IdFilter(label=_("Person (id)"), field_name="person_id")
    institution = IdFilter(label=_("Institution (id)"), field_name="person__institution_id")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=InvitationStatus.choices, method="filter_status"
    )

    class Meta:
        model = Invitation
        fields = ["q", "person", "institution", "status"]

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == "accepted":
            return queryset.filter(accepted_at__isnull=False)
        waiting = queryset.filter(accepted_at__isnull=True)
        if value == "revoked":
            return waiting.filter(revoked_at__isnull=False)
        open_ = waiting.filter(revoked_at__isnull=True)
        if value == "expired":
            return open_.filter(expires_at__lte=now)
        if value == "pending":
            return open_.filter(expires_at__gt=now)
        return queryset
