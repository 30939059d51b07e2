from django import forms


class PurchaseOrderForm(forms.Form):
    purchase_order = forms.CharField(
        label="Purchase order number",
        max_length=50,
        required=False,
        error_messages={"max_length": "A purchase order number can be at most 50 characters long."},
    )
