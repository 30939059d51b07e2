from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from surveys.models import Question, Survey
from surveys.services import survey_send
from thep.access import AuthedRequest
from thep.widgets import SafeAutocompleteMixin


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "kind", "text", "options", "is_satisfaction"]
    extra = 3

    # Once sent, the questions stay as they were asked: answers point at them.
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return (obj is None or obj.sent_at is None) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return (obj is None or obj.sent_at is None) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return (obj is None or obj.sent_at is None) and super().has_delete_permission(request, obj)


@admin.register(Survey)
class SurveyAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """The office builds a survey here, then sends it with the action: heads answer once per
    school, people (an event's delegates, or staff who agreed to be asked) once each."""

    fields = ["title", "year", "closes_on", "mode", "event", "introduction", "sent_at"]
    list_display = ["title", "year", "mode", "closes_on", "sent_at"]
    list_filter = ["year", "mode"]
    search_fields = ["title"]
    autocomplete_fields = ["event"]
    inlines = [QuestionInline]
    actions = ["send"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # Once sent, whom it asks is settled; the closing date may still move.
        if obj is not None and obj.sent_at is not None:
            return ["year", "mode", "event", "sent_at"]
        return ["sent_at"]

    def save_model(self, request: AuthedRequest, obj: Survey, form, change: bool) -> None:  # type: ignore[override]
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Send the invitations by email")
    def send(self, request: AuthedRequest, queryset: QuerySet[Survey]) -> None:
        for survey in queryset:
            try:
                invited = survey_send(survey=survey, by=request.user)
            except ValidationError as refused:
                self.message_user(request, " ".join(refused.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"“{survey.title}” sent: {invited} invitation{'s' if invited != 1 else ''} "
                    "on their way.",
                    messages.SUCCESS,
                )
