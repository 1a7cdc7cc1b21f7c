from django.core.management.base import BaseCommand, CommandError

from mieux.audit import origin_scope
from mieux.models import User
from mieux.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API token for a user and print it once (only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mail address of the account the token acts for.")
        parser.add_argument("--read-only", action="store_true", help="The token may only read (GET).")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the integrating system.")

    def handle(self, *args, email, read_only, name, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        if not user.is_active:
            raise CommandError(f"The account {email} is deactivated.")
        with origin_scope("command:issue_api_token"):
            token, raw = api_token_issue(actor=None, user=user, name=name, read_only=read_only)
        scope = "read-only" if token.read_only else "read-write"
        self.stderr.write(f"Issued a {scope} token for {user.email}. It is shown once; store it now.")
        self.stdout.write(raw)
