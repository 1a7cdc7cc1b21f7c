from django.urls import path

from . import views

app_name = "partners"


def crud(prefix: str, name: str, list_view, detail, create, update, delete) -> list:
    routes = [
        path(f"{prefix}/new/", create.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", update.as_view(), name=f"{name}_update"),
        path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"),
    ]
    if list_view is not None:
        routes.insert(0, path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"))
    return routes


urlpatterns = [
    *crud(
        "institutions",
        "institution",
        views.InstitutionListView,
        views.InstitutionDetailView,
        views.InstitutionCreateView,
        views.InstitutionUpdateView,
        views.InstitutionDeleteView,
    ),
    *crud(
        "people",
        "person",
        views.PersonListView,
        views.PersonDetailView,
        views.PersonCreateView,
        views.PersonUpdateView,
        views.PersonDeleteView,
    ),
    *crud(
        "coordination-mechanisms",
        "mechanism",
        views.MechanismListView,
        views.MechanismDetailView,
        views.MechanismCreateView,
        views.MechanismUpdateView,
        views.MechanismDeleteView,
    ),
    *crud(
        "experts",
        "expert",
        views.ExpertListView,
        views.ExpertDetailView,
        views.ExpertCreateView,
        views.ExpertUpdateView,
        views.ExpertDeleteView,
    ),
    path("people/<int:pk>/invite/", views.PersonInviteView.as_view(), name="person_invite"),
    path(
        "people/<int:pk>/account/deactivate/",
        views.PersonAccountStatusView.as_view(active=False),
        name="person_account_deactivate",
    ),
    path(
        "people/<int:pk>/account/reactivate/",
        views.PersonAccountStatusView.as_view(active=True),
        name="person_account_reactivate",
    ),
    path("invitations/", views.InvitationListView.as_view(), name="invitation_list"),
    path("invitations/<int:pk>/revoke/", views.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("departments/new/", views.DepartmentCreateView.as_view(), name="department_create"),
    path("departments/<int:pk>/edit/", views.DepartmentUpdateView.as_view(), name="department_update"),
    path("departments/<int:pk>/delete/", views.DepartmentDeleteView.as_view(), name="department_delete"),
]
