from django.conf import settings
from django.db import models

from thep import ranges, years


class Kind(models.TextChoices):
    KPI = "kpi", "KPI report"
    ANNUAL = "annual", "Annual report"
    COUNCIL = "council", "Report to the Council on the quality of education"


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class ReportFile(models.Model):
    """One version of a PDF report for a year. Making it again adds a version; none is ever
    overwritten. A failed version can be tried again."""

    kind = models.CharField(max_length=10, choices=Kind.choices)
    year = models.PositiveIntegerField(validators=ranges.between(*ranges.YEAR))
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(
        default=0, help_text="Per cent done.", validators=ranges.between(*ranges.PER_CENT)
    )
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to="reports/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="Time taken to make it.")

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            ranges.check("progress", *ranges.PER_CENT),
            models.UniqueConstraint(
                fields=["kind", "year", "version"], name="one_report_file_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year_label} v{self.version}"

    @property
    def year_label(self) -> str:
        return years.label(self.year)

    @property
    def filename(self) -> str:
        return f"thep-{self.kind}-report-{self.year_label}-v{self.version}.pdf"


class Foreword(models.Model):
    """The director's foreword to a year's annual report."""

    year = models.PositiveIntegerField(unique=True, validators=ranges.between(*ranges.YEAR))
    text = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [ranges.check("year", *ranges.YEAR)]

    def __str__(self) -> str:
        return f"Foreword {years.label(self.year)}"


class DataPack(models.Model):
    """One version of a school's comparative data analysis pack: its published figures of the
    three years to `year` against the LA, London and England. Making it again adds a version;
    none is overwritten."""

    school = models.ForeignKey(
        "membership.School", on_delete=models.CASCADE, related_name="data_packs"
    )
    year = models.PositiveIntegerField(validators=ranges.between(*ranges.YEAR))
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(
        default=0, help_text="Per cent done.", validators=ranges.between(*ranges.PER_CENT)
    )
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to="packs/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="Time taken to make it.")

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            ranges.check("year", *ranges.YEAR),
            ranges.check("progress", *ranges.PER_CENT),
            models.UniqueConstraint(
                fields=["school", "year", "version"], name="one_data_pack_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Data pack of {self.school.name}, {self.year_label} v{self.version}"

    @property
    def year_label(self) -> str:
        return years.label(self.year)

    @property
    def filename(self) -> str:
        return f"thep-data-pack-{self.school.urn}-{self.year_label}-v{self.version}.pdf"
