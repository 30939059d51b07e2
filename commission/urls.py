from django.urls import path

from commission import views

app_name = "commission"

urlpatterns = [
    path("", views.delivery, name="delivery_now"),
    path("<int:year>/", views.delivery, name="delivery"),
]
