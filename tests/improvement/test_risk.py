import datetime

from django.utils import timezone

from improvement.models import DiagnosticReview, RiskArea, RiskRating
from improvement.risk import HIGH, LOW, MEDIUM, school_risks
from membership.models import School
from tests.factories import SchoolFactory
from tests.improvement.factories import VisitFactory
from tests.membership.factories import PupilCountFactory
from tests.ofsted.factories import InspectionFactory
from thep import years

TODAY = timezone.localdate()
YEAR = years.year_of(TODAY)


def diagnostic(school, **ratings):
    visit = VisitFactory(school=school, date=years.first_day(YEAR) + datetime.timedelta(days=20))
    review = DiagnosticReview.objects.create(visit=visit, school=school, year=YEAR, priorities="p")
    for area, rating in ratings.items():
        RiskRating.objects.create(review=review, area=area, rating=rating, note="Private note")


def risk_of(school):
    (risk,) = school_risks(schools=School.objects.filter(pk=school.pk), today=TODAY)
    return risk


def test_a_red_rating_makes_a_school_high_risk_and_says_why(db):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    diagnostic(school, budgets="red", attendance="amber", staffing="green")
    risk = risk_of(school)
    assert risk.level == HIGH
    assert risk.reasons == [  # in the strategy's order of risk areas
        "Budgets rated red at the diagnostic review",
        "Attendance rated amber at the diagnostic review",
    ]
    assert all("Private note" not in reason for reason in risk.reasons)


def test_ofsted_concerns_falling_rolls_and_new_heads_count(db):
    ri = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    InspectionFactory(school=ri, start_date=TODAY - datetime.timedelta(days=30),
                      overall_effectiveness=3)  # fmt: skip
    assert risk_of(ri).level == HIGH
    assert risk_of(ri).reasons == ["Ofsted: Overall effectiveness Requires improvement"]

    falling = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    PupilCountFactory(school=falling, year=YEAR - 2, pupils=400)
    PupilCountFactory(school=falling, year=YEAR, pupils=350)
    assert (risk_of(falling).level, risk_of(falling).reasons) == (
        MEDIUM, ["Falling roll: 400 pupils two years ago, 350 now"],
    )  # fmt: skip

    steady = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    PupilCountFactory(school=steady, year=YEAR - 2, pupils=400)
    PupilCountFactory(school=steady, year=YEAR, pupils=370)  # 7.5% fewer
    assert risk_of(steady).level == LOW

    new_head = SchoolFactory(headship_start=years.first_day(YEAR - 1))
    assert risk_of(new_head).reasons == ["Headteacher in the first two years of headship"]


def test_la_officers_see_the_register_without_diagnostic_notes(client_for, la_officer, school_a):
    diagnostic(school_a, **{RiskArea.SAFEGUARDING: "red"})
    page = client_for(la_officer).get("/improvement/risk/").content.decode()
    assert "Safeguarding rated red at the diagnostic review" in page
    assert "Private note" not in page
    row = page[
        page.index(
            f'<td data-label="School"><a href="/schools/{school_a.urn}/">{school_a.name}</a></td>'
        ) :
    ]
    row = row.split("</tr>")[0]
    assert f'<td data-label="Phase">{school_a.get_phase_display()}</td>' in row
    assert '<span class="risk risk-high">High</span>' in row


def test_the_register_is_not_for_heads_or_staff(client_for, head_a, staff_a):
    assert client_for(head_a).get("/improvement/risk/").status_code == 404
    assert client_for(staff_a).get("/improvement/risk/").status_code == 404


def test_the_register_keeps_its_query_count_as_schools_grow(
    client_for, la_officer, django_assert_max_num_queries
):
    for _ in range(5):
        diagnostic(SchoolFactory(), budgets="amber")
    client = client_for(la_officer)
    client.get("/")
    with django_assert_max_num_queries(10):
        client.get("/improvement/risk/")
    for _ in range(25):
        school = SchoolFactory()
        diagnostic(school, budgets="red")
        PupilCountFactory(school=school, year=YEAR, pupils=300)
        InspectionFactory(school=school)
    with django_assert_max_num_queries(10):
        response = client.get("/improvement/risk/")
    assert len(response.context["risks"]) == 30
