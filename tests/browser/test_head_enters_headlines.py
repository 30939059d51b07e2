"""A head enters their school's headline results for the year just ended, fixes a figure out
of range, and sees them on the school page marked provisional."""

from playwright.sync_api import expect


def test_head_enters_headlines_and_sees_them_provisional(
    page, log_in, accessible, head_a, school_a
):
    log_in(head_a, next_url=f"/schools/{school_a.urn}/")
    page.get_by_role("link", name="Enter this year's headline figures").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Headline figures")
    accessible(page)

    expected = "KS2 reading, writing and maths: expected standard (%)"
    page.get_by_label(expected).fill("140")
    page.get_by_label("KS2 maths: average scaled score").fill("104")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Ensure this value is less than or equal to 100")).to_be_visible()
    expect(page.get_by_label("KS2 maths: average scaled score")).to_have_value("104")
    accessible(page)

    page.get_by_label(expected).fill("68.5")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Headline figures for")
    row = page.get_by_role("row").filter(has_text=expected)
    expect(row).to_contain_text("68.50 provisional")
    accessible(page)
