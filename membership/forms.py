from typing import cast

from django import forms

from membership.models import Product
from thep import ranges, years


class PurchaseOrderForm(forms.Form):
    purchase_order = forms.CharField(
        label="Purchase order number",
        max_length=50,
        required=False,
        error_messages={"max_length": "A purchase order number can be at most 50 characters long."},
    )


QUANTITY_MESSAGE = f"Order a quantity from {ranges.PLACES[0]} to {ranges.PLACES[1]}."


class QuantityField(forms.IntegerField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            min_value=ranges.PLACES[0],
            max_value=ranges.PLACES[1],
            error_messages={
                "required": QUANTITY_MESSAGE,
                "invalid": QUANTITY_MESSAGE,
                "min_value": QUANTITY_MESSAGE,
                "max_value": QUANTITY_MESSAGE,
            },
            **kwargs,
        )


class OrderForm(forms.Form):
    """A head's order: a package or service of the price list, for this year or next."""

    product = forms.ModelChoiceField(
        label="Package or service",
        queryset=Product.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose a package or service from the price list."},
    )
    year = forms.TypedChoiceField(
        label="For the year",
        coerce=int,
        error_messages={"invalid_choice": "Choose this year or next year."},
    )
    quantity = QuantityField(label="Quantity", initial=1)

    def __init__(self, *args, order_years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        product = cast(forms.ModelChoiceField, self.fields["product"])
        product.queryset = Product.objects.filter(prices__year__in=order_years).distinct()
        year = cast(forms.TypedChoiceField, self.fields["year"])
        year.choices = [(y, years.label(y)) for y in order_years]


class OrderChangeForm(forms.Form):
    quantity = QuantityField(label="New quantity")
