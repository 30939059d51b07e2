"""The admin's membership export (django-import-export), in the columns the import reads
(membership.imports): an exported file can be imported again."""

from import_export import fields

from membership.models import Membership
from thep import years
from thep.resources import FormulaSafeResource


class MembershipResource(FormulaSafeResource):
    urn = fields.Field(column_name="URN")
    year = fields.Field(column_name="year")
    category = fields.Field(column_name="category", attribute="category")
    name = fields.Field(column_name="name")
    package = fields.Field(column_name="package")

    class Meta:
        model = Membership
        fields = ("urn", "year", "category", "name", "package")

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
        package = school.purchases.live().filter(year=membership.year, kind="package").first()
        return package.product.name if package else ""
