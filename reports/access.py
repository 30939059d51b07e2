"""Who may open the KPI dashboards, the report files and the report to the Council."""

from thep.models import User


def sees_kpis(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.is_director


def sees_council_report(user: User) -> bool:
    return user.is_authenticated and user.is_active and (user.is_director or user.is_la_officer)


def sees_report_files(user: User) -> bool:
    """Directors, for every report file; LA officers, for the reports to the Council."""
    return sees_kpis(user) or sees_council_report(user)
