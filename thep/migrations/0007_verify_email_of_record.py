"""Each person's address as the office entered it (their login, where invitations went) becomes
their verified primary address. Before ACCOUNT_CHANGE_EMAIL, most people had no verified row,
and allauth lets a person with none make any address they add their primary one."""

from django.db import migrations


def verify_email_of_record(apps, schema_editor) -> None:
    User = apps.get_model("thep", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for person in User.objects.exclude(email="").iterator():
        email = person.email.strip().lower()
        held_by_another = (
            EmailAddress.objects.filter(email__iexact=email, verified=True)
            .exclude(user=person)
            .exists()
        )
        if held_by_another:
            continue
        EmailAddress.objects.filter(user=person, primary=True).exclude(
            email__iexact=email
        ).update(primary=False)
        address = EmailAddress.objects.filter(user=person, email__iexact=email).first()
        if address is None:
            EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        else:
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])


class Migration(migrations.Migration):
    dependencies = [
        ("thep", "0006_office_group"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_email_of_record, migrations.RunPython.noop)]
