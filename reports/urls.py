from django.urls import path

from reports import pack_views, views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kpis.json", views.kpi_json, name="kpi_json"),
    path("kpis.csv", views.kpi_csv, name="kpi_csv"),
    path("files/", views.files, name="files"),
    path("files/<int:pk>/", views.file_status, name="file_status"),
    path("files/<int:pk>/download/", views.file_download, name="file_download"),
    path("files/<int:pk>/retry/", views.file_retry, name="file_retry"),
    path("foreword/", views.foreword, name="foreword"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("outcomes/<int:pk>/", views.outcome_edit, name="outcome_edit"),
    path("packs/", pack_views.data_packs, name="data_packs"),
    path("packs/school/<int:urn>/", pack_views.school_data_packs, name="school_data_packs"),
    path("packs/<int:pk>/", pack_views.data_pack_status, name="data_pack_status"),
    path("packs/<int:pk>/download/", pack_views.data_pack_download, name="data_pack_download"),
]
