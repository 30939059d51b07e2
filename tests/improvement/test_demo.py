from improvement.models import (
    DiagnosticReview,
    GoodPractice,
    InterventionGroup,
    Report,
    ReportStatus,
    ReviewMeeting,
)


def test_demo_has_reports_in_every_state_a_diagnostic_and_good_practice(demo_db):
    states = set(Report.objects.values_list("status", flat=True))
    assert states == set(ReportStatus.values)
    review = DiagnosticReview.objects.get(school__name="Bonner Primary School")
    assert review.ratings.count() == 12
    assert GoodPractice.objects.filter(theme="Early reading").exists()
    assert ReviewMeeting.objects.get().items.count() == 2
    assert InterventionGroup.objects.get().school.name == "Harbinger Primary School"
