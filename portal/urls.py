from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("activities/", views.MyActivitiesView.as_view(), name="my_activities"),
    path("participations/<int:pk>/questionnaire/", views.QuestionnaireView.as_view(), name="questionnaire"),
    path("certification/", views.MyCertificationView.as_view(), name="my_certification"),
    path("missions/", views.MissionsView.as_view(), name="missions"),
    path("missions/<int:pk>/report/", views.MissionReportUploadView.as_view(), name="mission_report_upload"),
    path("coordination-cells/<int:pk>/sign-off/", views.CellSignOffView.as_view(), name="cell_sign_off"),
]
