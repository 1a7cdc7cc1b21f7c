from django.urls import path

from . import catalogue

app_name = "catalogue"

urlpatterns = [
    path("", catalogue.CatalogueListView.as_view(), name="action_list"),
    path("feed/<str:language>.atom", catalogue.catalogue_feed, name="feed"),
    path("<str:code>/", catalogue.CatalogueDetailView.as_view(), name="action_detail"),
]
