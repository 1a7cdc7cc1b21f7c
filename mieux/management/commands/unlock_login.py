from django.core.management.base import BaseCommand, CommandError

from mieux.accounts import login_failures_clear


class Command(BaseCommand):
    help = (
        "Lift a sign-in lockout: forget django-axes' failed logins for an e-mail address (from one "
        "client address only with --ip). The address need not belong to an account."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The e-mail address typed at the login page.")
        parser.add_argument(
            "--ip", dest="ip_address", default=None, help="Only the failures from this address."
        )

    def handle(self, *args, email, ip_address, **options):
        if not email.strip():
            raise CommandError("Give the e-mail address to unlock.")
        cleared = login_failures_clear(username=email, ip_address=ip_address, why="manage.py unlock_login")
        where = f" from {ip_address}" if ip_address else ""
        self.stdout.write(f"Cleared {cleared} failed login record(s) for {email.strip().lower()}{where}.")
