"""Members, their memberships per year, and the fee rates and pupil numbers that price them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from membership.models.register import School
from thep import ranges, years


class Category(models.TextChoices):
    FULL = "full", "Full"
    ASSOCIATE = "associate", "Associate"


class Member(models.Model):
    """A school, organisation or person that belongs (or belonged) to THE Partnership.

    Schools are members through their URN; associate organisations and individuals have no URN
    and are known by name."""

    school = models.OneToOneField(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="member"
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="For members with no URN: an organisation or person."
    )
    finance_email = models.EmailField(
        "finance contact email",
        blank=True,
        help_text="Who pays the invoices (a school business manager); copied into reminders.",
    )
    fee_and_package_together = models.BooleanField(
        "fee and package on one invoice",
        default=False,
        help_text="The year's package goes on the membership fee invoice when it is ordered "
        "before that invoice is issued; otherwise packages are invoiced with the other orders.",
    )
    notice_given_on = models.DateField("notice given", null=True, blank=True)
    leaves_on = models.DateField(
        "membership ends",
        null=True,
        blank=True,
        help_text="The last day of membership after notice: at least a year after the notice.",
    )
    notice_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["school__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False) | ~Q(name=""),
                name="member_is_a_school_or_has_a_name",
                violation_error_message="A member with no URN needs a name.",
            ),
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(school__isnull=True),
                name="one_member_per_name",
                violation_error_message="There is already a member with this name.",
            ),
            models.CheckConstraint(
                condition=Q(notice_given_on__isnull=True, leaves_on__isnull=True)
                | Q(notice_given_on__isnull=False, leaves_on__gt=models.F("notice_given_on")),
                name="notice_has_a_leaving_date_after_it",
            ),
        ]

    def __str__(self) -> str:
        return self.school.name if self.school is not None else self.name


class Joining(models.Model):
    """A member joining (or rejoining), with the commitments they accepted, who and when."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="joinings")
    joined_on = models.DateField()
    category = models.CharField(max_length=10, choices=Category.choices)
    accepts_aims_and_values = models.BooleanField("supports the aims and values of THE Partnership")
    accepts_guarantee = models.BooleanField(
        "will pay up to £25 if THE Partnership is wound up owing debts"
    )
    accepted_by_name = models.CharField("accepted by", max_length=200)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The portal account that recorded it, when there is one.",
    )
    accepted_at = models.DateTimeField()

    class Meta:
        ordering = ["-joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepts_aims_and_values=True, accepts_guarantee=True),
                name="joining_accepts_every_commitment",
                violation_error_message="A member must accept the aims and values and the £25 "
                "guarantee to join.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} joined on {self.joined_on:%d %b %Y}"


class FeeRate(models.Model):
    """The fee per pupil for a membership year, and the month charging starts from.

    Charging usually starts on 1 September; in the founding year 2016-17 it started on
    1 April 2017, so that year charges 5 of 12 months."""

    year = models.PositiveIntegerField(
        unique=True, help_text="2017 is 2017-18.", validators=ranges.between(*ranges.YEAR)
    )
    per_pupil = models.DecimalField(
        "fee per pupil (£)",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    associate_fee = models.DecimalField(
        "associate fee for the year (£)", max_digits=9, decimal_places=2, default=Decimal("0")
    )
    charged_from = models.DateField(help_text="The first day fees are charged in this year.")

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(per_pupil__gt=0) & Q(associate_fee__gte=0), name="fee_rate_positive"
            ),
            ranges.check("year", *ranges.YEAR),
        ]

    def __str__(self) -> str:
        return f"£{self.per_pupil} per pupil in {years.label(self.year)}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.year and self.charged_from and years.year_of(self.charged_from) != self.year:
            raise ValidationError(
                {"charged_from": f"This date is not in {years.label(self.year)}."}
            )


class PupilCount(models.Model):
    """The pupils on roll recorded for a school for a membership year: what its fee is on."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="pupil_counts")
    year = models.PositiveIntegerField(validators=ranges.between(*ranges.YEAR))
    pupils = models.PositiveIntegerField(
        "pupils on roll", validators=ranges.between(*ranges.PUPILS)
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="one_pupil_count_per_year"),
            ranges.check("year", *ranges.YEAR),
            ranges.check("pupils", *ranges.PUPILS),
        ]

    def __str__(self) -> str:
        return f"{self.school}: {self.pupils} pupils in {years.label(self.year)}"


class Membership(models.Model):
    """A member's membership for one year (1 September to 31 August), full or associate.

    `ends_on` is 31 August unless the member has given notice and leaves during the year."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="memberships")
    year = models.PositiveIntegerField(
        help_text="2017 is 2017-18.", validators=ranges.between(*ranges.YEAR)
    )
    category = models.CharField(max_length=10, choices=Category.choices, default=Category.FULL)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-year", "member__school__name", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="one_membership_per_member_and_year",
                violation_error_message="This member already has a membership for that year.",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="membership_starts_first"
            ),
        ]
        indexes = [models.Index(fields=["year", "category"])]

    def __str__(self) -> str:
        return f"{self.member} {years.label(self.year)} ({self.get_category_display()})"

    @property
    def year_label(self) -> str:
        return years.label(self.year)


class JoinRequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for the office"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class JoinRequest(models.Model):
    """A school's head asking, on the portal, for their school to join, having accepted the
    commitments of joining (seed 002). The office approves it (a Joining and a membership
    from the day chosen, charged pro rata) or declines it with a reason."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="join_requests")
    category = models.CharField(max_length=10, choices=Category.choices, default=Category.FULL)
    accepts_aims_and_values = models.BooleanField("supports the aims and values of THE Partnership")
    accepts_guarantee = models.BooleanField(
        "will pay up to £25 if THE Partnership is wound up owing debts"
    )
    accepts_fee = models.BooleanField("will pay the annual membership fee")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_by_name = models.CharField("asked by", max_length=200)
    asked_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.WAITING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)
    joining = models.OneToOneField(
        Joining, null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )

    class Meta:
        ordering = ["-asked_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepts_aims_and_values=True, accepts_guarantee=True, accepts_fee=True),
                name="join_request_accepts_every_commitment",
                violation_error_message="Accept every commitment of joining to ask to join.",
            ),
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(status="waiting"),
                name="one_waiting_join_request_per_school",
                violation_error_message="This school has already asked to join.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} asked to join on {self.asked_at:%d %b %Y}"


class YearOpening(models.Model):
    """A membership year opened by the office (membership.newyear): who renewed into it and
    the fee invoices drafted. One per year, so a second opening is refused."""

    year = models.PositiveIntegerField(unique=True, validators=ranges.between(*ranges.YEAR))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField()
    renewed = models.PositiveIntegerField()
    invoices_drafted = models.PositiveIntegerField()

    class Meta:
        ordering = ["-year"]
        constraints = [ranges.check("year", *ranges.YEAR)]

    def __str__(self) -> str:
        return f"{years.label(self.year)} opened on {self.opened_at:%d %b %Y}"
