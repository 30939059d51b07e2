"""Separation of duties (issue 17, item 2): the office works through one group, never as a
superuser; it sets no password, no admin access and no device, and any role above its own
waits for a director."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import UserFactory
from thep.models import OutboxMessage, Role, RoleChangeRequest, User
from thep.office import OFFICE_GROUP

REPORT_TEXT_MODELS = [
    "report", "reportcomment", "reportcorrection", "diagnosticreview", "riskrating",
]  # fmt: skip


def change_page_post(client, person: User, **changes) -> dict:
    """What the admin's change form would send for `person`, with `changes` made (and the
    schools inline left as it is)."""
    page = client.get(f"/admin/thep/user/{person.pk}/change/")
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if name in form.fields}
    data = {name: value for name, value in data.items() if value is not None and value is not False}
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**data, **changes}


def test_office_is_staff_in_its_group_and_not_a_superuser(office_admin):
    assert office_admin.is_staff and not office_admin.is_superuser
    assert office_admin.has_perm("membership.change_feerate")
    assert office_admin.has_perm("thep.change_user")
    for model in REPORT_TEXT_MODELS:
        assert not office_admin.has_perm(f"improvement.view_{model}"), model
    assert not office_admin.has_perm("mfa.change_authenticator")
    assert not office_admin.has_perm("auth.change_group")


def test_office_cannot_set_a_password(client_for, office_admin, head_a):
    response = client_for(office_admin).get(f"/admin/thep/user/{head_a.pk}/password/")
    assert response.status_code == 403


def test_office_cannot_make_anyone_a_superuser(client_for, office_admin, head_a):
    client = client_for(office_admin)
    data = change_page_post(client, head_a, is_staff="on", is_superuser="on", first_name="Helena")
    response = client.post(f"/admin/thep/user/{head_a.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    head_a.refresh_from_db()
    assert head_a.first_name == "Helena"
    assert not head_a.is_staff and not head_a.is_superuser


def test_office_cannot_change_a_superuser(client_for, office_admin):
    root = UserFactory(is_staff=True, is_superuser=True)
    response = client_for(office_admin).get(f"/admin/thep/user/{root.pk}/change/")
    assert b'name="email"' not in response.content


def test_a_role_above_the_office_waits_for_a_director(
    client_for, office_admin, head_b, director, django_capture_on_commit_callbacks
):
    client = client_for(office_admin)
    data = change_page_post(client, head_b, role=Role.CONSULTANT)
    assert client.post(f"/admin/thep/user/{head_b.pk}/change/", data).status_code == 302
    head_b.refresh_from_db()
    assert head_b.role == Role.HEADTEACHER
    asked = RoleChangeRequest.objects.get(person=head_b)
    assert (asked.role, asked.asked_by, asked.approved) == (Role.CONSULTANT, office_admin, None)
    assert OutboxMessage.objects.filter(kind="thep.role_request", to=[head_b.email]).exists()

    decide = client_for(director).post(f"/people/role-requests/{asked.pk}/decide", {"approve": ""})
    assert decide.status_code == 302
    head_b.refresh_from_db()
    asked.refresh_from_db()
    assert head_b.role == Role.CONSULTANT
    assert asked.approved and asked.decided_by == director
    assert OutboxMessage.objects.filter(kind="thep.role_decision", to=[head_b.email]).exists()


def test_a_refused_role_is_never_given(client_for, office_admin, head_b, director):
    asked = RoleChangeRequest.objects.create(
        person=head_b, role=Role.DIRECTOR, director_kind="executive", asked_by=office_admin
    )
    client_for(director).post(f"/people/role-requests/{asked.pk}/decide", {"refuse": ""})
    head_b.refresh_from_db()
    assert head_b.role == Role.HEADTEACHER
    assert RoleChangeRequest.objects.get().approved is False


def test_office_removes_two_factor_devices_and_tells_the_person(client_for, office_admin, lc_a):
    assert Authenticator.objects.filter(user=lc_a).exists()
    response = client_for(office_admin).post(
        "/admin/thep/user/", {"action": "remove_mfa", "_selected_action": [lc_a.pk]}
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=lc_a).exists()
    assert OutboxMessage.objects.filter(kind="thep.mfa_removed", to=[lc_a.email]).exists()


@pytest.mark.django_db
def test_create_office_account_makes_staff_without_a_password():
    out = StringIO()
    call_command("create_office_account", "new.office@example.org", stdout=out)
    person = User.objects.get(email="new.office@example.org")
    assert person.is_staff and not person.is_superuser and person.role == Role.ADMIN
    assert not person.has_usable_password()
    assert list(person.groups.all()) == [Group.objects.get(name=OFFICE_GROUP)]
    assert "/accounts/password/reset/key/" in out.getvalue()


def test_office_cannot_change_the_address_of_someone_who_has_logged_in(
    client_for, office_admin, director
):
    """Else the office could point a director's account at its own mailbox and send a reset."""
    director.last_login = director.date_joined
    director.save(update_fields=["last_login"])
    client = client_for(office_admin)
    data = change_page_post(client, director, email="office@example.org", first_name="Cath")
    response = client.post(f"/admin/thep/user/{director.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    director.refresh_from_db()
    assert (director.email, director.first_name) == ("director@example.org", "Cath")


def test_office_corrects_an_address_before_the_first_login(client_for, office_admin, head_b):
    head_b.last_login = None
    head_b.save(update_fields=["last_login"])
    client = client_for(office_admin)
    data = change_page_post(client, head_b, email="david.cole@example.org")
    response = client.post(f"/admin/thep/user/{head_b.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    head_b.refresh_from_db()
    assert head_b.email == "david.cole@example.org"
    assert list(EmailAddress.objects.filter(user=head_b).values_list("email", "verified")) == [
        ("david.cole@example.org", True)
    ]
