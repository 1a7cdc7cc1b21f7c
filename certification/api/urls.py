from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# JSON is the only format: a `.json` suffix would be a second door to each route, and DRF's suffix
# routes pass `format` to extra actions that do not take it (a 500 instead of an answer).
router.include_format_suffixes = False
router.register(
    "certification-programmes", views.CertificationProgrammeViewSet, basename="certification-programme"
)
router.register("competencies", views.CompetencyViewSet, basename="competency")
router.register("enrolments", views.EnrolmentViewSet, basename="enrolment")
router.register("replica-sessions", views.ReplicaSessionViewSet, basename="replica-session")
router.register("credentials", views.CredentialViewSet, basename="credential")
router.register("credential-batches", views.BulkIssueViewSet, basename="credential-batch")
router.register("curricula", views.CurriculumViewSet, basename="curriculum")
router.register("curriculum-modules", views.CurriculumModuleViewSet, basename="curriculum-module")
router.register("learning-records", views.LearningRecordViewSet, basename="learning-record")
router.register("career-steps", views.CareerStepViewSet, basename="career-step")

urlpatterns = router.urls
