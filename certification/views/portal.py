"""Portal pages of certification for the partner institution: the HR department and training unit sign
their candidates' steps off (the panel cannot certify without it).

Reads go through `Enrolment.objects.for_user` (another institution's enrolment is a 404); the sign-off
itself through services.sign_off_record, which checks the rule again (a user who sees the enrolment
but may not sign it off gets a 403)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from actions.views.staff import error_text
from mieux.errors import ApplicationError
from mieux.errors import PermissionDenied as ServicePermissionDenied

from .. import services
from ..choices import EnrolmentStatus, SignOffUnit
from ..models import Enrolment, SignOff
from ..permissions import NOMINATORS, can_sign_off, sign_off_unit_of
from ..selectors import PATH_ORDER, awaiting_sign_off

RECENT_SIGN_OFFS = 10


class SignOffForm(forms.Form):
    """The comment the HR or training-unit officer may add to their sign-off."""

    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SignOffAccessMixin(LoginRequiredMixin):
    """HR and training-unit officers only; everyone else signed in gets a 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role not in NOMINATORS:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SignOffListView(SignOffAccessMixin, generic.TemplateView):
    """The institution's candidates waiting for this officer's unit to sign their current step off:
    those at the panel first (the panel cannot certify without it), then those on the way, each with
    the sign-off form; and the unit's latest sign-offs. A fixed number of queries."""

    template_name = "certification/portal/sign_off_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        unit = sign_off_unit_of(user)
        waiting = sorted(awaiting_sign_off(user), key=lambda e: (-PATH_ORDER[e.status], e.updated_at, e.pk))
        for enrolment in waiting:
            enrolment.current_sign_offs = [s for s in enrolment.sign_offs.all() if s.step == enrolment.status]
        recent = (
            SignOff.objects.for_user(user)
            .filter(unit=unit)
            .select_related("enrolment__person", "enrolment__programme", "signed_by")
            .order_by("-signed_at", "-id")[:RECENT_SIGN_OFFS]
        )
        context.update(
            title=_("Sign-offs"),
            unit_label=SignOffUnit(unit).label,
            at_panel=[e for e in waiting if e.status == EnrolmentStatus.PANEL_DECISION],
            on_the_way=[e for e in waiting if e.status != EnrolmentStatus.PANEL_DECISION],
            recent=list(recent),
            form=SignOffForm(),
        )
        return context


class EnrolmentSignOffView(LoginRequiredMixin, generic.View):
    """POST: the HR or training-unit officer of the candidate's institution signs the current step off
    for their unit, with an optional comment; back to the page the form was on with a message.
    Another institution's enrolment is a 404; anyone else who sees it gets a 403."""

    http_method_names = ["post"]

    def post(self, request, pk):
        enrolment = get_object_or_404(
            Enrolment.objects.for_user(request.user).select_related("person", "programme"), pk=pk
        )
        if not can_sign_off(request.user, enrolment):
            raise PermissionDenied
        back = self.redirect_url(request, enrolment)
        form = SignOffForm(request.POST)
        if not form.is_valid():
            for name, field_errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for message in field_errors:
                    messages.error(request, f"{label}: {message}" if label else message)
            return HttpResponseRedirect(back)
        step = enrolment.get_status_display()
        try:
            sign_off = services.sign_off_record(
                enrolment, actor=request.user, comment=form.cleaned_data["comment"].strip()
            )
        except ServicePermissionDenied as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("%(unit)s signed off the “%(step)s” step of %(person)s.")
                % {"unit": sign_off.get_unit_display(), "step": step, "person": enrolment.person},
            )
        return HttpResponseRedirect(back)

    @staticmethod
    def redirect_url(request, enrolment) -> str:
        """Back to the page the form was on (`next`, same site only), or else the enrolment's page."""
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return enrolment.get_absolute_url()
