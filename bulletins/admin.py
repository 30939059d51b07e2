"""The office writes bulletins in the admin, previews one as the page and the email, and sends
it (bulletins.services)."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from bulletins.composition import coming_events
from bulletins.emails import bulletin_context, render_email
from bulletins.models import PHASE_GROUPS, Bulletin, NewsItem
from bulletins.selectors import recipients
from bulletins.services import bulletin_send
from learning.models import Event
from thep.access import AuthedRequest

SEND = "bulletins.change_bulletin"


class BulletinForm(forms.ModelForm):
    phases = forms.MultipleChoiceField(
        choices=PHASE_GROUPS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: every phase.",
    )

    class Meta:
        model = Bulletin
        fields = [
            "kind", "title", "introduction", "weeks", "to_heads", "to_staff", "phases",
            "members_only",
        ]  # fmt: skip


class NewsItemInline(admin.StackedInline):
    model = NewsItem
    extra = 1
    fields = ["position", "title", "text", "link"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # A sent bulletin's news stays as it went (BulletinAdmin).
    def has_add_permission(self, request: HttpRequest, obj: Bulletin | None = None) -> bool:
        return super().has_add_permission(request, obj) and (obj is None or obj.is_draft)

    def has_change_permission(self, request: HttpRequest, obj: Bulletin | None = None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request: HttpRequest, obj: Bulletin | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    form = BulletinForm
    inlines = [NewsItemInline]
    list_display = ["title", "kind", "status", "sent_on", "sent_to"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    change_form_template = "admin/bulletins/bulletin/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Bulletin]:
        return super().get_queryset(request).annotate(delivered=Count("deliveries"))

    @admin.display(description="sent to")
    def sent_to(self, bulletin: Bulletin) -> str:
        delivered = getattr(bulletin, "delivered", 0)
        return f"{delivered} people" if delivered else "—"

    # A sent bulletin is the record of what schools were told: it stays as it went.
    def has_change_permission(self, request: HttpRequest, obj: Bulletin | None = None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request: HttpRequest, obj: Bulletin | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview), name="bulletins_bulletin_preview"),
            path(
                "<int:pk>/preview/email/",
                view(self.preview_email),
                name="bulletins_bulletin_preview_email",
            ),
            path("<int:pk>/send/", view(self.send), name="bulletins_bulletin_send"),
            *super().get_urls(),
        ]

    def _bulletin(self, request: HttpRequest, pk: int) -> Bulletin:
        if not request.user.has_perm("bulletins.view_bulletin"):
            raise PermissionDenied
        return get_object_or_404(Bulletin, pk=pk)

    def _events(self, bulletin: Bulletin) -> QuerySet[Event]:
        """What it lists: as sent, or as it would be sent today."""
        if bulletin.is_draft:
            return coming_events(after=timezone.localdate(), weeks=bulletin.weeks)
        return bulletin.events.order_by("starts_on", "title").prefetch_related("sessions")

    def _context(self, request: HttpRequest, original: Bulletin, **context: Any) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": original,
            **context,
        }

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        bulletin = self._bulletin(request, pk)
        parts = bulletin_context(bulletin, self._events(bulletin))
        text, _ = render_email(parts, unsubscribe="(each person's own unsubscribe link)")
        return TemplateResponse(
            request,
            "admin/bulletins/bulletin/preview.html",
            self._context(
                request, bulletin, title=f"Preview: {bulletin.title}", text=text, **parts
            ),
        )

    def preview_email(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The HTML email as a recipient's mail program shows it."""
        bulletin = self._bulletin(request, pk)
        parts = bulletin_context(bulletin, self._events(bulletin))
        _, html = render_email(parts, unsubscribe="#unsubscribe")
        return HttpResponse(html)

    def send(self, request: AuthedRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm(SEND):
            raise PermissionDenied
        bulletin = self._bulletin(request, pk)
        refused = ""
        if request.method == "POST":
            try:
                count = bulletin_send(bulletin=bulletin, by=request.user)
            except ValidationError as error:
                refused = " ".join(error.messages)
            else:
                self.message_user(
                    request,
                    f"“{bulletin.title}” is being sent to {count} people: the outbox lists "
                    "each email as the worker sends it.",
                    messages.SUCCESS,
                )
                return redirect("admin:bulletins_bulletin_changelist")
        count = (
            recipients(bulletin=bulletin, on=timezone.localdate()).count()
            if bulletin.is_draft and bulletin.has_audience
            else 0
        )
        return TemplateResponse(
            request,
            "admin/bulletins/bulletin/send.html",
            self._context(
                request, bulletin, title=f"Send: {bulletin.title}", count=count, refused=refused
            ),
        )
