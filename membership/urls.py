from django.urls import path

from membership import views

app_name = "membership"

urlpatterns = [
    path("", views.school_list, name="schools"),
    path("<int:urn>/", views.school_detail, name="school"),
]
