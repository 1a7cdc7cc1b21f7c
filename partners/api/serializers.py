from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mieux.api.fields import ScopedPrimaryKeyRelatedField
from mieux.api.serializers import ServiceModelSerializer
from mieux.roles import Role

from ..accounts import INVITABLE_ROLES
from ..choices import InvitationStatus, M49Subregion, ProgrammeRegion
from ..models import (
    SPOKEN_LANGUAGE_CODES,
    CoordinationMechanism,
    Department,
    Expert,
    Institution,
    Invitation,
    Person,
)


class NameInSomeLanguageMixin:
    """The name may be known in its original language only, but in at least one of EN/FR/ES."""

    def validate(self, attrs):
        names = []
        for code in ("en", "fr", "es"):
            key = f"name_{code}"
            # A name sent in this request (even empty, to clear it) replaces the stored one.
            names.append(attrs[key] if key in attrs else getattr(self.instance, key, None))
        if not any(names):
            raise serializers.ValidationError({"name_en": [_("Give the name in at least one language.")]})
        return attrs


class InstitutionSerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    country = CountryField()
    name = serializers.CharField(
        read_only=True, help_text="The name in the request's language (with fallback)."
    )
    country_name = serializers.CharField(source="country.name", read_only=True)
    programme_region = serializers.ChoiceField(choices=ProgrammeRegion.choices, read_only=True)
    m49_subregion = serializers.ChoiceField(choices=M49Subregion.choices, read_only=True, allow_blank=True)
    parent = ScopedPrimaryKeyRelatedField(Institution, allow_null=True, required=False)

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "name_en",
            "name_fr",
            "name_es",
            "acronym",
            "type",
            "country",
            "country_name",
            "programme_region",
            "m49_subregion",
            "parent",
            "capacity_development_kind",
            "website",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class DepartmentSerializer(ServiceModelSerializer):
    institution = ScopedPrimaryKeyRelatedField(Institution)

    class Meta:
        model = Department
        fields = ["id", "institution", "kind", "name", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class LanguageListField(serializers.ListField):
    child = serializers.ChoiceField(choices=sorted(SPOKEN_LANGUAGE_CODES))
    max_length = 20


class PersonSerializer(ServiceModelSerializer):
    institution = ScopedPrimaryKeyRelatedField(Institution)
    department = ScopedPrimaryKeyRelatedField(Department, allow_null=True, required=False)
    languages = LanguageListField(required=False)

    class Meta:
        model = Person
        fields = [
            "id",
            "first_name",
            "last_name",
            "gender",
            "position",
            "institution",
            "department",
            "email",
            "languages",
            "consent_to_contact",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class CoordinationMechanismSerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    country = CountryField(required=False, allow_blank=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    members = ScopedPrimaryKeyRelatedField(Institution, many=True, required=False)

    class Meta:
        model = CoordinationMechanism
        fields = [
            "id",
            "name",
            "name_en",
            "name_fr",
            "name_es",
            "country",
            "description",
            "description_en",
            "description_fr",
            "description_es",
            "established_on",
            "members",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_members(self, value):
        if len(value) > 500:
            raise serializers.ValidationError(_("At most 500 member institutions."))
        return value


class ExpertiseAreasField(serializers.ListField):
    child = serializers.CharField(max_length=40)
    max_length = 30


class ExpertSerializer(ServiceModelSerializer):
    person = ScopedPrimaryKeyRelatedField(Person)
    member_state = CountryField()
    expertise_areas = ExpertiseAreasField(required=False)
    nominating_focal_point = ScopedPrimaryKeyRelatedField(Person, allow_null=True, required=False)
    name = serializers.SerializerMethodField()
    gender = serializers.CharField(source="person.gender", read_only=True)
    home_administration = serializers.IntegerField(source="person.institution_id", read_only=True)
    is_eu = serializers.BooleanField(read_only=True)

    class Meta:
        model = Expert
        fields = [
            "id",
            "person",
            "name",
            "gender",
            "home_administration",
            "member_state",
            "is_eu",
            "expertise_areas",
            "roster_status",
            "nominating_focal_point",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    @extend_schema_field(serializers.CharField())
    def get_name(self, expert) -> str:
        return str(expert.person)


class InvitationSerializer(ServiceModelSerializer):
    """An invitation to the portal. The link's token is e-mailed to the invitee only: it is never
    stored (only its digest) and never shown here."""

    person = ScopedPrimaryKeyRelatedField(Person, help_text=_("The person invited (with an e-mail address)."))
    role = serializers.ChoiceField(
        choices=[(role.value, role.label) for role in Role if role in INVITABLE_ROLES],
        help_text=_("A partner role, or expert for a person on the expert roster."),
    )
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The language of the e-mail and of the account (default English)."),
    )
    status = serializers.ChoiceField(choices=InvitationStatus.choices, read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "person",
            "email",
            "role",
            "language",
            "status",
            "invited_by",
            "created_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
        ]
        read_only_fields = ["email", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
