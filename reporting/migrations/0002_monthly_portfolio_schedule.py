"""The monthly portfolio report to programme managers, as a database-backed beat schedule: on the
1st of each month at 07:00 (programme time). Staff change or pause it in the admin (Periodic tasks)."""

from django.db import migrations

TASK_NAME = "Monthly portfolio report to programme managers"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_month="1", month_of_year="*", day_of_week="*", timezone="Europe/Brussels"
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "reporting.monthly_portfolio_reports", "crontab": crontab, "queue": "reports"},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
