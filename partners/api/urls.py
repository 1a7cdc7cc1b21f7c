from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# JSON is the only format: a `.json` suffix would be a second door to each route, and DRF's suffix
# routes pass `format` to extra actions that do not take it (a 500 instead of an answer).
router.include_format_suffixes = False
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("people", views.PersonViewSet, basename="person")
router.register(
    "coordination-mechanisms", views.CoordinationMechanismViewSet, basename="coordination-mechanism"
)
router.register("experts", views.ExpertViewSet, basename="expert")
router.register("invitations", views.InvitationViewSet, basename="invitation")

urlpatterns = router.urls
