from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kpis.json", views.kpi_json, name="kpi_json"),
    path("kpis.csv", views.kpi_csv, name="kpi_csv"),
]
