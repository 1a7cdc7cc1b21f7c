"""Error pages: JSON in the common error shape under /api/, the site's own pages elsewhere."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from .api.errors import error_body


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _is_api(request):
        return JsonResponse(error_body("bad_request", _("Bad request.")), status=400)
    return defaults.bad_request(request, exception, template_name="400.html")


def permission_denied(request, exception):
    if _is_api(request):
        return JsonResponse(error_body("permission_denied", _("You do not have permission.")), status=403)
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse(error_body("not_found", _("Not found.")), status=404)
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    if _is_api(request):
        return JsonResponse(error_body("server_error", _("Server error.")), status=500)
    return defaults.server_error(request, template_name="500.html")
