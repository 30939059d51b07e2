"""Encrypt two-factor keys stored in the clear before thep.adapters.MFAAdapter existed."""

from cryptography.fernet import InvalidToken
from django.db import migrations

from thep.adapters import mfa_fernet


def encrypt_in_place(value: str) -> str:
    fernet = mfa_fernet()
    try:
        fernet.decrypt(value.encode())
    except InvalidToken:  # still in the clear
        return fernet.encrypt(value.encode()).decode()
    return value


def encrypt_secrets(apps, schema_editor) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]):
        data = authenticator.data
        for key in ("secret", "seed"):
            if key in data:
                data[key] = encrypt_in_place(data[key])
        if "migrated_codes" in data:
            data["migrated_codes"] = [encrypt_in_place(code) for code in data["migrated_codes"]]
        authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("thep", "0002_securityevent"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, migrations.RunPython.noop)]
