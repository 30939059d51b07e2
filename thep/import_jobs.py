"""Imports the office runs from the admin as background jobs: upload, a preview worked out by the
worker (nothing written), then apply, all or nothing. No web request reads the file: a national
GIAS file takes longer than a request may.

    queued -> previewing -> previewed -> applying -> applied
                        \\-> refused / failed      \\-> refused / failed"""

import dataclasses
import logging
from typing import Any

from auditlog.context import set_actor
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string

from thep.csvfiles import ImportRefused, RowError
from thep.importing import (
    IMPORTERS,
    Importer,
    ImportSummary,
    refused_rows,
    refused_rows_agreed,
)
from thep.models import ImportJob, User

logger = logging.getLogger(__name__)

State = ImportJob.State


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="File (CSV)", help_text="Saved from Excel as CSV.")

    def options(self) -> dict[str, Any]:
        """What the importer takes beside the file (JSON, kept on the job)."""
        return {}


class ApplyForm(forms.Form):
    leave_out_refused = forms.BooleanField(required=False)

    def __init__(self, *args: Any, job: ImportJob, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        field = self.fields["leave_out_refused"]
        field.label = f"Leave out the {job.refused_rows} refused rows"
        field.help_text = "The other rows are imported; the refused ones change nothing."

    def clean_leave_out_refused(self) -> bool:
        leave_out = self.cleaned_data["leave_out_refused"]
        if self.job.refused_rows and not leave_out:
            raise forms.ValidationError(
                f"{self.job.refused_rows} rows were refused: tick the box to import the file "
                "without them, or put them right and upload the file again."
            )
        return leave_out


def importer_for(kind: str) -> Importer:
    try:
        return IMPORTERS[kind]
    except KeyError:
        raise Http404 from None


def may_run(user: User | AnonymousUser, kind: str) -> bool:
    importer = IMPORTERS.get(kind)
    return (
        importer is not None
        and user.has_perm("thep.add_importjob")
        and user.has_perms(importer.permissions)
    )


def kinds_for(*, user: User | AnonymousUser) -> list[str]:
    """The imports this person may run (and whose jobs they see)."""
    return [kind for kind in IMPORTERS if may_run(user, kind)]


def import_job_for(*, user: User, pk: int) -> ImportJob:
    """The job, to someone who may run its kind and see jobs; to anyone else, no such job."""
    job = ImportJob.objects.filter(pk=pk).select_related("created_by", "applied_by").first()
    if job is None or not (user.has_perm("thep.view_importjob") and may_run(user, job.kind)):
        raise Http404
    return job


def import_job_create(
    *, kind: str, upload: UploadedFile, options: dict[str, Any], by: User
) -> ImportJob:
    """Keep the file and have the worker preview it."""
    from thep.tasks import import_job_run_task

    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=kind, file=upload, file_name=upload.name or "", options=options, created_by=by
        )
        transaction.on_commit(lambda: import_job_run_task.delay(job.pk, apply=False))
    return job


def import_job_apply(*, job: ImportJob, leave_out_refused: bool, by: User) -> bool:
    """Have the worker apply a previewed job; False if it is no longer waiting for that (the
    Apply button pressed twice, or in two windows)."""
    from thep.tasks import import_job_run_task

    with transaction.atomic():
        moved = ImportJob.objects.filter(pk=job.pk, state=State.PREVIEWED).update(
            state=State.APPLYING,
            leave_out_refused=leave_out_refused,
            applied_by=by,
            applied_at=timezone.now(),
            rows_read=0,
        )
        if moved:
            transaction.on_commit(lambda: import_job_run_task.delay(job.pk, apply=True))
    return bool(moved)


def _summary_json(summary: ImportSummary) -> dict[str, Any]:
    return dataclasses.asdict(summary)


def _outcome(summary: ImportSummary, *, left_out: bool) -> str:
    words = f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged"
    skipped = sum(summary.skipped.values())
    if skipped:
        words += f", {skipped} skipped"
    refused = refused_rows(summary)
    if refused:
        words += f", {refused} refused rows" + (" left out" if left_out else "")
    return words


def import_job_run(*, job_id: int, apply: bool) -> None:
    """The worker's part: run the job's importer on its file, keeping what it found."""
    start, running = (State.APPLYING, State.APPLYING) if apply else (State.QUEUED, State.PREVIEWING)
    # A task given again after its worker was lost runs again: what it wrote was rolled back.
    claimed = ImportJob.objects.filter(pk=job_id, state__in=(start, running))
    if not claimed.update(state=running):
        return  # finished already
    job = ImportJob.objects.select_related("created_by", "applied_by").get(pk=job_id)
    function = import_string(IMPORTERS[job.kind].function)

    def progress(rows: int) -> None:
        job.rows_read = rows  # kept when the job is saved at the end
        ImportJob.objects.filter(pk=job_id).update(rows_read=rows)

    try:
        # Changes saved one by one (and the job's own) are audited as this person's.
        with (
            set_actor(job.applied_by if apply else job.created_by),
            refused_rows_agreed(job.refused_rows),
        ):
            summary = function(
                source=job.file.path,
                apply=apply,
                leave_out_refused=job.leave_out_refused,
                progress=progress,
                **job.options,
            )
            job.summary = _summary_json(summary)
            job.outcome = ("" if apply else "Preview: ") + _outcome(
                summary, left_out=job.leave_out_refused
            )
            job.state = State.APPLIED if apply else State.PREVIEWED
            job.finished_at = timezone.now()
            job.save()
    except ImportRefused as refused:
        _stop(job, State.REFUSED, refused.errors)
    except Exception:
        logger.exception("import %s failed", job_id)
        _stop(
            job,
            State.FAILED,
            [RowError(0, "", "The import stopped on an error in the portal; nothing has changed.")],
        )


def _stop(job: ImportJob, state: str, errors: list[RowError]) -> None:
    job.state = state
    job.problems = [dataclasses.asdict(error) for error in errors]
    job.outcome = f"{job.get_state_display()} ({len(errors)} problems)"
    job.finished_at = timezone.now()
    with set_actor(job.applied_by or job.created_by):
        job.save()
