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
