"""Orders: a purchase may be cancelled (and then counts for nothing) and points at the
invoice line that charges it; invoices of packages and services; each invoice line says what
it charges (lines so far: fees, and places on the places invoices); the office's choice per
member of the fee and package on one invoice."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def places_lines(apps, schema_editor) -> None:
    InvoiceLine = apps.get_model("membership", "InvoiceLine")
    InvoiceLine.objects.filter(invoice__kind="places").update(kind="place")


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0005_invoice_payments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="purchase",
            options={"ordering": ["-year", "school__name", "product"], "verbose_name": "order"},
        ),
        migrations.RemoveConstraint(
            model_name="invoice",
            name="invoice_is_a_fee_or_a_term_of_places",
        ),
        migrations.RemoveConstraint(
            model_name="purchase",
            name="one_package_per_school_and_year",
        ),
        migrations.AddField(
            model_name="invoiceline",
            name="kind",
            field=models.CharField(
                choices=[
                    ("fee", "Membership fee"),
                    ("package", "Package"),
                    ("service", "Additional service"),
                    ("place", "Place on a course or event"),
                ],
                default="fee",
                max_length=10,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(places_lines, migrations.RunPython.noop),
        migrations.AddField(
            model_name="member",
            name="fee_and_package_together",
            field=models.BooleanField(
                default=False,
                help_text="The year's package goes on the membership fee invoice when it is ordered before that invoice is issued; otherwise packages are invoiced with the other orders.",
                verbose_name="fee and package on one invoice",
            ),
        ),
        migrations.AddField(
            model_name="purchase",
            name="cancelled_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="purchase",
            name="invoice_line",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="purchases",
                to="membership.invoiceline",
            ),
        ),
        migrations.AlterField(
            model_name="invoice",
            name="kind",
            field=models.CharField(
                choices=[
                    ("membership", "Membership fee"),
                    ("places", "Places on courses and events"),
                    ("orders", "Packages and services"),
                ],
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="purchase",
            name="bought_on",
            field=models.DateField(verbose_name="ordered on"),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "membership"), ("membership__isnull", False), ("term", "")),
                    models.Q(
                        ("kind", "places"),
                        ("membership__isnull", True),
                        ("months__isnull", True),
                        models.Q(("term", ""), _negated=True),
                    ),
                    models.Q(
                        ("kind", "orders"),
                        ("membership__isnull", True),
                        ("months__isnull", True),
                        ("term", ""),
                    ),
                    _connector="OR",
                ),
                name="invoice_is_a_fee_orders_or_a_term_of_places",
            ),
        ),
        migrations.AddConstraint(
            model_name="purchase",
            constraint=models.UniqueConstraint(
                condition=models.Q(("cancelled_on__isnull", True), ("kind", "package")),
                fields=("school", "year"),
                name="one_package_per_school_and_year",
                violation_error_message="This school already has a package for that year.",
            ),
        ),
    ]
