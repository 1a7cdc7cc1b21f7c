"""Serializers of the actions API. They validate and render; the viewsets hand the validated data to
actions.services, which writes (see mieux.api.serializers.ServiceModelSerializer)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mieux.api.fields import ScopedPrimaryKeyRelatedField
from mieux.api.serializers import ServiceModelSerializer, StrictCharField
from mieux.models import User
from mieux.roles import STAFF_ROLES
from partners.api.serializers import LanguageListField, NameInSomeLanguageMixin
from partners.models import Institution

from ..choices import DecisionOutcome, PartnerRole, RequesterRole
from ..models import (
    Action,
    Activity,
    GlobalCompactObjective,
    ProgrammePhase,
    PurposeCode,
    RequestAttachment,
    SteeringCommitteeDecision,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)

LANGUAGE_SUFFIXES = ("en", "fr", "es")

# Uploads the programme expects on a request: letters, e-mails, concept notes and scans of them.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
    "jpg": "image/jpeg",
    "png": "image/png",
}


@extend_schema_field(OpenApiTypes.INT)
class ScopedIdField(ScopedPrimaryKeyRelatedField):
    """A scoped related id inside a plain (model-less) serializer, where the schema cannot infer its
    type."""


def active_staff_users():
    """Who may be named programme officer of an Action or of an approved request's Action."""
    return User.objects.filter(role__in=STAFF_ROLES, is_active=True)


class CountryListField(serializers.ListField):
    """ISO 3166-1 alpha-2 codes, such as ["MX", "GT"]."""

    child = CountryField()
    max_length = 60

    def to_internal_value(self, data):
        codes = super().to_internal_value(data)
        return list(dict.fromkeys(codes))  # the same country twice means it once

    def to_representation(self, data):
        return [country.code for country in data]


class TextListField(serializers.ListField):
    child = StrictCharField(max_length=200)
    max_length = 50


