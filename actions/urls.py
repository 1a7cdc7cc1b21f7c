from django.urls import path

from . import views

app_name = "actions"


def code_list(prefix: str, name: str, list_view, create, update) -> list:
    return [
        path(f"code-lists/{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"code-lists/{prefix}/new/", create.as_view(), name=f"{name}_create"),
        path(f"code-lists/{prefix}/<int:pk>/edit/", update.as_view(), name=f"{name}_update"),
    ]


urlpatterns = [
    # Requests
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", views.RequestUpdateView.as_view(), name="request_update"),
    path("requests/<int:pk>/transition/", views.RequestTransitionView.as_view(), name="request_transition"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        views.AttachmentDownloadView.as_view(),
        name="request_attachment",
    ),
    # Steering Committee
    path("committee/", views.MeetingListView.as_view(), name="meeting_list"),
    path("committee/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("committee/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("committee/<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("committee/<int:pk>/decisions/", views.MeetingDecisionView.as_view(), name="meeting_decide"),
    # Actions
    path("actions/", views.ActionListView.as_view(), name="action_list"),
    path("actions/new/", views.ActionCreateView.as_view(), name="action_create"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action_update"),
    path("actions/<int:pk>/transition/", views.ActionTransitionView.as_view(), name="action_transition"),
    path("actions/<int:pk>/activities/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("actions/<int:pk>/deliverables/", views.DeliverableCreateView.as_view(), name="deliverable_create"),
    path("actions/<int:pk>/results/", views.ResultCreateView.as_view(), name="result_create"),
    path("actions/<int:pk>/indicators/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path("actions/<int:pk>/periods/", views.IndicatorPeriodCreateView.as_view(), name="period_create"),
    path(
        "actions/<int:pk>/coordination/plan/", views.CoordinationPlanView.as_view(), name="coordination_plan"
    ),
    # Activities
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_update"),
    path(
        "activities/<int:pk>/transition/", views.ActivityTransitionView.as_view(), name="activity_transition"
    ),
    path(
        "activities/<int:pk>/experts/", views.ExpertAssignmentCreateView.as_view(), name="assignment_create"
    ),
    path("activities/<int:pk>/attendance/", views.AttendanceUploadView.as_view(), name="attendance_upload"),
    path("activities/<int:pk>/documents/", views.ActivityDocumentsView.as_view(), name="activity_documents"),
    path("activities/<int:pk>/agenda/", views.ActivityAgendaView.as_view(), name="activity_agenda"),
    path("activities/<int:pk>/report/", views.ActivityReportView.as_view(), name="activity_report"),
    path(
        "expert-assignments/<int:pk>/delete/", views.AssignmentDeleteView.as_view(), name="assignment_delete"
    ),
    path(
        "expert-assignments/<int:pk>/mission-report/",
        views.MissionReportView.as_view(),
        name="mission_report",
    ),
    path(
        "expert-assignments/<int:pk>/mission-report/upload/",
        views.MissionReportUploadView.as_view(),
        name="mission_report_upload",
    ),
    path(
        "participations/<int:pk>/edit/", views.ParticipationUpdateView.as_view(), name="participation_update"
    ),
    path(
        "attendance-imports/<int:pk>/",
        views.AttendanceImportDetailView.as_view(),
        name="attendance_import_detail",
    ),
    path(
        "attendance-imports/<int:pk>/status/",
        views.AttendanceImportStatusView.as_view(),
        name="attendance_import_status",
    ),
    # Deliverables, results framework, coordination matrix
    path("deliverables/<int:pk>/edit/", views.DeliverableUpdateView.as_view(), name="deliverable_update"),
    path(
        "deliverables/<int:pk>/transition/",
        views.DeliverableTransitionView.as_view(),
        name="deliverable_transition",
    ),
    path("deliverables/<int:pk>/file/", views.DeliverableFileView.as_view(), name="deliverable_file"),
    path("action-results/<int:pk>/edit/", views.ResultUpdateView.as_view(), name="result_update"),
    path("indicators/<int:pk>/edit/", views.IndicatorUpdateView.as_view(), name="indicator_update"),
    path("indicator-periods/<int:pk>/edit/", views.IndicatorPeriodUpdateView.as_view(), name="period_update"),
    path(
        "indicator-periods/<int:pk>/transition/",
        views.IndicatorPeriodTransitionView.as_view(),
        name="period_transition",
    ),
    path(
        "indicator-periods/<int:pk>/evidence/",
        views.IndicatorPeriodEvidenceView.as_view(),
        name="period_evidence",
    ),
    path("coordination-cells/<int:pk>/", views.CoordinationCellUpdateView.as_view(), name="cell_update"),
    path(
        "coordination-cells/<int:pk>/transition/",
        views.CoordinationCellTransitionView.as_view(),
        name="cell_transition",
    ),
    # Results across the programme
    path("results/", views.ResultsRollupView.as_view(), name="results_rollup"),
    # Code lists
    path("code-lists/", views.CodeListIndexView.as_view(), name="code_lists"),
    *code_list(
        "thematic-areas",
        "thematic_area",
        views.ThematicAreaListView,
        views.ThematicAreaCreateView,
        views.ThematicAreaUpdateView,
    ),
    *code_list(
        "gcm-objectives",
        "gcm_objective",
        views.GlobalCompactObjectiveListView,
        views.GlobalCompactObjectiveCreateView,
        views.GlobalCompactObjectiveUpdateView,
    ),
    *code_list(
        "purpose-codes",
        "purpose_code",
        views.PurposeCodeListView,
        views.PurposeCodeCreateView,
        views.PurposeCodeUpdateView,
    ),
    *code_list(
        "phases",
        "phase",
        views.ProgrammePhaseListView,
        views.ProgrammePhaseCreateView,
        views.ProgrammePhaseUpdateView,
    ),
]
