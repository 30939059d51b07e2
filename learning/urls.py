from django.urls import path

from learning import approval, record, views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("brochure/<int:year>/<slug:term>.pdf", views.brochure, name="brochure"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/book/", views.book, name="book"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/evaluations/", views.evaluation_results, name="results"),
    path("bookings/", views.booking_list, name="bookings"),
    path("attendance/", views.events_led, name="events_led"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="cancel"),
    path("bookings/<int:pk>/approve/", views.booking_approve, name="approve"),
    path("bookings/<int:pk>/offer/", views.offer, name="offer"),
    path("bookings/<int:pk>/evaluation/", views.evaluate, name="evaluate"),
    path("bookings/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("bookings/<int:pk>/decide/", approval.decide, name="decide"),
    path("approval/", approval.policies, name="policies"),
    path("schools/<int:pk>/approval/", approval.policy, name="policy"),
    path("record/", record.own_record, name="own_record"),
    path("record/staff/", record.staff_records, name="staff_records"),
    path("record/<int:pk>/", record.record_page, name="record"),
    path("record/<int:pk>/cpd-record.csv", record.record_csv, name="record_csv"),
    path("record/<int:pk>/cpd-record.pdf", record.record_pdf, name="record_pdf"),
]

urlpatterns += [
    path("bookings/<int:pk>/swap/", views.booking_swap, name="swap"),
    path("<int:pk>/places/", views.event_places, name="places"),
]
