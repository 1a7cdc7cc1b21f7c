"""Certification pages. Each area's views live in their own module of certification/views/."""

from django.urls import path

from .views import programmes

app_name = "certification"

urlpatterns = [
    path("", programmes.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/new/", programmes.ProgrammeCreateView.as_view(), name="programme_create"),
    path("programmes/<int:pk>/", programmes.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", programmes.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("programmes/<int:pk>/nominate/", programmes.NominateView.as_view(), name="programme_nominate"),
    path("enrolments/", programmes.EnrolmentListView.as_view(), name="enrolment_list"),
    path("enrolments/<int:pk>/", programmes.EnrolmentDetailView.as_view(), name="enrolment_detail"),
    path(
        "enrolments/<int:pk>/transition/",
        programmes.EnrolmentTransitionView.as_view(),
        name="enrolment_transition",
    ),
]

# --- path: board, assessments, replica sessions, recognition (certification/views/path.py) ---
from .views import path as path_views  # noqa: E402

urlpatterns += [
    path("programmes/<int:pk>/board/", path_views.ProgrammeBoardView.as_view(), name="programme_board"),
    path(
        "programmes/<int:pk>/competencies/new/",
        path_views.CompetencyCreateView.as_view(),
        name="competency_create",
    ),
    path("competencies/<int:pk>/edit/", path_views.CompetencyUpdateView.as_view(), name="competency_update"),
    path(
        "competencies/<int:pk>/delete/", path_views.CompetencyDeleteView.as_view(), name="competency_delete"
    ),
    path(
        "programmes/<int:pk>/recognitions/new/",
        path_views.RecognitionCreateView.as_view(),
        name="recognition_create",
    ),
    path(
        "recognitions/<int:pk>/delete/", path_views.RecognitionDeleteView.as_view(), name="recognition_delete"
    ),
    path(
        "recognitions/<int:pk>/document/",
        path_views.RecognitionDocumentView.as_view(),
        name="recognition_document",
    ),
    path(
        "enrolments/<int:pk>/assessments/new/",
        path_views.AssessmentCreateView.as_view(),
        name="assessment_create",
    ),
    path(
        "assessments/<int:pk>/evidence/",
        path_views.AssessmentEvidenceView.as_view(),
        name="assessment_evidence",
    ),
    path(
        "enrolments/<int:pk>/replica-sessions/new/",
        path_views.ReplicaSessionCreateView.as_view(),
        name="replica_session_create",
    ),
]
# --- end path ---

# --- credentials: staff credential pages, bulk issuing, multiplier (certification/views/credentials.py) ---
from .views import credentials  # noqa: E402

urlpatterns += [
    path("credentials/", credentials.CredentialListView.as_view(), name="credential_list"),
    path("credentials/<int:pk>/", credentials.CredentialDetailView.as_view(), name="credential_detail"),
    path(
        "credentials/<int:pk>/certificate/",
        credentials.CredentialCertificateView.as_view(),
        name="credential_certificate",
    ),
    path(
        "credentials/<int:pk>/suspend/",
        credentials.CredentialSuspendView.as_view(),
        name="credential_suspend",
    ),
    path(
        "credentials/<int:pk>/reinstate/",
        credentials.CredentialReinstateView.as_view(),
        name="credential_reinstate",
    ),
    path(
        "credentials/<int:pk>/revoke/", credentials.CredentialRevokeView.as_view(), name="credential_revoke"
    ),
    path("credentials/<int:pk>/renew/", credentials.CredentialRenewView.as_view(), name="credential_renew"),
    path("programmes/<int:pk>/issue/", credentials.BulkIssueCreateView.as_view(), name="bulk_issue_create"),
    path("bulk-issues/<int:pk>/", credentials.BulkIssueDetailView.as_view(), name="bulk_issue_detail"),
    path(
        "bulk-issues/<int:pk>/progress/",
        credentials.BulkIssueProgressView.as_view(),
        name="bulk_issue_progress",
    ),
    path("multiplier/", credentials.MultiplierView.as_view(), name="multiplier"),
]
# --- end credentials ---

# --- curricula: curricula, modules, learning records, career steps (certification/views/curricula.py) ---
from .views import curricula  # noqa: E402

urlpatterns += [
    path("curricula/", curricula.CurriculumListView.as_view(), name="curriculum_list"),
    path("curricula/new/", curricula.CurriculumCreateView.as_view(), name="curriculum_create"),
    path("curricula/<int:pk>/", curricula.CurriculumDetailView.as_view(), name="curriculum_detail"),
    path("curricula/<int:pk>/edit/", curricula.CurriculumUpdateView.as_view(), name="curriculum_update"),
    path("curricula/<int:pk>/modules/new/", curricula.ModuleCreateView.as_view(), name="module_create"),
    path("modules/<int:pk>/edit/", curricula.ModuleUpdateView.as_view(), name="module_update"),
    path("modules/<int:pk>/delete/", curricula.ModuleDeleteView.as_view(), name="module_delete"),
    path("people/<int:pk>/learning/", curricula.LearningRecordView.as_view(), name="learning_record"),
    path(
        "people/<int:pk>/learning/new/",
        curricula.LearningRecordCreateView.as_view(),
        name="learning_record_create",
    ),
    path(
        "learning-records/<int:pk>/delete/",
        curricula.LearningRecordDeleteView.as_view(),
        name="learning_record_delete",
    ),
    path(
        "people/<int:pk>/career-steps/new/",
        curricula.CareerStepCreateView.as_view(),
        name="career_step_create",
    ),
    path(
        "career-steps/<int:pk>/delete/", curricula.CareerStepDeleteView.as_view(), name="career_step_delete"
    ),
    path("my-learning/", curricula.MyLearningView.as_view(), name="my_learning"),
]
# --- end curricula ---

# --- portal: sign-offs, officials' own certification (certification/views/portal.py) ---
from .views import portal as portal_views  # noqa: E402

urlpatterns += [
    path("sign-offs/", portal_views.SignOffListView.as_view(), name="sign_off_list"),
    path(
        "enrolments/<int:pk>/sign-off/",
        portal_views.EnrolmentSignOffView.as_view(),
        name="enrolment_sign_off",
    ),
]
# --- end portal ---
