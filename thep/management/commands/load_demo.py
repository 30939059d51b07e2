from auditlog.context import disable_auditlog
from django.core.management.base import BaseCommand
from django.db import transaction

from membership import standings
from thep.hooks import modules


class Command(BaseCommand):
    help = "Load the demo data: schools from the seed documents and a person for each role."

    def handle(self, *args, **options) -> None:
        # Each app's `demo.load()` is safe to run again: a second run changes nothing. The
        # schools' standings are worked out once, at the end, not after every row. Made-up
        # data is not anyone's change: the audit trail starts empty (and the load takes half
        # the time without an entry for each of its rows).
        with transaction.atomic(), standings.batched(), disable_auditlog():
            for module in modules("demo"):
                module.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
