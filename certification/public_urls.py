"""Public addresses of the credentials (no login), included at the site's root: the paths are part of
every issued credential, so they never change."""

from django.urls import path

from . import public_views

urlpatterns = [
    path("credentials/issuer", public_views.issuer_profile, name="credential_issuer"),
    path("credentials/status/<str:purpose>", public_views.status_list, name="credential_status_list"),
    path("credentials/<str:public_id>.json", public_views.credential_json, name="credential_json"),
    path("credentials/<str:public_id>.jwt", public_views.credential_jwt, name="credential_jwt"),
    path(".well-known/jwks.json", public_views.jwks, name="jwks"),
    path("verify/", public_views.credential_check, name="credential_check"),
    path("verify/<str:public_id>/", public_views.credential_verify, name="credential_verify"),
]
