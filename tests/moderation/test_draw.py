"""The office draws each year's samples: seeded and reproducible, at least the STA's share of
the pool (rounded up), with every overdue school forced in, and a redraw only with a reason."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from membership.models import Phase, School, SchoolType
from moderation.models import Draw, Kind, Pick
from moderation.services import sample_draw
from tests.factories import SchoolFactory, UserFactory
from tests.moderation.factories import DrawFactory, VisitFactory
from thep.models import Role

YEAR = 2026


def sample(draw: Draw, kind: str) -> dict[int, str]:
    return dict(draw.picks.filter(kind=kind).values_list("school__urn", "reason"))


@pytest.fixture
def primaries(db) -> list[School]:
    """Twenty primaries in the borough, an all-through school, and schools not in the pool
    (made at once: the pool's size, not the schools' signals, is the point)."""
    School.objects.bulk_create(
        [
            SchoolFactory.build(phase=Phase.SECONDARY),
            SchoolFactory.build(phase=Phase.SPECIAL),
            SchoolFactory.build(la_code=202),  # out of borough
            SchoolFactory.build(is_open=False, closed_on=datetime.date(2025, 7, 31)),
            SchoolFactory.build(phase=Phase.ALL_THROUGH),
        ]
    )
    return School.objects.bulk_create(
        [SchoolFactory.build(school_type=SchoolType.ACADEMY) for _ in range(3)]
        + [SchoolFactory.build() for _ in range(17)]
    )


def test_the_same_seed_and_schools_give_the_same_sample_and_another_seed_another(
    primaries, office_admin
):
    first = sample_draw(year=YEAR, by=office_admin, seed=123)
    again = sample_draw(year=YEAR, by=office_admin, seed=123, reason="Checking the draw")
    other = sample_draw(year=YEAR, by=office_admin, seed=124, reason="A new seed")
    for kind in Kind:
        assert sample(first, kind) == sample(again, kind)
    assert sample(first, Kind.KS2_WRITING) != sample(other, Kind.KS2_WRITING)
    assert set(sample(first, Kind.KS2_WRITING).values()) == {"random, seed 123"}


def test_each_sample_is_its_share_of_the_pool_rounded_up(primaries, office_admin):
    """21 schools (20 primaries and an all-through school): 10% is 2.1, so 3 monitoring
    visits; 25% is 5.25, so 6 of each moderation. Secondary, special, closed and
    out-of-borough schools are not in the pool."""
    drawn = sample_draw(year=YEAR, by=office_admin, seed=7)
    assert drawn.pool == 21
    counts = {kind: drawn.picks.filter(kind=kind).count() for kind in Kind}
    assert counts == {Kind.MONITORING: 3, Kind.KS1: 6, Kind.KS2_WRITING: 6}
    assert not drawn.picks.exclude(school__phase__in=[Phase.PRIMARY, Phase.ALL_THROUGH]).exists()
    assert "once every 4 years" in drawn.rule and "gov.uk" in drawn.rule


def test_special_schools_join_the_pool_when_asked(primaries, office_admin):
    assert sample_draw(year=YEAR, by=office_admin, seed=7, include_special=True).pool == 22


def test_a_school_not_moderated_for_four_years_is_put_in_whatever_the_seed(primaries, office_admin):
    """Moderated for KS2 writing in 2022-23 and not since: due in 2026-27 under every seed."""
    overdue = primaries[0]
    VisitFactory(
        pick__draw__year=2022, pick__kind=Kind.KS2_WRITING, pick__school=overdue,
        recorded_at=datetime.datetime(2023, 6, 10, tzinfo=datetime.UTC),
    )  # fmt: skip
    for seed in range(5):
        drawn = sample_draw(year=YEAR, by=office_admin, seed=seed, reason=f"seed {seed}")
        assert sample(drawn, Kind.KS2_WRITING)[overdue.urn] == "not moderated since 2022-23"
        assert drawn.picks.filter(kind=Kind.KS2_WRITING).count() == 6


def test_with_three_years_of_draws_a_school_never_moderated_in_them_is_put_in(
    primaries, office_admin
):
    """The portal's draws of 2023-24 to 2025-26 moderated every school's KS1 but one."""
    for year in (2023, 2024, 2025):
        DrawFactory(year=year)
    left_out, moderator = primaries[-1], UserFactory(role=Role.MODERATOR, mfa=False)
    for number, school in enumerate(primaries[:-1]):
        VisitFactory(
            moderator=moderator,
            pick__draw=Draw.objects.get(year=2023 + number % 3), pick__kind=Kind.KS1,
            pick__school=school, recorded_at=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC),
        )  # fmt: skip
    drawn = sample_draw(year=YEAR, by=office_admin, seed=1)
    ks1 = sample(drawn, Kind.KS1)
    assert ks1[left_out.urn] == "not moderated in 2023-24 to 2025-26"
    assert len(ks1) == 6 and list(ks1.values()).count("random, seed 1") == 4


def test_a_new_head_comes_before_the_others(primaries, office_admin):
    new = primaries[3]
    new.headship_start = datetime.date(2026, 4, 20)
    new.save()
    for seed in range(3):
        drawn = sample_draw(year=YEAR, by=office_admin, seed=seed, reason=f"seed {seed}")
        assert sample(drawn, Kind.MONITORING)[new.urn] == (
            f"new head since 20 April 2026; random among such schools, seed {seed}"
        )


def test_a_second_draw_is_refused_without_a_reason_and_with_one_both_are_kept(
    primaries, office_admin
):
    first = sample_draw(year=YEAR, by=office_admin, seed=5)
    with pytest.raises(ValidationError, match="say why"):
        sample_draw(year=YEAR, by=office_admin, seed=6, reason="  ")
    assert Draw.objects.count() == 1

    second = sample_draw(year=YEAR, by=office_admin, seed=6, reason="Two schools were missing")
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert second.reason == "Two schools were missing"
    assert Pick.objects.filter(draw=first).count() == Pick.objects.filter(draw=second).count()


def test_the_draw_and_each_school_in_it_are_in_the_audit_trail(primaries, office_admin):
    drawn = sample_draw(year=YEAR, by=office_admin, seed=5)
    picks = LogEntry.objects.get_for_objects(Pick.objects.filter(draw=drawn))
    assert picks.count() == drawn.picks.count() == 15
    assert LogEntry.objects.get_for_object(drawn).exists()


def test_a_year_without_schools_to_draw_from_is_refused_in_words(db, office_admin):
    SchoolFactory(phase=Phase.SECONDARY)
    with pytest.raises(ValidationError, match="No school in the register"):
        sample_draw(year=YEAR, by=office_admin)
    assert not Draw.objects.exists()
