from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("visits/<int:pk>/", views.visit, name="visit"),
    path("samples/", views.samples, name="samples"),
    path("samples/draw/", views.draw, name="draw"),
    path("samples/arrange/", views.arrange, name="arrange"),
]
