"""The report form saves the LC's draft as they type (htmx posts with no button), against the
version the form was filled from: a change made meanwhile is refused in words, never
overwritten, and the text stays in the form."""

import re

from django.utils import timezone

from improvement import services
from improvement.models import ReportStatus

S = ReportStatus
HTMX = {"HTTP_HX_REQUEST": "true"}


def _edit(report) -> str:
    return f"/improvement/reports/{report.pk}/edit/"


def _fields(report, **changes) -> dict:
    return {
        "summary": report.summary,
        "strengths": report.strengths,
        "areas_for_development": report.areas_for_development,
        "version": report.version,
        **changes,
    }


def test_an_autosave_saves_the_draft_and_says_when(client_for, report_at, lc_a):
    report = report_at(S.DRAFT)
    response = client_for(lc_a).post(
        _edit(report), _fields(report, summary="Phonics first, then maths."), **HTMX
    )
    assert response.status_code == 200
    assert f"Saved at {timezone.localtime():%H}:" in response.text
    # The form now edits the new version, so the next save is not taken for someone else's.
    assert re.search(r'name="version" value="2" id="id_version" hx-swap-oob="true"', response.text)
    report.refresh_from_db()
    assert (report.summary, report.version, report.changed_by) == (
        "Phonics first, then maths.", 2, lc_a,
    )  # fmt: skip
    assert not report.openings.exists()  # saving as one types is not opening the report


def test_an_autosave_with_nothing_new_leaves_the_version(client_for, report_at, lc_a):
    report = report_at(S.DRAFT)
    response = client_for(lc_a).post(_edit(report), _fields(report), **HTMX)
    assert "Saved at" in response.text
    report.refresh_from_db()
    assert report.version == 1 and report.changed_at is None


def test_an_autosave_after_another_save_is_refused_and_says_who(client_for, report_at, lc_a):
    report = report_at(S.DRAFT)
    filled_from = report.version
    services.report_save(report=report, by=lc_a, fields={"strengths": "From the other window."})
    response = client_for(lc_a).post(
        _edit(report), _fields(report, strengths="Typed here.", version=filled_from), **HTMX
    )
    assert response.status_code == 200  # htmx shows it in the form's status line
    assert "Not saved. The report changed while you were editing it:" in response.text
    assert f"{lc_a.get_full_name()} saved changes to its text at" in response.text
    assert "What you typed is still in the form: copy it before you reload" in response.text
    assert "hx-swap-oob" not in response.text  # the form keeps the version it was filled from
    report.refresh_from_db()
    assert report.strengths == "From the other window."


def test_an_autosave_after_the_head_agreed_never_undoes_the_agreement(
    client_for, report_at, lc_a, head_a
):
    report = report_at(S.SHARED)
    filled_from = report.version
    services.report_agree(report=report, by=head_a)
    response = client_for(lc_a).post(
        _edit(report), _fields(report, summary="A late thought.", version=filled_from), **HTMX
    )
    assert "Not saved." in response.text
    assert f"{head_a.get_full_name()} agreed the report as written at" in response.text
    report.refresh_from_db()
    assert (report.status, report.summary) == (S.AGREED, "We discussed the curriculum.")


def test_the_save_button_through_htmx_goes_to_the_report(client_for, report_at, lc_a):
    report = report_at(S.DRAFT)
    response = client_for(lc_a).post(
        _edit(report),
        _fields(report, summary="Final words.", save="report"),
        HTTP_HX_TRIGGER_NAME="save",  # htmx names the button that fired
        **HTMX,
    )
    assert response.headers["HX-Redirect"] == f"/improvement/reports/{report.pk}/"
    report.refresh_from_db()
    assert report.summary == "Final words."


def test_leaving_a_field_for_the_save_button_autosaves_once_without_a_message(
    client_for, report_at, lc_a
):
    """htmx may send the button's value with the form's own save as the field loses focus;
    that save is still the form's, so the button's save that follows says "Report saved." once."""
    report = report_at(S.DRAFT)
    client = client_for(lc_a)
    response = client.post(
        _edit(report), _fields(report, summary="Last words.", save="report"), **HTMX
    )
    assert "Saved at" in response.text and "HX-Redirect" not in response.headers
    report.refresh_from_db()
    page = client.get(f"/improvement/reports/{report.pk}/").text
    assert report.summary == "Last words." and "Report saved." not in page


def test_without_javascript_the_save_button_still_saves(client_for, report_at, lc_a):
    report = report_at(S.DRAFT)
    client = client_for(lc_a)
    page = client.get(_edit(report)).content.decode()
    assert 'hx-trigger="input delay:2s, change, focusout"' in page
    assert 'role="status" aria-live="polite"' in page
    response = client.post(_edit(report), _fields(report, summary="No script.", save="report"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.summary == "No script."


def test_an_autosave_too_long_is_refused_in_words(client_for, report_at, lc_a):
    report = report_at(S.DRAFT)
    response = client_for(lc_a).post(
        _edit(report), _fields(report, good_practice_theme="x" * 201), **HTMX
    )
    assert "Not saved." in response.text and "at most 200 characters" in response.text
    report.refresh_from_db()
    assert report.good_practice_theme == "" and report.version == 1
