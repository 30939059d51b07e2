"""Two people acting on a report at once, on two connections to the real PostgreSQL: the
second waits for the first, then is refused and told what changed. An agreement is never
undone by a save, and a save is never agreed unread; the typed text comes back."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from improvement import services
from improvement.models import Report, ReportStatus
from tests.improvement.factories import ReportFactory

S = ReportStatus


def in_thread(work, outcome: dict) -> threading.Thread:
    """Run `work` on a connection of its own; what it raises is kept in `outcome`."""

    def run() -> None:
        try:
            work()
        except ValidationError as refused:
            outcome["refused"] = " ".join(refused.messages)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.fixture
def shared_report(school_a, lc_a, head_a):
    return ReportFactory(visit__school=school_a, visit__consultant=lc_a, status=S.SHARED)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_version", [True, False])
def test_a_save_made_while_the_head_agrees_does_not_undo_the_agreement(
    shared_report, lc_a, head_a, with_version
):
    read = shared_report.version  # both read the report before either acts
    agreed, release = threading.Event(), threading.Event()
    head: dict[str, str] = {}
    lc: dict[str, str] = {}

    def head_agrees() -> None:
        with transaction.atomic():
            services.report_agree(
                report=Report.objects.get(pk=shared_report.pk), by=head_a, version=read
            )
            agreed.set()
            release.wait(10)  # the head's transaction is still open

    agreeing = in_thread(head_agrees, head)
    assert agreed.wait(10)
    saving = in_thread(
        lambda: services.report_save(
            report=Report.objects.get(pk=shared_report.pk),
            by=lc_a,
            fields={"strengths": "Changed meanwhile."},
            version=read if with_version else None,
        ),
        lc,
    )
    saving.join(1)
    assert saving.is_alive(), "the save waits for the agreement's transaction"
    release.set()
    agreeing.join(10)
    saving.join(10)

    shared_report.refresh_from_db()
    assert (shared_report.status, shared_report.agreed_by) == (S.AGREED, head_a)
    assert shared_report.strengths == "Early reading."
    assert "refused" not in head
    if with_version:
        assert lc["refused"].startswith(
            f"The report changed while you were editing it: {head_a.get_full_name()} agreed "
            "the report as written at "
        )
    else:
        assert "The head has agreed this report" in lc["refused"]


@pytest.mark.django_db(transaction=True)
def test_the_head_cannot_agree_text_saved_after_she_read_it(shared_report, lc_a, head_a):
    read = shared_report.version
    saved, release = threading.Event(), threading.Event()
    head: dict[str, str] = {}
    lc: dict[str, str] = {}

    def lc_saves() -> None:
        with transaction.atomic():
            services.report_save(
                report=Report.objects.get(pk=shared_report.pk),
                by=lc_a,
                fields={"strengths": "Writing as well."},
                version=read,
            )
            saved.set()
            release.wait(10)

    saving = in_thread(lc_saves, lc)
    assert saved.wait(10)
    agreeing = in_thread(
        lambda: services.report_agree(
            report=Report.objects.get(pk=shared_report.pk), by=head_a, version=read
        ),
        head,
    )
    agreeing.join(1)
    assert agreeing.is_alive(), "the agreement waits for the save's transaction"
    release.set()
    saving.join(10)
    agreeing.join(10)

    shared_report.refresh_from_db()
    assert (shared_report.status, shared_report.strengths) == (S.SHARED, "Writing as well.")
    assert head["refused"].startswith("The report changed while you were reading it: ")
    assert "saved changes to its text" in head["refused"]


def test_the_lc_is_told_and_keeps_the_text_typed_when_the_head_agreed_meanwhile(
    client_for, report_at, lc_a, head_a
):
    report = report_at(S.SHARED)
    lc = client_for(lc_a)
    form = lc.get(f"/improvement/reports/{report.pk}/edit/")
    assert f'name="version" value="{report.version}"' in form.text
    services.report_agree(report=report, by=head_a)
    typed = "Strong phonics, and a new writing scheme the head will share."
    response = lc.post(
        f"/improvement/reports/{report.pk}/edit/",
        {"summary": report.summary, "strengths": typed, "version": report.version - 1},
    )
    assert response.status_code == 409
    assert "The report changed while you were editing it:" in response.text
    assert "agreed the report as written" in response.text
    assert "Your text is kept below." in response.text
    assert typed in response.text
    report.refresh_from_db()
    assert (report.status, report.strengths) == (S.AGREED, "Early reading.")
