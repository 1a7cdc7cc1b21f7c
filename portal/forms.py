"""Forms of the portal's own pages. They validate only; the views hand `service_data()` to the
domain services, which check the rules again and save."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actions.choices import FollowUpAnswer
from actions.forms import DocumentField

SATISFACTION_CHOICES = (
    (1, pgettext_lazy("satisfaction", "1 – Not satisfied")),
    (2, pgettext_lazy("satisfaction", "2 – Somewhat dissatisfied")),
    (3, pgettext_lazy("satisfaction", "3 – Neutral")),
    (4, pgettext_lazy("satisfaction", "4 – Satisfied")),
    (5, pgettext_lazy("satisfaction", "5 – Very satisfied")),
)

# A mission report is a written report: PDF, Word or OpenDocument text.
MISSION_REPORT_EXTENSIONS = ("pdf", "doc", "docx", "odt")


class SatisfactionForm(forms.Form):
    """The satisfaction questionnaire, open once the activity has been held."""

    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with this activity?"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a whole number from 1 to 5.")},
    )

    def service_data(self) -> dict:
        return {"satisfaction": self.cleaned_data["satisfaction"]}


class FollowUpForm(forms.Form):
    """The follow-up questionnaire, three months after the activity."""

    follow_up_answer = forms.ChoiceField(
        label=_("Have you applied what you learned in your work?"),
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
    )
    follow_up_comment = forms.CharField(
        label=_("How, or what stood in the way?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: an example helps the programme judge what the activity changed."),
    )

    def service_data(self) -> dict:
        return {
            "follow_up_answer": self.cleaned_data["follow_up_answer"],
            "follow_up_comment": self.cleaned_data["follow_up_comment"].strip(),
        }


class MissionReportForm(forms.Form):
    """An expert's mission report for one assignment: a text document (the programme's document
    rules, narrowed to what a report is written in)."""

    mission_report = DocumentField(
        label=_("Mission report"),
        required=True,
        validators=[FileExtensionValidator(MISSION_REPORT_EXTENSIONS)],
        help_text=_("PDF, Word or OpenDocument text, at most 10 MB."),
    )


class SignOffForm(forms.Form):
    """The named HR or training-unit officer signs off a coordination cell, with an optional note."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
