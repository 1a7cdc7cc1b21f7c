"""Skill reminders: before a learning record's refresh date or a credential's end of validity (within
SKILL_REMINDER_DAYS), the official hears in their account's language and their institution's
training-unit officers get one e-mail listing their officials' items; each item once, nothing
outside the window, nothing on a second run. Run through the Celery task as beat runs it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from certification.choices import CredentialStatus
from certification.models import Credential, LearningRecord
from certification.services import skills_remind
from certification.tasks import skills_remind as skills_remind_task
from mieux.celery import Queue
from mieux.roles import Role
from tests.certification.test_curricula import make_credential
from tests.factories import PersonFactory, UserFactory
from tests.resources import audit_entries

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 1)


def record(person, *, refresh_by, title="Victim identification", **fields) -> LearningRecord:
    return LearningRecord.objects.create(
        person=person,
        institution=person.institution,
        title=title,
        completed_on=datetime.date(2024, 9, 1),
        refresh_by=refresh_by,
        **fields,
    )


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


@pytest.fixture
def official(world):
    user = world.user("official")
    user.language = "fr"
    user.save(update_fields=["language"])
    return user.person


@override_settings(SKILL_REMINDER_DAYS=30)
def test_due_items_are_mailed_once_to_the_official_and_the_training_unit(world, official):
    due = record(official, refresh_by=TODAY + datetime.timedelta(days=30), title="Interviewing victims")
    credential = make_credential(official, valid_until=TODAY + datetime.timedelta(days=10))
    later = record(official, refresh_by=TODAY + datetime.timedelta(days=31), title="Later course")
    lapsed = record(official, refresh_by=TODAY - datetime.timedelta(days=1), title="Lapsed course")

    sent = skills_remind(today=TODAY)

    officer = world.user("training_officer")
    assert sent == 2
    (to_official,) = mails_to(official.email)
    (to_officer,) = mails_to(officer.email)
    assert "Interviewing victims" in to_official.body and str(credential.programme) in to_official.body
    assert "Later course" not in to_official.body and "Lapsed course" not in to_official.body
    # The official's e-mail is in French, their account's language (dates, credential kind); the
    # officer's in English.
    assert "septembre 2026" in to_official.body and "September" not in to_official.body
    assert "September 2026" in to_officer.body and "septembre" not in to_officer.body
    assert str(official) in to_officer.body and "Interviewing victims" in to_officer.body
    assert f"/certification/people/{official.pk}/learning/" in to_officer.body
    # Marked (and audited as a system change), so the next run sends nothing.
    due.refresh_from_db()
    credential.refresh_from_db()
    later.refresh_from_db()
    lapsed.refresh_from_db()
    assert due.reminder_sent_on == TODAY and credential.expiry_reminder_sent_on == TODAY
    assert later.reminder_sent_on is None and lapsed.reminder_sent_on is None
    entry = audit_entries(LearningRecord, due.pk, "update").get()
    assert entry.actor is None and "reminder_sent_on" in entry.changes
    mail.outbox.clear()
    assert skills_remind(today=TODAY) == 0
    assert mail.outbox == []


@override_settings(SKILL_REMINDER_DAYS=30)
def test_nothing_outside_the_window_and_no_inactive_credentials(world, official):
    record(official, refresh_by=TODAY + datetime.timedelta(days=45))
    record(official, refresh_by=None)
    make_credential(official, valid_until=TODAY + datetime.timedelta(days=60))
    make_credential(official, valid_until=TODAY + datetime.timedelta(days=5), status=CredentialStatus.REVOKED)
    assert skills_remind(today=TODAY) == 0
    assert mail.outbox == []
    assert not Credential.objects.filter(expiry_reminder_sent_on__isnull=False).exists()


@override_settings(SKILL_REMINDER_DAYS=30)
def test_each_training_unit_gets_only_its_own_institutions_items(world, official):
    officer_b = UserFactory(email="training.b@mieux.test", role=Role.TRAINING_OFFICER)
    PersonFactory(institution=world.institution_b, user=officer_b)
    official_b = PersonFactory(
        institution=world.institution_b, email="official@naptip.example", first_name="Bola"
    )
    record(official, refresh_by=TODAY + datetime.timedelta(days=3), title="Course A")
    record(official_b, refresh_by=TODAY + datetime.timedelta(days=3), title="Course B")

    assert skills_remind(today=TODAY) == 4
    (to_officer_a,) = mails_to(world.user("training_officer").email)
    (to_officer_b,) = mails_to(officer_b.email)
    assert "Course A" in to_officer_a.body and "Course B" not in to_officer_a.body
    assert "Course B" in to_officer_b.body and "Course A" not in to_officer_b.body
    (to_official_b,) = mails_to("official@naptip.example")
    assert "Course B" in to_official_b.body


@override_settings(SKILL_REMINDER_DAYS=30)
def test_one_email_per_recipient_listing_all_their_items(world, official):
    for number in range(3):
        record(official, refresh_by=TODAY + datetime.timedelta(days=number + 1), title=f"Course {number}")
    assert skills_remind(today=TODAY) == 2
    (to_official,) = mails_to(official.email)
    assert all(f"Course {number}" in to_official.body for number in range(3))


@override_settings(SKILL_REMINDER_DAYS=30)
def test_the_celery_task_reminds_on_the_default_queue(world, official):
    record(official, refresh_by=timezone.localdate() + datetime.timedelta(days=7), title="Due course")
    assert skills_remind_task.name == "certification.skills_remind"
    assert skills_remind_task.queue == Queue.DEFAULT
    assert skills_remind_task.apply().get() == 2
    assert any("Due course" in message.body for message in mails_to(official.email))
    mail.outbox.clear()
    assert skills_remind_task.apply().get() == 0
    assert mail.outbox == []
