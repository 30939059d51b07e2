"""Who may open the Ofsted pages; `ofsted.selectors.ofsted_school_for` decides which schools'."""

from thep.models import User


def sees_ofsted(user: User) -> bool:
    """School staff have no Ofsted pages; everyone else sees them for the schools they see."""
    return user.is_authenticated and not user.is_school_staff


def sees_borough_table(user: User) -> bool:
    return user.is_authenticated and (user.sees_every_school or user.is_consultant)


def sets_inspection_windows(user: User) -> bool:
    """Directors move a school's expected inspection window when they know better."""
    return user.is_authenticated and user.is_director
