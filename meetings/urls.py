from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("board/", views.board, name="board"),
    path("board/appoint/", views.appoint, name="appoint"),
    path("<int:pk>/", views.meeting, name="detail"),
    path("<int:pk>/papers/", views.paper_add, name="paper_add"),
    path("<int:pk>/papers/<int:paper>/", views.paper, name="paper"),
    path("<int:pk>/resolutions/", views.resolution_add, name="resolution_add"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/schools/<int:urn>/delegate/", views.delegate, name="delegate"),
    path("<int:pk>/schools/<int:urn>/check-in/", views.check_in, name="check_in"),
    path("resolutions/<int:pk>/vote/", views.vote, name="vote"),
    path("resolutions/<int:pk>/voting/<slug:action>/", views.voting, name="voting"),
]
