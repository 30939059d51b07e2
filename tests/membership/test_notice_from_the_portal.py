import datetime

from django.urls import reverse

from membership.models import Member
from tests.membership.factories import MembershipFactory
from thep import years


def notice_url(school) -> str:
    return reverse("membership:notice", args=[school.urn])


def current_member(school) -> Member:
    member = Member.objects.create(school=school)
    MembershipFactory(member=member, year=years.current())
    return member


def test_head_gives_notice_and_is_told_the_leaving_date(client_for, head_a, school_a):
    member = current_member(school_a)
    response = client_for(head_a).post(notice_url(school_a), {"understood": "yes"}, follow=True)
    member.refresh_from_db()
    assert member.notice_given_on == datetime.date.today()
    assert member.leaves_on is not None
    assert member.leaves_on > datetime.date.today() + datetime.timedelta(days=364)
    assert f"stays a member until {member.leaves_on:%-d %B %Y}" in response.content.decode()


def test_notice_needs_the_box_ticked_and_changes_nothing_without_it(client_for, head_a, school_a):
    member = current_member(school_a)
    response = client_for(head_a).post(notice_url(school_a), {}, follow=True)
    assert "Please tick the box" in response.content.decode()
    member.refresh_from_db()
    assert member.notice_given_on is None


def test_notice_twice_is_refused_in_plain_words(client_for, head_a, school_a):
    current_member(school_a)
    client = client_for(head_a)
    client.post(notice_url(school_a), {"understood": "yes"})
    page = client.post(notice_url(school_a), {"understood": "yes"}, follow=True).content.decode()
    assert "already gave notice" in page


def test_only_the_schools_own_head_gives_notice(client_for, head_b, director, school_a):
    member = current_member(school_a)
    assert client_for(head_b).post(notice_url(school_a), {"understood": "yes"}).status_code == 404
    assert client_for(director).post(notice_url(school_a), {"understood": "yes"}).status_code == 404
    member.refresh_from_db()
    assert member.notice_given_on is None
