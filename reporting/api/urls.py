from django.urls import path
from rest_framework.routers import DefaultRouter

from .iati_views import IatiActivitiesView
from .views import ReportRunViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# JSON is the only format of the router's routes (see certification/api/urls.py for why).
router.include_format_suffixes = False
router.register("reports", ReportRunViewSet, basename="report")

urlpatterns = [
    *router.urls,
    # The IATI activity file: an XML document, not a resource of the router.
    path("iati/activities.xml", IatiActivitiesView.as_view(), name="iati-activities"),
]
