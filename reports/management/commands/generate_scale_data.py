import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports import scale


class Command(BaseCommand):
    help = (
        "Add realistic volumes of schools, memberships, inspections, LC visits and performance "
        "data, for benchmarks."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--schools", type=int, default=1000)
        parser.add_argument("--years", type=int, default=10)

    def handle(self, *args, schools: int, years: int, **options) -> None:
        if schools < 1 or not 1 <= years <= 30:
            raise CommandError("Give at least one school and between 1 and 30 years.")
        if scale.already_generated():
            raise CommandError("Scale data is already here; start from an empty database.")
        started = time.monotonic()
        counts = scale.generate(
            schools=schools, years_back=years, password=settings.THEP_DEMO_PASSWORD
        )
        self.stdout.write(
            f"Made {counts.schools} schools, {counts.memberships} memberships, "
            f"{counts.inspections} inspections, {counts.visits} visits and reports, "
            f"{counts.ratings} risk ratings, {counts.events} events, {counts.bookings} "
            f"bookings and {counts.figures} performance figures "
            f"in {time.monotonic() - started:.0f} s."
        )
