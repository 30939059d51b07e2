"""A comment has a length limit, said plainly; a longer one changes nothing."""

import pytest
from django.db import IntegrityError

from improvement.models import COMMENT_LENGTH, ReportComment, ReportStatus


def test_a_comment_too_long_is_refused_with_a_plain_message(report_at, client_for, head_a):
    report = report_at(ReportStatus.SHARED)

    response = client_for(head_a).post(
        f"/improvement/reports/{report.pk}/comment/",
        {"text": "x" * (COMMENT_LENGTH + 1)},
        follow=True,
    )

    assert f"Keep your comment to {COMMENT_LENGTH} characters." in response.text
    assert not report.comments.exists()


def test_the_database_holds_the_limit_too(report_at, head_a):
    report = report_at(ReportStatus.SHARED)

    with pytest.raises(IntegrityError):
        ReportComment.objects.create(report=report, author=head_a, text="x" * (COMMENT_LENGTH + 1))
