"""In a real browser, the report form keeps what the LC types without a press of Save: the
draft is saved as they type, the page says when, and a reload finds the text."""

from urllib.parse import parse_qs

from playwright.sync_api import expect

from improvement.models import Report, ReportStatus
from tests.improvement.factories import ReportFactory


def test_the_lcs_typing_survives_a_reload(page, log_in, accessible, lc_a, school_a):
    report = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.DRAFT
    )
    log_in(lc_a)
    page.goto(f"/improvement/reports/{report.pk}/edit/")
    typed = "Leaders walked the school with me; phonics is consistent in every class."
    page.get_by_label("Summary of discussion").fill(typed)
    strengths = page.get_by_label("Strengths identified")
    strengths.fill("")

    def saves_the_whole_sentence(response) -> bool:
        sent = parse_qs(response.request.post_data or "")
        return response.request.method == "POST" and sent.get("strengths") == ["Calm corridors."]

    # Key by key, as a person types; then the pause after the last key saves what was typed.
    with page.expect_response(saves_the_whole_sentence, timeout=15_000):
        strengths.press_sequentially("Calm corridors.")
    status = page.locator("#autosave-status")
    expect(status).to_contain_text("Saved at")
    accessible(page)
    page.reload()
    expect(page.get_by_label("Summary of discussion")).to_have_value(typed)
    expect(page.get_by_label("Strengths identified")).to_have_value("Calm corridors.")
    report.refresh_from_db()
    assert report.summary == typed and report.version > 1

    # Saved twice more in this window, the form keeps up with its own versions: Save works.
    page.get_by_label("Agreed actions").fill("Share the phonics tracker.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Report saved.")).to_be_visible()
    assert Report.objects.get(pk=report.pk).agreed_actions == "Share the phonics tracker."
