"""Access at the door: views say who may open them with `@sees(predicate)`, each app's
predicates living in its own `access.py`. Objects a person may not see are the business of
each app's access helpers (`school_for`, `report_for`, ...), which answer the same 404."""

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from thep.models import User

P = ParamSpec("P")


class AuthedRequest(HttpRequest):
    """A request behind login_required: its user is a person, never AnonymousUser (the
    django-stubs pattern; for mypy only)."""

    user: User


def sees(
    predicate: Callable[[User], bool],
) -> Callable[
    [Callable[Concatenate[AuthedRequest, P], HttpResponse]],
    Callable[Concatenate[HttpRequest, P], HttpResponse],
]:
    """The login page for anonymous people; then a 404, as for a page that does not exist,
    unless `predicate(user)` holds: a page someone may not open is not shown to be there."""

    def decorator(
        view: Callable[Concatenate[AuthedRequest, P], HttpResponse],
    ) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            authed = cast(AuthedRequest, request)  # login_required let only people through
            if not predicate(authed.user):
                raise Http404
            return view(authed, *args, **kwargs)

        return login_required(guarded)

    return decorator
