"""Serializers of the actions API. They validate and render; the viewsets hand the validated data to
actions.services, which writes (see mieux.api.serializers.ServiceModelSerializer)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mieux.api.fields import ScopedPrimaryKeyRelatedField
from mieux.api.rows import Computed, UrlTemplate
from mieux.api.serializers import ServiceModelSerializer, StrictCharField
from mieux.models import User
from mieux.roles import STAFF_ROLES
from partners.api.serializers import LanguageListField, NameInSomeLanguageMixin
from partners.models import Expert, Institution, Person
from partners.selectors import co_requester_candidates

from .. import attendance
from ..choices import (
    DOCUMENT_CONTENT_TYPES,
    DOCUMENT_MAX_BYTES,
    ActionType,
    DecisionOutcome,
    FollowUpAnswer,
    OecdLevel,
    PartnerRole,
    RequesterRole,
)
from ..models import (
    Action,
    Activity,
    AttendanceImport,
    CoordinationCell,
    Deliverable,
    ExpertAssignment,
    GlobalCompactObjective,
    Indicator,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    PurposeCode,
    RequestAttachment,
    RequestClarification,
    Result,
    SteeringCommitteeDecision,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)
from ..permissions import is_officer

LANGUAGE_SUFFIXES = ("en", "fr", "es")

# Files added to a request: the same kinds and limit as every other document of the programme
# (services.request_attachment_add enforces them for every door).
ATTACHMENT_MAX_BYTES = DOCUMENT_MAX_BYTES
ATTACHMENT_CONTENT_TYPES = DOCUMENT_CONTENT_TYPES


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


class RequesterInstitutionField(ScopedIdField):
    """An institution the user may name on a request: one they see, and for a focal point also the
    institutions of its own country that may request with it (co_requester_candidates). Any other
    id reads as "does not exist", as everywhere in the API."""

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        visible = Institution.objects.for_user(user)
        if user is None or not user.is_authenticated or not user.is_partner:
            return visible
        candidates = co_requester_candidates(user)
        return Institution.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=candidates.values("pk")))


class RequesterSerializer(serializers.Serializer):
    institution = RequesterInstitutionField(Institution)
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


def display_name(user) -> str | None:
    """Who asked or answered, as a name to show: never an e-mail address or an account id."""
    if user is None:
        return None
    return user.full_name or str(user.get_role_display())


class ClarificationSerializer(serializers.ModelSerializer):
    """A question the programme asked during screening and the requesting institution's answer.
    Answer an open question with `POST {id}/transition/` {"to": "screening", "comment": answer}."""

    asked_by = serializers.SerializerMethodField(help_text=_("The name of who asked."))
    answered_by = serializers.SerializerMethodField(help_text=_("The name of who answered."))

    class Meta:
        model = RequestClarification
        fields = ["id", "question", "asked_by", "asked_at", "answer", "answered_by", "answered_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_asked_by(self, clarification) -> str | None:
        return display_name(clarification.asked_by)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_answered_by(self, clarification) -> str | None:
        return display_name(clarification.answered_by)


class SupportRequestSerializer(ServiceModelSerializer):
    countries = CountryListField(required=False)
    thematic_area = ScopedPrimaryKeyRelatedField(ThematicArea)
    specific_area = ScopedPrimaryKeyRelatedField(ThematicArea, allow_null=True, required=False)
    languages = LanguageListField(required=False)
    requesters = RequesterSerializer(
        many=True,
        max_length=50,
        help_text=_("Exactly one has the role lead. A focal point's own institution must be one of them."),
    )
    eligibility_reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    clarifications = ClarificationSerializer(many=True, read_only=True)
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
            "timing",
            "status",
            "is_eligible",
            "eligibility_reasons",
            "requesters",
            "attachments",
            "clarifications",
            "decisions",
            "action",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reference", "status", "is_eligible", "version", "created_at", "updated_at"]
        extra_kwargs = {
            "channel": {
                "required": False,
                "help_text": _(
                    "How the request arrived: required when programme staff register one; a focal "
                    "point's draft is always `portal`."
                ),
            },
            "received_on": {
                "help_text": _("Set by programme staff; a focal point's request is dated when it is sent.")
            },
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        # Staff register requests that arrived by some channel, and must say which; a focal
        # point writes in the portal, so the service records the channel and date itself.
        if self.instance is None and is_officer(user) and not attrs.get("channel"):
            raise serializers.ValidationError({"channel": [_("Say how the request arrived.")]})
        return attrs

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


# --- Files and statuses shared by what happens inside an Action ---------------------------


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(max_length=200)

    def validate_file(self, upload):
        if _extension(upload.name) not in DOCUMENT_CONTENT_TYPES:
            raise serializers.ValidationError(
                _("Attach a file of one of these types: %(types)s.")
                % {"types": ", ".join(sorted(DOCUMENT_CONTENT_TYPES))}
            )
        if upload.size > DOCUMENT_MAX_BYTES:
            raise serializers.ValidationError(_("Attach a file of at most 10 MB."))
        return upload


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class DownloadUrlField(serializers.Field):
    """Where to download an object's file (through the API, so for_user applies), or null when the
    object has none."""

    def __init__(self, route: str, file_field: str, kind: str | None = None, **kwargs):
        self.route, self.file_field, self.kind = route, file_field, kind
        kwargs.setdefault("help_text", _("Where to download the file; null while there is none."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        if not getattr(obj, self.file_field):
            return None
        args = [obj.pk] if self.kind is None else [obj.pk, self.kind]
        path = reverse(self.route, args=args)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @classmethod
    def for_rows(cls, route: str, file_field: str, kind: str | None = None) -> Computed:
        """The same URL for the list rows (mieux.api.rows)."""
        template = UrlTemplate(route, *([kind] if kind else []))

        def url(row, context):
            if not row[file_field]:
                return None
            request = context.get("request")
            path = template(row["id"])
            return request.build_absolute_uri(path) if request else path

        return Computed([file_field], url, written=True)


class StatusByTransitionMixin:
    """`status` is shown but moves only through `POST {id}/transition/`: a write naming another
    status is a 400 naming `status`, never silently ignored."""

    def to_internal_value(self, data):
        if hasattr(data, "get") and "status" in data:
            current = getattr(self.instance, "status", None)
            if current is None:
                current = self.Meta.model._meta.get_field("status").default
            if data.get("status") != current:
                raise serializers.ValidationError({"status": [_("Change the status with a transition.")]})
        return super().to_internal_value(data)


# --- Activities -----------------------------------------------------------------------------


class ActivitySerializer(StatusByTransitionMixin, ServiceModelSerializer):
    action = ScopedPrimaryKeyRelatedField(Action)
    sequence = serializers.IntegerField(
        min_value=1,
        max_value=32767,
        required=False,
        help_text=_("Numbered after the last one when left out."),
    )
    country = CountryField(required=False, allow_blank=True)
    languages = LanguageListField(required=False)
    agenda = DownloadUrlField("activity-files", "agenda", kind="agenda")
    report = DownloadUrlField("activity-files", "report", kind="report")

    class Meta:
        model = Activity
        fields = [
            "id",
            "action",
            "sequence",
            "type",
            "title",
            "description",
            "modality",
            "planned_start",
            "planned_end",
            "held_on",
            "duration_hours",
            "city",
            "country",
            "languages",
            "oecd_level",
            "agenda",
            "report",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
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


class AttendanceListSerializer(serializers.Serializer):
    """An attendance list: a CSV or XLSX file (multipart), or rows pasted from a spreadsheet (JSON)."""

    file = serializers.FileField(
        max_length=200, required=False, help_text=_("A CSV or XLSX file of at most 5 MB.")
    )
    text = serializers.CharField(
        required=False,
        trim_whitespace=False,
        max_length=attendance.MAX_BYTES,
        help_text=_("Rows pasted from a spreadsheet, the first naming the columns."),
    )

    def validate_file(self, upload):
        try:
            attendance.check_upload(upload.name, upload.size)
        except attendance.AttendanceFileError as error:
            raise serializers.ValidationError(str(error)) from error
        return upload

    def validate_text(self, text):
        if not text.strip():
            raise serializers.ValidationError(_("Paste the rows of the list, the first naming the columns."))
        if len(text.encode("utf-8")) > attendance.MAX_BYTES:
            raise serializers.ValidationError(_("Paste at most 5 MB of text."))
        return text

    def validate(self, attrs):
        if ("file" in attrs) == ("text" in attrs):
            raise serializers.ValidationError(
                {"file": [_("Send either a file or the pasted text (`text`), not both.")]}
            )
        return attrs

    def source_file(self):
        """The list as a file the import keeps: the upload, or the pasted text as pasted.txt."""
        if "file" in self.validated_data:
            return self.validated_data["file"]
        return ContentFile(self.validated_data["text"].encode("utf-8"), name="pasted.txt")


class AttendanceImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=_("The row as the spreadsheet shows it (0: the whole file)."))
    field = serializers.CharField(help_text=_("The column in error."))
    message = serializers.CharField()


class AttendanceImportSerializer(serializers.ModelSerializer):
    errors = AttendanceImportErrorSerializer(many=True, read_only=True)

    class Meta:
        model = AttendanceImport
        fields = [
            "id",
            "activity",
            "status",
            "progress",
            "rows_total",
            "rows_imported",
            "errors",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


# --- Experts and participants -----------------------------------------------------------------


class ExpertAssignmentSerializer(ServiceModelSerializer):
    activity = ScopedPrimaryKeyRelatedField(Activity)
    expert = ScopedPrimaryKeyRelatedField(Expert, help_text=_("An expert of the roster."))
    nominating_focal_point = ScopedPrimaryKeyRelatedField(
        Person,
        allow_null=True,
        required=False,
        help_text=_("Defaults to the expert's nominating focal point."),
    )
    mission_report = DownloadUrlField("expert-assignment-mission-report", "mission_report")

    class Meta:
        model = ExpertAssignment
        fields = [
            "id",
            "activity",
            "expert",
            "role",
            "days",
            "nominating_focal_point",
            "mission_report",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # One expert once per activity: the service checks it and names `expert`.
        validators = []


class ParticipationSerializer(ServiceModelSerializer):
    activity = ScopedPrimaryKeyRelatedField(Activity)
    person = ScopedPrimaryKeyRelatedField(Person)
    institution = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("The person's institution when the attendance was recorded.")
    )
    knowledge_gain = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text=_("Post-test minus pre-test score, in points."),
    )

    class Meta:
        model = Participation
        fields = [
            "id",
            "activity",
            "person",
            "gender",
            "institution",
            "attendance_percent",
            "attendance_hours",
            "pre_test_score",
            "post_test_score",
            "satisfaction",
            "follow_up_answer",
            "follow_up_comment",
            "knowledge_gain",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["gender", "created_at", "updated_at"]
        # One person once per activity: the service checks it and names `person`.
        validators = []


class QuestionnaireAnswerSerializer(serializers.Serializer):
    """The participant's answers: satisfaction (1–5) once the activity has been held, the follow-up
    from three months after it. Only these three fields may be sent."""

    satisfaction = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    follow_up_answer = serializers.ChoiceField(
        choices=FollowUpAnswer.choices,
        required=False,
        allow_blank=True,
        help_text=_("Has the learning been applied? Opens three months after the activity."),
    )
    follow_up_comment = StrictCharField(required=False, allow_blank=True, max_length=4000)

    def validate(self, attrs):
        sent = set(self.initial_data) if hasattr(self.initial_data, "keys") else set()
        unknown = sorted(sent - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: [_("Not part of the questionnaire.")] for name in unknown}
            )
        if not attrs:
            raise serializers.ValidationError(
                {"satisfaction": [_("Give the satisfaction or the follow-up answer.")]}
            )
        return attrs


# --- Deliverables -----------------------------------------------------------------------------


class DeliverableSerializer(StatusByTransitionMixin, ServiceModelSerializer):
    action = ScopedPrimaryKeyRelatedField(Action)
    activity = ScopedPrimaryKeyRelatedField(
        Activity, allow_null=True, required=False, help_text=_("An activity of the same Action.")
    )
    file = DownloadUrlField("deliverable-file", "file")

    class Meta:
        model = Deliverable
        fields = [
            "id",
            "action",
            "activity",
            "title",
            "type",
            "language",
            "oecd_level",
            "description",
            "file",
            "status",
            "adopting_body",
            "adopted_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]


# --- Results framework ------------------------------------------------------------------------


class ResultSerializer(ServiceModelSerializer):
    action = ScopedPrimaryKeyRelatedField(Action)
    parent = ScopedPrimaryKeyRelatedField(
        Result, allow_null=True, required=False, help_text=_("The outcome an output sits under.")
    )

    class Meta:
        model = Result
        fields = ["id", "action", "kind", "parent", "code", "statement", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        # The (action, code) constraint is checked in validate(), so the error names `code`.
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        action = attrs.get("action", getattr(self.instance, "action", None))
        code = attrs.get("code")
        if action is not None and code is not None:
            taken = Result.objects.filter(action=action, code=code)
            if self.instance is not None:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise serializers.ValidationError({"code": [_("This Action has a result with this code.")]})
        return attrs


class IndicatorPeriodSerializer(StatusByTransitionMixin, ServiceModelSerializer):
    indicator = ScopedPrimaryKeyRelatedField(Indicator)
    disaggregation = serializers.JSONField(
        required=False,
        help_text=_('Per dimension, adding up to the actual: {"sex": {"female": 12, "male": 9}}.'),
    )
    evidence = DownloadUrlField("indicator-period-evidence", "evidence")

    class Meta:
        model = IndicatorPeriod
        fields = [
            "id",
            "indicator",
            "starts_on",
            "ends_on",
            "target",
            "actual",
            "disaggregation",
            "evidence",
            "comment",
            "status",
            "submitted_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "submitted_by", "created_at", "updated_at"]
        # One period per start: the service checks overlaps and names `starts_on`.
        validators = []


class IndicatorPeriodNestedSerializer(serializers.ModelSerializer):
    """A period as listed on its indicator; on creation, the periods to create with it."""

    disaggregation = serializers.JSONField(required=False)
    comment = StrictCharField(required=False, allow_blank=True, max_length=4000)

    class Meta:
        model = IndicatorPeriod
        fields = ["id", "starts_on", "ends_on", "target", "actual", "disaggregation", "status", "comment"]
        read_only_fields = ["id", "status"]
        validators = []


class IndicatorSerializer(ServiceModelSerializer):
    action = ScopedPrimaryKeyRelatedField(Action)
    result = ScopedPrimaryKeyRelatedField(
        Result, allow_null=True, required=False, help_text=_("A result of the same Action.")
    )
    periods = IndicatorPeriodNestedSerializer(
        many=True,
        required=False,
        max_length=100,
        help_text=_("Given on creation only; afterwards edit them through /indicator-periods/."),
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "action",
            "result",
            "name",
            "oecd_level",
            "kirkpatrick_level",
            "unit",
            "measure",
            "baseline",
            "comments",
            "periods",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_periods(self, periods):
        if self.instance is not None:
            raise serializers.ValidationError(_("Edit the periods through /indicator-periods/."))
        return periods


# --- Holistic coordination matrix ---------------------------------------------------------------


class CoordinationCellSerializer(StatusByTransitionMixin, ServiceModelSerializer):
    action = ScopedPrimaryKeyRelatedField(Action, help_text=_("A holistic capacity development Action."))
    responsible = ScopedPrimaryKeyRelatedField(Person, allow_null=True, required=False)
    signed_off_by = ScopedPrimaryKeyRelatedField(
        Person, allow_null=True, required=False, help_text=_("The partner's person who signs off.")
    )

    class Meta:
        model = CoordinationCell
        fields = [
            "id",
            "action",
            "stage",
            "actor",
            "status",
            "responsible",
            "signed_off_by",
            "signed_off_on",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
        # One cell per stage and actor: the service checks it and names `actor`.
        validators = []


class CoordinationMatrixPlannedSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("How many missing cells were planned."))


# --- Results roll-up --------------------------------------------------------------------------


class RollupRowSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=OecdLevel.choices)
    indicators = serializers.IntegerField()
    actions = serializers.IntegerField()
    periods = serializers.IntegerField()
    target_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    actual_total = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text=_("Approved and computed actuals only.")
    )
    met = serializers.IntegerField(help_text=_("Periods whose actual reached the target."))
    pending = serializers.IntegerField(help_text=_("Periods waiting for approval."))
    share_met = serializers.IntegerField(help_text=_("Per cent of periods that met their target."))
    share_of_target = serializers.IntegerField(
        allow_null=True, help_text=_("Actual total as a per cent of the target total.")
    )


class RollupPhaseRowSerializer(RollupRowSerializer):
    phase = serializers.CharField(source="indicator__action__phase__code")
    phase_name = serializers.CharField(source="indicator__action__phase__name")


class RollupTypeRowSerializer(RollupRowSerializer):
    action_type = serializers.ChoiceField(choices=ActionType.choices, source="indicator__action__type")


class RollupRegionSerializer(serializers.Serializer):
    region = serializers.CharField()
    label = serializers.CharField()
    rows = RollupRowSerializer(many=True)


class ResultsRollupSerializer(serializers.Serializer):
    """Targets against actuals per OECD level (indicators counted in numbers only)."""

    overall = RollupRowSerializer(many=True)
    by_phase = RollupPhaseRowSerializer(many=True)
    by_type = RollupTypeRowSerializer(many=True)
    by_region = RollupRegionSerializer(many=True)
