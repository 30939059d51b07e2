"""Pages that gather parts from several apps: the home page and the school page.

Each app may have a `panels` module with `home_panels(request)` and/or
`school_panels(request, school)`, each returning a list of `Panel`s it wants shown to the
person asking (an empty list when that person may not see any). Apps decide for themselves,
through their own selectors and access helpers, what a person may see."""

from dataclasses import dataclass, field
from importlib import import_module

from django.http import HttpRequest

APPS = ("membership", "ofsted", "improvement", "learning", "reports")


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)


def _collect(hook: str, *args) -> list[Panel]:
    panels: list[Panel] = []
    for app in APPS:
        try:
            module = import_module(f"{app}.panels")
        except ModuleNotFoundError as missing:
            if missing.name != f"{app}.panels":
                raise
            continue
        function = getattr(module, hook, None)
        if function is not None:
            panels.extend(function(*args))
    return panels


def home_panels(request: HttpRequest) -> list[Panel]:
    return _collect("home_panels", request)


def school_panels(request: HttpRequest, school) -> list[Panel]:
    return _collect("school_panels", request, school)
