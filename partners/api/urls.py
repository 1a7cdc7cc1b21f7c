from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("people", views.PersonViewSet, basename="person")
router.register(
    "coordination-mechanisms", views.CoordinationMechanismViewSet, basename="coordination-mechanism"
)
router.register("experts", views.ExpertViewSet, basename="expert")

urlpatterns = router.urls
