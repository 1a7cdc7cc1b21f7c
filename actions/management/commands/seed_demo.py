"""`manage.py seed_demo [--password PW]`: fill an empty database with the demo data of every app.

It lives in the actions app, the highest app with demo data (apps import only downward), and calls
each app's seeding in turn: partners.demo.seed_partners (registry, experts, demo accounts), then
actions.demo.seed_actions (Steering Committee, requests, Actions, activities). One transaction: a
failure leaves the database as it was. Deterministic and idempotent; refused in production.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from actions.demo import seed_actions
from mieux.audit import origin_scope
from partners import demo_data
from partners.demo import ORIGIN, refuse_in_production, seed_partners


class Command(BaseCommand):
    help = (
        "Create the demo data: the partner registry (institutions in 100+ countries, their units and "
        "people, coordination mechanisms, the expert roster), the demo accounts, and the programme "
        "(Steering Committee meetings, about 190 requests, 138 Actions with their activities). "
        "Idempotent; refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=demo_data.DEMO_PASSWORD,
            help="Password of newly created demo accounts (default: %(default)s).",
        )

    def handle(self, *args, password: str, **options):
        refuse_in_production()
        with origin_scope(ORIGIN), transaction.atomic():
            partners = seed_partners(password=password)
            actions = seed_actions(password=password)
        self.stdout.write("Demo data:")
        partners.write(self.stdout)
        actions.write(self.stdout)
        if not partners.created_total + actions.created_total:
            self.stdout.write("Nothing to create: the demo data was already complete.")
        self.stdout.write(f"\nDemo accounts (password for new accounts: {password}):")
        for email, role, created in partners.accounts + actions.accounts:
            note = "" if created else "  (existing account, password unchanged)"
            self.stdout.write(f"  {email:<24} {role:<18}{note}".rstrip())
