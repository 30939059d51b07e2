from django.urls import path

from commission import inspection_views, views

app_name = "commission"

urlpatterns = [
    path("", views.delivery, name="delivery_now"),
    path("<int:year>/", views.delivery, name="delivery"),
    path("inspections/", inspection_views.calls, name="calls"),
    path("inspections/<int:pk>/", inspection_views.call, name="call"),
    path("inspections/<int:pk>/assign/", inspection_views.call_assign, name="call_assign"),
    path("inspections/<int:pk>/notes/", inspection_views.call_note, name="call_note"),
    path("schools/<int:urn>/ofsted-called/", inspection_views.call_new, name="call_new"),
]
