"""The reports page: ask for a report, follow its progress, download it. Every run is looked up
through ReportRun.objects.for_user, so another user's run is a 404 whichever door is tried."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from actions.models import Action
from mieux.downloads import stored_file_response
from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.forms import add_service_errors
from mieux.roles import MANAGER_ROLES

from . import services
from .forms import ReportRequestForm
from .models import ReportRun
from .permissions import can_request_report

REPORT_CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}
RUNS_PER_PAGE = 20
# The progress endpoint answers for at most this many runs at once (the page polls its unfinished ones).
MAX_POLLED_RUNS = 50


def visible_runs(user):
    return ReportRun.objects.for_user(user).select_related("requested_by")


def run_progress_data(run: ReportRun) -> dict:
    return {
        "id": run.pk,
        "state": run.state,
        "state_label": str(run.get_state_display()),
        "progress": run.progress,
        "message": run.message,
        "finished": run.is_finished,
        "download_url": reverse("reporting:run_download", args=[run.pk]) if run.file else None,
        "error": run.error,
    }


class RunListView(LoginRequiredMixin, generic.View):
    """GET: the form and the runs this user sees; POST: ask for a report (services.report_request)."""

    template_name = "reporting/run_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_request_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, ReportRequestForm(request=request))

    def post(self, request):
        form = ReportRequestForm(request.POST, request=request)
        if form.is_valid():
            try:
                run = services.report_request(actor=request.user, **form.service_data())
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(report)s asked for: it is being made, and you will get an e-mail when it is ready.")
                    % {"report": run.get_kind_display()},
                )
                return HttpResponseRedirect(reverse("reporting:run_list"))
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        page = Paginator(visible_runs(request.user), RUNS_PER_PAGE).get_page(request.GET.get("page"))
        runs = list(page.object_list)
        context = {
            "form": form,
            "page_obj": page,
            "runs": runs,
            "sees_all_runs": request.user.role in MANAGER_ROLES,
            "unfinished_ids": [run.pk for run in runs if not run.is_finished],
            "progress_url": reverse("reporting:run_progress"),
            "query_without_page": "",
        }
        return render(request, self.template_name, context, status=status)


class RunDetailView(LoginRequiredMixin, generic.DetailView):
    """One run: where it stands, its parameters, its file or its error (the e-mail links here)."""

    template_name = "reporting/run_detail.html"
    context_object_name = "run"

    def get_queryset(self):
        return visible_runs(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        filters = run.parameters.get("filters", {})
        action_id = run.parameters.get("action")
        context.update(
            filters=[
                (name, ", ".join(map(str, value)) if isinstance(value, list) else value)
                for name, value in sorted(filters.items())
            ],
            period_start=run.parameters.get("period_start"),
            period_end=run.parameters.get("period_end"),
            report_action=Action.objects.for_user(self.request.user).filter(pk=action_id).first()
            if action_id
            else None,
            unfinished_ids=[] if run.is_finished else [run.pk],
            progress_url=reverse("reporting:run_progress"),
        )
        return context


class RunProgressView(LoginRequiredMixin, generic.View):
    """Progress of the runs named by `?id=` (several allowed) as JSON, for the progress bars to
    poll. Runs this user does not see are left out, never reported."""

    def get(self, request):
        ids = [int(value) for value in request.GET.getlist("id") if value.isdigit() and len(value) < 19]
        runs = ReportRun.objects.for_user(request.user).filter(pk__in=ids[:MAX_POLLED_RUNS])
        return JsonResponse({"runs": [run_progress_data(run) for run in runs.order_by("pk")]})


class RunDownloadView(LoginRequiredMixin, generic.View):
    def get(self, request, pk):
        run = get_object_or_404(ReportRun.objects.for_user(request.user), pk=pk)
        return stored_file_response(run.file, content_types=REPORT_CONTENT_TYPES)