class TitleInSomeLanguageMixin:
    """The title may be known in its original language only, but in at least one of EN/FR/ES (the
    counterpart of partners' NameInSomeLanguageMixin). A field sent empty counts as empty, even if
    the record had a value before."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        names = [f"title_{code}" for code in LANGUAGE_SUFFIXES]
        values = [attrs[name] if name in attrs else getattr(self.instance, name, None) for name in names]
        if not any(value and value.strip() for value in values):
            raise serializers.ValidationError({"title_en": [_("Give the title in at least one language.")]})
        return attrs


def translated_fields(name: str) -> list[str]:
    return [name, *(f"{name}_{code}" for code in LANGUAGE_SUFFIXES)]


# --- Code lists -----------------------------------------------------------------------------


class ThematicAreaSerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text=_("The name in the request's language (with fallback).")
    )
    parent = ScopedPrimaryKeyRelatedField(
        ThematicArea, allow_null=True, required=False, help_text=_("Set for a specific area.")
    )

    class Meta:
        model = ThematicArea
        fields = ["id", "code", *translated_fields("name"), "parent", "is_active", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class GlobalCompactObjectiveSerializer(TitleInSomeLanguageMixin, ServiceModelSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = GlobalCompactObjective
        fields = ["id", "number", *translated_fields("title"), "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class PurposeCodeSerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = PurposeCode
        fields = ["id", "code", *translated_fields("name"), "is_default", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def validate_is_default(self, value):
        # Named here rather than by the database constraint, so the error says which field.
        if value:
            others = PurposeCode.objects.filter(is_default=True)
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise serializers.ValidationError(_("Another purpose code is the default; unset it first."))
        return value


class ProgrammePhaseSerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = ProgrammePhase
        fields = [
            "id",
            "code",
            *translated_fields("name"),
            "starts_on",
            "ends_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


# --- Requests -------------------------------------------------------------------------------


class RequesterSerializer(serializers.Serializer):
    institution = ScopedIdField(Institution)
    role = serializers.ChoiceField(choices=RequesterRole.choices)


class DecisionSerializer(serializers.ModelSerializer):
    """A Steering Committee decision as it appears on its request and on its meeting."""

    held_on = serializers.DateField(source="meeting.held_on", read_only=True)

    class Meta:
        model = SteeringCommitteeDecision
        fields = ["id", "meeting", "held_on", "request", "outcome", "conditions", "reason", "created_at"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Where to download the file."))

    class Meta:
        model = RequestAttachment
        fields = ["id", "title", "url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment) -> str:
        path = reverse("request-attachment-download", args=[attachment.request_id, attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(max_length=200)
    title = StrictCharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_file(self, upload):
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ATTACHMENT_CONTENT_TYPES:
            raise serializers.ValidationError(
                _("Attach a file of one of these types: %(types)s.")
                % {"types": ", ".join(sorted(ATTACHMENT_CONTENT_TYPES))}
            )
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise serializers.ValidationError(_("Attach a file of at most 10 MB."))
        return upload


class SupportRequestSerializer(ServiceModelSerializer):
    countries = CountryListField(required=False)
    thematic_area = ScopedPrimaryKeyRelatedField(ThematicArea)
    specific_area = ScopedPrimaryKeyRelatedField(ThematicArea, allow_null=True, required=False)
    languages = LanguageListField(required=False)
    requesters = RequesterSerializer(many=True, max_length=50, help_text=_("Exactly one has the role lead."))
    eligibility_reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    action = serializers.SerializerMethodField(help_text=_("The Action the approval created, if any."))

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "reference",
            "title",
            "channel",
            "received_on",
            "countries",
            "thematic_area",
            "specific_area",
            "proposed_action_type",
            "needs_statement",
            "expected_results",
            "target_groups",
            "languages",
            "status",
            "is_eligible",
            "eligibility_reasons",
            "requesters",
            "attachments",
            "decisions",
            "action",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reference", "status", "is_eligible", "version", "created_at", "updated_at"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_action(self, request) -> int | None:
        # The reverse one-to-one raises when there is none; the list selects it, so no query here.
        action = getattr(request, "action", None)
        return action.pk if action is not None else None


# --- Steering Committee ---------------------------------------------------------------------


class MeetingSerializer(ServiceModelSerializer):
    members_present = TextListField(
        required=False, help_text=_("One line per member: name and organisation (e.g. DG HOME).")
    )
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = SteeringCommitteeMeeting
        fields = [
            "id",
            "held_on",
            "location",
            "members_present",
            "notes",
            "decisions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class DecisionCreateSerializer(serializers.Serializer):
    request = ScopedIdField(SupportRequest, help_text=_("A request submitted to the Committee."))
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    conditions = StrictCharField(required=False, allow_blank=True, default="", max_length=4000)
    reason = StrictCharField(required=False, allow_blank=True, default="", max_length=4000)
    officer = serializers.PrimaryKeyRelatedField(
        queryset=active_staff_users(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The programme officer of the Action an approval creates."),
    )


# --- Actions --------------------------------------------------------------------------------


class ActionPartnerSerializer(serializers.Serializer):
    institution = ScopedIdField(Institution)
    role = serializers.ChoiceField(choices=PartnerRole.choices)


class ActionSerializer(TitleInSomeLanguageMixin, ServiceModelSerializer):
    title = serializers.CharField(
        read_only=True, help_text=_("The title in the request's language (with fallback).")
    )
    summary = serializers.CharField(read_only=True)
    objectives = serializers.CharField(read_only=True)
    phase = ScopedPrimaryKeyRelatedField(
        ProgrammePhase, required=False, help_text=_("Defaults to the phase of the approval date.")
    )
    thematic_area = ScopedPrimaryKeyRelatedField(ThematicArea)
    specific_area = ScopedPrimaryKeyRelatedField(ThematicArea, allow_null=True, required=False)
    gcm_objectives = ScopedPrimaryKeyRelatedField(GlobalCompactObjective, many=True, required=False)
    purpose_code = ScopedPrimaryKeyRelatedField(
        PurposeCode, required=False, help_text=_("Defaults to 15190.")
    )
    countries = CountryListField(required=False)
    partners = ActionPartnerSerializer(
        many=True,
        required=False,
        source="partner_links",
        max_length=100,
        help_text=_("At most one lead beneficiary."),
    )
    predecessor = ScopedPrimaryKeyRelatedField(Action, allow_null=True, required=False)
    officer = serializers.PrimaryKeyRelatedField(
        queryset=active_staff_users(), allow_null=True, required=False, help_text=_("An active staff user.")
    )
    iati_status = serializers.IntegerField(read_only=True, help_text=_("IATI activity status code (1–6)."))
    days_to_launch = serializers.IntegerField(read_only=True, allow_null=True)
    launch_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "code",
            "short_name",
            *translated_fields("title"),
            *translated_fields("summary"),
            *translated_fields("objectives"),
            "type",
            "phase",
            "thematic_area",
            "specific_area",
            "gcm_objectives",
            "purpose_code",
            "countries",
            "partners",
            "predecessor",
            "request",
            "approved_on",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "budget_eur",
            "officer",
            "published",
            "status",
            "iati_status",
            "launched_on",
            "days_to_launch",
            "launch_overdue",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["request", "status", "launched_on", "version", "created_at", "updated_at"]
        extra_kwargs = {"budget_eur": {"min_value": 0}}

    def validate_predecessor(self, value):
        if value is not None and self.instance is not None and value.pk == self.instance.pk:
            raise serializers.ValidationError(_("An Action cannot follow itself."))
        return value


# --- Activities -----------------------------------------------------------------------------


class ActivitySerializer(ServiceModelSerializer):
    action = ScopedPrimaryKeyRelatedField(Action)
    sequence = serializers.IntegerField(
        min_value=1,
        max_value=32767,
        required=False,
        help_text=_("Numbered after the last one when left out."),
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "action",
            "sequence",
            "type",
            "title",
            "planned_start",
            "planned_end",
            "held_on",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # The (action, sequence) constraint is checked in validate(), so sequence stays optional.
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        action = attrs.get("action", getattr(self.instance, "action", None))
        sequence = attrs.get("sequence")
        if action is not None and sequence is not None:
            taken = Activity.objects.filter(action=action, sequence=sequence)
            if self.instance is not None:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise serializers.ValidationError(
                    {"sequence": [_("This Action has an activity with this number.")]}
                )
        return attrs
