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
