"""Staff credential pages: the credentials a user may see, each with its status changes (programme
managers suspend, reinstate, revoke and renew), the certificate download, bulk issuing for a cohort
at the panel with its progress, and the multiplier figures per institution.

Visibility comes from `for_user`, writes go through certification.services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from actions.views.staff import error_text, form_errors_from
from mieux.downloads import stored_file_response
from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.models import AuditAction, AuditEntry
from mieux.permissions import Policy
from mieux.views import Column, ScopedDetailView, ScopedListView
from partners.models import Institution

from .. import openbadges, selectors, services
from ..choices import CredentialStatus
from ..eligibility import enrolment_eligibility
from ..filtersets import CredentialFilterSet
from ..forms.credentials import (
    BulkIssueForm,
    CredentialReinstateForm,
    CredentialRenewForm,
    CredentialRevokeForm,
    CredentialSuspendForm,
    MultiplierFilterForm,
)
from ..models import BulkIssue, CertificationProgramme, Credential
from ..permissions import is_programme_manager, is_programme_officer

CLOSED_STATUSES = frozenset({CredentialStatus.REVOKED, CredentialStatus.SUPERSEDED})

# --- Credentials --------------------------------------------------------------------------------


class CredentialPageFilterSet(CredentialFilterSet):
    """The credential filters of the page: programmes and institutions as choices of those the
    user's credentials belong to (the API keeps plain ids)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Credential.objects.for_user(self.request.user).order_by()
        programmes = CertificationProgramme.objects.filter(pk__in=visible.values("programme_id")).order_by(
            "name", "id"
        )
        institutions = Institution.objects.filter(pk__in=visible.values("institution_id")).order_by(
            "acronym", "id"
        )
        self._choose(
            "programme", [(programme.pk, str(programme)) for programme in programmes], _("All programmes")
        )
        self._choose(
            "institution",
            [(institution.pk, institution.acronym or str(institution)) for institution in institutions],
            _("All institutions"),
        )

    def _choose(self, name: str, choices: list, empty_label: str) -> None:
        self.form.fields[name].label = _("Programme") if name == "programme" else _("Institution")
        self.form.fields[name].widget = forms.Select(choices=[("", empty_label), *choices])


class CredentialViews:
    model = Credential
    policy = Policy()  # credentials are issued by certification and change only through services
    select_related = ("person", "programme", "institution")


class CredentialListView(CredentialViews, ScopedListView):
    template_name = "certification/credentials/credential_list.html"
    filterset_class = CredentialPageFilterSet
    hidden_filters = ("person", "valid_until_before")
    columns = (
        Column("person", gettext_lazy("Holder"), link=True),
        Column("programme", gettext_lazy("Programme")),
        Column("institution.acronym", gettext_lazy("Institution")),
        Column("get_kind_display", gettext_lazy("Credential")),
        Column("get_status_display", gettext_lazy("Status")),
        Column("issued_on", gettext_lazy("Issued on"), sort="issued"),
        Column("valid_until", gettext_lazy("Valid until"), sort="valid_until"),
    )

    def get_hidden_filters(self) -> tuple[str, ...]:
        # A partner sees one institution's credentials: no institution box.
        if self.request.user.sees_whole_portfolio:
            return self.hidden_filters
        return (*self.hidden_filters, "institution")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Credentials")
        return context


def credential_timeline(credential: Credential, *, with_notes: bool) -> list[dict]:
    """The credential's life, oldest first: issued, then each status change with who and when.
    The notes (the internal reason of a suspension or revocation) only when `with_notes`.

    Read straight from the audit trail: the calling view has already decided that this user sees
    the credential."""
    labels = dict(CredentialStatus.choices)
    entries = (
        AuditEntry.objects.for_object(credential)
        .filter(action__in=[AuditAction.CREATE, AuditAction.UPDATE])
        .select_related("actor")
        .order_by("created_at", "id")
    )
    timeline = []
    for entry in entries:
        if entry.action == AuditAction.CREATE:
            after, label = CredentialStatus.ACTIVE, _("Issued")
        else:
            status = (entry.changes or {}).get("status")
            if not status:
                continue
            after = status[1]
            label = labels.get(after, after)
        timeline.append(
            {
                "when": entry.created_at,
                "who": str(entry.actor) if entry.actor else entry.actor_label,
                "to_value": after,
                "to": label,
                "comment": entry.reason if with_notes else "",
            }
        )
    return timeline


STATUS_BADGES = {
    CredentialStatus.ACTIVE: "badge--success",
    CredentialStatus.SUSPENDED: "badge--warning",
    CredentialStatus.EXPIRED: "badge--warning",
    CredentialStatus.REVOKED: "badge--danger",
    CredentialStatus.SUPERSEDED: "",
}

