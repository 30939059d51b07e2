from pathlib import Path

import pytest

from membership.models import Phase, SchoolType
from tests.factories import SchoolFactory

DFE = Path(__file__).parent.parent / "fixtures" / "dfe"
KS2 = DFE / "england_ks2final_2023-24.csv"
KS4 = DFE / "england_ks4final_2023-24.csv"
ABSENCE = DFE / "england_abs_2023-24.csv"
EXCLUSIONS = DFE / "exclusions_school_2023-24.csv"
YEAR = 2023  # 2023-24, the year of every fixture


@pytest.fixture
def dfe_schools(school_a, school_b):
    """The register's schools of the fixtures' rows (100009 and Islington's are not in it)."""
    return {
        100001: school_a,
        100002: school_b,
        100003: SchoolFactory(urn=100003, name="Gamma Primary School"),
        100004: SchoolFactory(
            urn=100004,
            name="Omega Secondary School",
            phase=Phase.SECONDARY,
            school_type=SchoolType.ACADEMY,
        ),
        100005: SchoolFactory(urn=100005, name="Sigma Secondary School", phase=Phase.SECONDARY),
    }
