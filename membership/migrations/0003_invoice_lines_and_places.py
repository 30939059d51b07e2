import django.db.models.deletion
from django.db import migrations, models


def fee_lines(apps, schema_editor):
    """Every invoice so far is a membership fee: give it its member, year and its one line."""
    Invoice = apps.get_model("membership", "Invoice")
    InvoiceLine = apps.get_model("membership", "InvoiceLine")
    for invoice in Invoice.objects.select_related("membership"):
        membership = invoice.membership
        invoice.member_id = membership.member_id
        invoice.year = membership.year
        invoice.save(update_fields=["member", "year"])
        year = f"{membership.year}-{(membership.year + 1) % 100:02d}"
        pupils = (
            f"{invoice.pupils} pupils at £{invoice.per_pupil:,.2f} per pupil, "
            if invoice.pupils is not None
            else ""
        )
        InvoiceLine.objects.create(
            invoice=invoice,
            description=f"Membership fee {year}: {pupils}{invoice.months} of 12 months",
            amount=invoice.amount,
        )
    # The new lines' foreign-key checks run now, not at commit: the table is altered next.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('membership', '0002_invoice_numberseries_product_school_closed_on_and_more'),
    ]

    operations = [
        migrations.CreateModel(
            name='InvoiceLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.CharField(max_length=300)),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10)),
            ],
            options={
                'ordering': ['pk'],
            },
        ),
        migrations.AddField(
            model_name='invoice',
            name='kind',
            field=models.CharField(choices=[('membership', 'Membership fee'), ('places', 'Places on courses and events')], default='membership', max_length=10),
        ),
        migrations.AddField(
            model_name='invoice',
            name='member',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='membership.member'),
        ),
        migrations.AddField(
            model_name='invoice',
            name='term',
            field=models.CharField(blank=True, choices=[('autumn', 'Autumn'), ('spring', 'Spring'), ('summer', 'Summer')], max_length=6),
        ),
        migrations.AddField(
            model_name='invoice',
            name='year',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='membership',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='membership.membership'),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='months',
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name='invoice',
            index=models.Index(fields=['member', 'year'], name='membership__member__dfb278_idx'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'membership'), ('membership__isnull', False), ('term', '')), models.Q(('kind', 'places'), ('membership__isnull', True), ('months__isnull', True), models.Q(('term', ''), _negated=True)), _connector='OR'), name='invoice_is_a_fee_or_a_term_of_places'),
        ),
        migrations.AddField(
            model_name='invoiceline',
            name='invoice',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='membership.invoice'),
        ),
        migrations.RunPython(fee_lines, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='invoice',
            name='kind',
            field=models.CharField(choices=[('membership', 'Membership fee'), ('places', 'Places on courses and events')], max_length=10),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='member',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invoices', to='membership.member'),
        ),
        migrations.AlterField(
            model_name='invoice',
            name='year',
            field=models.PositiveSmallIntegerField(),
        ),
        migrations.AddConstraint(
            model_name='invoiceline',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='invoice_line_not_negative'),
        ),
    ]
