"""Who may open what: every URL pattern of the project, for every role, declared in one table.

A URL pattern with no row here fails `test_every_url_pattern_is_declared`, so a new page cannot
ship without a decision about who may see it. Objects a role may not see answer 404."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ANON = "anonymous"
ROLES = [
    ANON, "head_a", "head_b", "staff_a", "lc_a", "lc_other", "coach", "director",
    "primary_director", "secondary_director", "la_officer", "office_admin", "moderator",
]  # fmt: skip
SIGNED_IN = ROLES[1:]

OK = 200
NOT_FOUND = 404
GONE_TO_LOGIN = "login"  # 302 to the login page
OWN = "own"  # a page about the person themselves: shown (200) or a step before it (302)
ADMIN_ONLY = "admin_only"  # the admin: office staff in, everyone else sent to its login gate
# Admin pages beyond the office's work (report text, MFA devices, groups): the office is
# refused (403) or finds nothing there (404); everyone else goes to the admin's login gate.
ADMIN_REFUSED = "admin_refused"
STEP = "step"  # allowed, but a GET is refused (405) or sent on to another page (302)
HEALTH = "health"  # 200 when a worker answers, 503 otherwise; never a login


@dataclass
class Row:
    path: Callable[[dict], str]
    expect: dict[str, object]


def everyone(answer) -> dict[str, object]:
    return dict.fromkeys(ROLES, answer)


def signed_in(answer, **exceptions) -> dict[str, object]:
    return {ANON: GONE_TO_LOGIN, **dict.fromkeys(SIGNED_IN, answer), **exceptions}


def enrolled_only() -> dict[str, object]:
    """Pages about an authenticator the person has: heads and staff in the cast have none."""
    return signed_in(OWN, head_a=NOT_FOUND, head_b=NOT_FOUND, staff_a=NOT_FOUND)


def school_a(cast: dict) -> str:
    return f"/schools/{cast['school_a'].urn}/"


def membership_invoice_of_school_a(cast: dict) -> str:
    from membership.models import Member
    from membership.services import invoice_create, invoice_issue
    from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory

    member = Member.objects.create(school=cast["school_a"])
    MembershipFactory(member=member, year=2023)
    FeeRateFactory(year=2023)
    PupilCountFactory(school=cast["school_a"], year=2023)
    invoice = invoice_issue(invoice=invoice_create(member=member, year=2023), make_pdf=False)
    return f"/schools/{cast['school_a'].urn}/membership/invoices/{invoice.number}.pdf"


def credit_note_of_school_a(cast: dict) -> str:
    from membership.models import Invoice
    from membership.services import invoice_cancel

    pdf = membership_invoice_of_school_a(cast)
    invoice_number = int(pdf.rsplit("/", 1)[1].removesuffix(".pdf"))
    note = invoice_cancel(invoice=Invoice.objects.get(number=invoice_number), reason="Test")
    return f"/schools/{cast['school_a'].urn}/membership/credit-notes/{note.number}.pdf"


def draft_invoice_of_school_a(cast: dict) -> str:
    from membership.models import Member
    from membership.services import invoice_create
    from tests.membership.factories import FeeRateFactory, MembershipFactory, PupilCountFactory

    member = Member.objects.create(school=cast["school_a"])
    MembershipFactory(member=member, year=2023)
    FeeRateFactory(year=2023)
    PupilCountFactory(school=cast["school_a"], year=2023)
    draft = invoice_create(member=member, year=2023)
    return f"/schools/{cast['school_a'].urn}/membership/invoices/draft-{draft.pk}/purchase-order/"


def order_of_school_a(cast: dict) -> str:
    from membership.services import purchase_record
    from tests.membership.factories import PriceFactory

    price = PriceFactory(year=2023)
    order = purchase_record(school=cast["school_a"], year=2023, product=price.product)
    return f"/schools/{cast['school_a'].urn}/membership/orders/{order.pk}/"


# The head of the school, the directors and the office; nobody else.
SCHOOL_FINANCES = signed_in(
    NOT_FOUND, head_a=OK, director=OK, primary_director=OK, secondary_director=OK,
    office_admin=OK,
)  # fmt: skip

# Everyone who sees many schools, and LCs for their own; never heads or staff.
BOROUGH_TABLE = signed_in(
    OK, head_a=NOT_FOUND, head_b=NOT_FOUND, staff_a=NOT_FOUND, coach=NOT_FOUND, moderator=NOT_FOUND
)
# Those who see school A, but not its staff (school staff have no Ofsted pages).
OFSTED_OF_SCHOOL_A = signed_in(
    OK,
    head_b=NOT_FOUND,
    staff_a=NOT_FOUND,
    lc_other=NOT_FOUND,
    coach=NOT_FOUND,
    moderator=NOT_FOUND,
)


def ofsted_of_school_a(cast: dict) -> str:
    return f"/ofsted/schools/{cast['school_a'].urn}/"


def final_report_of_school_a(cast: dict) -> str:
    from improvement.models import ReportStatus
    from tests.improvement.factories import ReportFactory

    report = ReportFactory(
        visit__school=cast["school_a"], visit__consultant=cast["lc_a"], status=ReportStatus.FINAL
    )
    return f"/improvement/reports/{report.pk}/"


def shared_report_of_school_a(cast: dict) -> str:
    from improvement.models import ReportStatus
    from tests.improvement.factories import ReportFactory

    report = ReportFactory(
        visit__school=cast["school_a"], visit__consultant=cast["lc_a"], status=ReportStatus.SHARED
    )
    return f"/improvement/reports/{report.pk}/"


def visit_of_school_a(cast: dict) -> str:
    from tests.improvement.factories import ReportFactory

    report = ReportFactory(visit__school=cast["school_a"], visit__consultant=cast["lc_a"])
    return f"/improvement/visits/{report.visit.pk}/diagnostic/"


def calendar_of_lc_a(cast: dict) -> str:
    from improvement.calendar import calendar_token

    return f"/improvement/calendar/{calendar_token(cast['lc_a'])}.ics"


# Visit reports: the LC, the school's head, the Executive and the phase director once it is
# submitted; nobody else, and never an LA officer.
FINAL_REPORT = signed_in(
    NOT_FOUND, lc_a=OK, head_a=OK, director=OK, primary_director=OK
)  # fmt: skip
# A POST (or a step to the report page) for those who may open the report; 404 for the rest.
REPORT_STEP = {k: (STEP if v == OK else v) for k, v in FINAL_REPORT.items()}
# The allocation letter: the school's head, its LC and the directors.
LETTER = signed_in(
    NOT_FOUND, head_a=OK, lc_a=OK, director=OK, primary_director=OK, secondary_director=OK
)  # fmt: skip
LCS_ONLY = signed_in(NOT_FOUND, lc_a=OK, lc_other=OK)
DIRECTORS = {"director": OK, "primary_director": OK, "secondary_director": OK}
REVIEW_GROUP = signed_in(NOT_FOUND, la_officer=OK, **DIRECTORS)


def council_report(cast: dict) -> str:
    from django.core.files.base import ContentFile

    from reports.models import Kind, ReportFile, Status

    report = ReportFile.objects.create(
        kind=Kind.COUNCIL, year=2025, version=1, requested_by=cast["director"], status=Status.DONE
    )
    report.pdf.save(report.filename, ContentFile(b"%PDF-1.7"), save=True)
    return f"/reports/files/{report.pk}/"


REPORT_FILES = signed_in(NOT_FOUND, la_officer=OK, **DIRECTORS)


def review_meeting(cast: dict) -> str:
    import datetime

    from improvement.models import ReviewMeeting

    meeting = ReviewMeeting.objects.create(held_on=datetime.date(2026, 11, 10))
    return f"/improvement/review-group/{meeting.pk}/"


def intervention_group_of_school_a(cast: dict) -> str:
    import datetime

    from improvement.models import InterventionGroup

    group = InterventionGroup.objects.create(
        school=cast["school_a"], chair=cast["director"], started_on=datetime.date(2026, 11, 1)
    )
    group.members.add(cast["head_a"])
    return f"/improvement/intervention/{group.pk}/"


def role_request_for_head_b(cast: dict) -> int:
    from thep.models import Role, RoleChangeRequest

    asked = RoleChangeRequest.objects.create(
        person=cast["head_b"], role=Role.CONSULTANT, asked_by=cast["office_admin"]
    )
    return asked.pk


# One row per URL name; `admin:*` covers every admin page (they share one permission check).
MATRIX: dict[str, Row] = {
    "home": Row(lambda c: "/", signed_in(OK)),
    "healthz": Row(lambda c: "/healthz", everyone(HEALTH)),
    "audit": Row(
        lambda c: "/audit/",
        {
            **signed_in(NOT_FOUND),
            **dict.fromkeys(
                ["director", "primary_director", "secondary_director", "office_admin"], OK
            ),
        },
    ),
    # The dev stack's mailbox: off in the tests as in production (tests/thep/test_dev_mailbox.py).
    "dev_emails": Row(lambda c: "/dev/emails/", everyone(NOT_FOUND)),
    "account_signup": Row(lambda c: "/accounts/signup/", everyone(NOT_FOUND)),
    "account_login": Row(lambda c: "/accounts/login/", {ANON: OK, **dict.fromkeys(SIGNED_IN, OWN)}),
    "account_logout": Row(lambda c: "/accounts/logout/", everyone(OWN)),
    "account_inactive": Row(lambda c: "/accounts/inactive/", everyone(OK)),
    "account_reauthenticate": Row(lambda c: "/accounts/reauthenticate/", signed_in(OWN)),
    # Re-authentication by an emailed code is not switched on: these send a person on to the
    # password (or authenticator) step.
    "account_request_reauthentication_code": Row(
        lambda c: "/accounts/reauthenticate/code/", signed_in(OWN)
    ),
    "account_confirm_reauthentication_code": Row(
        lambda c: "/accounts/reauthenticate/code/confirm/", signed_in(OWN)
    ),
    "account_email": Row(lambda c: "/accounts/email/", signed_in(OWN)),
    "account_email_verification_sent": Row(lambda c: "/accounts/confirm-email/", everyone(OWN)),
    "account_confirm_email": Row(lambda c: "/accounts/confirm-email/not-a-key/", everyone(OWN)),
    "account_change_password": Row(lambda c: "/accounts/password/change/", signed_in(OWN)),
    "account_set_password": Row(lambda c: "/accounts/password/set/", signed_in(OWN)),
    "account_reset_password": Row(lambda c: "/accounts/password/reset/", everyone(OWN)),
    "account_reset_password_done": Row(lambda c: "/accounts/password/reset/done/", everyone(OWN)),
    "account_reset_password_from_key": Row(
        lambda c: "/accounts/password/reset/key/1-not-a-key/", everyone(OWN)
    ),
    "account_reset_password_from_key_done": Row(
        lambda c: "/accounts/password/reset/key/done/", everyone(OWN)
    ),
    "account_confirm_login_code": Row(lambda c: "/accounts/login/code/confirm/", everyone(OWN)),
    "mfa_index": Row(lambda c: "/accounts/2fa/", signed_in(OWN)),
    "mfa_authenticate": Row(lambda c: "/accounts/2fa/authenticate/", everyone(OWN)),
    "mfa_reauthenticate": Row(lambda c: "/accounts/2fa/reauthenticate/", signed_in(OWN)),
    "mfa_activate_totp": Row(lambda c: "/accounts/2fa/totp/activate/", signed_in(OWN)),
    "mfa_deactivate_totp": Row(lambda c: "/accounts/2fa/totp/deactivate/", enrolled_only()),
    "mfa_view_recovery_codes": Row(lambda c: "/accounts/2fa/recovery-codes/", enrolled_only()),
    "mfa_generate_recovery_codes": Row(
        lambda c: "/accounts/2fa/recovery-codes/generate/", signed_in(OWN)
    ),
    "mfa_download_recovery_codes": Row(
        lambda c: "/accounts/2fa/recovery-codes/download/", enrolled_only()
    ),
    "usersessions_list": Row(lambda c: "/accounts/sessions/", signed_in(OWN)),
    "membership:schools": Row(lambda c: "/schools/", signed_in(OK)),
    # A coach sees their coachees on the coaching pages, not their schools' records.
    "membership:school": Row(
        school_a,
        signed_in(OK, head_b=NOT_FOUND, lc_other=NOT_FOUND, coach=NOT_FOUND, moderator=NOT_FOUND),
    ),
    # A head's way to their school's membership page (sent on to it): heads only.
    "membership:mine": Row(
        lambda c: "/schools/membership/", signed_in(NOT_FOUND, head_a=STEP, head_b=STEP)
    ),
    "membership:membership": Row(lambda c: school_a(c) + "membership/", SCHOOL_FINANCES),
    "membership:invoice_pdf": Row(membership_invoice_of_school_a, SCHOOL_FINANCES),
    "membership:credit_note_pdf": Row(credit_note_of_school_a, SCHOOL_FINANCES),
    # POST only, for the school's own head: a GET is refused with 405 to them.
    "membership:invoice_purchase_order": Row(
        draft_invoice_of_school_a, signed_in(NOT_FOUND, head_a=405)
    ),
    # POST only, for the school's own head: a GET is refused with 405 to them.
    "membership:order": Row(
        lambda c: school_a(c) + "membership/orders/", signed_in(NOT_FOUND, head_a=405)
    ),
    "membership:order_change": Row(order_of_school_a, signed_in(NOT_FOUND, head_a=405)),
    "membership:order_cancel": Row(
        lambda c: order_of_school_a(c) + "cancel/", signed_in(NOT_FOUND, head_a=405)
    ),
    # POST only: a GET is refused with 405 to those who may see the school's membership.
    "membership:notice": Row(
        lambda c: school_a(c) + "membership/notice/",
        {**SCHOOL_FINANCES, **{k: 405 for k, v in SCHOOL_FINANCES.items() if v == OK}},
    ),
    # A head asks for their own school to join: nobody else, whatever they may see.
    "membership:join": Row(lambda c: school_a(c) + "join/", signed_in(NOT_FOUND, head_a=OK)),
    "ofsted:borough": Row(lambda c: "/ofsted/", BOROUGH_TABLE),
    "ofsted:borough_csv": Row(lambda c: "/ofsted/ofsted.csv", BOROUGH_TABLE),
    "ofsted:school": Row(lambda c: ofsted_of_school_a(c), OFSTED_OF_SCHOOL_A),
    # POST only, and only for directors: a GET is refused with 405 to them.
    "ofsted:school_window": Row(
        lambda c: ofsted_of_school_a(c) + "window/",
        signed_in(NOT_FOUND, director=405, primary_director=405, secondary_director=405),
    ),
    "improvement:visits": Row(
        lambda c: "/improvement/",
        signed_in(
            OK,
            staff_a=NOT_FOUND,
            la_officer=NOT_FOUND,
            office_admin=NOT_FOUND,
            coach=NOT_FOUND,
            moderator=NOT_FOUND,
        ),
    ),
    "improvement:visit_new": Row(lambda c: "/improvement/visits/new/", LCS_ONLY),
    # The LC records it; the school's head reads it and says whether the LA sees its rating.
    "improvement:diagnostic": Row(visit_of_school_a, signed_in(NOT_FOUND, lc_a=OK, head_a=OK)),
    # Only the visit's LC, and only while its report is a draft (tests/improvement).
    "improvement:visit_change": Row(
        lambda c: visit_of_school_a(c).replace("diagnostic/", "change/"),
        signed_in(NOT_FOUND, lc_a=OK),
    ),
    "improvement:visit_cancel": Row(
        lambda c: visit_of_school_a(c).replace("diagnostic/", "cancel/"),
        signed_in(NOT_FOUND, lc_a=STEP),
    ),
    "improvement:report": Row(final_report_of_school_a, FINAL_REPORT),
    # A final report is corrected by directors; its LC and head are sent back to it.
    "improvement:report_pdf": Row(
        lambda c: final_report_of_school_a(c) + "report.pdf", FINAL_REPORT
    ),
    "improvement:report_edit": Row(
        lambda c: final_report_of_school_a(c) + "edit/",
        {**REPORT_STEP, "director": OK, "primary_director": OK},
    ),
    "improvement:report_comment": Row(
        lambda c: final_report_of_school_a(c) + "comment/", REPORT_STEP
    ),
    "improvement:report_answer": Row(
        lambda c: final_report_of_school_a(c) + "answer/", REPORT_STEP
    ),
    "improvement:report_send_back": Row(
        lambda c: final_report_of_school_a(c) + "send-back/", REPORT_STEP
    ),
    # The form a director records an agreement given outside the portal with: the Executive
    # Director and the report's phase director, for a shared report; never its text.
    "improvement:report_agreement": Row(
        lambda c: shared_report_of_school_a(c) + "agreement/",
        signed_in(NOT_FOUND, director=OK, primary_director=OK),
    ),
    # The school's LC and the office invite its head.
    "improvement:head_invite": Row(
        lambda c: f"/improvement/schools/{c['school_a'].urn}/head/",
        signed_in(NOT_FOUND, lc_a=OK, office_admin=OK),
    ),
    "improvement:report_action": Row(lambda c: final_report_of_school_a(c) + "agree/", REPORT_STEP),
    # The feed's secret address stands for the login: calendar apps cannot log in.
    "improvement:calendar": Row(calendar_of_lc_a, everyone(OK)),
    "improvement:calendar_renew": Row(
        lambda c: "/improvement/calendar/new-address/",
        signed_in(NOT_FOUND, lc_a=STEP, lc_other=STEP),
    ),
    "improvement:letter": Row(
        lambda c: f"/improvement/schools/{c['school_a'].urn}/letter/", LETTER
    ),
    "improvement:letter_pdf": Row(
        lambda c: f"/improvement/schools/{c['school_a'].urn}/letter.pdf", LETTER
    ),
    "improvement:good_practice": Row(
        lambda c: "/improvement/good-practice/",
        signed_in(OK, la_officer=NOT_FOUND, coach=NOT_FOUND, moderator=NOT_FOUND),
    ),
    "improvement:risk": Row(
        lambda c: "/improvement/risk/",
        signed_in(NOT_FOUND, lc_a=OK, lc_other=OK, la_officer=OK, **DIRECTORS),
    ),
    "improvement:review_meetings": Row(lambda c: "/improvement/review-group/", REVIEW_GROUP),
    "improvement:review_meeting": Row(review_meeting, REVIEW_GROUP),
    # Directors, and the members of a group (here head A) for the groups they are in.
    "improvement:intervention_groups": Row(
        lambda c: "/improvement/intervention/", signed_in(NOT_FOUND, **DIRECTORS)
    ),
    "improvement:intervention_group": Row(
        intervention_group_of_school_a, signed_in(NOT_FOUND, head_a=OK, **DIRECTORS)
    ),
    "improvement:themes": Row(lambda c: "/improvement/themes/", signed_in(NOT_FOUND, **DIRECTORS)),
    # Who opened which report: directors (a phase director, their phase's), never the office.
    "improvement:report_openings": Row(
        lambda c: "/improvement/report-openings/", signed_in(NOT_FOUND, **DIRECTORS)
    ),
    "reports:dashboard": Row(lambda c: "/reports/", signed_in(NOT_FOUND, **DIRECTORS)),
    "reports:kpi_json": Row(lambda c: "/reports/kpis.json", signed_in(NOT_FOUND, **DIRECTORS)),
    "reports:kpi_csv": Row(lambda c: "/reports/kpis.csv", signed_in(NOT_FOUND, **DIRECTORS)),
    "reports:files": Row(lambda c: "/reports/files/", REPORT_FILES),
    "reports:file_status": Row(council_report, REPORT_FILES),
    "reports:file_download": Row(lambda c: council_report(c) + "download/", REPORT_FILES),
    "reports:file_retry": Row(
        lambda c: council_report(c) + "retry/",
        signed_in(NOT_FOUND, la_officer=405, **{k: 405 for k in DIRECTORS}),
    ),
    "reports:foreword": Row(lambda c: "/reports/foreword/", signed_in(NOT_FOUND, **DIRECTORS)),
    "role_requests": Row(lambda c: "/people/role-requests/", signed_in(NOT_FOUND, **DIRECTORS)),
    "role_request_decide": Row(
        lambda c: f"/people/role-requests/{role_request_for_head_b(c)}/decide",
        signed_in(NOT_FOUND, **{k: 405 for k in DIRECTORS}),
    ),
    "admin:*": Row(lambda c: "/admin/", everyone(ADMIN_ONLY)),
}


# Professional learning: its pages, and the events and bookings they are opened on.
def learning_event(cast: dict) -> str:
    from tests.learning.factories import EventFactory

    return f"/learning/{EventFactory().pk}/"


def learning_booking_of_school_a(cast: dict, **fields) -> str:
    """A booking at school A whose delegate is staff_a, booked by head_a."""
    from tests.learning.factories import BookingFactory

    booking = BookingFactory(
        school=cast["school_a"],
        delegate=cast["staff_a"],
        delegate_email=cast["staff_a"].email,
        booked_by=cast["head_a"],
        **fields,
    )
    return f"/learning/bookings/{booking.pk}/"


def learning_attended_booking(cast: dict) -> str:
    from tests.learning.factories import EventFactory

    return learning_booking_of_school_a(cast, event=EventFactory(sessions=[-3]), attended=True)


DIRECTOR_NAMES = ("director", "primary_director", "secondary_director")
# Who books: heads and staff of a school (each for their own school).
BOOKERS = signed_in(NOT_FOUND, head_a=OK, head_b=OK, staff_a=OK)
# Who sees a booking list: school people and, for every school, directors and the office.
BOOKING_LISTS = {**BOOKERS, **dict.fromkeys([*DIRECTOR_NAMES, "office_admin"], OK)}
# A booking of school A: its head, its delegate (staff_a), directors and the office.
BOOKING_OF_SCHOOL_A = {**BOOKING_LISTS, "head_b": NOT_FOUND}


MATRIX.update(
    {
        # Anyone may browse the published catalogue; booking needs a login.
        "learning:catalogue": Row(lambda c: "/learning/", everyone(OK)),
        "learning:event": Row(learning_event, everyone(OK)),
        "learning:brochure": Row(lambda c: "/learning/brochure/2023/autumn.pdf", everyone(OK)),
        "learning:book": Row(lambda c: learning_event(c) + "book/", BOOKERS),
        "learning:attendance": Row(
            lambda c: learning_event(c) + "attendance/",
            {**signed_in(NOT_FOUND), **dict.fromkeys([*DIRECTOR_NAMES, "office_admin"], OK)},
        ),
        "learning:results": Row(
            lambda c: learning_event(c) + "evaluations/",
            {**signed_in(NOT_FOUND), **dict.fromkeys(DIRECTOR_NAMES, OK)},
        ),
        "learning:bookings": Row(lambda c: "/learning/bookings/", BOOKING_LISTS),
        # Facilitators see the events they lead (LCs lead many); directors and the office all.
        "learning:events_led": Row(
            lambda c: "/learning/attendance/",
            {
                **signed_in(NOT_FOUND),
                **dict.fromkeys([*DIRECTOR_NAMES, "office_admin", "lc_a", "lc_other"], OK),
            },
        ),
        "learning:cancel": Row(
            lambda c: learning_booking_of_school_a(c) + "cancel/", BOOKING_OF_SCHOOL_A
        ),
        # POST only, for those who approve school A's bookings: a GET is refused with 405 to them.
        "learning:approve": Row(
            lambda c: learning_booking_of_school_a(c, status="requested") + "approve/",
            {
                **signed_in(NOT_FOUND),
                **dict.fromkeys(["head_a", *DIRECTOR_NAMES, "office_admin"], 405),
            },
        ),
        "learning:offer": Row(
            lambda c: learning_booking_of_school_a(c, status="offered") + "offer/",
            BOOKING_OF_SCHOOL_A,
        ),
        # Only the delegate who attended evaluates.
        "learning:evaluate": Row(
            lambda c: learning_attended_booking(c) + "evaluation/", signed_in(NOT_FOUND, staff_a=OK)
        ),
        # The certificate of a delegate who attended: whoever sees the booking.
        "learning:certificate": Row(
            lambda c: learning_attended_booking(c) + "certificate.pdf", BOOKING_OF_SCHOOL_A
        ),
    }
)


# Swapping a delegate is for the school's head (and CPD leads), directors and the office: not the
# delegate (staff_a), who sees the booking but does not manage the school's places.
MATRIX.update(
    {
        "learning:swap": Row(
            lambda c: learning_booking_of_school_a(c) + "swap/",
            {
                **signed_in(NOT_FOUND),
                **dict.fromkeys(["head_a", *DIRECTOR_NAMES, "office_admin"], OK),
            },
        ),
        # Directors and the office add places to an event.
        "learning:places": Row(
            lambda c: learning_event(c) + "places/",
            {**signed_in(NOT_FOUND), **dict.fromkeys([*DIRECTOR_NAMES, "office_admin"], OK)},
        ),
    }
)


# Approval of staff requests and CPD records (issue 21, items 6 and 7).
def learning_record_of_staff_a(cast: dict) -> str:
    return f"/learning/record/{cast['staff_a'].pk}/"


# Who looks after school A's bookings and staff: its head, directors and the office.
SCHOOL_A_MANAGERS = {
    **signed_in(NOT_FOUND),
    **dict.fromkeys(["head_a", *DIRECTOR_NAMES, "office_admin"], OK),
}
# A CPD record of school A's staff_a: theirs, their head's, directors' and the office's.
RECORD_OF_STAFF_A = {**SCHOOL_A_MANAGERS, "staff_a": OK}

MATRIX.update(
    {
        # A staff request, opened from the approval email or the home page.
        "learning:decide": Row(
            lambda c: learning_booking_of_school_a(c, status="requested") + "decide/",
            SCHOOL_A_MANAGERS,
        ),
        # The school's approval policy: its head (and CPD leads); the office has the admin.
        # The way in sends the head of one school on to it.
        "learning:policies": Row(
            lambda c: "/learning/approval/", signed_in(NOT_FOUND, head_a=STEP, head_b=STEP)
        ),
        "learning:policy": Row(
            lambda c: f"/learning/schools/{c['school_a'].pk}/approval/",
            signed_in(NOT_FOUND, head_a=OK),
        ),
        "learning:own_record": Row(
            lambda c: "/learning/record/", signed_in(NOT_FOUND, head_a=OWN, head_b=OWN, staff_a=OWN)
        ),
        "learning:staff_records": Row(
            lambda c: "/learning/record/staff/", signed_in(NOT_FOUND, head_a=OK, head_b=OK)
        ),
        "learning:record": Row(learning_record_of_staff_a, RECORD_OF_STAFF_A),
        "learning:record_csv": Row(
            lambda c: learning_record_of_staff_a(c) + "cpd-record.csv", RECORD_OF_STAFF_A
        ),
        "learning:record_pdf": Row(
            lambda c: learning_record_of_staff_a(c) + "cpd-record.pdf", RECORD_OF_STAFF_A
        ),
    }
)


# Executive coaching: the coach (of head A) and directors; the head sees theirs in panels.
def coaching_of_head_a(cast: dict) -> str:
    from coaching.models import Allocation

    return f"/coaching/coachees/{Allocation.objects.get(coach=cast['coach']).pk}/"


def coaching_session_of_head_a(cast: dict) -> str:
    from coaching.models import Allocation
    from tests.coaching.factories import SessionFactory

    session = SessionFactory(allocation=Allocation.objects.get(coach=cast["coach"]))
    return f"/coaching/sessions/{session.pk}/held/"


MATRIX.update(
    {
        "coaching:coachees": Row(lambda c: "/coaching/", signed_in(NOT_FOUND, coach=OK)),
        "coaching:coachee": Row(coaching_of_head_a, signed_in(NOT_FOUND, coach=OK)),
        # POST only, for the head's coach: a GET is refused with 405 to them.
        "coaching:session_mark": Row(coaching_session_of_head_a, signed_in(NOT_FOUND, coach=STEP)),
        "coaching:heads": Row(lambda c: "/coaching/heads/", signed_in(NOT_FOUND, **DIRECTORS)),
        "coaching:allocate": Row(
            lambda c: "/coaching/heads/allocate/",
            signed_in(NOT_FOUND, **{k: 405 for k in DIRECTORS}),
        ),
    }
)


# Comparative data analysis packs: school A's (LA maintained) for its head, its LC, directors,
# the office and the LA officer; the list and the making of them for directors.
def data_pack_of_school_a(cast: dict) -> str:
    from django.core.files.base import ContentFile

    from reports.models import DataPack, Status

    pack = DataPack.objects.create(
        school=cast["school_a"], year=2023, version=1, requested_by=cast["director"],
        status=Status.DONE, pdf=ContentFile(b"%PDF-1.7", name="pack.pdf"),
    )  # fmt: skip
    return f"/reports/packs/{pack.pk}/"


PACK_OF_SCHOOL_A = signed_in(
    NOT_FOUND, head_a=OK, lc_a=OK, la_officer=OK, office_admin=OK, **DIRECTORS
)
MATRIX.update(
    {
        "reports:data_packs": Row(lambda c: "/reports/packs/", signed_in(NOT_FOUND, **DIRECTORS)),
        "reports:school_data_packs": Row(
            lambda c: "/reports/packs/school/100001/", PACK_OF_SCHOOL_A
        ),
        "reports:data_pack_status": Row(data_pack_of_school_a, PACK_OF_SCHOOL_A),
        "reports:data_pack_download": Row(
            lambda c: data_pack_of_school_a(c) + "download/", PACK_OF_SCHOOL_A
        ),
    }
)


def outcome_of_the_framework(cast: dict) -> str:
    from reports.models import Outcome
    from tests.reports.outcomes_seed import seeded_outcomes

    seeded_outcomes()
    return f"/reports/outcomes/{Outcome.objects.order_by('position')[0].pk}/"


# The outcomes framework: its trends, and the baselines and targets directors set.
MATRIX.update(
    {
        "reports:outcomes": Row(lambda c: "/reports/outcomes/", signed_in(NOT_FOUND, **DIRECTORS)),
        "reports:outcome_edit": Row(outcome_of_the_framework, signed_in(NOT_FOUND, **DIRECTORS)),
    }
)


# Ofsted inspection support: a head records the call for their own school (the office for any);
# the call and its notes are for directors, the school's LC and its head; never the LA.
def inspection_call_of_school_a(cast: dict) -> str:
    from tests.commission.inspection_calls import open_call

    return f"/commission/inspections/{open_call(cast['school_a'], cast['head_a']).pk}/"


CALL_OF_SCHOOL_A = signed_in(NOT_FOUND, head_a=OK, lc_a=OK, **DIRECTORS)
MATRIX.update(
    {
        "commission:call_new": Row(
            lambda c: f"/commission/schools/{c['school_a'].urn}/ofsted-called/",
            signed_in(NOT_FOUND, head_a=OK, office_admin=OK),
        ),
        "commission:calls": Row(
            lambda c: "/commission/inspections/", signed_in(NOT_FOUND, **DIRECTORS)
        ),
        "commission:call": Row(inspection_call_of_school_a, CALL_OF_SCHOOL_A),
        # POST only: a GET is refused with 405 to those who may do it, a 404 to the rest.
        "commission:call_assign": Row(
            lambda c: inspection_call_of_school_a(c) + "assign/",
            signed_in(NOT_FOUND, **{k: STEP for k in DIRECTORS}),
        ),
        "commission:call_note": Row(
            lambda c: inspection_call_of_school_a(c) + "notes/",
            signed_in(NOT_FOUND, lc_a=STEP, **{k: STEP for k in DIRECTORS}),
        ),
    }
)


# Bulletins: the archive for people of member schools (school A is one; B is not) and THEP's
# own, never the LA; choices for heads and staff; the unsubscribe link for whoever holds it.
def sent_bulletin(cast: dict) -> str:
    from django.utils import timezone

    from bulletins.models import Delivery, Status
    from tests.bulletins.factories import BulletinFactory, member_now

    member_now(cast["school_a"])
    bulletin = BulletinFactory(status=Status.SENT, sent_on=timezone.localdate())
    Delivery.objects.create(bulletin=bulletin, person=cast["head_a"], email="head.a@example.org")
    return f"/bulletins/{bulletin.pk}/"


def bulletin_archive(cast: dict) -> str:
    sent_bulletin(cast)
    return "/bulletins/"


def unsubscribe_link(cast: dict) -> str:
    from bulletins.emails import unsubscribe_url
    from bulletins.models import Delivery

    sent_bulletin(cast)
    return unsubscribe_url(Delivery.objects.get()).removeprefix("http://127.0.0.1:8000")


def draft_bulletin(cast: dict) -> str:
    from tests.bulletins.factories import BulletinFactory

    return f"/admin/bulletins/bulletin/{BulletinFactory().pk}/"


BULLETIN_READERS = signed_in(OK, head_b=NOT_FOUND, la_officer=NOT_FOUND, moderator=NOT_FOUND)
MATRIX.update(
    {
        "bulletins:archive": Row(bulletin_archive, BULLETIN_READERS),
        "bulletins:bulletin": Row(sent_bulletin, BULLETIN_READERS),
        "bulletins:choices": Row(
            lambda c: "/bulletins/choices/",
            signed_in(NOT_FOUND, head_a=OK, head_b=OK, staff_a=OK),
        ),
        "bulletins:unsubscribe": Row(unsubscribe_link, everyone(OK)),
    }
)


# Surveys: heads and staff answer theirs (the signed link needs no login, so it opens for
# anyone who holds it); directors and the office see results, the LA never.
def survey_sent_to_school_a(cast: dict) -> str:
    from django.utils import timezone

    from surveys.models import Invitation
    from surveys.services import answer_token
    from tests.surveys.factories import annual_survey

    survey = annual_survey(sent_at=timezone.now())
    invitation = Invitation.objects.create(survey=survey, school=cast["school_a"])
    return f"/surveys/answer/{answer_token(invitation)}/"


def results_of_a_sent_survey(cast: dict) -> str:
    from surveys.models import Survey

    survey_sent_to_school_a(cast)
    return f"/surveys/results/{Survey.objects.get().pk}/"


SURVEY_RESULTS = signed_in(NOT_FOUND, office_admin=OK, **DIRECTORS)
MATRIX.update(
    {
        "surveys:mine": Row(
            lambda c: "/surveys/", signed_in(NOT_FOUND, head_a=OK, head_b=OK, staff_a=OK)
        ),
        # POST only, for heads and staff: a GET is refused with 405 to them.
        "surveys:volunteer": Row(
            lambda c: "/surveys/volunteer/",
            signed_in(NOT_FOUND, head_a=STEP, head_b=STEP, staff_a=STEP),
        ),
        "surveys:answer": Row(survey_sent_to_school_a, everyone(OK)),
        "surveys:surveys": Row(lambda c: "/surveys/results/", SURVEY_RESULTS),
        "surveys:results": Row(results_of_a_sent_survey, SURVEY_RESULTS),
    }
)


# General meetings: members (heads and staff of member schools; school A is one, B is not) read
# them and their papers; directors and the office run them; the LA officer finds nothing. The
# list is in every head's and staff member's menu: school B's head finds it empty, and why.
def meeting_of_members(cast: dict) -> str:
    from django.core.files.base import ContentFile

    from meetings.models import Paper
    from tests.meetings.factories import ResolutionFactory, member_this_year

    member_this_year(cast["school_a"])
    resolution = ResolutionFactory()
    Paper.objects.create(
        meeting=resolution.meeting, title="Agenda", file=ContentFile(b"%PDF-1.7", name="a.pdf")
    )
    return f"/meetings/{resolution.meeting_id}/"


def paper_of_meeting(cast: dict) -> str:
    from meetings.models import Paper

    meeting = meeting_of_members(cast)
    return f"{meeting}papers/{Paper.objects.get().pk}/"


def resolution_of_meeting(cast: dict) -> str:
    from meetings.models import Resolution

    meeting_of_members(cast)
    return f"/meetings/resolutions/{Resolution.objects.get().pk}/"


RUN_MEETINGS = {"office_admin": OK, **DIRECTORS}
MEMBERS = signed_in(NOT_FOUND, head_a=OK, staff_a=OK, **RUN_MEETINGS)
MEMBERS_POST = signed_in(NOT_FOUND, **dict.fromkeys(["head_a", "staff_a", *RUN_MEETINGS], STEP))
RUN_POST = signed_in(NOT_FOUND, **dict.fromkeys(RUN_MEETINGS, STEP))
MATRIX.update(
    {
        "meetings:list": Row(
            lambda c: "/meetings/",
            signed_in(NOT_FOUND, head_a=OK, head_b=OK, staff_a=OK, **RUN_MEETINGS),
        ),
        "meetings:create": Row(lambda c: "/meetings/new/", signed_in(NOT_FOUND, **RUN_MEETINGS)),
        "meetings:board": Row(lambda c: meeting_of_members(c) and "/meetings/board/", MEMBERS),
        "meetings:appoint": Row(lambda c: "/meetings/board/appoint/", RUN_POST),
        "meetings:detail": Row(meeting_of_members, MEMBERS),
        "meetings:paper": Row(paper_of_meeting, MEMBERS),
        "meetings:paper_add": Row(lambda c: meeting_of_members(c) + "papers/", RUN_POST),
        "meetings:resolution_add": Row(lambda c: meeting_of_members(c) + "resolutions/", RUN_POST),
        "meetings:attendance": Row(
            lambda c: meeting_of_members(c) + "attendance/", signed_in(NOT_FOUND, **RUN_MEETINGS)
        ),
        "meetings:delegate": Row(
            lambda c: meeting_of_members(c) + "schools/100001/delegate/", MEMBERS_POST
        ),
        "meetings:check_in": Row(
            lambda c: meeting_of_members(c) + "schools/100001/check-in/", MEMBERS_POST
        ),
        "meetings:vote": Row(lambda c: resolution_of_meeting(c) + "vote/", MEMBERS_POST),
        "meetings:voting": Row(lambda c: resolution_of_meeting(c) + "voting/close/", RUN_POST),
    }
)


# The LA commission's delivery: for the LA's officers and THEP's directors.
COMMISSION_DELIVERY = signed_in(NOT_FOUND, la_officer=OK, **DIRECTORS)
MATRIX.update(
    {
        "commission:delivery_now": Row(lambda c: "/commission/", COMMISSION_DELIVERY),
        "commission:delivery": Row(lambda c: "/commission/2023/", COMMISSION_DELIVERY),
    }
)


# Monitoring and moderation: a moderator sees the visits assigned to them (here school A's KS2
# writing); the office draws and arranges; directors see all of it. Nobody else, not the LA.
def moderation_visit_of_school_a(cast: dict) -> str:
    from moderation.models import Visit

    return f"/moderation/visits/{Visit.objects.get(moderator=cast['moderator']).pk}/"


MATRIX.update(
    {
        "moderation:mine": Row(lambda c: "/moderation/", signed_in(NOT_FOUND, moderator=OK)),
        "moderation:visit": Row(
            moderation_visit_of_school_a,
            signed_in(NOT_FOUND, moderator=OK, office_admin=OK, **DIRECTORS),
        ),
        "moderation:samples": Row(
            lambda c: "/moderation/samples/", signed_in(NOT_FOUND, office_admin=OK, **DIRECTORS)
        ),
        # POST only, for the office: a GET is refused with 405 to it.
        "moderation:draw": Row(
            lambda c: "/moderation/samples/draw/", signed_in(NOT_FOUND, office_admin=405)
        ),
        "moderation:arrange": Row(
            lambda c: "/moderation/samples/arrange/", signed_in(NOT_FOUND, office_admin=405)
        ),
    }
)


# A school's headline figures for the year just ended: its own head enters them; the office
# imports the DfE's provisional files in the admin; nobody else.
MATRIX.update(
    {
        "outcomes:headlines": Row(
            lambda c: "/outcomes/school/100001/headlines/", signed_in(NOT_FOUND, head_a=OK)
        ),
    }
)


def import_job(cast: dict) -> str:
    """An import the office uploaded (its page, and the progress line the page asks for)."""
    from django.core.files.base import ContentFile

    from thep.models import ImportJob

    job = ImportJob.objects.create(
        kind="memberships",
        file=ContentFile(b"URN,year,category\n", name="members.csv"),
        file_name="members.csv",
        created_by=cast["office_admin"],
    )
    return f"/admin/thep/importjob/{job.pk}/"


def join_request(cast: dict) -> str:
    """School A's head asking for it to join (the office's pages to approve or decline it)."""
    from django.utils import timezone

    from membership.models import JoinRequest

    asked, _ = JoinRequest.objects.get_or_create(
        school=cast["school_a"], accepts_aims_and_values=True, accepts_guarantee=True,
        accepts_fee=True, asked_by=cast["head_a"], asked_by_name="Helen",
        defaults={"asked_at": timezone.now()},
    )  # fmt: skip
    return f"/admin/membership/joinrequest/{asked.pk}/"


# Admin pages checked one by one as well as through `admin:*`: the office's work.
ADMIN_SAMPLES: list[str | Callable[[dict], str]] = [
    "/admin/",
    "/admin/thep/user/",
    "/admin/thep/user/add/",
    "/admin/thep/outboxmessage/",
    "/admin/membership/school/",
    "/admin/membership/member/",
    "/admin/membership/membership/",
    "/admin/thep/importjob/",
    "/admin/thep/importjob/upload/memberships/",
    lambda cast: import_job(cast) + "change/",
    lambda cast: import_job(cast) + "status/",
    "/admin/membership/membership/export/",
    "/admin/membership/feerate/",
    "/admin/membership/product/",
    "/admin/membership/purchase/",
    "/admin/membership/purchase/add/",
    "/admin/membership/purchase/invoice/",
    "/admin/membership/invoice/",
    "/admin/membership/invoice/aged-debt/",
    "/admin/membership/invoice/export-payments-csv/",
    "/admin/membership/payment/",
    "/admin/membership/invoicereminder/",
    "/admin/membership/creditnote/",
    "/admin/learning/event/",
    "/admin/learning/booking/",
    "/admin/improvement/allocation/",
    "/admin/membership/yearopening/",
    "/admin/membership/yearopening/open/?year=2027",  # not a year: the page asks again
    "/admin/membership/yearopening/open/2027/",
    "/admin/thep/importjob/upload/census/",
    "/admin/thep/importjob/upload/prices/",
    "/admin/membership/joinrequest/",
    lambda cast: join_request(cast) + "change/",
    lambda cast: join_request(cast) + "approve/",
    lambda cast: join_request(cast) + "decline/",
    "/admin/coaching/allocation/",
    "/admin/commission/headappointment/",
    "/admin/commission/headappointment/add/",
    "/admin/surveys/survey/",
    "/admin/surveys/survey/add/",
    "/admin/bulletins/bulletin/",
    "/admin/bulletins/bulletin/add/",
    lambda cast: draft_bulletin(cast) + "change/",
    lambda cast: draft_bulletin(cast) + "preview/",
    lambda cast: draft_bulletin(cast) + "preview/email/",
    lambda cast: draft_bulletin(cast) + "send/",
]
# And what is not its work: never report text (DESIGN.md), devices, sessions or permissions.
ADMIN_REFUSED_SAMPLES: list[str | Callable[[dict], str]] = [
    "/admin/improvement/report/",
    "/admin/improvement/reportcomment/",
    "/admin/improvement/reportcorrection/",
    "/admin/improvement/diagnosticreview/",
    "/admin/improvement/riskrating/",
    "/admin/mfa/authenticator/",
    "/admin/usersessions/usersession/",
    "/admin/auth/group/",
    "/admin/auditlog/logentry/",
    "/admin/thep/importjob/add/",  # imports are uploaded, not added: 403
    "/admin/membership/yearopening/add/",  # years are opened by the guided page: 403
    "/admin/membership/joinrequest/add/",  # heads ask on the portal: 403
    "/admin/thep/importjob/upload/no-such-kind/",
]
# Admin steps that only take a POST: the office is answered 405, everyone else the login gate.
ADMIN_POST_ONLY_SAMPLES: list[Callable[[dict], str]] = [
    lambda cast: import_job(cast) + "apply/",
    lambda cast: "/admin/membership/yearopening/open/2027/rate/",
    lambda cast: "/admin/membership/yearopening/open/2027/confirm/",
]


def url_names() -> set[str]:
    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern, inner)
            elif isinstance(pattern, URLPattern):
                yield namespace + (pattern.name or f"<unnamed {pattern.pattern}>")

    return {"admin:*" if name.startswith("admin:") else name for name in walk(get_resolver())}


def test_every_url_pattern_is_declared():
    undeclared = url_names() - set(MATRIX)
    assert not undeclared, f"declare who may open these in the access matrix: {undeclared}"
    assert not set(MATRIX) - url_names(), "the matrix names URLs that no longer exist"


def check(response, expected, who: str, path: str) -> None:
    status = response.status_code
    where = response.headers.get("Location", "")
    message = f"{who} on {path}: {status} {where}"
    if expected == GONE_TO_LOGIN:
        assert status == 302 and where.startswith("/accounts/login/"), message
    elif expected == OWN:
        assert status in (200, 302), message
    elif expected == STEP:
        assert status in (302, 405), message
    elif expected == HEALTH:
        assert status in (200, 503), message
    elif expected in (ADMIN_ONLY, ADMIN_REFUSED):
        if who == "office_admin":
            assert status == (200 if expected == ADMIN_ONLY else 403) or (
                expected == ADMIN_REFUSED and status == 404
            ), message
        else:
            assert status == 302 and "/admin/login/" in where, message
    else:
        assert status == expected, message


@pytest.fixture
def cast(request, db) -> dict:
    names = [*SIGNED_IN, "school_a", "school_b"]
    return {name: request.getfixturevalue(name) for name in names}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name, cast):
    row = MATRIX[name]
    paths, refused, post_only = [row.path(cast)], [], []
    if name == "admin:*":
        paths = [path if isinstance(path, str) else path(cast) for path in ADMIN_SAMPLES]
        refused = [path if isinstance(path, str) else path(cast) for path in ADMIN_REFUSED_SAMPLES]
        post_only = [path(cast) for path in ADMIN_POST_ONLY_SAMPLES]
    for who in ROLES:
        # One login a role: a GET of these pages changes nothing a later one depends on.
        client = Client()
        if who != ANON:
            client.force_login(cast[who])
        for path in paths:
            check(client.get(path), row.expect[who], who, path)
        for path in refused:
            check(client.get(path), ADMIN_REFUSED, who, path)
        for path in post_only:
            response = client.get(path)
            if who == "office_admin":
                assert response.status_code == 405, f"{who} on {path}"
            else:
                check(response, ADMIN_ONLY, who, path)
