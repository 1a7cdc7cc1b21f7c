"""API of certification: programmes and their competencies, enrolments (with assessments, sign-offs
and replica sessions), credentials and their bulk issuing, and each institution's curriculum,
learning records and career steps.

Every viewset reads through `for_user` (ScopedModelViewSet) and writes through
certification.services; an enrolment moves on through ENROLMENT_WORKFLOW (`{id}/transition/`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from mieux.api.rows import Computed, RowRepresentation, UrlTemplate, translated
from mieux.api.views import ScopedModelViewSet, TransitionsMixin
from mieux.downloads import stored_file_response

from .. import openbadges, services
from ..filtersets import (
    CareerStepFilterSet,
    CertificationProgrammeFilterSet,
    CompetencyFilterSet,
    CredentialFilterSet,
    CurriculumFilterSet,
    CurriculumModuleFilterSet,
    EnrolmentFilterSet,
    LearningRecordFilterSet,
    ReplicaSessionFilterSet,
)
from ..models import (
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
)
from ..permissions import (
    BulkIssuePolicy,
    CareerStepPolicy,
    CompetencyPolicy,
    CredentialPolicy,
    CurriculumModulePolicy,
    CurriculumPolicy,
    LearningRecordPolicy,
    ReplicaSessionPolicy,
    enrolment_policy,
    programme_policy,
)
from ..workflows import ENROLMENT_WORKFLOW
from .serializers import (
    AssessmentCreateSerializer,
    AssessmentSerializer,
    BulkIssueSerializer,
    CareerStepSerializer,
    CertificationProgrammeSerializer,
    CompetencySerializer,
    CredentialNoteSerializer,
    CredentialRevokeSerializer,
    CredentialSerializer,
    CredentialSuspendSerializer,
    CurriculumModuleSerializer,
    CurriculumSerializer,
    EnrolmentDetailSerializer,
    EnrolmentSerializer,
    LearningRecordSerializer,
    ReplicaSessionSerializer,
    SignOffCreateSerializer,
    SignOffSerializer,
)

WITHOUT_DELETE = ["get", "post", "put", "patch", "head", "options"]
WITHOUT_UPDATE = ["get", "post", "delete", "head", "options"]
# An extra action of a read-only viewset allows its own POST (and says so in `Allow`).
ACTION_POST = ["post", "options"]
PDF_RESPONSES = {(200, "application/pdf"): OpenApiTypes.BINARY}


# --- Programmes and competencies ------------------------------------------------------------------


class CertificationProgrammeViewSet(ScopedModelViewSet):
    """Paths to a trainer or expert credential, run within holistic Actions: their rules and
    thresholds, issuers, and (read-only here) their competency framework."""

    model = CertificationProgramme
    queryset = CertificationProgramme.objects.none()
    serializer_class = CertificationProgrammeSerializer
    filterset_class = CertificationProgrammeFilterSet
    policy = programme_policy
    prefetch_related = ("actions", "mandatory_activities", "competencies")
    create_service = services.programme_create
    update_service = services.programme_update
    delete_service = services.programme_delete


class CompetencyViewSet(ScopedModelViewSet):
    """The competencies of a programme's framework, each a criterion of the practical rubric.
    Visible with their programme; programme staff edit them."""

    model = Competency
    queryset = Competency.objects.none()
    serializer_class = CompetencySerializer
    filterset_class = CompetencyFilterSet
    policy = CompetencyPolicy()
    create_service = services.competency_create
    update_service = services.competency_update
    delete_service = services.competency_delete

    def get_queryset(self):
        # A competency has no scope of its own: it is seen with its programme.
        programmes = CertificationProgramme.objects.for_user(self.request.user)
        return Competency.objects.filter(programme_id__in=programmes.values("id"))

    def service_data(self, serializer) -> dict:
        data = super().service_data(serializer)
        if serializer.instance is not None:
            data.pop("programme", None)
        return data


# --- Enrolments -----------------------------------------------------------------------------------


class EnrolmentViewSet(TransitionsMixin, ScopedModelViewSet):
    """Officials nominated by their institution's HR or training unit, and where they stand.
    POST nominates (an official of your own institution, for a programme of an Action it takes part
    in); staff enrol or decline, the nominating unit may withdraw. The detail adds the eligibility
    rules with the figure behind each, the assessments and the institution's sign-offs."""

    model = Enrolment
    queryset = Enrolment.objects.none()
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilterSet
    policy = enrolment_policy
    select_related = ("person",)
    create_service = services.enrolment_nominate
    http_method_names = ["get", "post", "head", "options"]
    workflow = ENROLMENT_WORKFLOW
    transition_service = services.enrolment_transition
    # Who may assess or sign off is the service's to decide (programme staff; the candidate's HR or
    # training unit): the enrolment is still looked up through for_user.
    service_authorised_actions = frozenset({"assessments", "sign_off"})

    def get_serializer_class(self):
        if self.action == "retrieve":
            return EnrolmentDetailSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.select_related("programme").prefetch_related(
                "assessments__assessor", "sign_offs__signed_by"
            )
        return queryset

    @extend_schema(
        request=AssessmentCreateSerializer,
        responses={
            201: AssessmentSerializer,
            409: OpenApiResponse(description=_("The candidate is not between training and the panel.")),
        },
        summary=_("Record an assessment (knowledge test, practical, supervised delivery, portfolio)"),
    )
    @action(detail=True, methods=["post"], url_path="assessments", filter_backends=[])
    def assessments(self, request, pk=None):
        enrolment = self.get_object()
        payload = AssessmentCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        assessment = services.assessment_record(
            actor=request.user, enrolment=enrolment, **payload.validated_data
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=SignOffCreateSerializer,
        responses={
            201: SignOffSerializer,
            409: OpenApiResponse(description=_("The path has ended, or your unit signed this step.")),
        },
        summary=_("Sign the current step off for the candidate's institution (HR or training unit)"),
    )
    @action(detail=True, methods=["post"], url_path="sign-off", url_name="sign-off", filter_backends=[])
    def sign_off(self, request, pk=None):
        enrolment = self.get_object()
        payload = SignOffCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        sign_off = services.sign_off_record(enrolment, actor=request.user, **payload.validated_data)
        return Response(SignOffSerializer(sign_off).data, status=status.HTTP_201_CREATED)


