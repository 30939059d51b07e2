import datetime

from allauth.account.models import EmailAddress
from allauth.account.views import EmailView
from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST

from membership.selectors import schools_by_name
from thep import panels
from thep.access import AuthedRequest, sees
from thep.celery import app as celery_app
from thep.models import OutboxMessage, RoleChangeRequest, SecurityEvent, User
from thep.selectors import changes_for, security_events_for
from thep.services import RoleChangeRefused, role_change_decide
from thep.signals import record


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    listed = user.is_head or user.is_school_staff or user.is_consultant
    schools = schools_by_name(request=request) if listed else []
    queues, others = panels.queues_first(panels.gather_home(request))
    return render(
        request,
        "thep/home.html",
        {
            "schools": schools,
            "queues": queues,
            "nothing_waiting": [queue.plural for queue in queues if not queue.count],
            "panels": others,
        },
    )


@login_required
def audit(request: AuthedRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    try:
        since = datetime.date.fromisoformat(request.GET.get("since", ""))
    except ValueError:
        since = None
    changes = changes_for(user=request.user, text=text, since=since)
    events = security_events_for(user=request.user, text=text, kind=kind, since=since)
    return render(
        request,
        "thep/audit.html",
        {
            "changes": Paginator(changes, 50).get_page(request.GET.get("page")),
            "events": events[:100],
            "text": text,
            "kind": kind,
            "since": since,
            "kinds": SecurityEvent.Kind.choices,
            "panels": panels.gather_audit(request),
        },
    )


class EmailAddressesView(EmailView):
    """allauth's page for a person's address, which never makes an unverified address the one
    they log in with: allauth allows it to people who have no verified address at all."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if "action_primary" in request.POST and not (
            EmailAddress.objects.filter(
                user_id=request.user.pk, email__iexact=request.POST.get("email", ""), verified=True
            ).exists()
        ):
            messages.error(
                request, "Please follow the link we emailed to that address before using it."
            )
            return redirect("account_email")
        return super().post(request, *args, **kwargs)


def _decides_roles(user: User) -> bool:
    return user.is_director


@sees(_decides_roles)
def role_requests(request: AuthedRequest) -> HttpResponse:
    """Roles the office asked for, for a director to approve or refuse."""
    asked = RoleChangeRequest.objects.select_related("person", "asked_by", "decided_by")
    return render(
        request,
        "thep/role_requests.html",
        {
            "waiting": asked.filter(approved__isnull=True),
            "decided": asked.exclude(approved=None)[:20],
        },
    )


@sees(_decides_roles)
@require_POST
def role_request_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    asked = get_object_or_404(RoleChangeRequest, pk=pk, approved__isnull=True)
    try:
        role_change_decide(asked=asked, approve="approve" in request.POST, by=request.user)
    except RoleChangeRefused as refused:
        messages.error(request, str(refused))
    return redirect("role_requests")


def dev_emails(request: HttpRequest) -> HttpResponse:
    """The dev stack's mailbox: every email the portal sent, newest first, with its words and
    links, so that whoever tries the portal can follow an invitation or a reset link. Open to
    anyone, as those links are for people not logged in; a 404 unless the dev stack turned it
    on (THEP_DEV_MAILBOX, never with DEBUG off)."""
    if not settings.THEP_DEV_MAILBOX:
        raise Http404
    page = Paginator(OutboxMessage.objects.order_by("-created_at", "-pk"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "thep/dev_emails.html", {"page": page})


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    raise Http404


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, Redis and Celery worker status, for the load balancer and for people. The
    public learns only whether all is well; which part is down is for directors and the office,
    or a monitor with THEP_HEALTH_TOKEN."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure means "down"; the detail is in the server log
        checks["database"] = "down"
    try:
        cache.set("healthz", "ok", 5)
        checks["redis"] = "ok" if cache.get("healthz") == "ok" else "down"
    except Exception:
        checks["redis"] = "down"
    try:
        replies = (
            # The first worker to answer is enough: no need to wait out the timeout.
            celery_app.control.ping(timeout=settings.THEP_HEALTH_WORKER_SECONDS, limit=1)
            if checks["redis"] == "ok"
            else []
        )
        checks["celery"] = "ok" if replies else "no worker"
    except (CeleryTimeout, OSError):
        checks["celery"] = "no worker"
    healthy = all(value == "ok" for value in checks.values())
    answer = {"status": "ok" if healthy else "degraded"}
    if _may_see_health_details(request):
        answer.update(checks)
    return JsonResponse(answer, status=200 if healthy else 503)


def _may_see_health_details(request: HttpRequest) -> bool:
    token = settings.THEP_HEALTH_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and constant_time_compare(sent, token):
        return True
    user = request.user
    return isinstance(user, User) and user.runs_partnership


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    _record_refusal(request, "403")
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # A page that exists answering 404 is a refusal (an object this person may not see); a
    # path that names no page at all (a typo, the browser asking for /favicon.ico) is not.
    if getattr(request, "resolver_match", None) is not None:
        _record_refusal(request, "404")
    return render(request, "errors/404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token: an old tab, or another site posting on the person's
    behalf. The portal's own 403 page, and a line in the security log."""
    _record_refusal(request, "403 CSRF")
    return render(request, "errors/403.html", status=403)


def _record_refusal(request: HttpRequest, status: str) -> None:
    """A logged-in person asking for what they may not see (or what is not there: the two
    look the same on purpose) is worth a line in the security log."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        record(SecurityEvent.Kind.REFUSED, request, person=user, detail=status)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the page must render even when the database is down.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
