"""Imports from the admin run as background jobs on a real worker: upload, preview (nothing
written), apply all or nothing, with the result kept and the audit trail told who did it."""

import time
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from membership import imports
from membership.models import Membership
from tests.factories import UserFactory
from thep.models import ImportJob, Role

State = ImportJob.State
GOOD = b"URN,year,category\r\n100001,2017-18,full\r\n100002,2017-18,associate\r\n"
ONE_REFUSED = b"URN,year,category\r\n100001,2017-18,full\r\n999999,2017-18,full\r\n"


def wait_for(job_id: int, *states: str, seconds: float = 30) -> ImportJob:
    deadline = time.monotonic() + seconds
    while True:
        job = ImportJob.objects.get(pk=job_id)
        if job.state in states or time.monotonic() > deadline:
            assert job.state in states, f"{job.state}: {job.problems}"
            return job
        time.sleep(0.1)


def upload(client, data: bytes, name: str = "members 2017-18.csv") -> int:
    response = client.post(
        "/admin/thep/importjob/upload/memberships/", {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.latest("created_at").pk


@pytest.fixture
def office(client_for, office_admin, school_a, school_b, celery_worker):
    return client_for(office_admin)


def test_office_previews_then_applies_a_file_and_the_result_is_kept(office, office_admin):
    job_id = upload(office, GOOD)

    job = wait_for(job_id, State.PREVIEWED)
    page = office.get(f"/admin/thep/importjob/{job_id}/change/").content.decode()
    assert "What the import would change" in page
    assert '<th scope="row">Created</th><td>2</td>' in page
    assert not Membership.objects.exists()  # the preview wrote nothing
    assert job.file_name == "members 2017-18.csv" and job.rows_read == 2

    response = office.post(f"/admin/thep/importjob/{job_id}/apply/")
    assert response.status_code == 302
    job = wait_for(job_id, State.APPLIED)

    assert Membership.objects.filter(year=2017).count() == 2
    assert job.applied_by == office_admin and job.outcome == "2 created, 0 updated, 0 unchanged"
    page = office.get(f"/admin/thep/importjob/{job_id}/change/").content.decode()
    assert "What the import changed" in page and "Imported" in page
    assert "Apply" not in page
    # Applying twice (the button pressed again) does nothing more.
    office.post(f"/admin/thep/importjob/{job_id}/apply/")
    assert Membership.objects.count() == 2


def test_the_audit_trail_says_who_applied_which_file_and_what_it_changed(
    office, office_admin, client_for, director
):
    job_id = upload(office, GOOD)
    wait_for(job_id, State.PREVIEWED)
    office.post(f"/admin/thep/importjob/{job_id}/apply/")
    wait_for(job_id, State.APPLIED)

    applied = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ImportJob), object_pk=str(job_id)
    ).latest("timestamp")
    assert applied.actor == office_admin
    assert applied.changes_dict["state"] == ["applying", "applied"]
    assert applied.changes_dict["outcome"][1] == "2 created, 0 updated, 0 unchanged"
    # The memberships themselves, saved one by one, are the office's changes too.
    memberships = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Membership)
    )
    assert memberships.count() == 2 and {entry.actor for entry in memberships} == {office_admin}
    page = client_for(director).get("/audit/", {"q": "members 2017-18"}).content.decode()
    assert "2 created, 0 updated, 0 unchanged" in page


def test_refused_rows_are_left_out_only_when_the_office_says_so(office):
    job_id = upload(office, ONE_REFUSED)
    job = wait_for(job_id, State.PREVIEWED)
    page = office.get(f"/admin/thep/importjob/{job_id}/change/").content.decode()
    assert "No school with URN 999999" in page and job.refused_rows == 1

    response = office.post(f"/admin/thep/importjob/{job_id}/apply/")
    assert "1 rows were refused: tick the box" in response.content.decode()
    assert ImportJob.objects.get(pk=job_id).state == State.PREVIEWED

    office.post(f"/admin/thep/importjob/{job_id}/apply/", {"leave_out_refused": "on"})
    job = wait_for(job_id, State.APPLIED)
    assert list(Membership.objects.values_list("member__school__urn", flat=True)) == [100001]
    assert job.outcome == "1 created, 0 updated, 0 unchanged, 1 refused rows left out"


