"""Load the code lists every installation needs (actions.reference_data): thematic and specific
areas, the 23 Global Compact objectives, OECD-DAC purpose codes and the programme phases.

Rows are looked up by their natural key and only created when missing, so running it on a database
where staff already edited the lists changes nothing. The historical models carry the translation
columns (name_en, name_fr, name_es, title_*) as plain fields, so they are set directly; the untranslated
column takes the English text, as modeltranslation does for the default language.
"""

from django.db import migrations

from actions import reference_data


def load_reference_data(apps, schema_editor):
    ThematicArea = apps.get_model("actions", "ThematicArea")
    GlobalCompactObjective = apps.get_model("actions", "GlobalCompactObjective")
    PurposeCode = apps.get_model("actions", "PurposeCode")
    ProgrammePhase = apps.get_model("actions", "ProgrammePhase")

    areas = {}
    for seed in reference_data.THEMATIC_AREAS:
        areas[seed.code], _created = ThematicArea.objects.get_or_create(
            code=seed.code,
            defaults={
                "name": seed.name_en,
                "name_en": seed.name_en,
                "name_fr": seed.name_fr,
                "name_es": seed.name_es,
                "parent": areas[seed.parent] if seed.parent else None,
            },
        )
    for seed in reference_data.GLOBAL_COMPACT_OBJECTIVES:
        GlobalCompactObjective.objects.get_or_create(
            number=seed.number,
            defaults={
                "title": seed.title_en,
                "title_en": seed.title_en,
                "title_fr": seed.title_fr,
                "title_es": seed.title_es,
            },
        )
    # One default at most (a database constraint): keep an existing default if staff chose another.
    has_default = PurposeCode.objects.filter(is_default=True).exists()
    for seed in reference_data.PURPOSE_CODES:
        PurposeCode.objects.get_or_create(
            code=seed.code,
            defaults={
                "name": seed.name_en,
                "name_en": seed.name_en,
                "name_fr": seed.name_fr,
                "name_es": seed.name_es,
                "is_default": seed.is_default and not has_default,
            },
        )
    for seed in reference_data.PHASES:
        ProgrammePhase.objects.get_or_create(
            code=seed.code,
            defaults={
                "name": seed.name,
                "name_en": seed.name,
                "name_fr": seed.name,
                "name_es": seed.name,
                "starts_on": seed.starts_on,
                "ends_on": seed.ends_on,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
