"""Serializers of the certification API. They validate and render; the viewsets hand the validated
data to certification.services, which writes."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.api.serializers import ScopedIdField
from actions.models import Action, Activity
from mieux.api.fields import ScopedPrimaryKeyRelatedField
from mieux.api.serializers import ServiceModelSerializer, StrictCharField
from partners.api.serializers import NameInSomeLanguageMixin
from partners.models import Institution, Person

from .. import openbadges
from ..choices import AssessmentKind, RevocationReason
from ..eligibility import enrolment_eligibility
from ..models import (
    Assessment,
    BulkIssue,
    CareerStep,
    CertificationProgramme,
    Competency,
    Credential,
    Curriculum,
    CurriculumModule,
    Enrolment,
    LearningRecord,
    ReplicaSession,
    SignOff,
)
from ..services import RUBRIC_MAX_LEVEL

LANGUAGE_SUFFIXES = ("en", "fr", "es")


def translated_fields(name: str) -> list[str]:
    return [name, *(f"{name}_{code}" for code in LANGUAGE_SUFFIXES)]


# --- Programmes and their competency framework --------------------------------------------------


class CompetencySerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    """One competency of a programme's framework (also a criterion of the practical rubric)."""

    name = serializers.CharField(read_only=True, help_text=_("The name in the request's language."))
    description = serializers.CharField(read_only=True)
    programme = ScopedPrimaryKeyRelatedField(CertificationProgramme, help_text=_("The programme."))

    class Meta:
        model = Competency
        fields = [
            "id",
            "programme",
            "position",
            *translated_fields("name"),
            *translated_fields("description"),
        ]

    def validate_programme(self, programme):
        # A competency stays in the framework it was written for.
        if self.instance is not None and programme.pk != self.instance.programme_id:
            raise serializers.ValidationError(_("A competency cannot move to another programme."))
        return programme


class NestedCompetencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Competency
        fields = ["id", "position", "name", "description"]
        read_only_fields = fields


class CertificationProgrammeSerializer(NameInSomeLanguageMixin, ServiceModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text=_("The name in the request's language (with fallback).")
    )
    description = serializers.CharField(read_only=True)
    actions = ScopedPrimaryKeyRelatedField(
        Action, many=True, required=False, help_text=_("The holistic Actions the programme runs within.")
    )
    co_signer = ScopedPrimaryKeyRelatedField(
        Institution,
        allow_null=True,
        required=False,
        help_text=_("The partner's capacity development institution that co-signs the credential."),
    )
    mandatory_activities = ScopedPrimaryKeyRelatedField(
        Activity,
        many=True,
        required=False,
        help_text=_("Activities of the programme's Actions every candidate must attend."),
    )
    competencies = NestedCompetencySerializer(
        many=True, read_only=True, help_text=_("The competency framework (edit it at /competencies/).")
    )

    class Meta:
        model = CertificationProgramme
        fields = [
            "id",
            *translated_fields("name"),
            *translated_fields("description"),
            "kind",
            "actions",
            "accepts_nominations",
            "co_signer",
            "mandatory_activities",
            "min_attendance_percent",
            "knowledge_test_threshold",
            "practical_threshold",
            "replica_sessions_required",
            "replica_min_rating",
            "portfolio_required",
            "validity_months",
            "competencies",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


# --- Enrolments, assessments, sign-offs, replica sessions ---------------------------------------


class AssessmentSerializer(serializers.ModelSerializer):
    assessor_name = serializers.CharField(source="assessor", read_only=True, allow_null=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "kind",
            "assessor",
            "assessor_name",
            "assessed_on",
            "score",
            "rubric",
            "portfolio_accepted",
            "replica_session",
            "comment",
            "created_at",
        ]
        read_only_fields = fields


class AssessmentCreateSerializer(serializers.Serializer):
    """An assessor's result. A practical assessment may be scored on the rubric instead of a score:
    {"<competency id>": level 0–4} for every competency of the programme."""

    kind = serializers.ChoiceField(choices=AssessmentKind.choices)
    assessed_on = serializers.DateField()
    score = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=0, max_value=100, required=False, allow_null=True
    )
    rubric = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=RUBRIC_MAX_LEVEL),
        required=False,
        help_text=_("Competency id → level (0–4), for a practical assessment."),
    )
    portfolio_accepted = serializers.BooleanField(required=False, allow_null=True, default=None)
    replica_session = ScopedIdField(ReplicaSession, required=False, allow_null=True)
    comment = StrictCharField(required=False, allow_blank=True, max_length=4000, default="")