class ReplicaSessionViewSet(ScopedModelViewSet):
    """Sessions officials delivered to colleagues (the multiplier effect). Recorded by programme
    staff and the institution's training unit; corrected by deleting and recording again."""

    model = ReplicaSession
    queryset = ReplicaSession.objects.none()
    serializer_class = ReplicaSessionSerializer
    filterset_class = ReplicaSessionFilterSet
    policy = ReplicaSessionPolicy()
    select_related = ("trainer",)
    create_service = services.replica_session_record
    delete_service = services.replica_session_delete
    http_method_names = WITHOUT_UPDATE


# --- Credentials --------------------------------------------------------------------------------


_VERIFY, _JSON, _JWT = (
    UrlTemplate("credential_verify"),
    UrlTemplate("credential_json"),
    UrlTemplate("credential_jwt"),
)
_CERTIFICATE = UrlTemplate("credential-certificate")


def _certificate_url(row, context) -> str | None:
    """As CredentialSerializer.get_certificate_url, for the list rows."""
    if not row["certificate"]:
        return None
    request = context.get("request")
    path = _CERTIFICATE(row["id"])
    return request.build_absolute_uri(path) if request is not None else path


class CredentialViewSet(ScopedModelViewSet):
    """Credentials issued on certification, with their public verification addresses. They are
    issued by the panel decision or a bulk job, never posted here; programme managers suspend,
    reinstate, revoke and renew them."""

    model = Credential
    queryset = Credential.objects.none()
    serializer_class = CredentialSerializer
    filterset_class = CredentialFilterSet
    policy = CredentialPolicy()
    select_related = ("person", "programme")
    list_rows = RowRepresentation(
        CredentialSerializer,
        person_name=Computed(
            ["person__first_name", "person__last_name"],
            lambda row, _: f"{row['person__first_name']} {row['person__last_name']}",
        ),
        programme_name=translated("programme__name"),
        verification_url=Computed(
            ["public_id"], lambda row, _: openbadges.absolute(_VERIFY(row["public_id"])), written=True
        ),
        json_url=Computed(
            ["public_id"], lambda row, _: openbadges.absolute(_JSON(row["public_id"])), written=True
        ),
        jwt_url=Computed(
            ["public_id"], lambda row, _: openbadges.absolute(_JWT(row["public_id"])), written=True
        ),
        certificate_url=Computed(
            ["certificate"], lambda row, context: _certificate_url(row, context), written=True
        ),
    )
    # Read-only, but for the managers' actions below (each allows its own POST).
    http_method_names = ["get", "head", "options"]

    def check_permissions(self, request):
        # A POST, PATCH or DELETE of a credential is a 405 for everyone, before any role is asked.
        if request.method.lower() not in self.http_method_names:
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)

    def _answer(self, credential, code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(credential).data, status=code)

    def _apply(self, request, service, payload_class) -> Response:
        """A manager's change of the credential: the body checked by `payload_class`, then the service
        (which re-checks the role and the credential's status)."""
        credential = self.get_object()
        payload = payload_class(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(service(credential, actor=request.user, **payload.validated_data))

    @extend_schema(
        request=CredentialSuspendSerializer,
        responses={200: CredentialSerializer, 409: OpenApiResponse(description=_("Not active."))},
        summary=_("Suspend an active credential (it stops verifying until reinstated)"),
    )
    @action(
        detail=True, methods=["post"], url_path="suspend", filter_backends=[], http_method_names=ACTION_POST
    )
    def suspend(self, request, pk=None):
        return self._apply(request, services.credential_suspend, CredentialSuspendSerializer)

    @extend_schema(
        request=CredentialNoteSerializer,
        responses={200: CredentialSerializer, 409: OpenApiResponse(description=_("Not suspended."))},
        summary=_("Lift a suspension"),
    )
    @action(
        detail=True, methods=["post"], url_path="reinstate", filter_backends=[], http_method_names=ACTION_POST
    )
    def reinstate(self, request, pk=None):
        return self._apply(request, services.credential_reinstate, CredentialNoteSerializer)

    @extend_schema(
        request=CredentialRevokeSerializer,
        responses={200: CredentialSerializer, 409: OpenApiResponse(description=_("Already closed."))},
        summary=_("Revoke for good, with the reason shown on the verification page"),
    )
    @action(
        detail=True, methods=["post"], url_path="revoke", filter_backends=[], http_method_names=ACTION_POST
    )
    def revoke(self, request, pk=None):
        return self._apply(request, services.credential_revoke, CredentialRevokeSerializer)

    @extend_schema(
        request=None,
        responses={
            201: CredentialSerializer,
            409: OpenApiResponse(description=_("A revoked or superseded credential is not renewed.")),
        },
        summary=_("Renew: a new credential valid from today; the old one is superseded"),
    )
    @action(
        detail=True, methods=["post"], url_path="renew", filter_backends=[], http_method_names=ACTION_POST
    )
    def renew(self, request, pk=None):
        renewed = services.credential_renew(self.get_object(), actor=request.user)
        return self._answer(renewed, status.HTTP_201_CREATED)

    @extend_schema(responses=PDF_RESPONSES, summary=_("Download the PDF certificate"))
    @action(detail=True, methods=["get"], url_path="certificate", pagination_class=None, filter_backends=[])
    def certificate(self, request, pk=None):
        # Looked up through for_user: the file is served only with a visible credential.
        return stored_file_response(self.get_object().certificate, content_types={"pdf": "application/pdf"})


class BulkIssueViewSet(ScopedModelViewSet):
    """Issuing the credentials of a cohort at the panel as one background job (programme staff
    only). POST certifies and issues for the listed candidates and answers 202; poll the job for its
    progress and the candidates it could not certify, with the reason."""

    model = BulkIssue
    queryset = BulkIssue.objects.none()
    serializer_class = BulkIssueSerializer
    policy = BulkIssuePolicy()
    prefetch_related = ("enrolments",)
    create_service = services.bulk_issue_request
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(responses={202: BulkIssueSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        job = serializer.instance
        job.refresh_from_db()  # an eager job has already run by now
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)


# --- Curricula, learning records, career steps ----------------------------------------------------


class CurriculumViewSet(ScopedModelViewSet):
    """Each institution's training curriculum, kept by its training unit: MIEUX+ modules and
    training from other providers in one place. Every partner user of the institution reads it."""

    model = Curriculum
    queryset = Curriculum.objects.none()
    serializer_class = CurriculumSerializer
    filterset_class = CurriculumFilterSet
    policy = CurriculumPolicy()
    create_service = services.curriculum_create
    update_service = services.curriculum_update
    http_method_names = WITHOUT_DELETE


class CurriculumModuleViewSet(ScopedModelViewSet):
    """The modules of the curricula, with their provider, in-house trainers and refresher period."""

    model = CurriculumModule
    queryset = CurriculumModule.objects.none()
    serializer_class = CurriculumModuleSerializer
    filterset_class = CurriculumModuleFilterSet
    policy = CurriculumModulePolicy()
    select_related = ("curriculum",)
    prefetch_related = ("trainers",)
    create_service = services.module_create
    update_service = services.module_update
    delete_service = services.module_delete


class LearningRecordViewSet(ScopedModelViewSet):
    """One learning record per official across every provider, with the date each skill needs
    refreshing. Kept by the institution's training unit and HR; officials read their own."""

    model = LearningRecord
    queryset = LearningRecord.objects.none()
    serializer_class = LearningRecordSerializer
    filterset_class = LearningRecordFilterSet
    policy = LearningRecordPolicy()
    select_related = ("person",)
    create_service = services.learning_record_create
    update_service = services.learning_record_update
    delete_service = services.learning_record_delete


class CareerStepViewSet(ScopedModelViewSet):
    """What a certification changed in an official's career (a trainer role, a grade step), as HR
    records it. Not edited: a wrong step is deleted and recorded again."""

    model = CareerStep
    queryset = CareerStep.objects.none()
    serializer_class = CareerStepSerializer
    filterset_class = CareerStepFilterSet
    policy = CareerStepPolicy()
    select_related = ("person",)
    create_service = services.career_step_record
    delete_service = services.career_step_delete
    http_method_names = WITHOUT_UPDATE
