"""The meeting pages: members read the meeting and its papers and vote; directors and the
office run it; everyone else, the LA's officers included, finds nothing there (404)."""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Appointment, Paper, Resolution, Vote
from membership.models import Category
from tests.factories import SchoolFactory
from tests.meetings.factories import MeetingFactory, ResolutionFactory, member_this_year


@pytest.fixture
def meeting(school_a):
    member_this_year(school_a)
    meeting = MeetingFactory()
    Paper.objects.create(
        meeting=meeting,
        title="Annual report",
        file=SimpleUploadedFile("annual-report.pdf", b"%PDF-1.7 the year in figures"),
    )
    return meeting


def test_a_member_head_reads_the_meeting_and_its_paper(client_for, meeting, head_a):
    client = client_for(head_a)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Quorum: 0 present / 2 needed" in page
    assert "Companies Act 2006 s.318(2)" in page
    paper = meeting.papers.get()
    response = client.get(reverse("meetings:paper", args=[meeting.pk, paper.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response) == b"%PDF-1.7 the year in figures"
    assert 'filename="annual-report.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["head_b", "la_officer", "lc_a", "coach"])
def test_others_find_no_meeting_nor_paper(request, client_for, meeting, who):
    client = client_for(request.getfixturevalue(who))
    paper = meeting.papers.get()
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:paper", args=[meeting.pk, paper.pk])).status_code == 404
    assert client.get(reverse("meetings:board")).status_code == 404


def test_a_head_of_a_school_that_is_not_a_member_is_told_why_the_list_is_empty(
    client_for, meeting, head_b
):
    page = client_for(head_b).get(reverse("meetings:list")).content.decode()
    assert "Your school is not a member this year" in page
    assert str(meeting) not in page


def test_a_head_votes_and_a_second_vote_is_refused_on_the_page(client_for, meeting, head_a):
    resolution = ResolutionFactory(meeting=meeting)
    client = client_for(head_a)
    url = reverse("meetings:vote", args=[resolution.pk])
    page = client.post(url, {"school": 100001, "choice": "for"}, follow=True).content.decode()
    assert "Bonner Primary School&#x27;s vote on resolution 1 is recorded: for." in page
    assert "Bonner Primary School's vote: <strong>For</strong>" in page
    page = client.post(url, {"school": 100001, "choice": "against"}, follow=True).content.decode()
    assert "has already voted on resolution 1 (for)" in page
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]


def test_an_associate_head_sees_the_meeting_but_cannot_vote(client_for, school_b, head_b):
    member_this_year(school_b, Category.ASSOCIATE)
    resolution = ResolutionFactory()
    client = client_for(head_b)
    page = client.get(reverse("meetings:detail", args=[resolution.meeting_id])).content.decode()
    assert "only full members vote" in page
    assert 'name="choice"' not in page
    url = reverse("meetings:vote", args=[resolution.pk])
    page = client.post(url, {"school": 100002, "choice": "for"}, follow=True).content.decode()
    assert "Cayley Primary School is an associate member on" in page
    assert not Vote.objects.exists()


def test_the_office_opens_and_closes_voting_and_the_result_shows(
    client_for, meeting, head_a, office_admin
):
    resolution = ResolutionFactory(meeting=meeting, status=Resolution.Status.WAITING)
    office = client_for(office_admin)
    office.post(reverse("meetings:voting", args=[resolution.pk, "open"]))
    client_for(head_a).post(
        reverse("meetings:vote", args=[resolution.pk]), {"school": 100001, "choice": "for"}
    )
    office = client_for(office_admin)
    page = office.post(
        reverse("meetings:voting", args=[resolution.pk, "close"]), follow=True
    ).content.decode()
    assert "Resolution 1: voting closed, not passed." in page  # one school: no quorum
    assert "Not passed</strong>: 1 for, 0 against, 0 abstaining; 1 full member school" in page


def test_a_paper_that_is_not_a_document_is_refused(client_for, meeting, director):
    response = client_for(director).post(
        reverse("meetings:paper_add", args=[meeting.pk]),
        {"title": "Minutes", "file": SimpleUploadedFile("minutes.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert "File extension “exe” is not allowed." in response.content.decode()
    assert meeting.papers.count() == 1


def test_the_board_lists_the_directors_serving_today(client_for, meeting, head_a, director):
    today = timezone.localdate()
    Appointment.objects.create(
        person_name="Christine Gilbert", role=Appointment.Role.CHAIR, meeting=meeting,
        appointed_on=today, term_ends_on=today + datetime.timedelta(days=3 * 365),
    )  # fmt: skip
    Appointment.objects.create(
        person_name="Retired Director", appointed_on=today - datetime.timedelta(days=1200),
        term_ends_on=today - datetime.timedelta(days=1),
    )  # fmt: skip
    page = client_for(head_a).get(reverse("meetings:board")).content.decode()
    assert "Christine Gilbert" in page
    assert "Retired Director" not in page
    response = client_for(director).post(
        reverse("meetings:appoint"),
        {"person_name": "Aziz Choudhury", "role": "director",
         "appointed_on": "2026-11-30", "term_ends_on": "2026-11-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "The term must end after the day of appointment." in response.content.decode()
    assert Appointment.objects.count() == 2


def test_the_meeting_page_asks_a_fixed_number_of_queries(
    client_for, meeting, head_a, office_admin, django_assert_max_num_queries
):
    for number in range(1, 11):
        ResolutionFactory(meeting=meeting, number=number)
    for who, budget in ((head_a, 15), (office_admin, 7)):
        client = client_for(who)
        client.get(reverse("meetings:detail", args=[meeting.pk]))
        with django_assert_max_num_queries(budget, info=who.email):
            assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


def test_the_head_names_a_delegate_who_then_votes_for_the_school(
    client_for, meeting, head_a, staff_a
):
    resolution = ResolutionFactory(meeting=meeting)
    page = client_for(head_a).post(
        reverse("meetings:delegate", args=[meeting.pk, 100001]), {"person": staff_a.pk},
        follow=True,
    ).content.decode()  # fmt: skip
    assert f"{staff_a} votes for Bonner Primary School at this meeting." in html.unescape(page)
    client = client_for(staff_a)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Bonner Primary School's vote on resolution 1" in page
    client.post(reverse("meetings:vote", args=[resolution.pk]), {"school": 100001, "choice": "for"})
    assert Vote.objects.get().cast_by == staff_a


def test_a_head_checks_in_on_the_day_of_the_meeting_only(client_for, school_a, head_a):
    member_this_year(school_a)
    today = timezone.localdate()
    on_the_day = MeetingFactory(date=today)
    client = client_for(head_a)
    url = reverse("meetings:check_in", args=[on_the_day.pk, 100001])
    assert (
        "Bonner Primary School is recorded present."
        in client.post(url, follow=True).content.decode()
    )
    later = MeetingFactory(date=today + datetime.timedelta(days=7))
    page = client.post(
        reverse("meetings:check_in", args=[later.pk, 100001]), follow=True
    ).content.decode()
    assert "Schools check in on the day of the meeting" in page
    assert later.attendances.count() == 0


def test_the_office_ticks_who_came(client_for, meeting, school_a, office_admin):
    url = reverse("meetings:attendance", args=[meeting.pk])
    register = client_for(office_admin).get(url).content.decode()
    assert f'<label class="form-check-label" for="present-{school_a.pk}">Bonner Primary' in register
    page = client_for(office_admin).post(
        reverse("meetings:attendance", args=[meeting.pk]), {"present": [school_a.pk]},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "Attendance recorded: 1 school." in page
    assert "Quorum: 1 present / 2 needed" in page


def test_the_register_pages_the_members_and_finds_any_by_name_urn_or_phase(
    client_for, meeting, office_admin
):
    for n in range(55):
        member_this_year(SchoolFactory(name=f"Paged Primary School {n:02}", urn=300000 + n))
    member_this_year(SchoolFactory(name="Zed Secondary School", phase="secondary", urn=399999))
    url = reverse("meetings:attendance", args=[meeting.pk])
    client = client_for(office_admin)
    first = client.get(url).content.decode()
    assert "57 member schools" in first and "Page 1 of 2" in first
    assert "Zed Secondary School" not in first
    assert "Zed Secondary School" in client.get(url, {"page": 2}).content.decode()
    by_name = client.get(url, {"q": "zed secondary"}).content.decode()
    assert "1 member school found" in by_name and "Zed Secondary School (399999)" in by_name
    assert "Paged Primary School" not in by_name
    by_urn = client.get(url, {"q": "300054"}).content.decode()
    assert "Paged Primary School 54" in by_urn and "Paged Primary School 53" not in by_urn
    by_phase = client.get(url, {"phase": "secondary"}).content.decode()
    assert "Zed Secondary School" in by_phase and "Paged Primary" not in by_phase
    assert "No member school matches." in client.get(url, {"q": "Nowhere"}).content.decode()


def test_saving_a_page_of_the_register_leaves_the_other_schools_as_they_were(
    client_for, meeting, school_a, office_admin
):
    zed = SchoolFactory(name="Zed Secondary School", phase="secondary")
    member_this_year(zed)
    url = reverse("meetings:attendance", args=[meeting.pk])
    client = client_for(office_admin)
    client.post(url, {"shown": [school_a.pk], "present": [school_a.pk]})
    # The office finds Zed, ticks it, and saves that page only: Bonner stays present.
    page = client.post(url, {"shown": [zed.pk], "present": [zed.pk]}, follow=True)
    assert "Attendance recorded: 2 schools." in page.content.decode()
    assert set(meeting.attendances.values_list("school_id", flat=True)) == {school_a.pk, zed.pk}
    # Unticking Bonner on its own page takes it off; a school not on the page is not touched.
    client.post(url, {"shown": [school_a.pk], "present": [zed.pk]})
    assert set(meeting.attendances.values_list("school_id", flat=True)) == {zed.pk}


def test_the_register_keeps_its_query_budget_as_members_are_added(
    client_for, meeting, office_admin, django_assert_max_num_queries
):
    url = reverse("meetings:attendance", args=[meeting.pk])
    client = client_for(office_admin)
    with django_assert_max_num_queries(12) as first:
        client.get(url)
    for _ in range(60):
        member_this_year(SchoolFactory())
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200
