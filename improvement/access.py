"""Who may open the LC programme's pages. Which visits, reports and meetings they then see is
the business of the selectors and access helpers (`visit_for`, `report_for`, ...)."""

from thep.models import User


def sees_visits(user: User) -> bool:
    """LCs, heads and directors have the visits pages; staff, the office and the LA do not."""
    return user.is_authenticated and (user.is_consultant or user.is_head or user.is_director)


def schedules_visits(user: User) -> bool:
    """Only LCs put visits in their diary, and have a calendar feed of them."""
    return user.is_authenticated and user.is_consultant


def sees_good_practice(user: User) -> bool:
    """Member schools, LCs and directors; never LA officers (it comes from the reports), nor
    coaches or moderators, who see their coachees or assigned schools only."""
    return user.is_authenticated and not (user.is_la_officer or user.is_coach or user.is_moderator)


def sees_review_group(user: User) -> bool:
    """The School Review Group's papers: its members, THEP's directors and LA officers."""
    return user.is_authenticated and (user.is_director or user.is_la_officer)


def sees_risk(user: User) -> bool:
    """Directors, LA officers and LCs (for their schools)."""
    return user.is_authenticated and (user.is_director or user.is_la_officer or user.is_consultant)


def sees_allocation_letter(user: User) -> bool:
    """The letter of a school's LC allocation: for its head, its LC and directors."""
    return user.is_authenticated and (user.is_head or user.is_consultant or user.is_director)


def sees_reports(user: User) -> bool:
    """Visit reports are for their LC, the school's head and directors (which reports, the
    selectors say); never the office, school staff or LA officers."""
    return user.is_authenticated and (user.is_consultant or user.is_head or user.is_director)


def sees_report_openings(user: User) -> bool:
    """Who opened which report: directors, on the audit trail."""
    return user.is_authenticated and user.is_director


def invites_heads(user: User) -> bool:
    """The office, and LCs for the schools allocated to them (`school_for` decides which),
    invite a school's head to the portal."""
    return user.is_authenticated and (user.is_office or user.is_consultant)
