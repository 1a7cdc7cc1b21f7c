from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# JSON is the only format: a `.json` suffix would be a second door to each route, and DRF's suffix
# routes pass `format` to extra actions that do not take it (a 500 instead of an answer).
router.include_format_suffixes = False
router.register("requests", views.SupportRequestViewSet, basename="request")
router.register("steering-committee-meetings", views.MeetingViewSet, basename="steering-committee-meeting")
router.register("actions", views.ActionViewSet, basename="action")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("attendance-imports", views.AttendanceImportViewSet, basename="attendance-import")
router.register("expert-assignments", views.ExpertAssignmentViewSet, basename="expert-assignment")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("deliverables", views.DeliverableViewSet, basename="deliverable")
router.register("results", views.ResultViewSet, basename="result")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-periods", views.IndicatorPeriodViewSet, basename="indicator-period")
router.register("coordination-cells", views.CoordinationCellViewSet, basename="coordination-cell")
router.register("thematic-areas", views.ThematicAreaViewSet, basename="thematic-area")
router.register("gcm-objectives", views.GlobalCompactObjectiveViewSet, basename="gcm-objective")
router.register("purpose-codes", views.PurposeCodeViewSet, basename="purpose-code")
router.register("programme-phases", views.ProgrammePhaseViewSet, basename="programme-phase")

urlpatterns = [
    path("results-rollup/", views.ResultsRollupView.as_view(), name="results-rollup"),
    *router.urls,
]
