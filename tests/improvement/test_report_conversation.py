"""The report conversation: the head asks for changes or agrees as written, the LC answers each
comment and shares again, a director accepts or sends back with a note; every step dated in the
report's thread, and nobody agrees while an answer is owed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from improvement import services
from improvement.models import ReportStatus, Step
from thep.models import OutboxMessage

S = ReportStatus


@pytest.fixture
def shared(report_at, lc_a, head_a, django_capture_on_commit_callbacks):
    report = report_at(S.DRAFT)
    with django_capture_on_commit_callbacks(execute=False):
        services.report_share(report=report, by=lc_a)
    return report


def thread(report) -> list[tuple[str, str, str]]:
    return [
        (entry.author.email, entry.kind, entry.text) for entry in report.comments.order_by("at")
    ]


def test_the_head_asks_for_changes_the_lc_answers_shares_again_and_the_head_agrees(
    shared, lc_a, head_a, primary_director, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        asked = services.report_ask_changes(
            report=shared, by=head_a, text="Please add the governors' maths link visit."
        )
        assert shared.status == S.CHANGES
        services.report_answer(
            report=shared, by=lc_a, entry_id=asked.pk, text="Added to the agreed actions."
        )
        services.report_share(report=shared, by=lc_a)
        services.report_agree(report=shared, by=head_a, version=shared.version)
        services.report_submit(report=shared, by=lc_a)
        services.report_finalise(report=shared, by=primary_director)
    shared.refresh_from_db()
    assert shared.status == S.FINAL and shared.agreed_by == head_a
    assert thread(shared) == [
        (lc_a.email, Step.SHARED, ""),
        (head_a.email, Step.CHANGES, "Please add the governors' maths link visit."),
        (lc_a.email, Step.ANSWER, "Added to the agreed actions."),
        (lc_a.email, Step.SHARED, ""),
        (head_a.email, Step.AGREED, ""),
        (lc_a.email, Step.SUBMITTED, ""),
        (primary_director.email, Step.FINAL, ""),
    ]
    assert shared.comments.get(kind=Step.ANSWER).answer_to == asked


def test_nobody_can_agree_while_an_answer_is_owed(shared, head_a, director):
    services.report_ask_changes(report=shared, by=head_a, text="Please add the governors.")
    with pytest.raises(ValidationError, match="while an answer is owed"):
        services.report_agree(report=shared, by=head_a)
    # Even a report shared before the rule, with a comment left unanswered.
    shared.status = S.SHARED
    shared.save()
    with pytest.raises(ValidationError, match="while an answer is owed"):
        services.report_agree(report=shared, by=head_a)
    with pytest.raises(ValidationError, match="while an answer is owed"):
        services.report_record_agreement(
            report=shared, by=director, agreed_by="Helen", agreed_on=shared.visit.date
        )
    shared.refresh_from_db()
    assert shared.status == S.SHARED and shared.agreed_by is None


def test_the_lc_cannot_share_again_without_answering_every_comment(shared, lc_a, head_a):
    services.report_ask_changes(report=shared, by=head_a, text="Please add the governors.")
    with pytest.raises(ValidationError, match="Answer each comment before sharing"):
        services.report_share(report=shared, by=lc_a)
    shared.refresh_from_db()
    assert shared.status == S.CHANGES


def test_a_comment_is_answered_once_and_only_by_the_lc(shared, lc_a, lc_other, head_a):
    asked = services.report_ask_changes(report=shared, by=head_a, text="Add the governors.")
    with pytest.raises(ValidationError, match="Only the report's Leadership Consultant"):
        services.report_answer(report=shared, by=lc_other, entry_id=asked.pk, text="No.")
    with pytest.raises(ValidationError, match="Only the report's Leadership Consultant"):
        services.report_answer(report=shared, by=head_a, entry_id=asked.pk, text="Me.")
    with pytest.raises(ValidationError, match="Write your answer"):
        services.report_answer(report=shared, by=lc_a, entry_id=asked.pk, text="  ")
    services.report_answer(report=shared, by=lc_a, entry_id=asked.pk, text="Done.")
    with pytest.raises(ValidationError, match="already been answered"):
        services.report_answer(report=shared, by=lc_a, entry_id=asked.pk, text="Again.")
    assert shared.comments.filter(kind=Step.ANSWER).count() == 1


def test_a_head_of_another_school_cannot_ask_for_changes_or_agree(shared, head_b):
    with pytest.raises(ValidationError, match="Only the school's headteacher"):
        services.report_ask_changes(report=shared, by=head_b, text="Change it.")
    with pytest.raises(ValidationError, match="Only the school's headteacher"):
        services.report_agree(report=shared, by=head_b)
    shared.refresh_from_db()
    assert shared.status == S.SHARED and list(shared.comments.values_list("kind", flat=True)) == [
        Step.SHARED
    ]


def test_asking_for_changes_needs_words(shared, head_a):
    with pytest.raises(ValidationError, match="Say what you would like changed"):
        services.report_ask_changes(report=shared, by=head_a, text=" ")
    shared.refresh_from_db()
    assert shared.status == S.SHARED


def test_a_director_sends_a_submitted_report_back_and_the_head_agrees_again(
    report_at, lc_a, head_a, primary_director, secondary_director,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    report = report_at(S.SUBMITTED)
    with pytest.raises(ValidationError, match="phase director"):
        services.report_send_back(report=report, by=secondary_director, note="Shorter.")
    with pytest.raises(ValidationError, match="Write a note"):
        services.report_send_back(report=report, by=primary_director, note="")
    with django_capture_on_commit_callbacks(execute=False):
        note = services.report_send_back(
            report=report, by=primary_director, note="Say who leads the maths work."
        )
    report.refresh_from_db()
    assert report.status == S.CHANGES and report.agreed_by is None and not report.submitted_to
    # Its LC answers, changes the text and shares again: the head agrees the new text.
    with pytest.raises(ValidationError, match="Answer each comment"):
        services.report_share(report=report, by=lc_a)
    with django_capture_on_commit_callbacks(execute=False):
        services.report_answer(report=report, by=lc_a, entry_id=note.pk, text="The maths lead.")
        services.report_save(report=report, by=lc_a, fields={"agreed_actions": "Maths lead."})
        services.report_share(report=report, by=lc_a)
        services.report_agree(report=report, by=head_a)
    assert report.status == S.AGREED


@pytest.mark.parametrize(
    ("status", "who", "message"),
    [
        (S.DRAFT, "primary_director", "Only a submitted report can be sent back"),
        (S.FINAL, "primary_director", "Only a submitted report can be sent back"),
        (S.SUBMITTED, "lc_a", "phase director"),
        (S.SUBMITTED, "head_a", "phase director"),
    ],
)
def test_sending_back_is_refused_out_of_turn(request, report_at, status, who, message):
    report = report_at(status)
    with pytest.raises(ValidationError, match=message):
        services.report_send_back(report=report, by=request.getfixturevalue(who), note="No.")
    report.refresh_from_db()
    assert report.status == status and not report.comments.exists()


def test_each_step_emails_the_person_whose_turn_it_is_without_the_words(
    shared, lc_a, head_a, primary_director, django_capture_on_commit_callbacks
):
    secret = "The head is thinking of leaving."
    with django_capture_on_commit_callbacks(execute=False):
        asked = services.report_ask_changes(report=shared, by=head_a, text=secret)
        services.report_answer(report=shared, by=lc_a, entry_id=asked.pk, text=secret)
        services.report_share(report=shared, by=lc_a)
        services.report_agree(report=shared, by=head_a)
        services.report_submit(report=shared, by=lc_a)
        services.report_send_back(report=shared, by=primary_director, note=secret)
    sent = [(message.subject, message.to) for message in OutboxMessage.objects.order_by("pk")]
    assert sent == [
        ("Visit report to agree: Bonner Primary School", [head_a.email]),
        ("Changes asked for: Bonner Primary School", [lc_a.email]),
        ("Visit report to agree: Bonner Primary School", [head_a.email]),
        ("Visit report agreed: Bonner Primary School", [lc_a.email]),
        ("Visit report to accept: Bonner Primary School", [primary_director.email]),
        ("Visit report sent back: Bonner Primary School", [lc_a.email]),
    ]
    bodies = OutboxMessage.objects.values_list("body", flat=True)
    assert all(f"/improvement/reports/{shared.pk}/" in body for body in bodies)
    assert not any(secret in body for body in bodies)
    assert "again, with answers to the comments" in list(bodies.order_by("pk"))[2]


def test_the_thread_shows_every_step_dated_and_the_forms_of_the_next_one(
    client_for, shared, lc_a, head_a
):
    head = client_for(head_a)
    response = head.post(
        f"/improvement/reports/{shared.pk}/comment/", {"text": "Please add the governors."}
    )
    assert response.status_code == 302
    page = head.get(f"/improvement/reports/{shared.pk}/").text
    assert "asked for changes" in page and "Please add the governors." in page
    assert "Waiting for the LC's answer." in page
    assert "Agree as written" not in page and "Back with your LC for changes" in page
    lc = client_for(lc_a)
    page = lc.get(f"/improvement/reports/{shared.pk}/").text
    assert "Your answer to" in page and "Share again with the head" not in page
    asked = shared.comments.get(kind=Step.CHANGES)
    lc.post(f"/improvement/reports/{shared.pk}/answer/", {"entry": asked.pk, "text": "Added."})
    page = lc.get(f"/improvement/reports/{shared.pk}/").text
    assert "answered" in page and "Added." in page and "Share again with the head" in page
    entry_date = f"{timezone.localtime(asked.at):%-d %B %Y}"
    assert entry_date in page


def test_a_refused_answer_comes_back_with_its_text(client_for, shared, lc_a, head_a):
    asked = services.report_ask_changes(report=shared, by=head_a, text="Add the governors.")
    typed = "x" * 2001
    response = client_for(lc_a).post(
        f"/improvement/reports/{shared.pk}/answer/", {"entry": asked.pk, "text": typed}
    )
    assert response.status_code == 400
    assert "Keep your comment to 2000 characters." in response.text
    assert typed in response.text
    assert not shared.comments.filter(kind=Step.ANSWER).exists()


def test_a_director_sends_back_from_the_page_with_a_note(client_for, report_at, director, lc_a):
    report = report_at(S.SUBMITTED)
    client = client_for(director)
    response = client.post(f"/improvement/reports/{report.pk}/send-back/", {"note": ""})
    assert response.status_code == 400 and "Write a note" in response.text
    response = client.post(
        f"/improvement/reports/{report.pk}/send-back/", {"note": "Say who leads maths."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.CHANGES
    page = client_for(lc_a).get(f"/improvement/reports/{report.pk}/").text
    assert "sent the report back to the LC" in page and "Say who leads maths." in page


def test_the_agree_button_carries_the_version_the_head_read(client_for, shared, lc_a, head_a):
    head = client_for(head_a)
    page = head.get(f"/improvement/reports/{shared.pk}/").text
    assert f'name="version" value="{shared.version}"' in page
    services.report_save(report=shared, by=lc_a, fields={"strengths": "Writing too."})
    response = head.post(
        f"/improvement/reports/{shared.pk}/agree/", {"version": shared.version - 1}, follow=True
    )
    assert "The report changed while you were reading it" in response.text
    assert "saved changes to its text" in response.text
    shared.refresh_from_db()
    assert shared.status == S.SHARED


def test_a_comment_sent_after_the_report_moved_on_is_kept_on_the_page(client_for, shared, head_a):
    """The head typed in one window while she agreed in another: the comment is refused, and
    its text is on the page to copy."""
    services.report_agree(report=shared, by=head_a)
    typed = "One more thought about the governors."
    response = client_for(head_a).post(
        f"/improvement/reports/{shared.pk}/comment/", {"text": typed}
    )
    assert response.status_code == 400
    assert "You can ask for changes while the report is shared." in response.text
    assert typed in response.text
    assert not shared.comments.filter(kind=Step.CHANGES).exists()
