from playwright.sync_api import expect

from membership.models import School
from tests.membership.test_import_gias import ROWS, gias_file


def test_office_admin_imports_a_gias_file_in_the_admin(page, log_in, office_admin, tmp_path):
    good = tmp_path / "edubasealldata20261122.csv"
    good.write_bytes(gias_file())
    bad = tmp_path / "edubasealldata-broken.csv"
    bad.write_bytes(gias_file([["10O200", *ROWS[0][1:]]]))

    log_in(office_admin, next_url="/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    page.goto("/admin/membership/school/")
    page.get_by_role("link", name="Import a GIAS file").click()

    page.get_by_label("GIAS file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing has changed")
    expect(page.get_by_role("alert")).to_contain_text("row 2, column 'URN'")
    assert School.objects.count() == 0

    page.get_by_label("GIAS file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("5 created, 0 updated, 0 unchanged")).to_be_visible()
    expect(page.get_by_role("link", name="Bonner Primary School")).to_be_visible()
    assert School.objects.count() == 5
