import pytest

from improvement.models import ReportStatus
from tests.improvement.factories import ReportFactory


@pytest.fixture
def report_at(school_a, lc_a):
    """A report of LC A's visit to school A, in the given workflow state."""

    def make(status: str = ReportStatus.DRAFT, **visit):
        return ReportFactory(
            visit__school=school_a,
            visit__consultant=lc_a,
            status=status,
            **{f"visit__{name}": value for name, value in visit.items()},
        )

    return make
