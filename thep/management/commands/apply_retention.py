from django.core.management.base import BaseCommand

from thep.services import retention_apply


class Command(BaseCommand):
    help = "Remove or anonymise what is past its retention. A dry run unless --commit."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--commit", action="store_true", help="Really change the data.")

    def handle(self, *args, commit: bool, **options) -> None:
        for what, count in retention_apply(commit=commit):
            self.stdout.write(f"{count:>7}  {what}")
        if not commit:
            self.stdout.write("Dry run: nothing was changed. Run again with --commit to apply.")
