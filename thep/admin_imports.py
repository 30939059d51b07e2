"""The office's imports in the admin: upload a file, watch the worker preview it, apply it, read
the result. The work is the worker's (thep.import_jobs); these views only ask and show."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST

from thep.access import AuthedRequest
from thep.import_jobs import (
    ApplyForm,
    import_job_apply,
    import_job_create,
    import_job_for,
    importer_for,
    kinds_for,
    may_run,
)
from thep.importing import IMPORTERS
from thep.models import ImportJob

# A page shows this many of a file's refused rows; the count says how many there are in all.
ROWS_SHOWN = 200


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "outcome", "created_by", "created_at", "applied_by"]
    list_filter = ["kind", "state"]
    list_select_related = ["created_by", "applied_by"]
    change_list_template = "admin/thep/importjob/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportJob]:
        return super().get_queryset(request).filter(kind__in=kinds_for(user=request.user))

    # Jobs are made by uploading a file, and never edited or deleted: they are the record.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportJob | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ImportJob | None = None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/<str:kind>/", view(self.upload), name="thep_importjob_upload"),
            path("<int:pk>/status/", view(self.status), name="thep_importjob_status"),
            path("<int:pk>/apply/", view(require_POST(self.apply)), name="thep_importjob_apply"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        kinds = [(kind, IMPORTERS[kind].label) for kind in kinds_for(user=request.user)]
        return super().changelist_view(request, {**(extra_context or {}), "kinds": kinds})

    def _context(self, request: HttpRequest, **context: Any) -> dict[str, Any]:
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **context}

    def upload(self, request: AuthedRequest, kind: str) -> HttpResponse:
        importer = importer_for(kind)
        if not may_run(request.user, kind):
            raise PermissionDenied
        form = import_string(importer.form)(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = import_job_create(
                kind=kind, upload=form.cleaned_data["file"], options=form.options(), by=request.user
            )
            return redirect("admin:thep_importjob_change", job.pk)
        return TemplateResponse(
            request,
            "admin/thep/importjob/upload.html",
            self._context(request, title=f"Import {importer.label}", form=form),
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if not object_id.isdigit():
            raise Http404
        job = import_job_for(user=request.user, pk=int(object_id))  # type: ignore[arg-type]
        return self._job_page(request, job, ApplyForm(job=job))

    def _job_page(self, request: HttpRequest, job: ImportJob, form: ApplyForm) -> HttpResponse:
        refused = (job.summary or {}).get("refused", [])
        return TemplateResponse(
            request,
            "admin/thep/importjob/job.html",
            self._context(
                request,
                title=f"Import of {job.file_name}",
                job=job,
                label=IMPORTERS[job.kind].label,
                summary=job.summary,
                refused=refused[:ROWS_SHOWN],
                refused_more=max(len(refused) - ROWS_SHOWN, 0),
                problems=job.problems[:ROWS_SHOWN],
                form=form,
            ),
        )

    def status(self, request: AuthedRequest, pk: int) -> HttpResponse:
        """The progress line the job page asks for (htmx, `ImportJob.check_again_in`) while the
        worker runs; once it has finished, htmx loads the whole page again (HX-Refresh)."""
        job = import_job_for(user=request.user, pk=pk)
        if not job.running:
            return HttpResponse(headers={"HX-Refresh": "true"})
        return TemplateResponse(request, "admin/thep/importjob/progress.html", {"job": job})

    def apply(self, request: AuthedRequest, pk: int) -> HttpResponse:
        job = import_job_for(user=request.user, pk=pk)
        form = ApplyForm(request.POST, job=job)
        if not form.is_valid():
            return self._job_page(request, job, form)
        if not import_job_apply(
            job=job, leave_out_refused=form.cleaned_data["leave_out_refused"], by=request.user
        ):
            self.message_user(request, "This import is not waiting to be applied.", messages.ERROR)
        return redirect(reverse("admin:thep_importjob_change", args=[job.pk]))
