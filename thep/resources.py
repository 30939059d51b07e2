"""The base of every django-import-export resource: what the admin exports goes through the
same formula-safe cell as every other download (thep.downloads)."""

from import_export import resources

from thep.downloads import csv_cell


class FormulaSafeResource(resources.ModelResource):
    """Every exported cell made plain text where a spreadsheet would run it (a member named
    `=HYPERLINK(...)`); CSV and XLSX alike, as both open in Excel."""

    def export_field(self, field, instance, **kwargs):
        return csv_cell(super().export_field(field, instance, **kwargs))
