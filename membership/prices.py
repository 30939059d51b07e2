"""The price list for a year from a spreadsheet: columns `product code`, `year` (like 2027-28),
`member price` and `non-member price` (empty for a members-only service), in pounds.

A product must already exist (its code is in the admin's products); a price already set for the
product and year is changed. All rows or none (thep.importing)."""

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from membership.models import Price, Product
from thep import years
from thep.csvfiles import RowError, read_rows
from thep.importing import ImportSummary, Progress, writing

COLUMNS = ("product code", "year", "member price", "non-member price")
MOST = Decimal("9999999.99")  # what the price columns hold


def _pounds(text: str) -> Decimal:
    cleaned = text.replace("£", "").replace(",", "").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{text[:20]}' is not an amount in pounds, like 1250.00.") from None
    if not amount.is_finite() or amount < 0 or amount > MOST:
        raise ValueError(f"'{text[:20]}' is not an amount from £0 to £{MOST:,}.")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"'{text[:20]}' has more than two places after the point.")
    return amount


def prices_import(
    *,
    source: str | Path | bytes | BinaryIO,
    apply: bool = True,
    leave_out_refused: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    summary = ImportSummary(what="Prices", layout=", ".join(COLUMNS))
    products = {product.code.lower(): product for product in Product.objects.all()}
    found: dict[tuple[int, int], tuple[int, Decimal, Decimal | None]] = {}
    for number, row in read_rows(source, required=COLUMNS, progress=progress):
        errors: list[RowError] = []
        code = row["product code"]
        product = products.get(code.lower())
        if product is None:
            errors.append(RowError(number, "product code", f"No product with the code '{code}'."))
        year = None
        try:
            year = years.parse(row["year"])
        except ValueError as wrong:
            errors.append(RowError(number, "year", str(wrong)))
        prices: dict[str, Decimal | None] = {}
        for column in ("member price", "non-member price"):
            if column == "non-member price" and not row[column]:
                prices[column] = None
                continue
            try:
                prices[column] = _pounds(row[column])
            except ValueError as wrong:
                errors.append(RowError(number, column, str(wrong)))
        member, non_member = prices.get("member price"), prices.get("non-member price")
        if member is not None and non_member is not None and non_member < member:
            errors.append(
                RowError(number, "non-member price", "Below the member price: members pay less.")
            )
        if errors or product is None or year is None or member is None:
            summary.refused.extend(errors)
            continue
        key = (product.pk, year)
        if key in found:
            summary.refused.append(
                RowError(number, "product code", f"{product} {years.label(year)} is already on "
                         f"row {found[key][0]}.")
            )  # fmt: skip
            continue
        found[key] = (number, member, non_member)
    existing = {
        (price.product_id, price.year): price
        for price in Price.objects.filter(product_id__in={key[0] for key in found})
    }
    with writing(summary, apply=apply, leave_out_refused=leave_out_refused):
        for (product_id, year), (_, member, non_member) in found.items():
            price = existing.get((product_id, year))
            if price is None:
                Price.objects.create(
                    product_id=product_id,
                    year=year,
                    member_price=member,
                    non_member_price=non_member,
                )
                summary.created += 1
            elif (price.member_price, price.non_member_price) == (member, non_member):
                summary.unchanged += 1
            else:
                price.member_price, price.non_member_price = member, non_member
                price.save(update_fields=["member_price", "non_member_price"])
                summary.updated += 1
    return summary
