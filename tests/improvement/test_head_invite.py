"""Sharing needs someone who can agree. A school with no head on the portal: the report waits
as "shared, waiting for the head to join" (and says so), the school's LC or the office invites
the head from the school page, and a director can record an agreement given outside the
portal, with who and when, in the audit trail."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from improvement import services
from improvement.models import ReportStatus, Step
from membership.models import Affiliation
from tests.factories import AffiliationFactory, UserFactory
from thep.models import OutboxMessage, Role, User

S = ReportStatus


def test_sharing_with_a_school_without_a_head_says_it_waits_for_the_head_to_join(
    client_for, report_at, lc_a
):
    report = report_at(S.DRAFT)
    client = client_for(lc_a)
    response = client.post(f"/improvement/reports/{report.pk}/share/", follow=True)
    assert "Report shared with the head." not in response.text
    assert "Report shared, waiting for the head to join: Bonner Primary School has no head" in (
        response.text
    )
    assert "Shared, waiting for the head to join" in response.text
    assert f'href="/improvement/schools/{report.visit.school.urn}/head/"' in response.text
    report.refresh_from_db()
    assert report.status == S.SHARED
    assert not OutboxMessage.objects.exists()  # nobody to email


def test_the_visits_table_says_which_shared_reports_wait_for_the_head_to_join(
    client_for, report_at, lc_a, school_a
):
    report_at(S.SHARED)
    client = client_for(lc_a)
    assert "Shared, waiting for the head to join" in client.get("/improvement/").text
    head = UserFactory(role=Role.HEADTEACHER)  # has a password: on the portal
    AffiliationFactory(person=head, school=school_a)
    page = client.get("/improvement/").text
    assert "waiting for the head to join" not in page and "Shared with the head" in page


def test_a_head_invited_but_not_yet_in_is_still_waited_for(client_for, report_at, lc_a, school_a):
    invited = UserFactory(role=Role.HEADTEACHER, password=None)
    invited.set_unusable_password()
    invited.save()
    AffiliationFactory(person=invited, school=school_a)
    report = report_at(S.DRAFT)
    response = client_for(lc_a).post(f"/improvement/reports/{report.pk}/share/", follow=True)
    assert "waiting for the head to join: they have been invited" in response.text


def test_with_a_head_on_the_portal_the_report_is_shared_with_the_head(
    client_for, report_at, lc_a, head_a
):
    report = report_at(S.DRAFT)
    response = client_for(lc_a).post(f"/improvement/reports/{report.pk}/share/", follow=True)
    assert "Report shared with the head." in response.text
    assert "waiting for the head to join" not in response.text


def test_the_lc_invites_the_head_from_the_school_page(client_for, report_at, lc_a, school_a):
    report = report_at(S.SHARED)
    client = client_for(lc_a)
    school_page = client.get(f"/schools/{school_a.urn}/").text
    assert "The school has no head on the portal" in school_page
    assert "Invite the head" in school_page
    response = client.post(
        f"/improvement/schools/{school_a.urn}/head/",
        {"first_name": "Nadia", "last_name": "Rahman", "email": "N.Rahman@Bonner.example"},
    )
    assert response.status_code == 302 and response["Location"] == f"/schools/{school_a.urn}/"
    head = User.objects.get(email="n.rahman@bonner.example")
    assert (head.role, head.has_usable_password(), head.get_full_name()) == (
        Role.HEADTEACHER, False, "Nadia Rahman"
    )  # fmt: skip
    assert Affiliation.objects.filter(person=head, school=school_a).exists()
    invitation, waiting = OutboxMessage.objects.order_by("pk")
    assert (invitation.kind, invitation.to) == ("thep.invitation", [head.email])
    assert "/accounts/password/reset/key/" in invitation.body
    assert (waiting.kind, waiting.to) == ("improvement.report_shared", [head.email])
    assert f"/improvement/reports/{report.pk}/" in waiting.body
    # Until she sets her password, the school page says she was invited; sent again on asking.
    school_page = client.get(f"/schools/{school_a.urn}/").text
    assert "has been invited but has not logged in yet" in school_page
    client.post(
        f"/improvement/schools/{school_a.urn}/head/",
        {"first_name": "Nadia", "last_name": "Rahman", "email": head.email},
    )
    assert OutboxMessage.objects.filter(kind="thep.invitation").count() == 2
    assert User.objects.filter(email=head.email).count() == 1


def test_the_office_invites_a_head_too(client_for, office_admin, school_a):
    response = client_for(office_admin).post(
        f"/improvement/schools/{school_a.urn}/head/",
        {"first_name": "Nadia", "last_name": "Rahman", "email": "nadia@bonner.example"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="nadia@bonner.example").affiliations.get().school == school_a


def test_an_invitation_is_refused_in_plain_words_and_changes_nothing(
    client_for, lc_a, school_a, head_b, staff_a
):
    client = client_for(lc_a)
    for email, message in (
        (head_b.email, "already belongs to someone on the portal"),
        (staff_a.email, "already belongs to someone on the portal"),
        ("not an address", "Enter a valid email address."),
    ):
        response = client.post(
            f"/improvement/schools/{school_a.urn}/head/",
            {"first_name": "A", "last_name": "B", "email": email},
        )
        assert response.status_code == 400 and message in response.text, email
    assert not head_b.affiliations.filter(school=school_a).exists()
    assert not OutboxMessage.objects.exists()


def test_a_school_whose_head_is_on_the_portal_needs_no_invitation(client_for, lc_a, head_a):
    school = head_a.affiliations.get().school
    with pytest.raises(ValidationError, match="already has a head on the portal"):
        services.head_invite(
            school=school, by=lc_a, email="new@example.org", first_name="N", last_name="H"
        )
    page = client_for(lc_a).get(f"/schools/{school.urn}/").text
    assert "agrees the school's visit reports on the portal" in page


@pytest.mark.parametrize("who", ["lc_other", "head_a", "staff_a", "director", "la_officer"])
def test_only_the_schools_lc_and_the_office_invite_its_head(request, client_for, who, school_a):
    response = client_for(request.getfixturevalue(who)).post(
        f"/improvement/schools/{school_a.urn}/head/",
        {"first_name": "A", "last_name": "B", "email": "someone@example.org"},
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="someone@example.org").exists()


def test_a_director_records_an_agreement_given_outside_the_portal(
    client_for, report_at, primary_director, lc_a, django_capture_on_commit_callbacks
):
    report = report_at(S.SHARED)
    report.shared_at = timezone.now() - datetime.timedelta(days=2)
    report.save()
    client = client_for(primary_director)
    listing = client.get("/improvement/").text
    assert "Shared reports waiting for the head to join" in listing
    assert f"/improvement/reports/{report.pk}/agreement/" in listing
    form = client.get(f"/improvement/reports/{report.pk}/agreement/")
    assert form.status_code == 200 and report.summary not in form.text  # never the words
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            f"/improvement/reports/{report.pk}/agreement/",
            {"agreed_by": "Ms N Rahman", "agreed_on": yesterday.isoformat(), "how": "by email"},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.AGREED and report.agreed_by is None
    assert (report.agreed_outside_by, report.agreement_recorded_by) == (
        "Ms N Rahman", primary_director
    )  # fmt: skip
    assert timezone.localdate(report.agreed_at) == yesterday
    entry = report.comments.get(kind=Step.AGREED_OUTSIDE)
    assert entry.author == primary_director
    assert entry.text == f"Ms N Rahman agreed it on {yesterday:%-d %B %Y}, by email"
    audited = [e.changes_dict for e in LogEntry.objects.get_for_object(report)]
    assert any(
        change.get("agreed_outside_by") == ["", "Ms N Rahman"]
        and change.get("status") == ["shared", "agreed"]
        for change in audited
    ), audited
    page = client_for(lc_a).get(f"/improvement/reports/{report.pk}/").text
    assert "by Ms N Rahman on" in page and "outside the portal" in page
    assert OutboxMessage.objects.get().to == [lc_a.email]


def test_recording_an_agreement_is_refused_in_plain_words(client_for, report_at, primary_director):
    report = report_at(S.SHARED)
    report.shared_at = timezone.now()
    report.save()
    client = client_for(primary_director)
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    for data, message in (
        ({"agreed_by": "Ms Rahman", "agreed_on": tomorrow.isoformat()}, "cannot be in the future"),
        ({"agreed_by": "Ms Rahman", "agreed_on": "2020-01-01"}, "cannot have been agreed before"),
        ({"agreed_by": "", "agreed_on": today.isoformat()}, "This field is required"),
    ):
        response = client.post(f"/improvement/reports/{report.pk}/agreement/", data)
        assert response.status_code == 400 and message in response.text, data
    report.refresh_from_db()
    assert report.status == S.SHARED and not report.comments.exists()


@pytest.mark.parametrize(
    ("status", "who"),
    [
        (S.SHARED, "secondary_director"),
        (S.SHARED, "lc_a"),
        (S.SHARED, "head_a"),
        (S.SHARED, "la_officer"),
        (S.SHARED, "office_admin"),
        (S.DRAFT, "primary_director"),
        (S.AGREED, "primary_director"),
    ],
)
def test_only_a_phase_director_records_an_agreement_of_a_shared_report(
    request, client_for, report_at, status, who
):
    report = report_at(status)
    client = client_for(request.getfixturevalue(who))
    assert client.get(f"/improvement/reports/{report.pk}/agreement/").status_code == 404
    response = client.post(
        f"/improvement/reports/{report.pk}/agreement/",
        {"agreed_by": "X", "agreed_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == status
