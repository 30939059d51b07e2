"""The ranges whole numbers may take, checked by a field's validators (forms, the admin, the
imports) and again by a check in the database. A column holds far more than any school has
pupils, and a number beyond the column once wrapped round instead of being refused."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from thep import years

URN = (100000, 999999)  # six digits
LA_CODE = (100, 999)  # three digits
PUPILS = (0, 10000)
YEAR = (years.FIRST, years.LAST)
PER_CENT = (0, 100)
PLACES = (1, 1000)  # on an event, or bought at once
MONTHS = (0, 12)  # charged in a year


def between(low: int, high: int) -> list:
    message = f"Give a whole number from {low} to {high}."
    return [MinValueValidator(low, message=message), MaxValueValidator(high, message=message)]


def check(field: str, low: int, high: int) -> models.CheckConstraint:
    """The same range in the database; an empty (null) value passes."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": low, f"{field}__lte": high})
        | models.Q(**{f"{field}__isnull": True}),
        name=f"%(app_label)s_%(class)s_{field}_range",
        violation_error_message=f"The {field.replace('_', ' ')} must be from {low} to {high}.",
    )
