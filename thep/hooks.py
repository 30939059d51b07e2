"""The few places where the project gathers a part from every app that has one: the menu
(`nav.items`), page panels (`panels.*`), demo data (`demo.load`) and personal data
(`privacy.*`). An app without the module simply has nothing to add."""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

APPS = ("thep", "membership", "ofsted", "improvement", "learning", "reports")


def modules(name: str) -> Iterator[ModuleType]:
    """Each app's `<app>.<name>` module, in dependency order."""
    for app in APPS:
        try:
            yield import_module(f"{app}.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"{app}.{name}":
                raise


def collect(module: str, function: str, *args, **kwargs) -> list:
    """Call `<app>.<module>.<function>(...)` in every app that has it; join the lists."""
    results: list = []
    for found in modules(module):
        if hasattr(found, function):
            results.extend(getattr(found, function)(*args, **kwargs))
    return results
