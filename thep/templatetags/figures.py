from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()

TWO_PLACES = Decimal("0.01")
NONE = "\u2013"  # an en dash


@register.filter
def figure(value: Decimal | float | int | str | None) -> str:
    """A published figure as the outcomes tables show it: to two decimal places, or none for a
    whole number, and a dash when there is none. Django's `floatformat:"-2"` writes the same, at
    a tenth of a millisecond a cell: most of a school page with three years of results."""
    if value is None or value == "":
        return NONE
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    rounded = number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return f"{rounded if rounded else abs(rounded):f}"  # never "-0.00"
