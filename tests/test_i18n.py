"""The French and Spanish catalogues are complete, and every translation keeps its placeholders."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{\{ *[a-z_.]+ *\}\}|%[sd]")


@pytest.fixture(params=["fr", "es"])
def catalogue(request):
    path = LOCALE / request.param / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing"
    return polib.pofile(str(path))


def test_catalogue_has_no_untranslated_or_fuzzy_message(catalogue):
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_translations_keep_their_placeholders(catalogue):
    broken = []
    for entry in catalogue.translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        # A plural form may use the placeholders of the singular or of the plural (the plural often
        # adds the count the singular spells out: "One skill…" / "%(counter)s skills…").
        allowed = set(expected) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in translations:
            found = sorted(PLACEHOLDER.findall(text))
            # A plural form may drop the count ("un résultat"), but never invent a placeholder.
            if set(found) - allowed or (not entry.msgid_plural and found != expected):
                broken.append((entry.msgid, text))
    assert not broken, broken[:10]


def test_catalogue_covers_every_string_in_the_code(catalogue):
    """Every msgid the code uses is in the catalogue: a sample of strings from each layer."""
    msgids = {entry.msgid for entry in catalogue}
    for text in (
        "Institutions",
        "Programme region",
        "Log in",
        "History",
        "Filter",
        "Expert roster",
        "Give the name in at least one language.",
        "This API token is read-only.",
    ):
        assert text in msgids, text
