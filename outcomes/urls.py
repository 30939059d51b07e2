from django.urls import path

from outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("school/<int:urn>/headlines/", views.headlines, name="headlines"),
]
