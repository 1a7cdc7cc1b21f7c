"""Forms of the programme pages. They validate input and hand `service_data()` to a service; they
never save."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from mieux.forms import ServiceModelForm
from mieux.models import User
from mieux.roles import STAFF_ROLES
from partners.choices import RosterStatus
from partners.forms import LanguagesField
from partners.models import Institution, Person
from partners.selectors import co_requester_candidates

from . import attendance
from .choices import (
    DOCUMENT_CONTENT_TYPES,
    DOCUMENT_MAX_BYTES,
    ActionType,
    ActivityType,
    DecisionOutcome,
    ExpertRole,
    PartnerRole,
    RequesterRole,
    RequestStatus,
    ResultKind,
)
from .models import (
    Action,
    Activity,
    CoordinationCell,
    Deliverable,
    GlobalCompactObjective,
    Indicator,
    IndicatorPeriod,
    Participation,
    ProgrammePhase,
    PurposeCode,
    Result,
    SteeringCommitteeMeeting,
    SupportRequest,
    ThematicArea,
)

MAX_CO_REQUESTERS = 3
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FieldsetsMixin:
    """`fieldsets` = ((legend, (field names…)), …) lets the form template group the fields; the fields
    not named fall in a last, untitled group."""

    fieldsets: tuple = ()

    def grouped_fields(self):
        named = set()
        groups = []
        for legend, names in self.fieldsets:
            fields = [self[name] for name in names if name in self.fields]
            named.update(names)
            if fields:
                groups.append({"legend": legend, "fields": fields})
        rest = [field for field in self.visible_fields() if field.name not in named]
        if rest:
            groups.append({"legend": "", "fields": rest})
        return groups


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class LinesField(forms.CharField):
    """A list of short lines typed one per line in a textarea."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


def _institutions(user):
    return Institution.objects.for_user(user).order_by("name", "id")


def _staff_users():
    return User.objects.filter(role__in=STAFF_ROLES, is_active=True).order_by("full_name", "email")