class SignOffSerializer(serializers.ModelSerializer):
    signed_by_name = serializers.CharField(source="signed_by", read_only=True, allow_null=True)

    class Meta:
        model = SignOff
        fields = ["id", "step", "unit", "signed_by", "signed_by_name", "signed_at", "comment"]
        read_only_fields = fields


class SignOffCreateSerializer(serializers.Serializer):
    comment = StrictCharField(required=False, allow_blank=True, max_length=4000, default="")


class EnrolmentSerializer(ServiceModelSerializer):
    programme = ScopedPrimaryKeyRelatedField(
        CertificationProgramme, help_text=_("A programme open for nominations.")
    )
    person = ScopedPrimaryKeyRelatedField(Person, help_text=_("An official of your institution."))
    person_name = serializers.CharField(source="person", read_only=True)
    institution = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("The official's institution when nominated.")
    )

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "programme",
            "person",
            "person_name",
            "institution",
            "status",
            "nominated_by",
            "nominated_on",
            "motivation",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "nominated_by", "nominated_on", "created_at", "updated_at"]
        # One live place per programme and official: the service checks it and names `person`.
        validators = []


class EligibilityRuleSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    met = serializers.BooleanField()
    figure = serializers.CharField(help_text=_("The figure behind the rule, as shown on the page."))
    value = serializers.CharField(allow_null=True)
    threshold = serializers.CharField(allow_null=True)


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    rules = EligibilityRuleSerializer(many=True)


class EnrolmentDetailSerializer(EnrolmentSerializer):
    """One enrolment with where the candidate stands against each rule, their assessments and the
    institution's sign-offs (the list leaves them out, so its query count stays flat)."""

    eligibility = serializers.SerializerMethodField()
    assessments = AssessmentSerializer(many=True, read_only=True)
    sign_offs = SignOffSerializer(many=True, read_only=True)

    class Meta(EnrolmentSerializer.Meta):
        fields = [*EnrolmentSerializer.Meta.fields, "eligibility", "assessments", "sign_offs"]

    @extend_schema_field(EligibilitySerializer)
    def get_eligibility(self, enrolment) -> dict:
        return enrolment_eligibility(enrolment).as_dict()


