"""No admin list filters, searches or shows a secret (issue 17, item 1): each yes-or-no answer
to `?session_key__regex=^a` gives away a character of a live session key."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory
from thep.admin_secrets import SECRETS, SecretsGuard
from thep.models import User

SESSION_KEY = "a1b2c3d4e5f6g7h8i9j0klmnopqrstuv"
TOTP_SECRET = "JBSWY3DPEHPK3PXPTOTPSECRETVALUE"


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def session_of_head(head_a):
    return UserSession.objects.create(
        user=head_a,
        ip="192.0.2.1",
        session_key=SESSION_KEY,
        user_agent="Firefox",
        data={"_auth_user_hash": "hash-in-the-session-data"},
    )


@pytest.fixture
def authenticator_of_lc(lc_a):
    authenticator = Authenticator.objects.get(user=lc_a, type=Authenticator.Type.TOTP)
    authenticator.data = {"secret": TOTP_SECRET}
    authenticator.save()
    return authenticator


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def secret_lookups(model) -> list[str]:
    """Lookups that would read a secret of the model, or of one it points to."""
    secrets = SECRETS.get(model._meta.label, ())
    own = [f"{name}__{how}" for name in secrets for how in ("regex", "startswith")]
    through = [
        f"{field.name}__{name}__startswith"
        for field in model._meta.get_fields()
        if field.is_relation and field.related_model is not None and not field.auto_created
        for name in SECRETS.get(field.related_model._meta.label, ())
    ]
    return own + through


def test_every_registered_admin_is_guarded():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, SecretsGuard), model


@pytest.mark.parametrize(
    "lookup", ["session_key__regex=^a", "session_key__startswith=a", "data__icontains=a"]
)
def test_session_list_refuses_a_lookup_on_the_key(client_for, superuser, session_of_head, lookup):
    response = client_for(superuser).get(f"{changelist(UserSession)}?{lookup}")
    assert response.status_code == 400


def test_no_admin_list_answers_a_lookup_through_a_secret(client_for, superuser):
    client = client_for(superuser)
    for model in admin.site._registry:
        for lookup in secret_lookups(model):
            response = client.get(f"{changelist(model)}?{lookup}=a")
            assert response.status_code == 400, f"{model._meta.label} ?{lookup}"


def test_people_list_refuses_a_lookup_through_a_relation_to_a_secret(client_for, superuser):
    for lookup in ["usersession__session_key__regex=^a", "authenticator__data__icontains=a"]:
        response = client_for(superuser).get(f"{changelist(User)}?{lookup}")
        assert response.status_code == 400, lookup


def test_session_pages_show_no_key_or_data(client_for, superuser, session_of_head):
    client = client_for(superuser)
    listed = client.get(changelist(UserSession)).content.decode()
    shown = client.get(
        reverse("admin:usersessions_usersession_change", args=[session_of_head.pk])
    ).content.decode()
    assert "Firefox" in listed and "Firefox" in shown
    for page in (listed, shown):
        assert SESSION_KEY not in page
        assert "hash-in-the-session-data" not in page


def test_authenticator_page_shows_no_secret(client_for, superuser, authenticator_of_lc):
    shown = client_for(superuser).get(
        reverse("admin:mfa_authenticator_change", args=[authenticator_of_lc.pk])
    )
    assert shown.status_code == 200
    assert TOTP_SECRET not in shown.content.decode()


def test_person_page_shows_no_password_hash(client_for, superuser, head_a):
    shown = client_for(superuser).get(reverse("admin:thep_user_change", args=[head_a.pk]))
    assert shown.status_code == 200
    page = shown.content.decode()
    assert head_a.password not in page
    assert head_a.password.split("$")[-1][:6] not in page


def test_search_never_looks_in_a_secret(rf, superuser):
    request = rf.get("/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.get_search_fields(request):
            assert not any(name in field for name in SECRETS.get(model._meta.label, ())), field
