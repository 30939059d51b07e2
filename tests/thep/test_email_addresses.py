"""A person's address changes only through a link sent to the new one: an address nobody has
shown they read never becomes the one they log in with."""

from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.urls import reverse

from thep.models import User


def _confirmed_it_is_them(client):
    client.post(reverse("account_reauthenticate"), {"password": "thep-demo-2026"})
    return client


def test_a_new_person_s_address_is_their_verified_login(head_a):
    address = EmailAddress.objects.get(user=head_a)
    assert (address.email, address.verified, address.primary) == (head_a.email, True, True)


def test_adding_an_address_sends_it_a_link_and_leaves_the_login_as_it_was(
    client_for, head_a, mailoutbox
):
    client = _confirmed_it_is_them(client_for(head_a))
    client.post(reverse("account_email"), {"action_add": "", "email": "helen@elsewhere.org"})
    new = EmailAddress.objects.get(user=head_a, email="helen@elsewhere.org")
    assert not new.verified and not new.primary
    assert [message.to for message in mailoutbox] == [["helen@elsewhere.org"]]
    head_a.refresh_from_db()
    assert head_a.email == "head.a@example.org"


def test_an_unverified_address_cannot_be_made_the_primary_one(client_for, head_a):
    client = _confirmed_it_is_them(client_for(head_a))
    client.post(reverse("account_email"), {"action_add": "", "email": "helen@elsewhere.org"})
    client.post(reverse("account_email"), {"action_primary": "", "email": "helen@elsewhere.org"})
    head_a.refresh_from_db()
    assert head_a.email == "head.a@example.org"
    assert not EmailAddress.objects.get(email="helen@elsewhere.org").primary


def test_not_even_by_someone_with_no_verified_address(client_for, head_a):
    EmailAddress.objects.filter(user=head_a).update(verified=False)
    client = _confirmed_it_is_them(client_for(head_a))
    EmailAddress.objects.create(user=head_a, email="intruder@elsewhere.org")
    client.post(reverse("account_email"), {"action_primary": "", "email": "intruder@elsewhere.org"})
    head_a.refresh_from_db()
    assert head_a.email == "head.a@example.org"


def test_following_the_link_makes_the_new_address_the_login(client, client_for, head_a, mailoutbox):
    client = _confirmed_it_is_them(client_for(head_a))
    client.post(reverse("account_email"), {"action_add": "", "email": "helen@elsewhere.org"})
    link = next(word for word in mailoutbox[0].body.split() if "/accounts/confirm-email/" in word)
    client.post(link)
    head_a.refresh_from_db()
    assert head_a.email == "helen@elsewhere.org"
    assert list(EmailAddress.objects.filter(user=head_a).values_list("email", flat=True)) == [
        "helen@elsewhere.org"
    ]


def test_people_from_before_keep_logging_in_with_their_address_now_verified(client, db):
    person = User.objects.create_user(email="Early.Head@example.org", password="a-long-password")
    EmailAddress.objects.filter(user=person).delete()  # as before addresses were verified
    other = User.objects.create_user(email="other@example.org", password="a-long-password")
    EmailAddress.objects.filter(user=other).update(verified=False, primary=False)
    EmailAddress.objects.create(user=other, email="other.new@example.org", primary=True)

    migration = import_module("thep.migrations.0007_verify_email_of_record")
    migration.verify_email_of_record(django_apps, None)

    assert EmailAddress.objects.filter(
        user=person, email="early.head@example.org", verified=True, primary=True
    ).exists()
    primary = EmailAddress.objects.get(user=other, primary=True)
    assert (primary.email, primary.verified) == ("other@example.org", True)
    client.post(
        reverse("account_login"), {"login": "early.head@example.org", "password": "a-long-password"}
    )
    assert client.session["_auth_user_id"] == str(person.pk)