def test_leaving_out_refused_rows_covers_only_those_the_preview_showed(office, school_a):
    job_id = upload(office, ONE_REFUSED)
    assert wait_for(job_id, State.PREVIEWED).refused_rows == 1
    school_a.delete()  # the register changes: now URN 100001 is refused too

    office.post(f"/admin/thep/importjob/{job_id}/apply/", {"leave_out_refused": "on"})
    job = wait_for(job_id, State.REFUSED)
    assert not Membership.objects.exists()
    assert "2 rows are refused now, 1 at the preview" in job.problems[0]["message"]


def test_a_failure_midway_through_applying_changes_nothing(office, monkeypatch):
    real = imports.apply_row
    calls: list[object] = []

    def fails_on_the_second_row(parsed):
        calls.append(parsed)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real(parsed)

    job_id = upload(office, GOOD)
    wait_for(job_id, State.PREVIEWED)
    calls.clear()
    monkeypatch.setattr(imports, "apply_row", fails_on_the_second_row)
    office.post(f"/admin/thep/importjob/{job_id}/apply/")

    wait_for(job_id, State.FAILED)
    assert len(calls) == 2  # the first row was written, then rolled back
    assert not Membership.objects.exists()
    page = office.get(f"/admin/thep/importjob/{job_id}/change/").content.decode()
    assert "nothing has changed" in page


def test_a_file_that_cannot_be_read_is_refused_saying_how_to_save_it(office):
    job_id = upload(office, "URN\tyear\tcategory\r\n".encode("utf-16"))

    wait_for(job_id, State.REFUSED)
    page = office.get(f"/admin/thep/importjob/{job_id}/change/").content.decode()
    assert "This file is UTF-16 (Excel&#x27;s &#x27;Unicode text&#x27;)" in page
    assert "Apply" not in page


def test_the_progress_line_reloads_the_page_once_the_worker_has_finished(office):
    job_id = upload(office, GOOD)
    wait_for(job_id, State.PREVIEWED)

    response = office.get(f"/admin/thep/importjob/{job_id}/status/")

    assert response.headers["HX-Refresh"] == "true"


@pytest.mark.django_db
def test_the_progress_line_asks_again_soon_at_first_then_every_two_seconds(
    client_for, office_admin
):
    office = client_for(office_admin)
    job = ImportJob.objects.create(
        kind="memberships", file=SimpleUploadedFile("m.csv", GOOD), created_by=office_admin
    )
    status = f"/admin/thep/importjob/{job.pk}/status/"

    assert 'hx-trigger="every 500ms"' in office.get(status).content.decode()

    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(seconds=11))
    assert 'hx-trigger="every 2s"' in office.get(status).content.decode()

    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.APPLYING, applied_at=timezone.now()
    )
    assert 'hx-trigger="every 500ms"' in office.get(status).content.decode()


@pytest.mark.django_db
def test_staff_without_the_imports_permission_see_no_jobs(client_for, office_admin, school_a):
    job = ImportJob.objects.create(
        kind="memberships", file=SimpleUploadedFile("m.csv", GOOD), created_by=office_admin
    )
    clerk = UserFactory(email="clerk@example.org", role=Role.ADMIN, is_staff=True)
    clerk.user_permissions.add(
        *office_admin.groups.get().permissions.exclude(codename="add_membership")
    )
    client = client_for(clerk)

    assert client.get(f"/admin/thep/importjob/{job.pk}/change/").status_code == 404
    assert client.get(f"/admin/thep/importjob/{job.pk}/status/").status_code == 404
    assert client.post(f"/admin/thep/importjob/{job.pk}/apply/").status_code == 404
    assert client.get("/admin/thep/importjob/upload/memberships/").status_code == 403
    assert "m.csv" not in client.get("/admin/thep/importjob/").content.decode()


@pytest.mark.django_db
def test_the_command_previews_and_imports_by_the_same_code(tmp_path, school_a, school_b):
    path = tmp_path / "members.csv"
    path.write_bytes(GOOD)

    call_command("import_memberships", str(path), "--preview")
    assert not Membership.objects.exists()
    call_command("import_memberships", str(path))
    assert Membership.objects.count() == 2


@pytest.mark.django_db
def test_the_list_of_imports_costs_the_same_queries_however_long(
    client_for, office_admin, django_assert_max_num_queries
):
    for number in range(40):
        ImportJob.objects.create(
            kind="memberships",
            file=f"imports/{number}.csv",
            file_name=f"members {number}.csv",
            created_by=office_admin,
            applied_by=office_admin,
        )
    client = client_for(office_admin)
    client.get("/admin/thep/importjob/")

    with django_assert_max_num_queries(10):
        page = client.get("/admin/thep/importjob/").content.decode()
    assert "members 39.csv" in page
