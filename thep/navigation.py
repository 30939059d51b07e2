"""The navigation bar: each app says, in its `nav.py`, which of its pages a person may use."""

from importlib import import_module

from django.http import HttpRequest

APPS = ("membership", "ofsted", "improvement", "learning", "reports")


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for app in APPS:
        try:
            module = import_module(f"{app}.nav")
        except ModuleNotFoundError as missing:
            if missing.name != f"{app}.nav":
                raise
            continue
        items.extend(module.items(user))
    if user.is_staff:
        items.append(("Office admin", "/admin/"))
    return {"nav_items": items}
