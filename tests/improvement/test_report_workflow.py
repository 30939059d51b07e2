import pytest
from django.core.exceptions import ValidationError

from improvement import services
from improvement.models import GoodPractice, ReportStatus
from thep.models import DirectorKind

S = ReportStatus


def test_a_report_goes_from_draft_to_final(
    report_at, lc_a, head_a, primary_director, django_capture_on_commit_callbacks
):
    report = report_at(S.DRAFT)
    # The email to the head goes through the worker: see test_report_shared_email.
    with django_capture_on_commit_callbacks(execute=False):
        services.report_share(report=report, by=lc_a)
    assert report.status == S.SHARED
    with django_capture_on_commit_callbacks(execute=False):
        services.report_agree(report=report, by=head_a)
    assert (report.status, report.agreed_by) == (S.AGREED, head_a)
    with django_capture_on_commit_callbacks(execute=False):
        services.report_submit(report=report, by=lc_a)
    assert (report.status, report.submitted_to) == (S.SUBMITTED, DirectorKind.PRIMARY)
    services.report_finalise(report=report, by=primary_director)
    report.refresh_from_db()
    assert report.status == S.FINAL and report.is_locked
    assert [(entry.author, entry.kind) for entry in report.comments.all()] == [
        (lc_a, "shared"),
        (head_a, "agreed"),
        (lc_a, "submitted"),
        (primary_director, "final"),
    ]


@pytest.mark.parametrize(
    ("status", "action", "who", "message"),
    [
        (S.DRAFT, "report_agree", "head_a", "Only a report shared with you can be agreed."),
        (S.DRAFT, "report_submit", "lc_a", "The head has not agreed this report yet"),
        (S.SHARED, "report_submit", "lc_a", "The head has not agreed this report yet"),
        (S.SHARED, "report_share", "lc_a", "already been shared"),
        (S.SHARED, "report_agree", "head_b", "Only the school's headteacher"),
        (S.SHARED, "report_agree", "lc_a", "Only the school's headteacher"),
        (S.DRAFT, "report_share", "lc_other", "Only the report's Leadership Consultant"),
        (S.AGREED, "report_finalise", "primary_director", "Only a submitted report"),
        (S.SUBMITTED, "report_finalise", "secondary_director", "phase director"),
        (S.SUBMITTED, "report_finalise", "lc_a", "phase director"),
        (S.FINAL, "report_submit", "lc_a", "The head has not agreed"),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    request, report_at, status, action, who, message
):
    report = report_at(status)
    person = request.getfixturevalue(who)
    with pytest.raises(ValidationError, match=message):
        getattr(services, action)(report=report, by=person)
    report.refresh_from_db()
    assert report.status == status


def test_share_needs_a_summary(report_at, lc_a):
    report = report_at(S.DRAFT)
    report.summary = " "
    report.save()  # the service reads the report as stored, under its lock
    with pytest.raises(ValidationError, match="summary of discussion"):
        services.report_share(report=report, by=lc_a)


def test_lc_edits_until_the_head_agrees(report_at, lc_a):
    report = report_at(S.SHARED)
    services.report_save(report=report, by=lc_a, fields={"strengths": "Phonics."})
    report.refresh_from_db()
    assert report.strengths == "Phonics."
    report = report_at(S.AGREED, date=report.visit.date.replace(day=1))
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.report_save(report=report, by=lc_a, fields={"strengths": "Changed."})


def test_a_head_comments_only_while_shared(report_at, head_a):
    report = report_at(S.AGREED)
    with pytest.raises(ValidationError, match="while the report is shared"):
        services.report_ask_changes(report=report, by=head_a, text="Late thought.")
    assert not report.comments.exists()


def test_a_director_corrects_a_final_report_and_the_history_keeps_the_old_text(report_at, director):
    report = report_at(S.FINAL)
    services.report_correct(
        report=report, by=director, fields={"strengths": "Early reading and writing."},
        reason="The head asked for writing to be added.",
    )  # fmt: skip
    report.refresh_from_db()
    assert report.strengths == "Early reading and writing."
    (correction,) = report.corrections.all()
    assert correction.before == {"strengths": "Early reading."}
    assert correction.by == director


def test_corrections_need_a_final_report_and_a_reason(report_at, director):
    with pytest.raises(ValidationError, match="Only a final report"):
        services.report_correct(
            report=report_at(S.SUBMITTED), by=director, fields={"strengths": "x"}, reason="r"
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.report_correct(
            report=report_at(S.FINAL), by=director, fields={"strengths": "x"}, reason=" "
        )


def test_final_reports_put_their_good_practice_in_the_directory(report_at, primary_director):
    report = report_at(S.SUBMITTED)
    report.good_practice = "Same-day phonics catch-up."
    report.good_practice_theme = "Early reading"
    report.save()
    services.report_finalise(report=report, by=primary_director)
    entry = GoodPractice.objects.get()
    assert (entry.theme, entry.school, entry.description) == (
        "Early reading",
        report.visit.school,
        "Same-day phonics catch-up.",
    )
