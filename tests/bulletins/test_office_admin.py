"""The office previews a bulletin as the page and the email, with today's coming events, and
sends it; a bulletin with no audience is refused in plain words."""

import pytest
from django.urls import reverse

from bulletins.models import Status
from tests.bulletins.factories import BulletinFactory, NewsItemFactory, member_now
from tests.learning.factories import EventFactory


@pytest.mark.django_db
def test_the_preview_shows_the_news_and_the_coming_events_as_page_text_and_html(
    client_for, office_admin
):
    EventFactory(title="Middle Leaders Network", sessions=[12])
    EventFactory(title="Far off", sessions=[60])
    bulletin = BulletinFactory(title="Autumn fortnight", weeks=4)
    NewsItemFactory(bulletin=bulletin, title="Ofsted update")
    client = client_for(office_admin)

    preview = client.get(reverse("admin:bulletins_bulletin_preview", args=[bulletin.pk]))
    page = preview.content.decode()
    assert "Middle Leaders Network" in page and "Far off" not in page
    assert "COMING EVENTS" in preview.context["text"] and "Ofsted update" in page
    html = client.get(reverse("admin:bulletins_bulletin_preview_email", args=[bulletin.pk]))
    assert "<h1>Autumn fortnight</h1>" in html.content.decode()


@pytest.mark.django_db
def test_sending_with_no_audience_is_refused_on_the_page(
    client_for, office_admin, school_a, head_a
):
    member_now(school_a)
    bulletin = BulletinFactory(to_heads=False, to_staff=False)
    send = reverse("admin:bulletins_bulletin_send", args=[bulletin.pk])

    page = client_for(office_admin).post(send).content.decode()

    assert "Choose who receives it: headteachers, staff who asked for it, or both." in page
    bulletin.refresh_from_db()
    assert bulletin.status == Status.DRAFT


@pytest.mark.django_db
def test_a_sent_bulletin_cannot_be_changed(client_for, office_admin):
    bulletin = BulletinFactory(status=Status.SENT, sent_on="2026-11-02")
    change = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    response = client_for(office_admin).post(change, {"title": "Rewritten"})
    assert response.status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.title != "Rewritten"
