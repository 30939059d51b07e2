"""A head presses "Ofsted called" on her home page; the director assigns the support from his;
then Ofsted publishes, the office imports the MI file, and the director sees the inspection
linked to the call. The LA officer never reaches the support page."""

from playwright.sync_api import expect

from commission.models import InspectionCall
from ofsted.mi_import import ofsted_import
from tests.commission.inspection_calls import days, mi_file, today


def test_a_head_says_ofsted_called_and_the_director_assigns_support_then_the_import_links_it(
    page, log_in, accessible, head_a, school_a, lc_a, primary_director, la_officer, celery_worker
):
    log_in(head_a)
    page.get_by_role("link", name="Ofsted called").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ofsted has called {school_a.name}")
    accessible(page)
    page.get_by_label("First day of the inspection").fill(days(1).isoformat())
    page.get_by_label("Type of inspection").select_option(label="Report card")
    page.get_by_role("button", name="Tell THE Partnership").click()
    expect(page.get_by_text("Your LC and the director have been emailed")).to_be_visible()
    expect(page.get_by_text("not assigned yet")).to_have_count(2)
    call = InspectionCall.objects.get(school=school_a)

    page.context.clear_cookies()
    log_in(primary_director)
    waiting = page.get_by_role("region", name="Ofsted inspections to assign support to")
    waiting.get_by_role("link", name=school_a.name).click()
    accessible(page)
    page.get_by_label("Meets the lead inspector").select_option(value=str(lc_a.pk))
    page.get_by_label("Attends the feedback").select_option(value=str(primary_director.pk))
    page.get_by_role("button", name="Assign the support").click()
    expect(page.get_by_text("The support is assigned.")).to_be_visible()
    page.get_by_label("Note of the support").fill("Met the lead inspector; data questions on KS2.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("data questions on KS2")).to_be_visible()
    expect(page.get_by_text("not published yet")).to_be_visible()

    # A month on, Ofsted publishes; the office imports the monthly file.
    ofsted_import(source=mi_file(urn=school_a.urn, started=days(1), published=today()))
    page.reload()
    expect(page.get_by_text(f"published {today():%-d %B %Y}")).to_be_visible()
    call.refresh_from_db()
    assert call.inspection is not None and call.meets_lead_inspector == lc_a

    page.context.clear_cookies()
    log_in(la_officer)
    response = page.goto(f"/commission/inspections/{call.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_text("data questions on KS2")).to_have_count(0)
