"""Reading an attendance list: a CSV or XLSX file, or rows pasted from a spreadsheet.

Only reads and checks; actions.services.attendance_import_run writes. Every row is checked and
every problem reported with its row number (as the spreadsheet shows it, the header being row 1)
and its column, so the person who prepared the list can fix them all in one go.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _

from partners.choices import Gender
from partners.models import Institution, Person

from .choices import FollowUpAnswer

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
EXTENSIONS = ("csv", "xlsx", "txt")

# Column names accepted in the header, in the three languages of the interface.
COLUMNS = {
    "email": {"email", "e-mail", "courriel", "correo", "correo electrónico", "mail"},
    "first_name": {"first_name", "first name", "prénom", "prenom", "nombre", "given name"},
    "last_name": {"last_name", "last name", "nom", "apellido", "apellidos", "surname", "family name"},
    "gender": {"gender", "sex", "genre", "sexe", "género", "genero", "sexo"},
    "institution": {"institution", "institución", "institucion", "organisation", "organization"},
    "position": {"position", "poste", "fonction", "cargo", "puesto"},
    "attendance_percent": {
        "attendance_percent",
        "attendance %",
        "attendance (%)",
        "attendance",
        "présence",
        "asistencia",
    },
    "attendance_hours": {"attendance_hours", "attendance (hours)", "hours", "heures", "horas"},
    "pre_test_score": {"pre_test_score", "pre-test", "pre test", "pré-test", "pretest", "prueba inicial"},
    "post_test_score": {
        "post_test_score",
        "post-test",
        "post test",
        "post-test score",
        "posttest",
        "prueba final",
    },
    "satisfaction": {"satisfaction", "satisfacción", "satisfaccion", "rating"},
    "follow_up_answer": {"follow_up_answer", "follow-up", "follow up", "suivi", "seguimiento"},
}

GENDERS = {
    **{value: value for value in Gender.values},
    "f": Gender.FEMALE,
    "woman": Gender.FEMALE,
    "femme": Gender.FEMALE,
    "féminin": Gender.FEMALE,
    "mujer": Gender.FEMALE,
    "femenino": Gender.FEMALE,
    "m": Gender.MALE,
    "man": Gender.MALE,
    "homme": Gender.MALE,
    "masculin": Gender.MALE,
    "hombre": Gender.MALE,
    "masculino": Gender.MALE,
    "autre": Gender.OTHER,
    "otro": Gender.OTHER,
}

FOLLOW_UP = {
    **{value: value for value in FollowUpAnswer.values},
    "oui": FollowUpAnswer.YES,
    "sí": FollowUpAnswer.YES,
    "si": FollowUpAnswer.YES,
    "en partie": FollowUpAnswer.PARTLY,
    "en parte": FollowUpAnswer.PARTLY,
    "non": FollowUpAnswer.NO,
}


class AttendanceFileError(Exception):
    """The file as a whole cannot be read (wrong type, too large, damaged, no header)."""


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class AttendanceRow:
    row: int
    person: Person | None  # None: a new person, to be created from `new_person`
    new_person: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)


def check_upload(name: str, size: int) -> None:
    """Refuse at once what cannot be an attendance list: another file type, or too large."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise AttendanceFileError(
            _("Upload a CSV or XLSX file (this one is “.%(ext)s”).") % {"ext": extension or "?"}
        )
    if size > MAX_BYTES:
        raise AttendanceFileError(_("Upload a file of at most 5 MB."))


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The list's cells as text, header first. XLSX: the first sheet; CSV: comma, semicolon or tab."""
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_text(content)


