from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("volunteer/", views.volunteer, name="volunteer"),
    path("answer/<str:token>/", views.answer, name="answer"),
    path("results/", views.surveys, name="surveys"),
    path("results/<int:pk>/", views.survey_results, name="results"),
]
