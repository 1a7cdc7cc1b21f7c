"""Forms of the staff credential pages: the manager's status changes of a credential, the choice of a
cohort to certify and issue credentials to, and the filters of the multiplier figures. They validate
input only; certification.services writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import RevocationReason
from ..models import CertificationProgramme, Enrolment

NOTE_MAX_LENGTH = 4000


def _note_field(*, required: bool, label, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class CredentialSuspendForm(forms.Form):
    note = _note_field(
        required=True,
        label=_("Why is it suspended?"),
        help_text=_("Kept internal: the verification page only says the credential is suspended."),
    )

    def service_data(self) -> dict:
        return {"note": self.cleaned_data["note"]}


class CredentialReinstateForm(forms.Form):
    note = _note_field(required=False, label=_("Note"))

    def service_data(self) -> dict:
        return {"note": self.cleaned_data["note"]}


class CredentialRevokeForm(forms.Form):
    reason = forms.ChoiceField(
        label=pgettext_lazy("revocation", "Reason"),
        choices=[("", _("Choose a reason")), *RevocationReason.choices],
        help_text=_("Shown publicly on the verification page."),
        error_messages={"required": _("Choose a reason."), "invalid_choice": _("Choose one of the reasons.")},
    )
    note = _note_field(
        required=False,
        label=_("Internal note"),
        help_text=_("What happened, for the programme team; not shown publicly."),
    )

    def service_data(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "note": self.cleaned_data["note"]}


class CredentialRenewForm(forms.Form):
    """Renewal needs no input: the new credential is valid from today for the programme's validity."""

    def service_data(self) -> dict:
        return {}


class BulkIssueForm(forms.Form):
    """The candidates at the panel a manager certifies and issues credentials to in one job."""

    enrolments = forms.ModelMultipleChoiceField(
        label=_("Candidates"),
        queryset=Enrolment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one candidate."),
            "invalid_choice": _("One of the chosen candidates is no longer at the panel decision."),
            "invalid_pk_value": _("“%(pk)s” is not a candidate."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].queryset = candidates

    def service_data(self) -> dict:
        return {"enrolments": list(self.cleaned_data["enrolments"])}


class MultiplierFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=CertificationProgramme.objects.none(),
        required=False,
        empty_label=_("All programmes"),
    )
    held_from = forms.DateField(
        label=_("Sessions held from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    held_to = forms.DateField(
        label=_("Sessions held until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = CertificationProgramme.objects.for_user(user).order_by(
            "name", "id"
        )

    def clean(self):
        cleaned = super().clean()
        held_from, held_to = cleaned.get("held_from"), cleaned.get("held_to")
        if held_from and held_to and held_to < held_from:
            self.add_error("held_to", _("The end of the period comes before its start."))
        return cleaned
