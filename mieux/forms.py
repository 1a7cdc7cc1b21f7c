from django import forms
from django.contrib.auth import forms as auth_forms

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

        for user in self.get_users(self.cleaned_data["email"]):
            password_reset_email_send.delay(user.pk)


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