MANAGER_FORMS = {
    "suspend": CredentialSuspendForm,
    "reinstate": CredentialReinstateForm,
    "revoke": CredentialRevokeForm,
    "renew": CredentialRenewForm,
}


def manager_forms_for(credential: Credential) -> dict[str, type[forms.Form]]:
    """The status changes that make sense now (the services check them again)."""
    available = {}
    if credential.status == CredentialStatus.ACTIVE:
        available["suspend"] = CredentialSuspendForm
    if credential.status == CredentialStatus.SUSPENDED:
        available["reinstate"] = CredentialReinstateForm
    if credential.status not in CLOSED_STATUSES:
        available["renew"] = CredentialRenewForm
        available["revoke"] = CredentialRevokeForm
    return available


class CredentialDetailView(CredentialViews, ScopedDetailView):
    template_name = "certification/credentials/credential_detail.html"
    select_related = ("person", "programme", "institution", "enrolment", "superseded_by", "issued_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        credential = self.object
        manages = is_programme_manager(user)
        forms_now = {}
        if manages:
            bound = kwargs.get("bound_forms", {})
            forms_now = {
                name: bound.get(name) or form_class(prefix=name)
                for name, form_class in manager_forms_for(credential).items()
            }
        visible = Credential.objects.for_user(user)
        context.update(
            title=str(credential),
            status_badge=STATUS_BADGES.get(credential.status, ""),
            superseded_by=(
                visible.filter(pk=credential.superseded_by_id).first()
                if credential.superseded_by_id
                else None
            ),
            supersedes=visible.filter(superseded_by=credential).first(),
            timeline=credential_timeline(credential, with_notes=user.is_programme_staff),
            manages=manages,
            manager_forms=forms_now,
            sees_note=user.is_programme_staff,
            has_documents=bool(credential.jwt),
            verification_url=openbadges.absolute(credential.get_verification_url()),
        )
        return context


class CredentialStatusChangeView(CredentialDetailView):
    """POST one of the manager's forms of the credential page. 404 for who does not see the
    credential, 403 for who sees it but does not manage the programme; a refusal of the service
    comes back under the field it names, or as a message when the form has no such field."""

    http_method_names = ["post"]
    form_name = ""

    def call_service(self, credential: Credential, data: dict) -> Credential:  # pragma: no cover
        raise NotImplementedError

    def success_message(self, credential: Credential) -> str:  # pragma: no cover
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not is_programme_manager(request.user):
            raise PermissionDenied
        form = MANAGER_FORMS[self.form_name](request.POST, prefix=self.form_name)
        if form.is_valid():
            fresh = get_object_or_404(self.get_queryset(), pk=self.object.pk)
            try:
                result = self.call_service(fresh, form.service_data())
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                shown = set(form.fields)
                if not any(field in shown for field in error.fields):
                    messages.error(request, error_text(error))
                    return HttpResponseRedirect(self.object.get_absolute_url())
                form_errors_from(form, error)
            else:
                messages.success(request, self.success_message(result))
                return HttpResponseRedirect(result.get_absolute_url())
        if self.form_name not in manager_forms_for(self.object):
            # A stale page: the change no longer applies to this credential.
            messages.error(
                request,
                _("This change does not apply to a credential that is %(status)s.")
                % {"status": self.object.get_status_display().lower()},
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        context = self.get_context_data(bound_forms={self.form_name: form})
        return self.render_to_response(context)


class CredentialSuspendView(CredentialStatusChangeView):
    form_name = "suspend"

    def call_service(self, credential, data):
        return services.credential_suspend(credential, actor=self.request.user, **data)

    def success_message(self, credential):
        return _("The credential is suspended: it no longer verifies until it is reinstated.")


class CredentialReinstateView(CredentialStatusChangeView):
    form_name = "reinstate"

    def call_service(self, credential, data):
        return services.credential_reinstate(credential, actor=self.request.user, **data)

    def success_message(self, credential):
        return _("The credential is reinstated; its status is now “%(status)s”.") % {
            "status": credential.get_status_display()
        }


class CredentialRevokeView(CredentialStatusChangeView):
    form_name = "revoke"

    def call_service(self, credential, data):
        return services.credential_revoke(credential, actor=self.request.user, **data)

    def success_message(self, credential):
        return _("The credential is revoked. The verification page and the status list say so now.")


class CredentialRenewView(CredentialStatusChangeView):
    form_name = "renew"

    def call_service(self, credential, data):
        return services.credential_renew(credential, actor=self.request.user, **data)

    def success_message(self, credential):
        return _("A new credential was issued, valid until %(date)s; the old one is marked superseded.") % {
            "date": credential.valid_until.strftime("%Y-%m-%d")
        }


class CredentialCertificateView(LoginRequiredMixin, generic.View):
    """The PDF certificate, to whoever sees the credential (404 for everyone else)."""

    def get(self, request, pk):
        credential = get_object_or_404(Credential.objects.for_user(request.user), pk=pk)
        return stored_file_response(credential.certificate, content_types={"pdf": "application/pdf"})


# --- Bulk issuing -------------------------------------------------------------------------------


def _staff_only(user) -> None:
    if not is_programme_officer(user):
        raise PermissionDenied


class BulkIssueCreateView(LoginRequiredMixin, generic.TemplateView):
    """The programme's candidates at the panel, with their sign-off and eligibility; a programme
    manager ticks the cohort and starts "Certify and issue credentials". Officers see the page."""

    template_name = "certification/credentials/bulk_issue_create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.programme = get_object_or_404(
                CertificationProgramme.objects.for_user(request.user), pk=kwargs["pk"]
            )
            _staff_only(request.user)
        return super().dispatch(request, *args, **kwargs)

    def candidates(self):
        return selectors.credential_panel_candidates(self.request.user, self.programme)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or BulkIssueForm(candidates=self.candidates())
        chosen = {str(value) for value in (form["enrolments"].value() or [])}
        rows = []
        for enrolment in form.fields["enrolments"].queryset:
            eligibility = enrolment_eligibility(enrolment)
            rows.append(
                {
                    "enrolment": enrolment,
                    "eligibility": eligibility,
                    "ready": eligibility.met and enrolment.has_sign_off,
                    "checked": str(enrolment.pk) in chosen if form.is_bound else False,
                }
            )
        if not form.is_bound:
            for row in rows:
                row["checked"] = row["ready"]
        context.update(
            title=_("Certify and issue credentials"),
            programme=self.programme,
            form=form,
            rows=rows,
            may_start=is_programme_manager(self.request.user),
            recent_jobs=BulkIssue.objects.for_user(self.request.user)
            .filter(programme=self.programme)
            .select_related("requested_by")[:5],
        )
        return context

    def post(self, request, *args, **kwargs):
        if not is_programme_manager(request.user):
            raise PermissionDenied
        form = BulkIssueForm(request.POST, candidates=self.candidates())
        if form.is_valid():
            try:
                job = services.bulk_issue_request(
                    actor=request.user, programme=self.programme, **form.service_data()
                )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                form_errors_from(form, error)
            else:
                messages.success(
                    request,
                    _("Issuing %(count)s credentials has started.") % {"count": job.total},
                )
                return HttpResponseRedirect(job.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class BulkIssueDetailView(ScopedDetailView):
    model = BulkIssue
    select_related = ("programme", "requested_by")
    template_name = "certification/credentials/bulk_issue_detail.html"

    def get_object(self, queryset=None):
        job = super().get_object(queryset)
        _staff_only(self.request.user)
        return job

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context.update(
            title=str(job),
            programme=job.programme,
            progress_url=reverse("certification:bulk_issue_progress", args=[job.pk]),
            credentials_url=reverse("certification:credential_list") + f"?programme={job.programme_id}",
        )
        return context


class BulkIssueProgressView(LoginRequiredMixin, generic.View):
    """The job's progress as JSON, for the page's progress bar to poll."""

    def get(self, request, pk):
        job = get_object_or_404(BulkIssue.objects.for_user(request.user), pk=pk)
        _staff_only(request.user)
        return JsonResponse(
            {
                "status": job.status,
                "status_label": str(job.get_status_display()),
                "progress": job.progress,
                "finished": job.is_finished,
                "total": job.total,
                "issued_count": job.issued_count,
                "errors": [
                    {"person": error.get("person", ""), "message": error.get("message", "")}
                    for error in job.errors or []
                ],
            }
        )


# --- Multiplier tracking ------------------------------------------------------------------------


class MultiplierView(LoginRequiredMixin, generic.TemplateView):
    """Per institution: its certified trainers, the replica sessions they delivered once certified,
    the colleagues they trained and how participants rated them. Partners see their own row."""

    template_name = "certification/credentials/multiplier.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = MultiplierFilterForm(self.request.GET or None, user=user)
        filters = {}
        if form.is_bound and form.is_valid():
            filters = {
                "programme": form.cleaned_data["programme"],
                "held_from": form.cleaned_data["held_from"],
                "held_to": form.cleaned_data["held_to"],
            }
        rows = (
            []
            if form.is_bound and not form.is_valid()
            else selectors.multiplier_by_institution(user, **filters)
        )
        rated = [row for row in rows if row["rating"] is not None]
        context.update(
            title=_("Multiplier effect"),
            form=form,
            rows=rows,
            totals={
                "trainers": sum(row["trainers"] for row in rows),
                "sessions": sum(row["sessions"] for row in rows),
                "colleagues": sum(row["colleagues"] for row in rows),
                "institutions": len(rows),
            },
            has_ratings=bool(rated),
            sees_all=user.sees_whole_portfolio,
        )
        return context
