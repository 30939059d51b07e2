from pathlib import Path

import pytest

from membership.models import Phase
from tests.factories import SchoolFactory

# Ofsted's management information in each layout, with made-up rows for the schools below.
FIXTURES = Path(__file__).parent.parent / "fixtures" / "ofsted"
REPORT_CARDS = FIXTURES / "report_card_layout_2025-12.csv"
LAYOUT_2021 = FIXTURES / "2021_to_2025_layout_2025-08.csv"
LAYOUT_2019 = FIXTURES / "2019_to_2021_layout_2021-08.csv"
LAYOUT_2015 = FIXTURES / "2015_to_2019_layout_2018-08.csv"


@pytest.fixture
def mi_schools(db):
    """The schools the fixtures' rows are about."""
    return {
        "bonner": SchoolFactory(urn=130001, name="Bonner"),
        "cayley": SchoolFactory(urn=130002, name="Cayley"),
        "harbinger": SchoolFactory(urn=130003, name="Harbinger", phase=Phase.SECONDARY),
        "marner": SchoolFactory(urn=130004, name="Marner"),
    }
