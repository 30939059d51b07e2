"""Numbers out of range are refused with a plain message wherever they come in: model forms and
the admin, and every import (naming the row and column). Nothing wraps round: 99999999999
pupils once came back as 1215752191."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, transaction

from membership.gias import gias_import
from membership.imports import memberships_import
from membership.models import Membership, School
from tests.factories import SchoolFactory
from tests.membership.test_import_gias import HEADER, ROWS, gias_file
from thep.csvfiles import ImportRefused


def _row(**changes) -> list[str]:
    row = dict(zip(HEADER, ROWS[0], strict=True))
    row.update(changes)
    return [row[name] for name in HEADER]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("NumberOfPupils", "99999999999"),
        ("NumberOfPupils", "10001"),
        ("URN", "99999999999"),
        ("URN", "4294967297"),
        ("URN", "12345"),
        ("LA (code)", "2110"),
        ("EstablishmentNumber", "20011"),
    ],
)
def test_gias_import_refuses_a_number_out_of_range_naming_row_and_column(column, value):
    with pytest.raises(ImportRefused) as refused:
        gias_import(source=gias_file(rows=[_row(**{column: value})]))

    assert f"row 2, column '{column}'" in str(refused.value)
    assert not School.objects.exists()


@pytest.mark.django_db
def test_gias_import_refuses_a_short_row_and_a_name_too_long():
    short = ROWS[0][:3]
    too_long = _row(EstablishmentName="x" * 201, URN="100300")
    with pytest.raises(ImportRefused) as refused:
        gias_import(source=gias_file(rows=[short, too_long]))

    message = str(refused.value)
    assert "row 2, column 'EstablishmentNumber'" in message
    assert "row 3, column 'EstablishmentName'" in message
    assert not School.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("urn", 99999), ("urn", 1000000), ("pupils", -1), ("pupils", 10001), ("la_code", 1000)],
)
def test_a_school_out_of_range_does_not_validate(field, value):
    school = SchoolFactory.build(**{field: value})

    with pytest.raises(ValidationError) as refused:
        school.full_clean(validate_unique=False, validate_constraints=False)

    assert field in refused.value.message_dict


@pytest.mark.django_db
def test_a_number_too_big_for_its_column_is_refused_not_wrapped(school_a):
    """The last line, for code that skips validation: 99999999999 was stored as 1215752191."""
    with pytest.raises(DataError), transaction.atomic():
        School.objects.filter(pk=school_a.pk).update(pupils=99999999999)
    with pytest.raises(DataError), transaction.atomic():
        list(School.objects.filter(urn__in=[2**32 + school_a.urn]))

    school_a.refresh_from_db()
    assert school_a.pupils != 1215752191


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("99999999999,2017-18,full,", "URN"),
        ("4295067297,2017-18,full,", "URN"),
        ("100001,9999-00,full,", "year"),
        ("100001,0000-01,full,", "year"),
        (",2017-18,associate," + "x" * 201, "name"),
    ],
)
def test_membership_import_refuses_a_bad_cell_naming_row_and_column(row, column, school_a):
    with pytest.raises(ImportRefused) as refused:
        memberships_import(source=f"URN,year,category,name\n{row}\n".encode())

    assert f"row 2, column '{column}'" in str(refused.value)
    assert not Membership.objects.exists()


def test_admin_refuses_a_school_out_of_range_with_a_plain_message(client_for, office_admin):
    response = client_for(office_admin).post(
        "/admin/membership/school/add/",
        {"urn": "99999999999", "name": "X", "phase": "primary", "school_type": "academy",
         "la_code": "211", "pupils": "99999999999"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "Give a whole number from 100000 to 999999." in response.text
    assert "Give a whole number from 0 to 10000." in response.text
    assert not School.objects.exists()
