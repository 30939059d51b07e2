import datetime

from improvement.models import GoodPractice
from tests.improvement.factories import ReportFactory


def entry(school, theme, description):
    report = ReportFactory(visit__school=school, summary="Private discussion of staffing.")
    return GoodPractice.objects.create(
        report=report, school=school, theme=theme, description=description,
        published_on=datetime.date(2025, 12, 1),
    )  # fmt: skip


def test_member_schools_search_good_practice_by_words(client_for, staff_a, school_a, school_b):
    entry(school_a, "Early reading", "Same-day phonics catch-up sessions for every class.")
    entry(school_b, "Attendance", "Morning calls to families of persistent absentees.")
    page = client_for(staff_a).get("/improvement/good-practice/?q=phonic").content.decode()
    assert "Early reading" in page and "Bonner Primary School" in page
    assert "Attendance" not in page
    assert "Private discussion" not in page  # the rest of the report never shows
    page = client_for(staff_a).get("/improvement/good-practice/?q=absentee").content.decode()
    assert "Cayley Primary School" in page and "Early reading" not in page


def test_la_officers_have_no_good_practice_directory(client_for, la_officer, school_a):
    entry(school_a, "Early reading", "Phonics.")
    assert client_for(la_officer).get("/improvement/good-practice/").status_code == 404
