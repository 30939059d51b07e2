from django.core.management.base import BaseCommand

from membership.standings import standings_rebuild


class Command(BaseCommand):
    help = (
        "Work out every school's stored standing again (Ofsted outcome and window, risk), as "
        "the nightly job does."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Standings of {standings_rebuild()} schools worked out again.")
