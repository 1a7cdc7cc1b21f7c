"""`manage.py seed_demo [--password PW]`: fill an empty database with the demo data of every app.

It lives in the certification app, the highest app with demo data (apps import only downward), and
calls each app's seeding in turn: partners.demo.seed_partners (registry, experts, demo accounts,
portal invitations), then actions.demo.seed_actions (Steering Committee, requests, Actions,
activities, and what the demo accounts did in the portal), then certification.demo.seed_certification
(programmes and nominations). One transaction: a failure leaves the database as it was.
Deterministic and idempotent; refused in production.

The services e-mail people as they go (invitations, clarification questions), and the e-mails leave
when the transaction commits. The demo's addresses are invented, so Django's locmem backend keeps
them in memory instead of printing them all on the console of `make run`; they are only counted.
"""

from __future__ import annotations

import gc

from django.core import mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from actions.demo import seed_actions
from certification.demo import seed_certification
from mieux.audit import origin_scope
from partners import demo_data
from partners.demo import ORIGIN, refuse_in_production, seed_partners

LOCMEM_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the demo data: the partner registry (institutions in 100+ countries, their units and "
        "people, coordination mechanisms, the expert roster), the demo accounts and portal invitations, "
        "the programme (Steering Committee meetings, about 190 requests, 138 Actions with their "
        "activities), what the demo accounts did in the portal, and certification programmes with "
        "their nominations. Idempotent; refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=demo_data.DEMO_PASSWORD,
            help="Password of newly created demo accounts (default: %(default)s).",
        )

    def handle(self, *args, password: str, **options):
        refuse_in_production()
        # What is loaded (Django, the apps) is kept out of the garbage collector's walks while the
        # seeding makes its hundred thousand objects; given back to it afterwards.
        gc.freeze()
        try:
            # DEBUG off: the development settings would format and keep every one of the seeding's
            # 100,000 queries for the debug pages, which costs seconds and shows nothing.
            with override_settings(EMAIL_BACKEND=LOCMEM_EMAIL_BACKEND, DEBUG=False):
                sent_before = len(getattr(mail, "outbox", []))
                with origin_scope(ORIGIN), transaction.atomic():
                    partners = seed_partners(password=password)
                    actions = seed_actions(password=password)
                    certification = seed_certification()
                held_back = len(getattr(mail, "outbox", [])) - sent_before
        finally:
            gc.unfreeze()
        self.stdout.write("Demo data:")
        for summary in (partners, actions, certification):
            summary.write(self.stdout)
        if not partners.created_total + actions.created_total + certification.created_total:
            self.stdout.write("Nothing to create: the demo data was already complete.")
        if held_back:
            self.stdout.write(f"  {held_back} e-mails to the demo's invented addresses were not sent.")
        self.stdout.write(f"\nDemo accounts (password for new accounts: {password}):")
        accounts = partners.accounts + actions.accounts
        width = max(len(email) for email, _role, _created in accounts)
        for email, role, created in accounts:
            note = "" if created else "  (existing account, password unchanged)"
            self.stdout.write(f"  {email:<{width}} {role:<18}{note}".rstrip())
