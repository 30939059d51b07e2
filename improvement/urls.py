from django.urls import path

from improvement import views

app_name = "improvement"

urlpatterns = [
    path("", views.visit_list, name="visits"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/<int:pk>/change/", views.visit_change, name="visit_change"),
    path("visits/<int:pk>/cancel/", views.visit_cancel, name="visit_cancel"),
    path("visits/<int:pk>/diagnostic/", views.diagnostic, name="diagnostic"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/comment/", views.report_comment, name="report_comment"),
    path("reports/<int:pk>/answer/", views.report_answer, name="report_answer"),
    path("reports/<int:pk>/send-back/", views.report_send_back, name="report_send_back"),
    path("reports/<int:pk>/agreement/", views.report_agreement, name="report_agreement"),
    path("reports/<int:pk>/<slug:action>/", views.report_action, name="report_action"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
    path("calendar/new-address/", views.calendar_renew, name="calendar_renew"),
    path("schools/<int:urn>/letter/", views.letter, name="letter"),
    path("schools/<int:urn>/head/", views.head_invite, name="head_invite"),
    path("schools/<int:urn>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("good-practice/", views.good_practice, name="good_practice"),
    path("risk/", views.risk_register, name="risk"),
    path("review-group/", views.review_meetings, name="review_meetings"),
    path("review-group/<int:pk>/", views.review_meeting, name="review_meeting"),
    path("intervention/", views.intervention_groups, name="intervention_groups"),
    path("intervention/<int:pk>/", views.intervention_group, name="intervention_group"),
    path("themes/", views.themes, name="themes"),
    path("report-openings/", views.report_openings, name="report_openings"),
]
