from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from bulletins.access import bulletin_for, chooses_bulletins, reads_bulletins
from bulletins.emails import bulletin_context, delivery_of
from bulletins.models import KIND_ABOUT, Kind
from bulletins.selectors import kinds_received, sent_bulletins
from bulletins.services import bulletin_choices_set, delivery_unsubscribe
from thep.access import AuthedRequest, sees


@sees(reads_bulletins)
def archive(request: AuthedRequest) -> HttpResponse:
    page = Paginator(sent_bulletins(), 25).get_page(request.GET.get("page"))
    return render(request, "bulletins/archive.html", {"page": page})


@sees(reads_bulletins)
def bulletin(request: AuthedRequest, pk: int) -> HttpResponse:
    found = bulletin_for(user=request.user, pk=pk)
    events = found.events.order_by("starts_on", "title").prefetch_related("sessions")
    return render(request, "bulletins/bulletin.html", bulletin_context(found, events))


class ChoicesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Send me",
        choices=[(kind.value, f"{kind.label} ({KIND_ABOUT[kind]})") for kind in Kind],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


@sees(chooses_bulletins)
def choices(request: AuthedRequest) -> HttpResponse:
    form = ChoicesForm(
        request.POST or None, initial={"kinds": sorted(kinds_received(person=request.user))}
    )
    if request.method == "POST" and form.is_valid():
        bulletin_choices_set(person=request.user, kinds=set(form.cleaned_data["kinds"]))
        messages.success(request, "Your choice of bulletins is saved.")
        return redirect("bulletins:choices")
    return render(request, "bulletins/choices.html", {"form": form})


# No login: the link in the email is the key. No CSRF token either: mail programs unsubscribe
# with a POST of their own (List-Unsubscribe-Post), and a forged one would need the secret link.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    delivery = delivery_of(token)
    if delivery is None:
        return render(request, "bulletins/unsubscribe_refused.html", status=400)
    context = {"delivery": delivery, "kind": delivery.bulletin.get_kind_display()}
    if request.method == "POST":
        context["done"] = delivery_unsubscribe(delivery=delivery)
        context["used"] = not context["done"]
    else:
        context["used"] = delivery.unsubscribed_at is not None
    return render(request, "bulletins/unsubscribe.html", context)
