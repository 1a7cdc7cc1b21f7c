from django.urls import path

from . import views

app_name = "certification"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/new/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("programmes/<int:pk>/nominate/", views.NominateView.as_view(), name="programme_nominate"),
    path("enrolments/", views.EnrolmentListView.as_view(), name="enrolment_list"),
    path("enrolments/<int:pk>/", views.EnrolmentDetailView.as_view(), name="enrolment_detail"),
    path(
        "enrolments/<int:pk>/transition/",
        views.EnrolmentTransitionView.as_view(),
        name="enrolment_transition",
    ),
]
