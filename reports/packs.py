"""Comparative data analysis packs: who may see a school's packs, asking for new versions, and
making one (the worker's part; reports.datapack renders it)."""

import time
import zlib

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from membership.models import TOWER_HAMLETS, Membership, School, SchoolType
from outcomes.access import sees_school_outcomes
from reports.datapack import render_data_pack
from reports.models import DataPack, Status
from thep.models import User
from thep.storage import file_field_replace


def sees_data_packs(user: User, school: School) -> bool:
    """A school's packs: its head, its LC, the directors and the office, and LA officers for
    LA-maintained schools only: whoever sees its figures against the country."""
    return sees_school_outcomes(user, school)


def data_pack_school_check(*, user: User, school: School) -> None:
    if not sees_data_packs(user, school):
        raise Http404


def data_pack_for(*, user: User, pk: int) -> DataPack:
    """One version of a pack, for whoever may see the school's packs; a 404 otherwise, as for
    a pack that does not exist."""
    pack = get_object_or_404(DataPack.objects.select_related("school", "requested_by"), pk=pk)
    data_pack_school_check(user=user, school=pack.school)
    return pack


def pack_schools(*, year: int) -> QuerySet[School]:
    """The schools a pack is made for: every LA-maintained school of the borough open in the
    year, member or not, and every member of the year."""
    members = Membership.objects.filter(year=year, member__school__isnull=False).values(
        "member__school_id"
    )
    maintained = Q(school_type=SchoolType.LA_MAINTAINED, la_code=TOWER_HAMLETS)
    return School.objects.open_during(year).filter(maintained | Q(pk__in=members)).order_by("name")


def _check_director(by: User) -> None:
    if not by.is_director:
        raise ValidationError("Only THE Partnership's directors make data packs.")


def data_pack_request(*, school: School, year: int, by: User) -> DataPack:
    """Queue a new version of the school's pack for the year; a worker makes it."""
    from reports.tasks import make_data_pack

    _check_director(by)
    with transaction.atomic():
        # Two requests at once must not get the same version number.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(f"pack{school.pk}/{year}".encode())]
            )
        latest = DataPack.objects.filter(school=school, year=year).aggregate(v=Max("version"))
        pack = DataPack.objects.create(
            school=school, year=year, version=(latest["v"] or 0) + 1, requested_by=by
        )
        transaction.on_commit(lambda: make_data_pack.delay(pack.pk))
    return pack


def data_packs_request_all(*, year: int, by: User) -> list[DataPack]:
    """A new version for every school a pack is made for: one task each, so one school's
    failure leaves the others' packs made."""
    _check_director(by)
    with transaction.atomic():
        return [
            data_pack_request(school=school, year=year, by=by) for school in pack_schools(year=year)
        ]


def _progress(pack: DataPack, percent: int) -> None:
    DataPack.objects.filter(pk=pack.pk).update(status=Status.RUNNING, progress=percent)


def data_pack_make(*, pack: DataPack) -> None:
    """Render the pack and keep it. The file is written whole once the PDF is made, so a
    failure never leaves half a file; it records the reason."""
    started = time.monotonic()
    _progress(pack, 10)
    try:
        pdf = render_data_pack(pack.school, pack.year)
        _progress(pack, 90)
        file_field_replace(instance=pack, field="pdf", filename=pack.filename, content=pdf)
    except Exception as failure:
        DataPack.objects.filter(pk=pack.pk).update(
            status=Status.FAILED, error=f"{type(failure).__name__}: {failure}"[:1000]
        )
        raise
    DataPack.objects.filter(pk=pack.pk).update(
        status=Status.DONE,
        progress=100,
        finished_at=timezone.now(),
        seconds=round(time.monotonic() - started, 2),
    )
