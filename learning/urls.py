from django.urls import path

from learning import views

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
]

urlpatterns += [
    path("bookings/<int:pk>/swap/", views.booking_swap, name="swap"),
    path("<int:pk>/places/", views.event_places, name="places"),
]