class VersionedFormMixin:
    """Carries the version the editor read (a hidden field), so the service refuses an edit made on
    a stale copy instead of silently overwriting someone else's change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=1, initial=instance.version
            )

    def version_data(self) -> dict:
        if "version" in self.fields:
            return {"expected_version": self.cleaned_data["version"]}
        return {}


class TitleInSomeLanguageMixin:
    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"title_{code}") for code in ("en", "fr", "es")):
            self.add_error("title_en", _("Give the title in at least one language."))
        return cleaned


# --- Requests -------------------------------------------------------------------------------


class SupportRequestForm(FieldsetsMixin, VersionedFormMixin, ServiceModelForm):
    lead_institution = forms.ModelChoiceField(label=_("Lead requesting institution"), queryset=None)
    co_requester_1 = forms.ModelChoiceField(label=_("Co-requester"), queryset=None, required=False)
    co_requester_2 = forms.ModelChoiceField(label=_("Co-requester"), queryset=None, required=False)
    co_requester_3 = forms.ModelChoiceField(label=_("Co-requester"), queryset=None, required=False)
    languages = LanguagesField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("Codes separated by commas, e.g. en, fr."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("The request letter, e-mail or concept note; you may choose several files."),
    )

    fieldsets = (
        (
            _("Request"),
            (
                "title",
                "channel",
                "received_on",
                "countries",
                "thematic_area",
                "specific_area",
                "proposed_action_type",
                "languages",
            ),
        ),
        (
            _("Requesting institutions"),
            ("lead_institution", "co_requester_1", "co_requester_2", "co_requester_3"),
        ),
        (_("Needs"), ("needs_statement", "expected_results", "target_groups")),
        (_("Attachments"), ("attachments",)),
    )

    class Meta:
        model = SupportRequest
        fields = [
            "title",
            "channel",
            "received_on",
            "countries",
            "thematic_area",
            "specific_area",
            "proposed_action_type",
            "languages",
            "needs_statement",
            "expected_results",
            "target_groups",
        ]
        widgets = {
            "received_on": DATE_INPUT,
            "needs_statement": forms.Textarea(attrs={"rows": 5}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        institutions = _institutions(user)
        for name in ("lead_institution", *self.co_requester_names()):
            self.fields[name].queryset = institutions
        self.fields["thematic_area"].queryset = ThematicArea.objects.filter(
            parent__isnull=True, is_active=True
        )
        self.fields["specific_area"].queryset = ThematicArea.objects.filter(
            parent__isnull=False, is_active=True
        ).select_related("parent")
        if self.instance.pk:
            links = list(self.instance.requesters.order_by("id"))
            co = [link.institution_id for link in links if link.role != RequesterRole.LEAD]
            lead = next((link.institution_id for link in links if link.role == RequesterRole.LEAD), None)
            self.initial.setdefault("lead_institution", lead)
            for name, institution_id in zip(self.co_requester_names(), co, strict=False):
                self.initial.setdefault(name, institution_id)

    @staticmethod
    def co_requester_names() -> list[str]:
        return [f"co_requester_{n}" for n in range(1, MAX_CO_REQUESTERS + 1)]

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get("lead_institution")] + [cleaned.get(n) for n in self.co_requester_names()]
        chosen = [institution for institution in chosen if institution is not None]
        if len({i.pk for i in chosen}) != len(chosen):
            self.add_error(None, _("Each institution can be named once."))
        return cleaned

    def requesters(self) -> list[tuple[Institution, str]]:
        pairs = [(self.cleaned_data["lead_institution"], RequesterRole.LEAD)]
        for name in self.co_requester_names():
            if self.cleaned_data.get(name):
                pairs.append((self.cleaned_data[name], RequesterRole.CO_REQUESTER))
        return pairs

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        data["requesters"] = self.requesters()
        data.update(self.version_data())
        return data


class TransitionForm(forms.Form):
    to = forms.CharField(max_length=40)
    comment = forms.CharField(required=False, max_length=4000)


# --- Requests written in the portal ----------------------------------------------------------

# The languages requests most often ask for (DOMAIN.md: EN, FR, ES, PT, RU, AR …), offered as boxes.
COMMON_REQUEST_LANGUAGES = ("en", "fr", "es", "pt", "ru", "ar")
ACCEPTED_FILE_TYPES = ", ".join(f".{extension}" for extension in sorted(DOCUMENT_CONTENT_TYPES))
ATTACHMENTS_HELP = format_lazy(
    _("Accepted types: {types}. At most 10 MB per file; you may choose several files."),
    types=ACCEPTED_FILE_TYPES,
)
# One line per Action type, for the partner choosing one (DOMAIN.md, "The three MIEUX+ Action types").
ACTION_TYPE_EXPLANATIONS = {
    ActionType.CLASSIC: _("One requesting institution and a sequence of activities with peer experts."),
    ActionType.HOLISTIC: _(
        "Several actors of your country together (leadership, HR, training unit, thematic departments "
        "and a training institution); officials who follow it are certified as trainers or experts."
    ),
    ActionType.REGIONAL: _("Partners from several neighbouring countries learn from each other."),
}


def _language_choices(extra=()) -> list[tuple[str, str]]:
    codes = list(COMMON_REQUEST_LANGUAGES) + [code for code in extra if code not in COMMON_REQUEST_LANGUAGES]
    return [(code, capfirst(get_language_info(code)["name_translated"])) for code in codes]


class RequestAttachmentsField(MultipleFileField):
    """Several files, each of an accepted document type and at most 10 MB; an error names the file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", ATTACHMENTS_HELP)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data]
        uploads = [upload for upload in uploads if upload]
        errors = []
        for upload in uploads:
            name = getattr(upload, "name", "") or ""
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if extension not in DOCUMENT_CONTENT_TYPES:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is not an accepted type of file. Accepted types: %(types)s."),
                        code="file_type",
                        params={"name": name, "types": ACCEPTED_FILE_TYPES},
                    )
                )
            elif not upload.size:
                errors.append(
                    forms.ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
                )
            elif upload.size > DOCUMENT_MAX_BYTES:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is larger than 10 MB."), code="too_large", params={"name": name}
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        if self.required and not uploads:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return uploads


