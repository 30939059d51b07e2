import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from improvement.models import ReportStatus, Visit
from improvement.services import visit_schedule
from thep import years

SOON = timezone.localdate() + datetime.timedelta(days=7)


def schedule(school, consultant, **changes):
    values = {
        "school": school, "consultant": consultant, "date": SOON,
        "start_time": datetime.time(9, 30), "minutes": 150, "focus": "Maths",
    }  # fmt: skip
    return visit_schedule(**{**values, **changes})


def test_an_lc_schedules_a_visit_with_an_empty_draft_report(school_a, lc_a):
    visit = schedule(school_a, lc_a)
    assert visit.report.status == ReportStatus.DRAFT
    assert visit.year == (SOON.year if SOON.month >= 9 else SOON.year - 1)


@pytest.mark.parametrize(
    ("who", "changes", "message"),
    [
        ("lc_other", {}, "is not allocated to you"),
        ("lc_a", {"minutes": 90}, "between 2 and 3 hours"),
        ("lc_a", {"minutes": 240}, "between 2 and 3 hours"),
    ],
)
def test_bad_visits_are_refused_and_nothing_is_saved(
    request, school_a, lc_a, who, changes, message
):
    with pytest.raises(ValidationError, match=message):
        schedule(school_a, request.getfixturevalue(who), **changes)
    assert not Visit.objects.exists()


def test_a_visit_beyond_the_entitlement_is_refused(school_a, lc_a):
    school_a.headship_start = datetime.date(2010, 9, 1)
    school_a.save()
    for week in range(3):
        schedule(school_a, lc_a, date=SOON + datetime.timedelta(weeks=week))
    with pytest.raises(ValidationError, match="has used all 3 visits"):
        schedule(school_a, lc_a, date=SOON + datetime.timedelta(weeks=4))


def test_the_form_keeps_what_was_typed_when_refused(client_for, lc_a, school_a):
    response = client_for(lc_a).post(
        "/improvement/visits/new/",
        {"school": school_a.pk, "date": "2001-01-01", "start_time": "09:30", "minutes": 150,
         "focus": "Attendance of persistent absentees"},
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not allocated to you on 01/01/2001" in page
    assert 'value="Attendance of persistent absentees"' in page


def test_schedule_page_lists_the_lcs_visits_in_a_fixed_number_of_queries(
    client_for, lc_a, school_a, django_assert_max_num_queries
):
    client = client_for(lc_a)
    client.get("/improvement/")  # the first visit sets up the session and the feed address
    schedule(school_a, lc_a)
    with django_assert_max_num_queries(10):  # one for the feed address
        client.get("/improvement/")
    school_a.headship_start = timezone.localdate()  # six visits: room for more
    school_a.save()
    for week in range(1, 5):
        schedule(school_a, lc_a, date=SOON + datetime.timedelta(weeks=week))
    with django_assert_max_num_queries(10):
        response = client.get("/improvement/")
    assert len(response.context["visits"]) == 5


def test_the_calendar_feed_lists_the_lcs_visits(client, client_for, lc_a, school_a):
    schedule(school_a, lc_a)
    page = client_for(lc_a).get("/improvement/").content.decode()
    start = page.index("http://testserver/improvement/calendar/")
    url = page[start : page.index("</code>", start)]
    client.logout()
    response = client.get(url)  # calendar apps fetch it without a login
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "LC visit: Bonner Primary School"
    assert event.decoded("dtstart").date() == SOON
    assert client.get(url.replace("calendar/", "calendar/x")).status_code == 404
    lc_a.is_active = False
    lc_a.save()
    assert client.get(url).status_code == 404


def feed_url(page: str) -> str:
    start = page.index("http://testserver/improvement/calendar/")
    return page[start : page.index("</code>", start)]


def test_a_new_feed_address_ends_the_old_one(client, client_for, lc_a, school_a):
    schedule(school_a, lc_a)
    lc = client_for(lc_a)
    old = feed_url(lc.get("/improvement/").content.decode())
    assert feed_url(lc.get("/improvement/").content.decode()) == old  # the same each time

    response = lc.post("/improvement/calendar/new-address/", follow=True)
    page = response.content.decode()
    assert "the old one no longer works" in page
    new = feed_url(page)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def _visit_row(page: str, school_name: str) -> str:
    """The visits table's row of the visit to one school."""
    table = page[page.index('id="visits-heading"') :]
    start = table.rindex("<tr>", 0, table.index(f'<td data-label="School">{school_name}</td>'))
    return table[start : table.index("</tr>", start)]


def test_each_visit_row_shows_when_who_and_what_its_report_waits_for(
    report_at, client_for, school_a, lc_a, director
):
    day = timezone.localdate() - datetime.timedelta(days=20)
    report = report_at(ReportStatus.DRAFT, date=day, focus="Early reading")
    director_row = _visit_row(
        client_for(director).get("/improvement/").content.decode(), school_a.name
    )
    assert f'<td data-label="Date">{day:%a} {day.day} {day:%b %Y}, 09:30</td>' in director_row
    assert '<td data-label="Focus">Early reading</td>' in director_row
    assert f'<td data-label="LC">{lc_a.get_full_name()}</td>' in director_row
    assert "Draft" in director_row and "overdue</span>" in director_row
    assert "/improvement/reports/" not in director_row  # a draft is the LC's alone
    lc_row = _visit_row(client_for(lc_a).get("/improvement/").content.decode(), school_a.name)
    assert f'<a href="/improvement/reports/{report.pk}/">Draft</a>' in lc_row
    assert f'href="/improvement/visits/{report.visit.pk}/change/"' in lc_row
    assert f"the visit to {school_a.name} on {day.day} {day:%B}" in lc_row
    autumn = years.term_of(day) == "autumn"
    assert (f'href="/improvement/visits/{report.visit.pk}/diagnostic/"' in lc_row) is autumn
