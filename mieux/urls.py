from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from partners.views import InvitationAcceptView

from . import account_views, pages

api_v1 = [
    path("", include("partners.api.urls")),
    path("", include("actions.api.urls")),
    path("", include("certification.api.urls")),
    path("", include("reporting.api.urls")),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("health/", pages.health, name="health"),
    path("language/", pages.language_switch, name="language_switch"),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", account_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/", account_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    # The link of an invitation e-mail (partners.accounts.invitation_link): the registry decides who
    # may have an account, so the page lives with it; the address stays short and unnamespaced.
    path("invitation/<str:token>/", InvitationAcceptView.as_view(), name="invitation_accept"),
    # Credentials, their keys, status lists and verification page: public, at fixed addresses.
    path("", include("certification.public_urls")),
    path("partners/", include("partners.urls")),
    path("programme/", include("actions.urls")),
    path("catalogue/", include("actions.catalogue_urls")),
    path("portal/", include("portal.urls")),
    path("certification/", include("certification.urls")),
    path("reports/", include("reporting.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "mieux.errorpages.bad_request"
handler403 = "mieux.errorpages.permission_denied"
handler404 = "mieux.errorpages.page_not_found"
handler500 = "mieux.errorpages.server_error"
