"""The admin's membership import and export (django-import-export), reading rows exactly as
`manage.py import_memberships` does."""

from django.core.exceptions import ValidationError
from django.utils.html import escape
from import_export import fields
from import_export.results import RowResult

from membership.imports import apply_row, parse_row
from membership.models import Membership
from thep import years
from thep.resources import FormulaSafeResource

HEADERS = ("URN", "year", "category", "name", "package")


class MembershipResource(FormulaSafeResource):
    urn = fields.Field(column_name="URN")
    year = fields.Field(column_name="year")
    category = fields.Field(column_name="category", attribute="category")
    name = fields.Field(column_name="name")
    package = fields.Field(column_name="package")

    class Meta:
        model = Membership
        fields = ("urn", "year", "category", "name", "package")
        import_id_fields = ()
        use_transactions = True

    def get_diff_headers(self) -> list[str]:
        return list(HEADERS)

    def dehydrate_urn(self, membership: Membership) -> str:
        school = membership.member.school
        return str(school.urn) if school else ""

    def dehydrate_year(self, membership: Membership) -> str:
        return years.label(membership.year)

    def dehydrate_name(self, membership: Membership) -> str:
        return "" if membership.member.school_id else membership.member.name

    def dehydrate_package(self, membership: Membership) -> str:
        school = membership.member.school
        if school is None:
            return ""
        package = school.purchases.filter(year=membership.year, kind="package").first()
        return package.product.name if package else ""

    def import_row(self, row, instance_loader, **kwargs) -> RowResult:
        result = self.get_row_result_class()()
        values = {name: str(row.get(name) or "").strip() for name in HEADERS}
        number = kwargs.get("row_number", 0) + 1  # the header is row 1
        parsed, errors = parse_row(number, values)
        try:
            if parsed is None:  # the row has errors
                raise ValidationError([str(error) for error in errors])
            membership = apply_row(parsed)
        except ValidationError as refused:
            result.import_type = RowResult.IMPORT_TYPE_INVALID
            result.validation_error = ValidationError({"__all__": refused.messages})
            return result
        result.import_type = RowResult.IMPORT_TYPE_NEW
        result.add_instance_info(membership)
        result.instance = membership  # the admin logs an entry for each new row
        result.diff = [escape(values[name]) for name in HEADERS]
        return result
