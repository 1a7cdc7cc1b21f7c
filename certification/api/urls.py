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
router.register("enrolments", views.EnrolmentViewSet, basename="enrolment")

urlpatterns = router.urls
