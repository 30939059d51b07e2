"""What was done of the year's monitoring and moderation, for the LA's pages and the Council
report (gathered with `thep.hooks.collect("delivery", "lines", year=...)`): counts only."""

from django.db.models import Count, Q

from moderation.models import Draw, Kind

LABELS = {
    Kind.MONITORING: "Monitoring visits (phonics check and KS2 tests)",
    Kind.KS1: "KS1 moderation (reading, writing, maths)",
    Kind.KS2_WRITING: "KS2 writing moderation",
}


def lines(*, year: int) -> list[tuple[str, int, int | None]]:
    """(label, visits done, schools sampled) for each sample; sampled is None before the
    year's samples are drawn."""
    draw = Draw.objects.filter(year=year, superseded_at__isnull=True).first()
    if draw is None:
        return [(label, 0, None) for label in LABELS.values()]
    counts: dict[str, tuple[int, int]] = {
        kind: (done, sampled)
        for kind, done, sampled in draw.picks.values("kind")
        .annotate(done=Count("pk", filter=Q(visit__recorded_at__isnull=False)), sampled=Count("pk"))
        .values_list("kind", "done", "sampled")
    }
    return [(label, *counts.get(kind, (0, 0))) for kind, label in LABELS.items()]