def _read_xlsx(content: bytes) -> list[list[str]]:
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise AttendanceFileError(_("This is not a readable XLSX file."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise AttendanceFileError(_("This is not a readable XLSX file.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 1:
                break
            rows.append(["" if value is None else _cell_text(value) for value in values])
        return rows
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_text(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise AttendanceFileError(_("The file's text encoding is not readable; save it as UTF-8."))
    if "\x00" in text:
        raise AttendanceFileError(_("This is not a text (CSV) file."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if "\t" in sample else csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _header_map(header: list[str]) -> dict[int, str]:
    names = {}
    for index, title in enumerate(header):
        key = title.strip().lower()
        for name, aliases in COLUMNS.items():
            if key in aliases and name not in names.values():
                names[index] = name
                break
    return names


def _number(text: str, *, low: Decimal, high: Decimal | None) -> Decimal:
    cleaned = text.replace("%", "").replace(",", ".").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from error
    if not value.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
    if value < low or (high is not None and value > high):
        if high is None:
            raise ValueError(_("Give a value of %(low)s or more.") % {"low": low})
        raise ValueError(_("Give a value between %(low)s and %(high)s.") % {"low": low, "high": high})
    return value.quantize(Decimal("0.1"))


def parse_rows(table: list[list[str]], *, activity) -> tuple[list[AttendanceRow], list[RowError]]:
    """Check every row of the list against the activity; return the rows and every error found."""
    if not table or not any(cell for cell in table[0]):
        raise AttendanceFileError(_("The list is empty: the first row must name the columns."))
    columns = _header_map(table[0])
    if "email" not in columns.values() and not {"first_name", "last_name"} <= set(columns.values()):
        raise AttendanceFileError(
            _("The first row must name the columns: at least email, or first_name and last_name.")
        )
    body = [
        (number, row) for number, row in enumerate(table[1:], start=2) if any(cell.strip() for cell in row)
    ]
    if not body:
        raise AttendanceFileError(_("The list has no participant rows."))
    if len(body) > MAX_ROWS:
        raise AttendanceFileError(_("A list may have at most %(max)s rows.") % {"max": MAX_ROWS})

    records = []
    for number, row in body:
        records.append(
            (
                number,
                {name: (row[index].strip() if index < len(row) else "") for index, name in columns.items()},
            )
        )

    people_by_email, people_by_name, institutions = _lookups(records, activity)
    errors: list[RowError] = []
    rows: list[AttendanceRow] = []
    seen: dict[object, int] = {}
    duration = activity.duration_hours
    for number, record in records:
        row_errors: list[RowError] = []

        def fail(column: str, message: str, number=number, row_errors=row_errors) -> None:
            row_errors.append(RowError(number, column, str(message)))

        values = {}
        for column, low, high in (
            ("attendance_percent", Decimal("0"), Decimal("100")),
            ("attendance_hours", Decimal("0"), duration),
            ("pre_test_score", Decimal("0"), Decimal("100")),
            ("post_test_score", Decimal("0"), Decimal("100")),
        ):
            if record.get(column):
                try:
                    values[column] = _number(record[column], low=low, high=high)
                except ValueError as error:
                    fail(column, str(error))
        if record.get("satisfaction"):
            try:
                score = _number(record["satisfaction"], low=Decimal("1"), high=Decimal("5"))
                if score != score.to_integral_value():
                    raise ValueError(_("Give a whole number from 1 to 5."))
                values["satisfaction"] = int(score)
            except ValueError as error:
                fail("satisfaction", str(error))
        if record.get("follow_up_answer"):
            answer = FOLLOW_UP.get(record["follow_up_answer"].lower())
            if answer is None:
                fail("follow_up_answer", _("Answer yes, partly or no."))
            else:
                values["follow_up_answer"] = answer

        person, new_person = _person_for(record, people_by_email, people_by_name, institutions, fail)
        key = (
            person.pk
            if person is not None
            else (new_person.get("email") or "").lower()
            or tuple(sorted((k, str(v)) for k, v in new_person.items()))
        )
        if not row_errors and key in seen:
            fail(
                "email" if record.get("email") else "last_name",
                _("This person is already on row %(row)s.") % {"row": seen[key]},
            )
        if not row_errors:
            seen[key] = number
            rows.append(AttendanceRow(number, person, new_person, values))
        errors.extend(row_errors)
    return rows, errors


def _lookups(records, activity):
    """Everyone the list names, found in three queries (e-mails, names, institutions)."""
    emails = {record["email"].lower() for _n, record in records if record.get("email")}
    people_by_email = {}
    if emails:
        for person in Person.objects.filter(email__in=sorted(emails)).select_related("institution"):
            people_by_email.setdefault(person.email.lower(), person)
        # E-mail case differs in registries more often than not: a case-insensitive second look.
        missing = emails - set(people_by_email)
        if missing:
            query = Q()
            for email in missing:
                query |= Q(email__iexact=email)
            for person in Person.objects.filter(query).select_related("institution"):
                people_by_email.setdefault(person.email.lower(), person)
    partner_ids = list(activity.action.partner_links.values_list("institution_id", flat=True))
    institutions = {}
    for institution in Institution.objects.filter(pk__in=partner_ids):
        for key in (str(institution.pk), institution.acronym.lower(), (institution.name or "").lower()):
            if key:
                institutions.setdefault(key, institution)
    names = {
        (record.get("first_name", "").lower(), record.get("last_name", "").lower())
        for _n, record in records
        if not record.get("email")
    }
    people_by_name = {}
    if names and partner_ids:
        query = Q()
        for first, last in names:
            query |= Q(first_name__iexact=first, last_name__iexact=last)
        for person in Person.objects.filter(query, institution_id__in=partner_ids).select_related(
            "institution"
        ):
            people_by_name.setdefault(
                (person.first_name.lower(), person.last_name.lower(), person.institution_id), person
            )
    return people_by_email, people_by_name, institutions


def _person_for(record, people_by_email, people_by_name, institutions, fail):
    """The registry's person for this row, or the data of a new person of a partner institution."""
    email = record.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            fail("email", _("“%(value)s” is not an e-mail address.") % {"value": email})
            return None, {}
        found = people_by_email.get(email.lower())
        if found is not None:
            return found, {}
    institution = None
    if record.get("institution"):
        institution = institutions.get(record["institution"].lower())
        if institution is None:
            fail(
                "institution",
                _("“%(value)s” is not a partner institution of this Action (give its acronym).")
                % {"value": record["institution"]},
            )
    elif len({i.pk for i in institutions.values()}) == 1:
        institution = next(iter(institutions.values()))  # one partner: no need to say it on every row
    else:
        fail("institution", _("Give the participant's institution (its acronym)."))
    first, last = record.get("first_name", ""), record.get("last_name", "")
    if institution is not None and first and last:
        found = people_by_name.get((first.lower(), last.lower(), institution.pk))
        if found is not None:
            return found, {}
    if not first:
        fail("first_name", _("Give the first name of a participant not yet in the registry."))
    if not last:
        fail("last_name", _("Give the last name of a participant not yet in the registry."))
    gender = GENDERS.get(record.get("gender", "").lower())
    if gender is None:
        fail("gender", _("Give the gender: female, male, other or undisclosed."))
    for column, limit in (("first_name", 100), ("last_name", 100), ("position", 200)):
        if len(record.get(column, "")) > limit:
            fail(column, _("At most %(max)s characters.") % {"max": limit})
    return None, {
        "first_name": first[:100],
        "last_name": last[:100],
        "gender": gender,
        "institution": institution,
        "email": email,
        "position": record.get("position", "")[:200],
    }
