from django.urls import path

from coaching import views

app_name = "coaching"

urlpatterns = [
    path("", views.coachees, name="coachees"),
    path("coachees/<int:pk>/", views.coachee, name="coachee"),
    path("sessions/<int:pk>/<slug:status>/", views.session_mark, name="session_mark"),
    path("heads/", views.heads, name="heads"),
    path("heads/allocate/", views.allocate, name="allocate"),
]
