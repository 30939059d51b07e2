"""No admin page filters, searches, sorts or shows a secret, whoever registered it.

Django's admin lets a URL filter a list on any of the model's own fields (`?session_key__regex=`),
and each yes-or-no answer gives away a little of the value: enough requests read a live session
key. `guard_admin_site` gives every registered ModelAdmin, allauth's and auditlog's included, one
rule: a lookup whose path passes through a field named in SECRETS is refused (400), and those
fields are left out of searches, list columns, list filters and forms."""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest

# model label -> fields whose value would let someone in or read what is not theirs.
SECRETS: dict[str, frozenset[str]] = {
    "thep.User": frozenset({"password"}),
    "thep.OutboxMessage": frozenset({"body", "attachments"}),  # may hold a set-password link
    "sessions.Session": frozenset({"session_key", "session_data"}),
    "usersessions.UserSession": frozenset({"session_key", "data"}),
    "mfa.Authenticator": frozenset({"data"}),  # TOTP secrets and recovery codes
    "account.EmailConfirmation": frozenset({"key"}),
    "improvement.CalendarFeed": frozenset({"key"}),
}


def is_secret(model: type[models.Model], name: str) -> bool:
    return name in SECRETS.get(model._meta.label, frozenset())


def path_is_secret(model: type[models.Model], path: str) -> bool:
    """Whether a lookup such as `user__password__startswith` reaches a secret on the way."""
    for part in path.lstrip("^=@").split(LOOKUP_SEP):
        if is_secret(model, part):
            return True
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False  # a lookup or transform: the path has ended
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


def _names(items, model) -> list:
    """Items (strings, callables, or (name, filter) pairs) that do not touch a secret."""
    kept = []
    for item in items:
        name = item[0] if isinstance(item, list | tuple) else item
        if not (isinstance(name, str) and path_is_secret(model, name)):
            kept.append(item)
    return kept


class SecretsGuard(admin.ModelAdmin):
    """Mixed in front of every registered ModelAdmin by `guard_admin_site`."""

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        if path_is_secret(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)  # type: ignore[arg-type]

    def get_search_fields(self, request):
        return _names(super().get_search_fields(request), self.model)

    def get_list_display(self, request):
        return _names(super().get_list_display(request), self.model)

    def get_list_filter(self, request):
        return _names(super().get_list_filter(request), self.model)

    def get_fields(self, request, obj=None):
        return _names(super().get_fields(request, obj), self.model)

    def get_fieldsets(self, request, obj=None):
        return [
            (title, {**options, "fields": self._kept(options["fields"])})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def _kept(self, fields) -> list:
        """A fieldset's fields, where a line may itself be a tuple of fields shown side by side."""
        kept = []
        for line in fields:
            if isinstance(line, list | tuple):
                line = _names(line, self.model)
                if line:
                    kept.append(line)
            elif not path_is_secret(self.model, line):
                kept.append(line)
        return kept


def guard_admin_site(site: admin.AdminSite) -> None:
    """Put SecretsGuard in front of every ModelAdmin registered so far (thep's AppConfig calls
    this once every app's admin module is loaded)."""
    for model_admin in site._registry.values():
        cls = type(model_admin)
        if not issubclass(cls, SecretsGuard):
            model_admin.__class__ = type(cls.__name__, (SecretsGuard, cls), {})
