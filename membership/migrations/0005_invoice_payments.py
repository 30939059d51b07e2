"""Invoices a school can pay: THEP's details as settings, due dates, purchase order numbers,
payments and reminders. Invoices issued before fall due 30 days after issue; those marked paid
get one payment of their whole amount, so their balance is nil."""

import datetime

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def due_dates_and_payments(apps, schema_editor) -> None:
    Invoice = apps.get_model("membership", "Invoice")
    Payment = apps.get_model("membership", "Payment")
    for invoice in Invoice.objects.exclude(status="draft").iterator():
        invoice.due_on = invoice.issued_on + datetime.timedelta(days=30)
        invoice.save(update_fields=["due_on"])
        if invoice.status == "paid":
            Payment.objects.create(
                invoice=invoice,
                received_on=invoice.paid_on or invoice.issued_on,
                amount=invoice.amount,
                method="other",
                reference="Marked paid before payments were recorded",
            )


def office_may_record_payments(apps, schema_editor) -> None:
    """The office's group (thep 0006) gains what this adds; `thep.office` lists it."""
    from django.contrib.auth.management import create_permissions

    from thep.office import OFFICE_GROUP

    app_config = apps.get_app_config("membership")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=OFFICE_GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="membership",
                codename__in=[
                    "delete_invoice",
                    "view_payment",
                    "add_payment",
                    "view_invoicesettings",
                    "change_invoicesettings",
                    "view_invoicereminder",
                ],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0004_number_ranges"),
        ("thep", "0006_office_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="InvoiceReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("days_overdue", models.PositiveSmallIntegerField()),
                ("sent_on", models.DateField()),
            ],
            options={
                "ordering": ["invoice", "days_overdue"],
            },
        ),
        migrations.CreateModel(
            name="InvoiceSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "legal_name",
                    models.CharField(default="Tower Hamlets Education Partnership", max_length=200),
                ),
                (
                    "address",
                    models.TextField(
                        default="c/o Professional Development Centre\n229 Bethnal Green Road\nLondon E2 6AB"
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        default="info@the-partnership.org.uk",
                        max_length=254,
                        verbose_name="contact email",
                    ),
                ),
                (
                    "phone",
                    models.CharField(blank=True, max_length=30, verbose_name="contact phone"),
                ),
                (
                    "registration",
                    models.CharField(
                        blank=True,
                        help_text="Company and charity numbers, as they should be printed.",
                        max_length=300,
                    ),
                ),
                (
                    "account_name",
                    models.CharField(blank=True, max_length=100, verbose_name="bank account name"),
                ),
                (
                    "sort_code",
                    models.CharField(blank=True, help_text="Like 12-34-56.", max_length=8),
                ),
                (
                    "account_number",
                    models.CharField(blank=True, help_text="Eight digits.", max_length=8),
                ),
                (
                    "payment_terms_days",
                    models.PositiveSmallIntegerField(
                        default=30,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, "Give the payment terms as a number of days from 0 to 120."
                            ),
                            django.core.validators.MaxValueValidator(
                                120, "Give the payment terms as a number of days from 0 to 120."
                            ),
                        ],
                        verbose_name="payment terms (days)",
                    ),
                ),
                (
                    "vat_statement",
                    models.CharField(
                        default="No VAT is charged on this invoice.",
                        max_length=300,
                        verbose_name="VAT statement",
                    ),
                ),
                (
                    "reminder_days",
                    models.CharField(
                        blank=True,
                        default="7, 30, 60",
                        help_text="Days after the due date when the head and the school's finance contact are reminded of an unpaid invoice, separated by commas. Empty: no reminders.",
                        max_length=50,
                        verbose_name="remind at days overdue",
                    ),
                ),
            ],
            options={
                "verbose_name": "invoice settings",
                "verbose_name_plural": "invoice settings",
            },
        ),
        migrations.CreateModel(
            name="Payment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("received_on", models.DateField(verbose_name="date received")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=10)),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("bacs", "BACS transfer"),
                            ("cheque", "Cheque"),
                            ("card", "Card"),
                            ("other", "Other"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        help_text="The bank reference, cheque number or receipt.",
                        max_length=100,
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["received_on", "pk"],
            },
        ),
        migrations.AddField(
            model_name="invoice",
            name="due_on",
            field=models.DateField(
                blank=True, help_text="The issue date plus the payment terms of the day.", null=True
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="purchase_order",
            field=models.CharField(
                blank=True,
                help_text="The school's own order number, given before the invoice is issued.",
                max_length=50,
                verbose_name="purchase order number",
            ),
        ),
        migrations.AddField(
            model_name="member",
            name="finance_email",
            field=models.EmailField(
                blank=True,
                help_text="Who pays the invoices (a school business manager); copied into reminders.",
                max_length=254,
                verbose_name="finance contact email",
            ),
        ),
        migrations.AddField(
            model_name="invoicereminder",
            name="invoice",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reminders",
                to="membership.invoice",
            ),
        ),
        migrations.AddConstraint(
            model_name="invoicesettings",
            constraint=models.CheckConstraint(
                condition=models.Q(("pk", 1)), name="invoice_settings_one_row"
            ),
        ),
        migrations.AddField(
            model_name="payment",
            name="invoice",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="payments",
                to="membership.invoice",
            ),
        ),
        migrations.AddField(
            model_name="payment",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="invoicereminder",
            constraint=models.UniqueConstraint(
                fields=("invoice", "days_overdue"), name="one_reminder_per_invoice_and_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="payment",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gt", 0)), name="payment_amount_positive"
            ),
        ),
        migrations.RunPython(due_dates_and_payments, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "draft"), ("due_on__gte", models.F("issued_on")), _connector="OR"
                ),
                name="issued_invoices_fall_due_after_issue",
            ),
        ),
        migrations.RunPython(office_may_record_payments, migrations.RunPython.noop),
    ]
