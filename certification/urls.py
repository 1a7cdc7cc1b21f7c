"""Certification pages. Each area's views live in their own module of certification/views/."""

from django.urls import path

from .views import programmes

app_name = "certification"

urlpatterns = [
    path("", programmes.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/new/", programmes.ProgrammeCreateView.as_view(), name="programme_create"),
    path("programmes/<int:pk>/", programmes.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", programmes.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("programmes/<int:pk>/nominate/", programmes.NominateView.as_view(), name="programme_nominate"),
    path("enrolments/", programmes.EnrolmentListView.as_view(), name="enrolment_list"),
    path("enrolments/<int:pk>/", programmes.EnrolmentDetailView.as_view(), name="enrolment_detail"),
    path(
        "enrolments/<int:pk>/transition/",
        programmes.EnrolmentTransitionView.as_view(),
        name="enrolment_transition",
    ),
]

# --- path: board, assessments, replica sessions, recognition (certification/views/path.py) ---
# --- end path ---

# --- credentials: staff credential pages, bulk issuing, multiplier (certification/views/credentials.py) ---
# --- end credentials ---

# --- curricula: curricula, modules, learning records, career steps (certification/views/curricula.py) ---
# --- end curricula ---

# --- portal: sign-offs, officials' own certification (certification/views/portal.py) ---
# --- end portal ---
