from playwright.sync_api import expect


def test_head_logs_in_and_sees_their_school_record(
    page, log_in_by_form, accessible, head_a, school_a, school_b
):
    page.goto("/accounts/login/")
    accessible(page)
    log_in_by_form(head_a)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    accessible(page)
    page.locator(f"#school-{school_a.urn}").get_by_role("link", name=school_a.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonner Primary School")
    expect(page.get_by_text(str(school_a.urn), exact=True)).to_be_visible()
    accessible(page)

    page.goto(f"/schools/{school_b.urn}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    accessible(page)


def test_wrong_password_keeps_the_email_and_explains(page, log_in_by_form, head_a):
    log_in_by_form(head_a, "not-the-password")
    expect(page.get_by_text("not correct")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value(head_a.email)


def test_pages_fit_a_phone(page, log_in, head_a, school_a):
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(head_a)
    page.goto(f"/schools/{school_a.urn}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(page.get_by_role("button", name="Show the menu")).to_be_visible()
