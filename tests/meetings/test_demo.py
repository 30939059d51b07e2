from django.urls import reverse

from meetings.models import Meeting, Resolution
from meetings.services import vote_cast
from membership.models import School
from thep import years
from thep.models import User


def test_this_years_agm_has_two_resolutions_and_the_board(demo_db, client):
    agm = Meeting.objects.get(kind=Meeting.Kind.AGM)
    assert years.year_of(agm.date) == years.current()
    received, articles = agm.resolutions.order_by("number")
    assert (received.status, received.passed, received.present_at_close) == ("closed", True, 20)
    assert articles.status == Resolution.Status.OPEN

    head = User.objects.get(email="head@example.org")
    client.force_login(head)
    page = client.get(reverse("meetings:detail", args=[agm.pk])).content.decode()
    assert "Quorum: 20 present / 2 needed" in page
    assert "Passed</strong>: 17 for, 2 against, 1 abstaining" in page
    bonner = School.objects.get(name="Bonner Primary School")
    assert vote_cast(resolution=articles, school=bonner, choice="for", by=head).choice == "for"

    board = client.get(reverse("meetings:board")).content.decode()
    assert "Christine Gilbert" in board and "Catherine Hale" in board
