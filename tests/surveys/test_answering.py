import datetime

from django.urls import reverse

from surveys.models import Answer, Invitation, Response
from surveys.services import answer_token


def link(survey, school) -> str:
    invitation = Invitation.objects.get(survey=survey, school=school)
    return reverse("surveys:answer", args=[answer_token(invitation)])


def form(survey, rating="5", choice="Courses", text="More networks, please.") -> dict:
    first, second, third = survey.questions.order_by("position")
    return {f"q{first.pk}": rating, f"q{second.pk}": choice, f"q{third.pk}": text}


def test_a_head_answers_from_the_emailed_link_without_logging_in(client, sent, school_a):
    page = client.get(link(sent, school_a))
    assert page.status_code == 200
    assert "One answer for Bonner Primary School" in page.content.decode()
    done = client.post(link(sent, school_a), form(sent))
    assert "are recorded" in done.content.decode()
    response = Response.objects.get(invitation__school=school_a)
    assert response.submitted_by is None
    assert sorted(
        (a.question.position, a.rating, a.choice, a.text) for a in response.answers.all()
    ) == [(1, 5, "", ""), (2, None, "Courses", ""), (3, None, "", "More networks, please.")]


def test_a_second_answer_from_the_school_is_refused_and_the_first_kept(
    client, client_for, sent, school_a, head_a
):
    client.post(link(sent, school_a), form(sent, rating="4"))
    again = client_for(head_a).post(link(sent, school_a), form(sent, rating="1"))
    assert again.status_code == 400
    assert "Bonner Primary School answered" in again.content.decode()
    assert "One answer is kept, the first" in again.content.decode()
    assert list(Answer.objects.filter(rating__isnull=False).values_list("rating", flat=True)) == [4]
    # Opening the link again says it was answered, without the form.
    page = client.get(link(sent, school_a)).content.decode()
    assert "Bonner Primary School answered" in page and "Send the answers" not in page


def test_an_answer_after_the_survey_closed_is_refused_with_its_date(client, sent, school_a):
    sent.closes_on = datetime.date(2024, 3, 15)
    sent.save()
    page = client.get(link(sent, school_a)).content.decode()
    assert "closed on 15 March 2024" in page and "Send the answers" not in page
    refused = client.post(link(sent, school_a), form(sent))
    assert refused.status_code == 400
    assert "closed on 15 March 2024" in refused.content.decode()
    assert not Response.objects.exists()


def test_a_rating_out_of_range_is_refused_and_nothing_kept(client, sent, school_a):
    refused = client.post(link(sent, school_a), form(sent, rating="7"))
    assert refused.status_code == 400
    assert "Give a rating from 1 to 5." in refused.content.decode()
    refused = client.post(link(sent, school_a), form(sent, choice="Pizza"))
    assert "Pick one of the choices." in refused.content.decode()
    assert not Response.objects.exists()


def test_a_changed_link_is_not_found(client, sent, school_a):
    good = link(sent, school_a)
    token = good.rstrip("/").rsplit("/", 1)[1]
    tampered = good.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert client.get(tampered).status_code == 404
    assert client.post(tampered, form(sent)).status_code == 404
    assert client.get("/surveys/answer/not-a-token/").status_code == 404
    assert not Response.objects.exists()


def test_a_signed_in_head_answers_from_the_portal(client_for, sent, head_a):
    client = client_for(head_a)
    page = client.get(reverse("surveys:mine")).content.decode()
    assert sent.title in page and "Answer" in page
    client.post(link(sent, head_a.affiliations.get().school), form(sent))
    assert Response.objects.get().submitted_by == head_a
    page = client.get(reverse("surveys:mine")).content.decode()
    assert "Answered" in page


def test_staff_agree_to_be_asked_and_change_their_mind(client_for, staff_a):
    client = client_for(staff_a)
    client.post(reverse("surveys:volunteer"), {"agreed": "yes"})
    assert "Stop asking me" in client.get(reverse("surveys:mine")).content.decode()
    client.post(reverse("surveys:volunteer"), {"agreed": "no"})
    assert "Ask me" in client.get(reverse("surveys:mine")).content.decode()


def test_each_delegate_answers_once_for_themselves(client, school_a, office_admin):
    from surveys.models import Mode
    from surveys.services import survey_send
    from tests.learning.factories import BookingFactory, EventFactory
    from tests.surveys.factories import QuestionFactory, SurveyFactory

    event = EventFactory()
    for email in ("ann@example.org", "bea@example.org"):
        BookingFactory(event=event, school=school_a, delegate_email=email)
    survey = SurveyFactory(mode=Mode.PER_PERSON, event=event)
    question = QuestionFactory(survey=survey)
    survey_send(survey=survey, by=office_admin)
    links = {
        i.email: reverse("surveys:answer", args=[answer_token(i)]) for i in Invitation.objects.all()
    }
    assert client.post(links["ann@example.org"], {f"q{question.pk}": "5"}).status_code == 200
    again = client.post(links["ann@example.org"], {f"q{question.pk}": "1"})
    assert "You answered" in again.content.decode()
    # A colleague from the same school still answers for herself.
    assert client.post(links["bea@example.org"], {f"q{question.pk}": "3"}).status_code == 200
    assert list(Answer.objects.order_by("rating").values_list("rating", flat=True)) == [3, 5]


def test_a_persons_answers_are_in_their_personal_data(client_for, staff_a, sent, school_a):
    from surveys.privacy import person_data
    from surveys.services import volunteer_set

    volunteer_set(person=staff_a, agreed=True)
    client_for(staff_a).post(link(sent, school_a), form(sent, rating="4"))
    (_, answers), (_, agreed) = person_data(staff_a)
    assert isinstance(answers, list)
    assert [answer["answer"] for answer in answers] == [4, "Courses", "More networks, please."]
    assert agreed is not None
