"""Figures in the outcomes tables read as Django's floatformat:"-2" writes them."""

from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat

from thep.templatetags.figures import figure

VALUES = [
    Decimal("34"), Decimal("34.00"), Decimal("34.5"), Decimal("34.26000"), Decimal("34.23234"),
    Decimal("0.005"), Decimal("-0.001"), Decimal("-0"), Decimal("-2.345"), Decimal("102.995"),
    Decimal("1234567.891"), 7, 0, 12.5, -3.25, 0.1,
]  # fmt: skip


@pytest.mark.parametrize("value", VALUES, ids=str)
def test_a_figure_reads_as_floatformat_writes_it(value):
    assert figure(value) == floatformat(value, "-2")


def test_no_figure_is_a_dash():
    assert figure(None) == figure("") == "\u2013"  # an en dash, as the tables always had