class RequestDraftForm(VersionedFormMixin, ServiceModelForm):
    """A focal point's request, written in the portal and saved as a draft. Its own institution is
    always one of the requesters (as lead or co-requester); up to three institutions of the same
    country may join it, exactly one institution leads. Only the title and the thematic area are
    needed to save a draft: what must be complete before sending is workflows.request_is_complete."""

    own_role = forms.ChoiceField(
        label=_("Role of your institution"),
        choices=RequesterRole.choices,
        initial=RequesterRole.LEAD,
        widget=forms.RadioSelect,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages the activities should be held in."),
    )
    attachments = RequestAttachmentsField(label=_("Attachments"))

    class Meta:
        model = SupportRequest
        fields = [
            "title",
            "thematic_area",
            "specific_area",
            "proposed_action_type",
            "needs_statement",
            "expected_results",
            "target_groups",
            "languages",
            "timing",
        ]
        labels = {
            "title": _("Title of the request"),
            "needs_statement": _("Needs"),
            "proposed_action_type": _("Proposed Action type"),
        }
        help_texts = {
            "title": _("A short name for the support you ask for."),
            "thematic_area": _("The migration topic the support is about."),
            "specific_area": _("Optional: a specific area of that thematic area."),
            "needs_statement": _(
                "What should the support help solve, and for whom? What has been tried already?"
            ),
            "expected_results": _(
                "What will be different once the support has been given: skills, procedures, policies."
            ),
            "target_groups": _("Who should take part or benefit: which officials or units, and how many."),
        }
        widgets = {
            "proposed_action_type": forms.RadioSelect,
            "needs_statement": forms.Textarea(attrs={"rows": 5}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, own_institution=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_institution = own_institution
        if not self.instance.pk:
            # A new request written in the portal is a draft: what it still lacks is asked for
            # before it is sent, not now (SupportRequest.clean knows this from the status).
            self.instance.status = RequestStatus.DRAFT
        candidates = co_requester_candidates(user)
        for number in range(1, MAX_CO_REQUESTERS + 1):
            self.fields[f"co_requester_{number}"] = forms.ModelChoiceField(
                label=_("Co-requesting institution"),
                queryset=candidates,
                required=False,
                empty_label=_("— none —"),
            )
            self.fields[f"co_requester_{number}_role"] = forms.ChoiceField(
                label=_("Its role"),
                choices=RequesterRole.choices,
                initial=RequesterRole.CO_REQUESTER,
            )
        self.fields["thematic_area"].queryset = ThematicArea.objects.filter(
            parent__isnull=True, is_active=True
        )
        self.fields["specific_area"].queryset = ThematicArea.objects.filter(
            parent__isnull=False, is_active=True
        ).select_related("parent")
        self.fields["proposed_action_type"].choices = ActionType.choices
        self.fields["languages"].choices = _language_choices(self.instance.languages or ())
        if self.instance.pk:
            self._initial_requesters()

    def _initial_requesters(self) -> None:
        own_id = self.own_institution.pk if self.own_institution else None
        others = []
        for link in self.instance.requesters.order_by("id"):
            if link.institution_id == own_id:
                self.initial.setdefault("own_role", link.role)
            else:
                others.append(link)
        for number, link in enumerate(others[:MAX_CO_REQUESTERS], start=1):
            self.initial.setdefault(f"co_requester_{number}", link.institution_id)
            self.initial.setdefault(f"co_requester_{number}_role", link.role)

    def co_requester_rows(self) -> list[tuple]:
        """(institution field, role field) per row, for the template."""
        return [
            (self[f"co_requester_{number}"], self[f"co_requester_{number}_role"])
            for number in range(1, MAX_CO_REQUESTERS + 1)
        ]

    def action_type_options(self) -> list[dict]:
        """The three Action types, each with its one-line explanation, for the template's radios."""
        field = self["proposed_action_type"]
        chosen = str(field.value() or ActionType.CLASSIC)
        return [
            {
                "value": value,
                "label": label,
                "explanation": ACTION_TYPE_EXPLANATIONS.get(value, ""),
                "checked": value == chosen,
                "id": f"{field.auto_id}_{index}",
            }
            for index, (value, label) in enumerate(ActionType.choices)
        ]

    def clean(self):
        cleaned = super().clean()
        if self.own_institution is None:
            raise forms.ValidationError(
                _("Your account is not linked to an institution; ask the programme team to link it.")
            )
        named = {self.own_institution.pk: "own_role"}
        leads = 1 if cleaned.get("own_role") == RequesterRole.LEAD else 0
        for number in range(1, MAX_CO_REQUESTERS + 1):
            name = f"co_requester_{number}"
            institution = cleaned.get(name)
            if institution is None:
                continue
            if institution.pk in named:
                self.add_error(name, _("This institution is already named on the request."))
                continue
            named[institution.pk] = name
            if cleaned.get(f"{name}_role") == RequesterRole.LEAD:
                leads += 1
        if leads != 1 and "own_role" in cleaned:
            self.add_error(
                "own_role",
                _("Exactly one institution leads the request: choose which one.")
                if leads == 0
                else _("Only one institution can lead the request: make the others co-requesters."),
            )
        return cleaned

    def requesters(self) -> list[tuple[Institution, str]]:
        pairs = [(self.own_institution, self.cleaned_data["own_role"])]
        for number in range(1, MAX_CO_REQUESTERS + 1):
            institution = self.cleaned_data.get(f"co_requester_{number}")
            if institution is not None:
                pairs.append((institution, self.cleaned_data[f"co_requester_{number}_role"]))
        return pairs

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        requesters = self.requesters()
        data["requesters"] = requesters
        # The countries the support is for: the requesting institutions' own.
        data["countries"] = sorted({institution.country.code for institution, _role in requesters})
        data.update(self.version_data())
        return data


class ClarificationAnswerForm(forms.Form):
    """The focal point's answer to the programme's open question, with files if useful."""

    answer = forms.CharField(
        label=_("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your answer to the question.")},
    )
    attachments = RequestAttachmentsField(label=_("Attachments (optional)"))


# --- Steering Committee ---------------------------------------------------------------------


class MeetingForm(ServiceModelForm):
    members_present = LinesField(
        label=_("Members present"),
        required=False,
        help_text=_(
            "One line per member: name and organisation (e.g. DG INTPA, DG HOME, EEAS, DG NEAR, ICMPD)."
        ),
    )

    class Meta:
        model = SteeringCommitteeMeeting
        fields = ["held_on", "location", "members_present", "notes"]
        widgets = {"held_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    request = forms.ModelChoiceField(label=_("Request"), queryset=None)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DecisionOutcome.choices)
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for an approval with conditions."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a rejection or a deferral."),
    )
    officer = forms.ModelChoiceField(
        label=_("Programme officer of the new Action"),
        queryset=None,
        required=False,
        help_text=_("Only used when the request is approved."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = SupportRequest.objects.for_user(user).filter(
            status=RequestStatus.SUBMITTED
        )
        self.fields["officer"].queryset = _staff_users()

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


# --- Actions --------------------------------------------------------------------------------


def _translated(*names: str) -> list[str]:
    return [f"{name}_{code}" for name in names for code in ("en", "fr", "es")]


class ActionForm(FieldsetsMixin, TitleInSomeLanguageMixin, VersionedFormMixin, ServiceModelForm):
    lead_beneficiary = forms.ModelChoiceField(label=_("Lead beneficiary"), queryset=None, required=False)
    co_beneficiaries = forms.ModelMultipleChoiceField(
        label=_("Co-beneficiaries"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    capacity_development_institution = forms.ModelChoiceField(
        label=_("Capacity development institution"), queryset=None, required=False
    )
    regional_organisation = forms.ModelChoiceField(
        label=_("Regional organisation"), queryset=None, required=False
    )

    partner_fields = {
        "lead_beneficiary": PartnerRole.LEAD_BENEFICIARY,
        "co_beneficiaries": PartnerRole.CO_BENEFICIARY,
        "capacity_development_institution": PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION,
        "regional_organisation": PartnerRole.REGIONAL_ORGANISATION,
    }

    fieldsets = (
        (_("Identity"), ("code", "short_name", "type", "phase", "approved_on", "predecessor", "officer")),
        (_("Description"), _translated("title", "summary", "objectives")),
        (
            _("Classification"),
            ("thematic_area", "specific_area", "gcm_objectives", "purpose_code", "countries"),
        ),
        (
            _("Partners"),
            (
                "lead_beneficiary",
                "co_beneficiaries",
                "capacity_development_institution",
                "regional_organisation",
            ),
        ),
        (
            _("Dates and budget"),
            ("planned_start", "planned_end", "actual_start", "actual_end", "budget_eur"),
        ),
        (_("Publication"), ("published",)),
    )

    class Meta:
        model = Action
        fields = [
            "short_name",
            *_translated("title", "summary", "objectives"),
            "type",
            "phase",
            "predecessor",
            "officer",
            "thematic_area",
            "specific_area",
            "gcm_objectives",
            "purpose_code",
            "countries",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "budget_eur",
            "published",
        ]
        widgets = {
            "planned_start": DATE_INPUT,
            "planned_end": DATE_INPUT,
            "actual_start": DATE_INPUT,
            "actual_end": DATE_INPUT,
            "approved_on": DATE_INPUT,
            "gcm_objectives": forms.SelectMultiple(attrs={"size": 8}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in _translated("summary", "objectives")},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        institutions = _institutions(user)
        for name in self.partner_fields:
            self.fields[name].queryset = institutions
        self.fields["officer"].queryset = _staff_users()
        self.fields["thematic_area"].queryset = ThematicArea.objects.filter(parent__isnull=True)
        self.fields["specific_area"].queryset = ThematicArea.objects.filter(
            parent__isnull=False
        ).select_related("parent")
        predecessors = Action.objects.for_user(user).order_by("code")
        if self.instance.pk:
            predecessors = predecessors.exclude(pk=self.instance.pk)
            self._initial_partners()
        self.fields["predecessor"].queryset = predecessors

    def _initial_partners(self) -> None:
        links = list(self.instance.partner_links.all())
        by_role: dict[str, list[int]] = {}
        for link in links:
            by_role.setdefault(link.role, []).append(link.institution_id)
        for name, role in self.partner_fields.items():
            ids = by_role.get(role, [])
            if name == "co_beneficiaries":
                self.initial.setdefault(name, ids)
            elif ids:
                self.initial.setdefault(name, ids[0])

    def partners(self) -> list[tuple[Institution, str]]:
        pairs = []
        for name, role in self.partner_fields.items():
            value = self.cleaned_data.get(name)
            if name == "co_beneficiaries":
                pairs.extend((institution, role) for institution in value or ())
            elif value is not None:
                pairs.append((value, role))
        if self.instance.pk:
            # Roles the form does not edit (EU Delegation) are kept as they are.
            edited = set(self.partner_fields.values())
            pairs.extend(
                (link.institution, link.role)
                for link in self.instance.partner_links.select_related("institution")
                if link.role not in edited
            )
        return pairs

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        data["gcm_objectives"] = list(data.get("gcm_objectives") or ())
        data["partners"] = self.partners()
        data.update(self.version_data())
        return data


class ActionCreateForm(ActionForm):
    class Meta(ActionForm.Meta):
        fields = ["code", "approved_on", *ActionForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service picks the phase from the approval date and the default purpose code.
        self.fields["phase"].required = False
        self.fields["phase"].help_text = _("Leave empty to use the phase of the approval date.")
        self.fields["purpose_code"].required = False
        self.fields["purpose_code"].initial = PurposeCode.objects.filter(is_default=True).first()

    def service_data(self) -> dict:
        data = super().service_data()
        for name in ("phase", "purpose_code"):
            if data.get(name) is None:
                data.pop(name, None)
        return data


class ActivityForm(forms.ModelForm):
    """The "add activity" form of the Action page. The status is not here: a new activity starts as
    planned and moves on only through its transitions."""

    class Meta:
        model = Activity
        fields = [
            "type",
            "title",
            "modality",
            "planned_start",
            "planned_end",
            "duration_hours",
            "city",
            "country",
            "oecd_level",
        ]
        widgets = {"planned_start": DATE_INPUT, "planned_end": DATE_INPUT}

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = ActivityType.choices
        # Left out, an activity is held in person (the model's default).
        self.fields["modality"].required = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end cannot be before the planned start."))
        return cleaned

    def _post_clean(self):
        # The Action is set by the service; the model's own checks run there.
        pass

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if not data.get("modality"):
            data.pop("modality", None)
        return data


# Documents attached to activities, deliverables and missions: the same types and size as the API.
DOCUMENT_EXTENSIONS = sorted(DOCUMENT_CONTENT_TYPES)


class DocumentField(forms.FileField):
    """A document upload: a known office, PDF or image type, at most 10 MB."""

    default_validators = [FileExtensionValidator(DOCUMENT_EXTENSIONS)]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("PDF, office document or image, at most 10 MB."))
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and getattr(value, "size", 0) > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(_("Upload a file of at most 10 MB."), code="too_large")


class ActivityEditForm(FieldsetsMixin, ServiceModelForm):
    """The activity's own page for its plan; the status changes through its transitions."""

    languages = LanguagesField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("Codes separated by commas, e.g. en, fr."),
    )
    agenda = DocumentField(label=_("Agenda"))
    report = DocumentField(label=_("Report"))

    fieldsets = (
        (_("Activity"), ("type", "title", "description", "modality", "oecd_level", "languages")),
        (_("Dates and place"), ("planned_start", "planned_end", "duration_hours", "city", "country")),
        (_("Documents"), ("agenda", "report")),
    )

    class Meta:
        model = Activity
        fields = [
            "type",
            "title",
            "description",
            "modality",
            "oecd_level",
            "languages",
            "planned_start",
            "planned_end",
            "duration_hours",
            "city",
            "country",
        ]
        widgets = {
            "planned_start": DATE_INPUT,
            "planned_end": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = ActivityType.choices

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        # A document is replaced only when a new one is chosen.
        for name in ("agenda", "report"):
            if self.cleaned_data.get(name):
                data[name] = self.cleaned_data[name]
        return data


class ActivityDocumentsForm(forms.Form):
    agenda = DocumentField(label=_("Agenda"))
    report = DocumentField(label=_("Report"))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("agenda") and not cleaned.get("report"):
            raise forms.ValidationError(_("Choose the agenda, the report or both."))
        return cleaned

    def service_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value}


def _roster(activity=None):
    from partners.models import Expert

    experts = Expert.objects.filter(roster_status__in=[RosterStatus.ACTIVE, RosterStatus.CANDIDATE])
    if activity is not None:
        experts = experts.exclude(assignments__activity=activity)
    return experts.select_related("person__institution").order_by("person__last_name", "person__first_name")


class ExpertChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} – {obj.person.institution.acronym or obj.person.institution} ({obj.member_state.code})"


class ExpertAssignmentForm(forms.Form):
    expert = ExpertChoiceField(label=_("Expert"), queryset=None, help_text=_("From the expert roster."))
    role = forms.ChoiceField(label=_("Role"), choices=ExpertRole.choices, initial=ExpertRole.EXPERT)
    days = forms.DecimalField(
        label=_("Days"),
        min_value=Decimal("0.5"),
        max_value=Decimal("366"),
        max_digits=5,
        decimal_places=1,
        initial=Decimal("1"),
        help_text=_("Working days, preparation and travel included."),
    )

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = _roster(activity)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class MissionReportForm(forms.Form):
    mission_report = DocumentField(label=_("Mission report"), required=True)


class AttendanceForm(forms.Form):
    """An attendance list: an uploaded CSV or XLSX file, or rows pasted from a spreadsheet."""

    file = forms.FileField(
        label=_("Attendance list file"),
        required=False,
        help_text=_("CSV or XLSX, at most 5 MB; the first row names the columns."),
    )
    pasted = forms.CharField(
        label=_("Or paste the rows"),
        required=False,
        max_length=attendance.MAX_BYTES,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_("Copied from a spreadsheet, header row first (tab, comma or semicolon separated)."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                attendance.check_upload(upload.name, upload.size)
            except attendance.AttendanceFileError as error:
                raise forms.ValidationError(str(error)) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file"))
        has_text = bool((cleaned.get("pasted") or "").strip())
        if not self.errors:
            if has_file and has_text:
                raise forms.ValidationError(_("Upload a file or paste rows, not both."))
            if not has_file and not has_text:
                raise forms.ValidationError(_("Upload a file or paste the rows of the list."))
        return cleaned

    def source(self):
        """The list as a file for the import: the upload, or the pasted text as pasted.txt."""
        if self.cleaned_data.get("file"):
            return self.cleaned_data["file"]
        return ContentFile(self.cleaned_data["pasted"].encode("utf-8"), name="pasted.txt")


class ParticipationForm(ServiceModelForm):
    class Meta:
        model = Participation
        fields = [
            "attendance_percent",
            "attendance_hours",
            "pre_test_score",
            "post_test_score",
            "satisfaction",
            "follow_up_answer",
            "follow_up_comment",
        ]
        widgets = {"follow_up_comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attendance_percent", "pre_test_score", "post_test_score"):
            self.fields[name].widget.attrs.update(min=0, max=100)
        self.fields["satisfaction"].widget.attrs.update(min=1, max=5)

    def service_data(self) -> dict:
        data = super().service_data()
        # Only the attendance unit the editor changed is sent: the service computes the other.
        if self.instance.pk:
            for name in ("attendance_percent", "attendance_hours"):
                if name in data and name not in self.changed_data:
                    data.pop(name)
        return data


# --- Deliverables and the results framework ------------------------------------------------------


def _activities_of(action):
    return Activity.objects.filter(action=action).order_by("sequence")


class DeliverableForm(FieldsetsMixin, ServiceModelForm):
    file = DocumentField(label=_("File"))

    fieldsets = (
        (_("Deliverable"), ("title", "type", "oecd_level", "language", "activity", "description", "file")),
        (_("Adoption"), ("adopting_body", "adopted_on")),
    )

    class Meta:
        model = Deliverable
        fields = [
            "title",
            "type",
            "oecd_level",
            "language",
            "activity",
            "description",
            "adopting_body",
            "adopted_on",
        ]
        widgets = {"adopted_on": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        action = action or (self.instance.action if self.instance.pk else None)
        self.fields["activity"].queryset = _activities_of(action) if action else Activity.objects.none()
        self.fields["language"].help_text = _("A language code, e.g. en, fr or es.")

    def _post_clean(self):
        if self.instance.pk:
            super()._post_clean()
        # A new deliverable is checked by the service, once it belongs to its Action.

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if self.cleaned_data.get("file"):
            data["file"] = self.cleaned_data["file"]
        return data


class DeliverableCreateForm(DeliverableForm):
    class Meta(DeliverableForm.Meta):
        fields = ["title", "type", "oecd_level", "language", "activity", "description"]


class ResultForm(ServiceModelForm):
    class Meta:
        model = Result
        fields = ["kind", "parent", "code", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        outcomes = (
            Result.objects.filter(action=action, kind=ResultKind.OUTCOME) if action else Result.objects.none()
        )
        self.fields["parent"].queryset = outcomes.order_by("code")
        self.fields["parent"].help_text = _("For an output: the outcome it serves.")

    def _post_clean(self):
        pass  # checked by the service once the result belongs to its Action

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ResultKind.OUTPUT and not cleaned.get("parent"):
            self.add_error("parent", _("Choose the outcome this output serves."))
        return cleaned


class IndicatorForm(FieldsetsMixin, ServiceModelForm):
    starts_on = forms.DateField(label=_("First period start"), required=False, widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("First period end"), required=False, widget=DATE_INPUT)
    target = forms.DecimalField(
        label=_("First period target"), required=False, max_digits=12, decimal_places=2
    )

    fieldsets = (
        (
            _("Indicator"),
            ("result", "name", "oecd_level", "kirkpatrick_level", "unit", "measure", "baseline", "comments"),
        ),
        (_("First reporting period (optional)"), ("starts_on", "ends_on", "target")),
    )

    class Meta:
        model = Indicator
        fields = [
            "result",
            "name",
            "oecd_level",
            "kirkpatrick_level",
            "unit",
            "measure",
            "baseline",
            "comments",
        ]
        widgets = {"comments": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        action = action or (self.instance.action if self.instance.pk else None)
        self.fields["result"].queryset = (
            Result.objects.filter(action=action).order_by("code") if action else Result.objects.none()
        )
        if self.instance.pk:
            for name in ("starts_on", "ends_on", "target"):
                del self.fields[name]

    def _post_clean(self):
        pass  # checked by the service once the indicator belongs to its Action

    def clean(self):
        cleaned = super().clean()
        if "starts_on" in self.fields:
            given = [cleaned.get(name) is not None for name in ("starts_on", "ends_on")]
            if any(given) and not all(given):
                self.add_error("ends_on", _("Give both dates of the first period, or neither."))
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if not self.instance.pk and self.cleaned_data.get("starts_on"):
            data["periods"] = [
                {
                    "starts_on": self.cleaned_data["starts_on"],
                    "ends_on": self.cleaned_data["ends_on"],
                    "target": self.cleaned_data.get("target"),
                }
            ]
        return data


class IndicatorPeriodForm(ServiceModelForm):
    evidence = DocumentField(label=_("Evidence"))

    class Meta:
        model = IndicatorPeriod
        fields = ["starts_on", "ends_on", "target", "actual", "comment"]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = indicator or (self.instance.indicator if self.instance.pk else None)
        if indicator is not None and indicator.is_computed:
            # A computed actual comes from the data.
            del self.fields["actual"]

    def _post_clean(self):
        pass  # checked by the service

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("A period cannot end before it starts."))
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if self.cleaned_data.get("evidence"):
            data["evidence"] = self.cleaned_data["evidence"]
        return data


class IndicatorPeriodCreateForm(IndicatorPeriodForm):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None)

    field_order = ["indicator", "starts_on", "ends_on", "target", "actual", "comment", "evidence"]

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = (
            Indicator.objects.filter(action=action).order_by("id") if action else Indicator.objects.none()
        )
        self.fields["actual"].required = False
        self.fields["actual"].help_text = _("Leave empty for an indicator computed from the data.")

    def service_data(self) -> dict:
        data = super().service_data()
        data["indicator"] = self.cleaned_data["indicator"]
        if data["indicator"].is_computed:
            data.pop("actual", None)
        return data


class CoordinationCellForm(ServiceModelForm):
    class Meta:
        model = CoordinationCell
        fields = ["responsible", "signed_off_by", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = self.instance.action.partner_links.values("institution_id")
        people = Person.objects.filter(institution_id__in=partners).select_related("institution")
        people = people.order_by("last_name", "first_name")
        self.fields["responsible"].queryset = people
        self.fields["signed_off_by"].queryset = people
        self.fields["signed_off_by"].help_text = _("The partner's person who signs the stage off.")


# --- Code lists -----------------------------------------------------------------------------


class ThematicAreaForm(ServiceModelForm):
    class Meta:
        model = ThematicArea
        fields = ["code", *_translated("name"), "parent", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = ThematicArea.objects.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].help_text = _(
            "Empty for a thematic area; its thematic area for a specific area."
        )


class GlobalCompactObjectiveForm(ServiceModelForm):
    class Meta:
        model = GlobalCompactObjective
        fields = ["number", *_translated("title")]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class PurposeCodeForm(ServiceModelForm):
    class Meta:
        model = PurposeCode
        fields = ["code", *_translated("name"), "is_default"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class ProgrammePhaseForm(ServiceModelForm):
    class Meta:
        model = ProgrammePhase
        fields = ["code", *_translated("name"), "starts_on", "ends_on"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
