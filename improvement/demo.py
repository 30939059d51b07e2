"""Demo allocations: lc@example.org has Bonner and several other primaries this year."""

from improvement.models import Allocation
from membership.models import Phase, School
from thep import years
from thep.models import User

LC_SCHOOLS = [
    "Bonner Primary School",
    "Cayley Primary School",
    "Globe Primary School",
    "Mowlem Primary School",
    "Olga Primary School",
    "Harbinger Primary School",
]


def load() -> None:
    year = years.current()
    lc = User.objects.get(email="lc@example.org")
    lc2 = User.objects.get(email="lc2@example.org")
    for school in School.objects.filter(la_code=211, is_open=True).exclude(phase=Phase.NURSERY):
        consultant = lc if school.name in LC_SCHOOLS else lc2
        Allocation.objects.get_or_create(
            school=school,
            year=year,
            ends_on=None,
            defaults={"consultant": consultant, "starts_on": years.first_day(year)},
        )
