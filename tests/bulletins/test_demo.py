from django.test import Client

from bulletins.models import Bulletin, Status
from thep.models import User


def test_the_demo_head_reads_last_weeks_bulletin_with_its_events(demo_db):
    (bulletin,) = Bulletin.objects.all()
    assert bulletin.status == Status.SENT
    client = Client()
    client.force_login(User.objects.get(email="head@example.org"))

    archive = client.get("/bulletins/").content.decode()
    page = client.get(f"/bulletins/{bulletin.pk}/").content.decode()

    assert "Training and events this fortnight" in archive
    assert "Headteacher meetings this term" in page
    assert bulletin.events.exists()
    assert all(event.title in page for event in bulletin.events.all())