class ReplicaSessionSerializer(ServiceModelSerializer):
    """A session an official delivered to colleagues. With an `activity`, the participant count and
    rating are taken from its participations."""

    trainer = ScopedPrimaryKeyRelatedField(Person, help_text=_("The official who delivered it."))
    trainer_name = serializers.CharField(source="trainer", read_only=True)
    institution = serializers.PrimaryKeyRelatedField(read_only=True)
    enrolment = ScopedPrimaryKeyRelatedField(Enrolment, required=False, allow_null=True)
    activity = ScopedPrimaryKeyRelatedField(Activity, required=False, allow_null=True)
    module = ScopedPrimaryKeyRelatedField(CurriculumModule, required=False, allow_null=True)

    class Meta:
        model = ReplicaSession
        fields = [
            "id",
            "trainer",
            "trainer_name",
            "institution",
            "enrolment",
            "activity",
            "module",
            "title",
            "held_on",
            "supervised",
            "colleagues_trained",
            "average_rating",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["recorded_by", "created_at"]


# --- Credentials --------------------------------------------------------------------------------


class CredentialSerializer(serializers.ModelSerializer):
    """A credential with the public addresses where anyone checks it."""

    person_name = serializers.CharField(source="person", read_only=True, help_text=_("The holder."))
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    verification_url = serializers.SerializerMethodField()
    json_url = serializers.SerializerMethodField()
    jwt_url = serializers.SerializerMethodField()
    certificate_url = serializers.SerializerMethodField()

    class Meta:
        model = Credential
        fields = [
            "id",
            "public_id",
            "kind",
            "person",
            "person_name",
            "institution",
            "programme",
            "programme_name",
            "enrolment",
            "language",
            "status",
            "revocation_reason",
            "issued_on",
            "valid_until",
            "superseded_by",
            "verification_url",
            "json_url",
            "jwt_url",
            "certificate_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_verification_url(self, credential) -> str:
        return openbadges.absolute(credential.get_verification_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_json_url(self, credential) -> str:
        return openbadges.absolute(reverse("credential_json", args=[credential.public_id]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_jwt_url(self, credential) -> str:
        return openbadges.absolute(reverse("credential_jwt", args=[credential.public_id]))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_certificate_url(self, credential) -> str | None:
        if not credential.certificate:
            return None
        path = reverse("credential-certificate", args=[credential.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CredentialNoteSerializer(serializers.Serializer):
    note = StrictCharField(required=False, allow_blank=True, max_length=4000, default="")


class CredentialSuspendSerializer(serializers.Serializer):
    note = StrictCharField(max_length=4000, help_text=_("Why the credential is suspended (internal)."))


class CredentialRevokeSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=RevocationReason.choices, help_text=_("Shown on the public verification page.")
    )
    note = StrictCharField(required=False, allow_blank=True, max_length=4000, default="")


class BulkIssueErrorSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField()
    person = serializers.CharField()
    message = serializers.CharField()


class BulkIssueSerializer(ServiceModelSerializer):
    """Issuing a cohort's credentials as one background job: POST answers 202, then poll the job."""

    programme = ScopedPrimaryKeyRelatedField(CertificationProgramme)
    enrolments = ScopedPrimaryKeyRelatedField(
        Enrolment, many=True, help_text=_("Candidates at the panel decision in this programme.")
    )
    errors = BulkIssueErrorSerializer(many=True, read_only=True, help_text=_("Candidates not certified."))

    class Meta:
        model = BulkIssue
        fields = [
            "id",
            "programme",
            "enrolments",
            "status",
            "progress",
            "issued_count",
            "total",
            "errors",
            "requested_by",
            "created_at",
            "finished_at",
        ]
        read_only_fields = [
            "status",
            "progress",
            "issued_count",
            "total",
            "requested_by",
            "created_at",
            "finished_at",
        ]


# --- Curricula, learning records, career steps --------------------------------------------------


class CurriculumSerializer(ServiceModelSerializer):
    institution = ScopedPrimaryKeyRelatedField(Institution, help_text=_("One curriculum per institution."))

    class Meta:
        model = Curriculum
        fields = ["id", "institution", "name", "description", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        # One curriculum per institution: the service (and the database) refuse a second.
        validators = []


class CurriculumModuleSerializer(ServiceModelSerializer):
    curriculum = ScopedPrimaryKeyRelatedField(Curriculum)
    programme = ScopedPrimaryKeyRelatedField(CertificationProgramme, required=False, allow_null=True)
    trainers = ScopedPrimaryKeyRelatedField(
        Person, many=True, required=False, help_text=_("In-house trainers of the institution.")
    )

    class Meta:
        model = CurriculumModule
        fields = [
            "id",
            "curriculum",
            "title",
            "provider_kind",
            "provider",
            "programme",
            "hours",
            "refresher_months",
            "trainers",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class LearningRecordSerializer(ServiceModelSerializer):
    person = ScopedPrimaryKeyRelatedField(Person, help_text=_("An official of the institution."))
    person_name = serializers.CharField(source="person", read_only=True)
    institution = serializers.PrimaryKeyRelatedField(read_only=True)
    module = ScopedPrimaryKeyRelatedField(CurriculumModule, required=False, allow_null=True)
    credential = ScopedPrimaryKeyRelatedField(Credential, required=False, allow_null=True)

    class Meta:
        model = LearningRecord
        fields = [
            "id",
            "person",
            "person_name",
            "institution",
            "module",
            "title",
            "provider",
            "completed_on",
            "refresh_by",
            "credential",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # A record of a curriculum module takes the module's title when none is given.
        extra_kwargs = {"title": {"required": False, "allow_blank": True}}


class CareerStepSerializer(ServiceModelSerializer):
    person = ScopedPrimaryKeyRelatedField(Person, help_text=_("An official of the institution."))
    person_name = serializers.CharField(source="person", read_only=True)
    institution = serializers.PrimaryKeyRelatedField(read_only=True)
    credential = ScopedPrimaryKeyRelatedField(Credential, required=False, allow_null=True)

    class Meta:
        model = CareerStep
        fields = [
            "id",
            "person",
            "person_name",
            "institution",
            "credential",
            "change",
            "description",
            "effective_on",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["recorded_by", "created_at"]
