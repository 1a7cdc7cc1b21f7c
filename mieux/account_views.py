"""Sign-in pages: log in, reset a forgotten password by e-mail, change one's password.

Django's own auth views with the platform's templates, plus what the issue asks of them: the login
page explains an idle sign-out, the e-mail of a reset link speaks the account's language, a new
password is saved by an audited service, and a reset lifts a lockout of that address (the lockout
page tells people to reset their password, and whoever holds the mailbox holds the account).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .accounts import login_failures_clear, session_key_renewed
from .forms import PasswordChangeForm, PasswordResetRequestForm, PasswordSetForm
from .middleware import session_timed_out


class LoginView(auth_views.LoginView):
    """Log in with an e-mail address. Any failure gives Django's one generic message, whether the
    address is unknown, the password wrong or the account deactivated; after too many failures
    django-axes answers with registration/locked_out.html instead."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out"] = session_timed_out(self.request)
        context["idle_minutes"] = settings.SESSION_IDLE_TIMEOUT // 60
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of a reset e-mail. Django keeps the token out of the page's address: the link
    redirects to `.../set-password/` after putting the token in the session. That redirect, the
    only response at a live link, carries `Referrer-Policy: no-referrer`; the form page cannot
    (browsers would send `Origin: null` with the form, which CSRF protection refuses)."""

    form_class = PasswordSetForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if kwargs.get("token") != self.reset_url_token and response.status_code == 302:
            response["Referrer-Policy"] = "no-referrer"
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        login_failures_clear(username=form.user.email, why="password reset")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        previous_key = self.request.session.session_key
        # Django keeps this session signed in under a new key (other sessions end: their password
        # hash no longer matches); UserSession follows the key.
        response = super().form_valid(form)
        session_key_renewed(self.request, user=form.user, previous_key=previous_key)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
