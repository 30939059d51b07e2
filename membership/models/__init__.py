from membership.models.invoices import (
    CreditNote,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceReminder,
    InvoiceSettings,
    InvoiceStatus,
    NumberSeries,
    Payment,
    PaymentMethod,
)
from membership.models.members import Category, FeeRate, Joining, Member, Membership, PupilCount
from membership.models.offer import Price, Product, ProductKind, Purchase
from membership.models.register import (
    TOWER_HAMLETS,
    Affiliation,
    Phase,
    School,
    SchoolType,
)

__all__ = [
    "TOWER_HAMLETS",
    "Affiliation",
    "Category",
    "CreditNote",
    "FeeRate",
    "Invoice",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceReminder",
    "InvoiceSettings",
    "InvoiceStatus",
    "Joining",
    "Member",
    "Membership",
    "NumberSeries",
    "Payment",
    "PaymentMethod",
    "Phase",
    "Price",
    "Product",
    "ProductKind",
    "PupilCount",
    "Purchase",
    "School",
    "SchoolType",
]
