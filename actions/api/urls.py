from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("requests", views.SupportRequestViewSet, basename="request")
router.register("steering-committee-meetings", views.MeetingViewSet, basename="steering-committee-meeting")
router.register("actions", views.ActionViewSet, basename="action")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("thematic-areas", views.ThematicAreaViewSet, basename="thematic-area")
router.register("gcm-objectives", views.GlobalCompactObjectiveViewSet, basename="gcm-objective")
router.register("purpose-codes", views.PurposeCodeViewSet, basename="purpose-code")
router.register("programme-phases", views.ProgrammePhaseViewSet, basename="programme-phase")

urlpatterns = router.urls
