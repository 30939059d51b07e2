import time

import pytest
from django.urls import reverse

from thep.models import Role, User


@pytest.mark.django_db(transaction=True)
def test_office_invites_a_person_who_then_sets_a_password(
    celery_worker, client, office_admin, mailoutbox
):
    client.force_login(office_admin)
    response = client.post(
        reverse("admin:thep_user_add"),
        {"email": "new.head@example.org", "first_name": "Amira", "last_name": "Khan",
         "role": Role.HEADTEACHER, "director_kind": "", "affiliations-TOTAL_FORMS": "0",
         "affiliations-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    person = User.objects.get(email="new.head@example.org")
    assert not person.has_usable_password()

    client.post(
        reverse("admin:thep_user_changelist"),
        {"action": "invite", "_selected_action": [person.pk]},
    )
    deadline = time.monotonic() + 30
    while not mailoutbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.head@example.org"]
    link = next(word for word in mailoutbox[0].body.split() if word.startswith("http"))

    client.logout()
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"password1": "chosen-by-amira-1", "password2": "chosen-by-amira-1"})
    person.refresh_from_db()
    assert person.check_password("chosen-by-amira-1")
