"""Pages partner institutions use through the portal: their requests, written and sent by their
focal point, and the answers to the programme's questions. Staff pages are in staff.py.

A draft is written with the guided form, reviewed (eligibility and what is still missing) and sent;
until then only its institution sees it (SupportRequest.objects.for_user)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied
from mieux.views import ScopedDetailView, ServiceCreateView, ServiceUpdateView
from partners.selectors import own_institution
from partners.services import request_eligibility

from .. import services
from ..choices import RequesterRole, RequestStatus
from ..forms import ClarificationAnswerForm, RequestDraftForm
from ..models import SupportRequest
from ..permissions import is_officer, is_requesting_focal_point, request_policy
from ..workflows import REQUEST_WORKFLOW, request_is_complete
from .staff import RequestDetailView, StaleEditMixin, error_text

# Service errors about the list of requesters belong next to the form's own-role choice.
RENAMED_FIELDS = {"requesters": "own_role"}


def _on_form_fields(error: ApplicationError) -> ApplicationError:
    fields = {RENAMED_FIELDS.get(name, name): messages for name, messages in error.fields.items()}
    return type(error)(error.message, fields=fields, code=error.code)


def writes_requests_in_portal(user) -> bool:
    """A partner's focal point: may draft requests (officers register theirs on the staff form)."""
    return request_policy.can_create(user) and not is_officer(user)


class DraftFormMixin:
    """The guided request form: the focal point's own institution is fixed; "Review and send"
    saves, then opens the review page."""

    model = SupportRequest
    policy = request_policy
    form_class = RequestDraftForm
    template_name = "actions/portal/request_form.html"

    def own_institution(self):
        if not hasattr(self, "_own_institution"):
            self._own_institution = own_institution(self.request.user)
        return self._own_institution

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["own_institution"] = self.own_institution()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["own_institution"] = self.own_institution()
        return context

    def wants_review(self) -> bool:
        return self.request.POST.get("step") == "review"

    def get_success_url(self):
        if self.wants_review():
            return reverse("actions:request_review", args=[self.object.pk])
        return self.object.get_absolute_url()

    def success_message(self) -> str:
        return _("Your draft was saved. Nothing is sent to the programme until you send it.")


class RequestDraftCreateView(DraftFormMixin, ServiceCreateView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not writes_requests_in_portal(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        data = form.service_data()
        data.pop("expected_version", None)
        try:
            return services.request_create(
                actor=self.request.user, attachments=form.cleaned_data["attachments"], **data
            )
        except ApplicationError as error:
            raise _on_form_fields(error) from error

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New request")
        context["cancel_url"] = reverse("actions:request_list")
        return context


class RequestDraftUpdateView(DraftFormMixin, StaleEditMixin, ServiceUpdateView):
    update_service = services.request_update

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            sent = self.get_queryset().filter(pk=kwargs["pk"]).exclude(status=RequestStatus.DRAFT)
            if sent.exists():
                messages.info(request, _("This request has been sent: it can no longer be edited here."))
                return redirect("actions:request_detail", pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        try:
            with transaction.atomic():
                request = super().call_service(form)
                for upload in form.cleaned_data["attachments"]:
                    services.request_attachment_add(
                        request, actor=self.request.user, file=upload, title=upload.name
                    )
        except ApplicationError as error:
            raise _on_form_fields(error) from error
        return request

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit the draft request")
        context["cancel_url"] = self.object.get_absolute_url()
        context["attachments"] = self.object.attachments.all()
        return context


class RequestReviewView(ScopedDetailView):
    """Everything the draft says, the eligibility check explained, what is still missing, what
    happens after sending — and the buttons to send or withdraw it."""

    model = SupportRequest
    policy = request_policy
    template_name = "actions/portal/request_review.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_draft:
            return redirect(self.object.get_absolute_url())
        if not self.policy.can_change(request.user, self.object):
            raise PermissionDenied
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        requesters = list(obj.requesters.select_related("institution").order_by("id"))
        requesters.sort(key=lambda link: link.role != RequesterRole.LEAD)
        send = REQUEST_WORKFLOW.find(obj, RequestStatus.RECEIVED, self.request.user)
        context.update(
            requesters=requesters,
            eligibility=request_eligibility(institutions=[link.institution for link in requesters]),
            missing=request_is_complete(obj),
            send_refusal=send.refusal(obj) if send is not None else None,
            attachments=obj.attachments.all(),
            transition_url=reverse("actions:request_transition", args=[obj.pk]),
        )
        return context


class RequestSendView(LoginRequiredMixin, generic.View):
    """Sends a draft: it becomes "received" and gets its R-year-number reference."""

    http_method_names = ["post"]

    def post(self, request, pk):
        draft = get_object_or_404(SupportRequest.objects.for_user(request.user), pk=pk)
        try:
            sent = services.request_transition(draft, actor=request.user, to=RequestStatus.RECEIVED)
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error_text(error))
            return redirect("actions:request_review", pk=draft.pk)
        messages.success(
            request,
            _("Your request was sent. Its reference is %(reference)s; the programme team will now screen it.")
            % {"reference": sent.reference},
        )
        return HttpResponseRedirect(sent.get_absolute_url())


class ClarificationAnswerView(RequestDetailView):
    """The focal point answers the open question (with files if useful): screening resumes. An
    invalid answer shows the request page again with the form's errors."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not is_requesting_focal_point(request.user, self.object):
            raise PermissionDenied
        form = ClarificationAnswerForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    # Files first: the focal point may add them only while the question is open.
                    for upload in form.cleaned_data["attachments"]:
                        services.request_attachment_add(
                            self.object, actor=request.user, file=upload, title=upload.name
                        )
                    services.request_clarification_answer(
                        self.object, actor=request.user, answer=form.cleaned_data["answer"]
                    )
            except ServicePermissionDenied as error:
                raise PermissionDenied(error.message) from error
            except ApplicationError as error:
                form.add_error("answer" if "comment" in error.fields else None, error_text(error))
            else:
                messages.success(
                    request, _("Your answer was sent. The programme team resumes screening the request.")
                )
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(answer_form=form), status=200)
