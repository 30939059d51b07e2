from django.urls import path

from bulletins import views

app_name = "bulletins"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:pk>/", views.bulletin, name="bulletin"),
    path("choices/", views.choices, name="choices"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
