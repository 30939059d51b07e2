"""Behind the load balancer the client's address comes from X-Forwarded-For, and only then:
the same address for allauth's rate limits and for the security log."""

from django.test import Client
from django.urls import reverse

from thep.models import SecurityEvent

PROXY = "10.0.0.2"


def _failed_login_from(forwarded_for: str) -> Client:
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    client.post(reverse("account_login"), {"login": "x@example.org", "password": "a-wrong-guess"})
    return client


def test_the_header_is_ignored_when_no_proxy_is_trusted(db):
    _failed_login_from("198.51.100.7")
    assert SecurityEvent.objects.get().ip_address == PROXY


def test_the_trusted_proxy_s_entry_is_the_client_s_address(db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _failed_login_from("6.6.6.6, 198.51.100.7")  # the first entry is whatever the client sent
    assert SecurityEvent.objects.get().ip_address == "198.51.100.7"


def test_rate_limits_count_clients_apart_behind_the_proxy(db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(11):
        _failed_login_from(f"198.51.100.7, 198.51.100.{n + 10}")
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.99")
    response = client.post(
        reverse("account_login"), {"login": "y@example.org", "password": "a-wrong-guess"}
    )
    assert "not correct" in response.content.decode()
