"""A school's own headline figures for the year just ended, entered by its head before the
DfE publishes them: held as provisional until the DfE's final file replaces them."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from membership.models import School
from outcomes.models import Area, Figure, Group, Measure
from outcomes.selectors import MEDIANS
from thep import shared, years
from thep.models import User


def year_just_ended(today: datetime.date) -> int:
    """The academic year whose results a school has in hand: from July (key stage 2 results
    come at the end of the summer term), the year ending; before, the one before it."""
    year = years.year_of(today)
    return year if today.month in (7, 8) else year - 1


def headlines_enter(
    *, school: School, year: int, figures: dict[str, Decimal | None], by: User
) -> None:
    """The school's provisional figure of each measure, all pupils: a value replaces the one
    held, a blank removes it. A measure the DfE's final file already gave is refused, whole."""
    with transaction.atomic(durable=True):
        held = Figure.objects.select_for_update().filter(
            area=Area.SCHOOL, school=school, year=year, group=Group.ALL, measure__in=figures
        )
        final = [figure.measure for figure in held if not figure.provisional]
        if any(figures[measure] is not None for measure in final):
            named = ", ".join(Measure(measure).label for measure in final)
            raise ValidationError(
                f"The DfE's final figures for {years.label(year)} are held for {named}: "
                "they are not changed here."
            )
        held.filter(provisional=True).delete()
        Figure.objects.bulk_create(
            Figure(
                school=school,
                year=year,
                measure=measure,
                group=Group.ALL,
                value=value,
                provisional=True,
                entered_by=by,
            )
            for measure, value in figures.items()
            if value is not None and measure not in final
        )
        shared.forget(MEDIANS)  # the borough's medians count the school's provisional figures
