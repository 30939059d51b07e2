import pytest
from django.core.management import CommandError, call_command

from membership.models import Membership, Purchase
from tests.membership.factories import PriceFactory, ProductFactory


def write(tmp_path, text):
    path = tmp_path / "members.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_loads_full_and_associate_members_with_packages(tmp_path, school_a, school_b):
    gold = ProductFactory(kind="package", code="gold", name="Gold")
    PriceFactory(product=gold, year=2017, member_price=9800, non_member_price=13700)
    path = write(
        tmp_path,
        "URN,year,category,name,package\n"
        "100001,2017-18,full,,Gold\n"
        "100002,2017-18,full,,\n"
        ",2017-18,associate,Spitalfields Music,\n",
    )
    call_command("import_memberships", str(path))
    assert Membership.objects.filter(year=2017).count() == 3
    purchase = Purchase.objects.get(school=school_a)
    assert purchase.at_member_price and purchase.unit_price == 9800


def test_import_with_a_bad_row_changes_nothing_and_names_row_and_column(tmp_path, school_a):
    path = write(
        tmp_path,
        "URN,year,category\n100001,2017-18,full\n999999,2017/18,gold\n100001,2017-18,full\n",
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_memberships", str(path))
    message = str(refused.value)
    assert "row 3, column 'URN': No school with URN 999999" in message
    assert "row 3, column 'year'" in message
    assert "row 3, column 'category'" in message
    assert "row 4, column 'year': The same member and year is already on row 2" in message
    assert not Membership.objects.exists()


def test_import_refuses_a_membership_that_already_exists(tmp_path, school_a):
    path = write(tmp_path, "URN,year,category\n100001,2017-18,full\n")
    call_command("import_memberships", str(path))
    with pytest.raises(CommandError, match="already has a membership for 2017-18"):
        call_command("import_memberships", str(path))
    assert Membership.objects.count() == 1


def test_admin_import_previews_then_confirms(client_for, office_admin, school_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(office_admin)
    upload = SimpleUploadedFile("members.csv", b"URN,year,category\n100001,2017-18,full\n")
    response = client.post(
        "/admin/membership/membership/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    assert "Bonner" in response.content.decode() or "100001" in response.content.decode()
    assert not Membership.objects.exists()  # the preview changes nothing
    confirm = response.context["confirm_form"]
    response = client.post(
        "/admin/membership/membership/process_import/",
        {name: value for name, value in confirm.initial.items()},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(member__school=school_a, year=2017).exists()


def test_admin_import_shows_row_errors_and_offers_no_confirm(client_for, office_admin, school_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("members.csv", b"URN,year,category\n999999,2017-18,full\n")
    response = client_for(office_admin).post(
        "/admin/membership/membership/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert "No school with URN 999999" in response.content.decode()
    assert response.context.get("confirm_form") is None
    assert not Membership.objects.exists()
