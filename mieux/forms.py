import hashlib

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.cache import cache

from .services import user_password_set


class ServiceModelForm(forms.ModelForm):
    """A ModelForm used only to validate: the view hands `service_data()` to a service, which saves."""

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


def add_service_errors(form: forms.Form, error, renamed: dict[str, str] | None = None) -> None:
    """A service's refusal (mieux.errors.ApplicationError) as form errors: under the field it names
    when the form shows that field (`renamed` maps service names to form names), at the top of the
    form otherwise."""
    visible = {name for name, field in form.fields.items() if not field.widget.is_hidden}
    for field, field_messages in error.fields.items():
        field = (renamed or {}).get(field, field)
        for message in field_messages:
            form.add_error(field if field in visible else None, message)
    if not error.fields:
        form.add_error(None, error.message)


# --- Passwords ----------------------------------------------------------------------------------
# Django's own password forms, except that the e-mail speaks the account's language and a new
# password is saved by a service that audits it (mieux.services.user_password_set).


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    """Asks for a reset link. Django sends it only to an active account with that address and says
    the same thing either way; the link is built on SITE_URL, never on the request's Host header."""

    def save(self, *args, **kwargs):
        # The e-mail leaves from a Celery task: an answer that waited for the mail server only when
        # the address has an account would tell, by its time, what the page's words do not.
        from .tasks import password_reset_email_send

        email = self.cleaned_data["email"]
        if not reset_request_allowed(email):
            return  # the page says the same; the inbox is not flooded
        for user in self.get_users(email):
            password_reset_email_send.delay(user.pk)


# At most this many reset e-mails an hour to one address, so nobody can flood a person's inbox
# (or the mail server's reputation) by asking again and again.
RESET_REQUESTS_PER_HOUR = 3


def reset_request_allowed(email: str) -> bool:
    key = "password-reset:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    cache.add(key, 0, timeout=60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=60 * 60)
        count = 1
    return count <= RESET_REQUESTS_PER_HOUR


class _AuditedPasswordMixin:
    password_reason = ""

    def save(self, commit=True):
        password = self.cleaned_data["new_password1"]
        if not commit:  # pragma: no cover - the password views always save
            self.user.set_password(password)
            return self.user
        # clean() ran the same password rules the service checks, so the service does not refuse here.
        return user_password_set(self.user, actor=self.user, password=password, reason=self.password_reason)


class PasswordSetForm(_AuditedPasswordMixin, auth_forms.SetPasswordForm):
    """The new password chosen through a reset link."""

    password_reason = "password reset through an e-mailed link"


class PasswordChangeForm(_AuditedPasswordMixin, auth_forms.PasswordChangeForm):
    """A signed-in user's new password, after their current one."""

    password_reason = "password changed by its holder"
