"""The first office account of a new deployment: `manage.py create_office_account EMAIL`."""

from django.core.management.base import BaseCommand, CommandError

from thep.models import User
from thep.office import office_account_create
from thep.services import invitation_link


class Command(BaseCommand):
    help = (
        "Create a THEP office account (staff, in the office group, not a superuser, no "
        "password) and print the one-time link with which its holder sets a password."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, email: str, first_name: str, last_name: str, **options) -> None:
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"{email} already has an account.")
        person = office_account_create(email=email, first_name=first_name, last_name=last_name)
        self.stdout.write(
            f"Office account made for {person.email}, without a password. Give them this link, "
            f"which works once, to set their own (or send an invitation from the admin):\n"
            f"{invitation_link(person=person)}"
        )
