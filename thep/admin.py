from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from membership.models import Affiliation
from thep import admin_imports  # noqa: F401  (registers the imports' admin)
from thep.access import AuthedRequest
from thep.models import OutboxMessage, User
from thep.services import mfa_remove, person_invite, role_change_request, role_needs_approval
from thep.widgets import SafeAutocompleteMixin


class AffiliationInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["school"]
    verbose_name = "school"
    verbose_name_plural = "schools (for headteachers and school staff)"


class PersonAddForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role", "director_kind"]


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = PersonAddForm
    form = PersonChangeForm
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "role",
        "director_kind",
        "is_active",
        "last_login",
    ]
    list_filter = ["role", "director_kind", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [AffiliationInline]
    actions = ["invite", "remove_mfa"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "job_title")}),
        ("Role", {"fields": ("role", "director_kind")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "role", "director_kind"),
                "description": "Save, then use the action 'Send an invitation' so that they "
                "choose their own password.",
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
    # What gives access to the admin itself: only a superuser sets these, never the office.
    SUPERUSER_ONLY = ["is_staff", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        readonly += self.SUPERUSER_ONLY
        # The office changing the address of someone who has logged in, then sending a reset
        # link, would take their account over: people change their own address, which is
        # verified first. A typo before the first login can still be put right.
        if obj is not None and obj.last_login is not None:
            readonly.append("email")
        return readonly

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        # The office changing a superuser's record could make that account its own.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = ""):
        """Nobody sets another person's password but an operator: the office sends an
        invitation, with which the person chooses their own."""
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request: AuthedRequest, obj: User, form, change: bool) -> None:  # type: ignore[override]
        if not change:
            obj.set_unusable_password()
        asked = None
        if not request.user.is_superuser and role_needs_approval(obj, before=form.initial):
            # Stored as asked; the person keeps the role they had until a director approves.
            asked = (obj.role, obj.director_kind)
            obj.role = form.initial.get("role", "")
            obj.director_kind = form.initial.get("director_kind", "")
        super().save_model(request, obj, form, change)
        if asked:
            role_change_request(person=obj, role=asked[0], director_kind=asked[1], by=request.user)
            self.message_user(
                request,
                f"The change of {obj}'s role waits for a director's approval.",
                messages.WARNING,
            )

    @admin.action(description="Send an invitation to set a password")
    def invite(self, request: AuthedRequest, queryset) -> None:
        people = [person for person in queryset if person.is_active]
        for person in people:
            person_invite(person=person, by=request.user)
        self.message_user(request, f"Invitations sent to {len(people)} people.", messages.SUCCESS)

    @admin.action(description="Remove two-factor devices", permissions=["change"])
    def remove_mfa(self, request: AuthedRequest, queryset) -> None:
        """For someone who lost their phone: the office never sees or sets a device, it only
        takes them all away, so that the person sets up a new one at their next login."""
        people = [person for person in queryset if self.has_change_permission(request, person)]
        for person in people:
            mfa_remove(person=person, by=request.user)
        self.message_user(
            request, f"Two-factor devices removed for {len(people)} people.", messages.SUCCESS
        )


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What the portal emailed, to whom, and how it went; read-only. Never the body or the
    attachments: the office must not read what an email might quote."""

    list_display = [
        "created_at", "kind", "subject", "recipients", "status", "attempts", "last_error",
    ]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["to", "cc", "subject"]
    fields = (
        "kind", "to", "cc", "subject", "status", "created_at", "sent_at", "failed_at",
        "attempts", "last_error",
    )  # fmt: skip
    readonly_fields = fields
    date_hierarchy = "created_at"

    @admin.display(description="to")
    def recipients(self, message: OutboxMessage) -> str:
        return ", ".join([*message.to, *message.cc])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False
