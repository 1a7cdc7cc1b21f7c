"""The reports page's form: what to report on, in which format and language, for which Actions (the
Actions list's own filters) and which period. It only validates; services.report_request decides."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actions.filtersets import ActionFilterSet
from actions.models import Action

from .choices import ReportFormat, ReportKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The Actions list's filters the form leaves out: the sort order means nothing in a report, and the
# institution is a raw id for links and the API (it stays available there).
SKIPPED_FILTERS = ("ordering", "institution")


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.XLSX)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    period_start = forms.DateField(label=_("Period from"), required=False, widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Period until"), required=False, widget=DATE_INPUT)
    action = forms.ModelChoiceField(
        label=_("Action (for the Action report)"),
        queryset=Action.objects.none(),
        required=False,
        help_text=_("Only the Action report uses it."),
    )

    def __init__(self, *args, request, **kwargs):
        user = request.user
        kwargs.setdefault("initial", {}).setdefault(
            "language", user.language if user.language in dict(settings.LANGUAGES) else "en"
        )
        super().__init__(*args, **kwargs)
        actions = Action.objects.for_user(user).order_by("code")
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda action: f"{action.code} · {action.short_name}"
        # The Actions list's filters, as the list shows them to this user (partners have no use for
        # the list of programme staff names).
        skipped = SKIPPED_FILTERS if user.sees_whole_portfolio else (*SKIPPED_FILTERS, "officer")
        filter_form = ActionFilterSet(queryset=actions, request=request).form
        self.filter_names = [name for name in filter_form.fields if name not in skipped]
        for name in self.filter_names:
            field = filter_form.fields[name]
            field.required = False
            self.fields[name] = field

    def filter_fields(self):
        return [self[name] for name in self.filter_names]

    def report_fields(self):
        return [self[name] for name in ("kind", "format", "language", "period_start", "period_end", "action")]

    def _raw_filters(self) -> dict:
        """The filters as the user typed them (ids and codes, as the Actions list's query string
        carries them), for the run's parameters; the service checks them again."""
        filters = {}
        for name in self.filter_names:
            if isinstance(self.fields[name].widget, forms.SelectMultiple):
                value = [item for item in self.data.getlist(name) if item]
            else:
                value = self.data.get(name, "")
            if value not in ("", []):
                filters[name] = value
        return filters

    def service_data(self) -> dict:
        data = self.cleaned_data
        filters = self._raw_filters()
        for key in ("period_start", "period_end"):
            if data.get(key):
                filters[key] = data[key].isoformat()
        return {
            "kind": data["kind"],
            "format": data["format"],
            "language": data["language"],
            "filters": filters,
            "action_id": data["action"].pk if data.get("action") else None,
        }
