from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.http import HttpRequest

from membership.models import Affiliation
from thep.access import AuthedRequest
from thep.models import OutboxMessage, User
from thep.services import person_invite


class AffiliationInline(admin.TabularInline):
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
    actions = ["invite"]
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

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)

    @admin.action(description="Send an invitation to set a password")
    def invite(self, request: AuthedRequest, queryset) -> None:
        people = [person for person in queryset if person.is_active]
        for person in people:
            person_invite(person=person, by=request.user)
        self.message_user(request, f"Invitations sent to {len(people)} people.", messages.SUCCESS)


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
