"""The few places where the project gathers a part from every app that has one: the menu
(`nav.items`), page panels (`panels.*`), demo data (`demo.load`) and personal data
(`privacy.*`). An app without the module simply has nothing to add."""

from functools import cache
from importlib import import_module
from types import ModuleType

APPS = (
    "thep",
    "membership",
    "ofsted",
    "improvement",
    "learning",
    "coaching",
    "outcomes",
    "commission",
    "moderation",
    "bulletins",
    "surveys",
    "meetings",
    "reports",
)


@cache
def modules(name: str) -> tuple[ModuleType, ...]:
    """Each app's `<app>.<name>` module, in dependency order. Looked for once: the menu asks
    on every page, and looking for a module that is not there searches the disk each time."""
    found = []
    for app in APPS:
        try:
            found.append(import_module(f"{app}.{name}"))
        except ModuleNotFoundError as missing:
            if missing.name != f"{app}.{name}":
                raise
    return tuple(found)


def collect(module: str, function: str, *args, **kwargs) -> list:
    """Call `<app>.<module>.<function>(...)` in every app that has it; join the lists."""
    results: list = []
    for found in modules(module):
        if hasattr(found, function):
            results.extend(getattr(found, function)(*args, **kwargs))
    return results
