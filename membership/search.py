"""One way for a list of schools to be searched: by name or URN, and by phase."""

from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from membership.models import Phase

Row = TypeVar("Row", bound=Model)


def schools_matching(
    schools: QuerySet[Row], *, query: str = "", phase: str = "", via: str = ""
) -> QuerySet[Row]:
    """Those of `schools` (or of rows reaching a school through `via`, "member__school__")
    whose name holds `query` or whose URN it is, in `phase`; an empty or unknown value does not
    filter."""
    query = query.strip()
    if query:
        urn = Q(**{f"{via}urn": int(query)}) if query.isdecimal() else Q()
        schools = schools.filter(Q(**{f"{via}name__icontains": query}) | urn)
    if phase in Phase.values:
        schools = schools.filter(**{f"{via}phase": phase})
    return schools
