from django.urls import reverse

from tests.thep.production import production_setting


def test_pages_with_school_data_are_not_stored_by_browsers(client_for, head_a, school_a):
    response = client_for(head_a).get(f"/schools/{school_a.urn}/")
    assert response["Cache-Control"] == "no-store, private"


def test_content_security_policy_allows_no_inline_script(client, db):
    policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_page_has_inline_script(client_for, head_a, school_a):
    client = client_for(head_a)
    for url in (reverse("home"), f"/schools/{school_a.urn}/", reverse("account_login")):
        page = client.get(url).content.decode()
        for tag in page.split("<script")[1:]:
            assert "src=" in tag.split(">", 1)[0], f"inline script on {url}"


def test_production_cookies_are_secure_host_only_and_unreadable_by_scripts():
    assert production_setting(
        "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS",
    ) == ["__Host-sessionid", "__Host-csrftoken", True, True, True, 31536000]  # fmt: skip
