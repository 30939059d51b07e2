from django.urls import path

from ofsted import views

app_name = "ofsted"

urlpatterns = [
    path("", views.borough, name="borough"),
    path("ofsted.csv", views.borough_csv, name="borough_csv"),
    path("schools/<int:urn>/", views.school, name="school"),
    path("schools/<int:urn>/window/", views.school_window, name="school_window"),
]
