"""Pages that gather parts from several apps: the home page, the school page and the audit page.

Each app may have a `panels` module with `home_panels(request)`, `school_panels(request,
school)` and/or `audit_panels(request)`, each returning a list of `Panel`s it wants shown to the
person asking (an empty list when that person may not see any). Apps decide for themselves,
through their own selectors and access helpers, what a person may see. The school page gets
its school from `membership.access.school_for`, so a school's panels need not ask again
whether the person may open the school, only whether their role sees the panel."""

from dataclasses import dataclass, field

from thep.access import AuthedRequest
from thep.hooks import collect


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)


def gather_home(request: AuthedRequest) -> list[Panel]:
    return collect("panels", "home_panels", request)


def gather_school(request: AuthedRequest, school) -> list[Panel]:
    return collect("panels", "school_panels", request, school)


def gather_audit(request: AuthedRequest) -> list[Panel]:
    return collect("panels", "audit_panels", request)
