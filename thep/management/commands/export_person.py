import json

from django.core.management.base import BaseCommand, CommandError

from thep.hooks import collect
from thep.models import User


class Command(BaseCommand):
    help = "Everything the portal holds about a person, as JSON (for a subject access request)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--output", help="Write to this file instead of the screen.")

    def handle(self, *args, email: str, output: str | None, **options) -> None:
        person = User.objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"Nobody has the email address {email}.")
        data = {"person": email, **dict(collect("privacy", "person_data", person))}
        text = json.dumps(data, indent=2, default=str, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stdout.write(self.style.SUCCESS(f"Written to {output}."))
        else:
            self.stdout.write(text)
