from django.urls import path

from .views import portal, staff

app_name = "actions"


def code_list(prefix: str, name: str, list_view, create, update) -> list:
    return [
        path(f"code-lists/{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"code-lists/{prefix}/new/", create.as_view(), name=f"{name}_create"),
        path(f"code-lists/{prefix}/<int:pk>/edit/", update.as_view(), name=f"{name}_update"),
    ]


urlpatterns = [
    # Requests
    path("requests/", staff.RequestListView.as_view(), name="request_list"),
    path("requests/new/", staff.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", staff.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", staff.RequestUpdateView.as_view(), name="request_update"),
    path("requests/<int:pk>/transition/", staff.RequestTransitionView.as_view(), name="request_transition"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        staff.AttachmentDownloadView.as_view(),
        name="request_attachment",
    ),
    # Requests written in the portal by a partner's focal point
    path("requests/submit/", portal.RequestDraftCreateView.as_view(), name="request_draft_create"),
    path("requests/<int:pk>/draft/", portal.RequestDraftUpdateView.as_view(), name="request_draft_update"),
    path("requests/<int:pk>/review/", portal.RequestReviewView.as_view(), name="request_review"),
    path("requests/<int:pk>/send/", portal.RequestSendView.as_view(), name="request_send"),
    path("requests/<int:pk>/answer/", portal.ClarificationAnswerView.as_view(), name="request_answer"),
    # Steering Committee
    path("committee/", staff.MeetingListView.as_view(), name="meeting_list"),
    path("committee/new/", staff.MeetingCreateView.as_view(), name="meeting_create"),
    path("committee/<int:pk>/", staff.MeetingDetailView.as_view(), name="meeting_detail"),
    path("committee/<int:pk>/edit/", staff.MeetingUpdateView.as_view(), name="meeting_update"),
    path("committee/<int:pk>/decisions/", staff.MeetingDecisionView.as_view(), name="meeting_decide"),
    # Actions
    path("actions/", staff.ActionListView.as_view(), name="action_list"),
    path("actions/new/", staff.ActionCreateView.as_view(), name="action_create"),
    path("actions/<int:pk>/", staff.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", staff.ActionUpdateView.as_view(), name="action_update"),
    path("actions/<int:pk>/transition/", staff.ActionTransitionView.as_view(), name="action_transition"),
    path("actions/<int:pk>/activities/", staff.ActivityCreateView.as_view(), name="activity_create"),
    path("actions/<int:pk>/deliverables/", staff.DeliverableCreateView.as_view(), name="deliverable_create"),
    path("actions/<int:pk>/results/", staff.ResultCreateView.as_view(), name="result_create"),
    path("actions/<int:pk>/indicators/", staff.IndicatorCreateView.as_view(), name="indicator_create"),
    path("actions/<int:pk>/periods/", staff.IndicatorPeriodCreateView.as_view(), name="period_create"),
    path(
        "actions/<int:pk>/coordination/plan/", staff.CoordinationPlanView.as_view(), name="coordination_plan"
    ),
    # Activities
    path("activities/<int:pk>/", staff.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", staff.ActivityUpdateView.as_view(), name="activity_update"),
    path(
        "activities/<int:pk>/transition/", staff.ActivityTransitionView.as_view(), name="activity_transition"
    ),
    path(
        "activities/<int:pk>/experts/", staff.ExpertAssignmentCreateView.as_view(), name="assignment_create"
    ),
    path("activities/<int:pk>/attendance/", staff.AttendanceUploadView.as_view(), name="attendance_upload"),
    path("activities/<int:pk>/documents/", staff.ActivityDocumentsView.as_view(), name="activity_documents"),
    path("activities/<int:pk>/agenda/", staff.ActivityAgendaView.as_view(), name="activity_agenda"),
    path("activities/<int:pk>/report/", staff.ActivityReportView.as_view(), name="activity_report"),
    path(
        "expert-assignments/<int:pk>/delete/", staff.AssignmentDeleteView.as_view(), name="assignment_delete"
    ),
    path(
        "expert-assignments/<int:pk>/mission-report/",
        staff.MissionReportView.as_view(),
        name="mission_report",
    ),
    path(
        "expert-assignments/<int:pk>/mission-report/upload/",
        staff.MissionReportUploadView.as_view(),
        name="mission_report_upload",
    ),
    path(
        "participations/<int:pk>/edit/", staff.ParticipationUpdateView.as_view(), name="participation_update"
    ),
    path(
        "attendance-imports/<int:pk>/",
        staff.AttendanceImportDetailView.as_view(),
        name="attendance_import_detail",
    ),
    path(
        "attendance-imports/<int:pk>/status/",
        staff.AttendanceImportStatusView.as_view(),
        name="attendance_import_status",
    ),
    # Deliverables, results framework, coordination matrix
    path("deliverables/<int:pk>/edit/", staff.DeliverableUpdateView.as_view(), name="deliverable_update"),
    path(
        "deliverables/<int:pk>/transition/",
        staff.DeliverableTransitionView.as_view(),
        name="deliverable_transition",
    ),
    path("deliverables/<int:pk>/file/", staff.DeliverableFileView.as_view(), name="deliverable_file"),
    path("action-results/<int:pk>/edit/", staff.ResultUpdateView.as_view(), name="result_update"),
    path("indicators/<int:pk>/edit/", staff.IndicatorUpdateView.as_view(), name="indicator_update"),
    path("indicator-periods/<int:pk>/edit/", staff.IndicatorPeriodUpdateView.as_view(), name="period_update"),
    path(
        "indicator-periods/<int:pk>/transition/",
        staff.IndicatorPeriodTransitionView.as_view(),
        name="period_transition",
    ),
    path(
        "indicator-periods/<int:pk>/evidence/",
        staff.IndicatorPeriodEvidenceView.as_view(),
        name="period_evidence",
    ),
    path("coordination-cells/<int:pk>/", staff.CoordinationCellUpdateView.as_view(), name="cell_update"),
    path(
        "coordination-cells/<int:pk>/transition/",
        staff.CoordinationCellTransitionView.as_view(),
        name="cell_transition",
    ),
    # Results across the programme
    path("results/", staff.ResultsRollupView.as_view(), name="results_rollup"),
    # Code lists
    path("code-lists/", staff.CodeListIndexView.as_view(), name="code_lists"),
    *code_list(
        "thematic-areas",
        "thematic_area",
        staff.ThematicAreaListView,
        staff.ThematicAreaCreateView,
        staff.ThematicAreaUpdateView,
    ),
    *code_list(
        "gcm-objectives",
        "gcm_objective",
        staff.GlobalCompactObjectiveListView,
        staff.GlobalCompactObjectiveCreateView,
        staff.GlobalCompactObjectiveUpdateView,
    ),
    *code_list(
        "purpose-codes",
        "purpose_code",
        staff.PurposeCodeListView,
        staff.PurposeCodeCreateView,
        staff.PurposeCodeUpdateView,
    ),
    *code_list(
        "phases",
        "phase",
        staff.ProgrammePhaseListView,
        staff.ProgrammePhaseCreateView,
        staff.ProgrammePhaseUpdateView,
    ),
]
