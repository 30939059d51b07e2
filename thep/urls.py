from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from thep import views

admin.site.site_header = "THE Partnership office"
admin.site.site_title = "THE Partnership office"
# The admin login goes through allauth, so it has the same rate limits (and MFA). Replacing
# the bound method on the one site instance is allauth's documented way; mypy forbids it.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit, name="audit"),
    path("dev/emails/", views.dev_emails, name="dev_emails"),
    path("people/role-requests/", views.role_requests, name="role_requests"),
    path(
        "people/role-requests/<int:pk>/decide",
        views.role_request_decide,
        name="role_request_decide",
    ),
    # Invitation only: there is no signup page at all.
    path("accounts/signup/", views.not_found, name="account_signup"),
    path("accounts/email/", views.EmailAddressesView.as_view(), name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("schools/", include("membership.urls")),
    path("improvement/", include("improvement.urls")),
    path("ofsted/", include("ofsted.urls")),
    path("learning/", include("learning.urls")),
    path("coaching/", include("coaching.urls")),
    path("commission/", include("commission.urls")),
    path("moderation/", include("moderation.urls")),
    path("bulletins/", include("bulletins.urls")),
    path("surveys/", include("surveys.urls")),
    path("meetings/", include("meetings.urls")),
    path("reports/", include("reports.urls")),
    path("outcomes/", include("outcomes.urls")),
]

handler400 = "thep.views.bad_request"
handler403 = "thep.views.permission_denied"
handler404 = "thep.views.page_not_found"
handler500 = "thep.views.server_error"
