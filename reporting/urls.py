"""Reporting pages: the reports page (ask, follow, download) and the partners' dashboard (staff have
it as their home page, mieux.pages.home)."""

from django.urls import path

from . import dashboard, views

app_name = "reporting"

urlpatterns = [
    path("", views.RunListView.as_view(), name="run_list"),
    path("progress/", views.RunProgressView.as_view(), name="run_progress"),
    path("<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("<int:pk>/download/", views.RunDownloadView.as_view(), name="run_download"),
    path("dashboard/", dashboard.partner_dashboard, name="dashboard"),
    path("dashboard/map.svg", dashboard.dashboard_map, name="dashboard_map"),
]
