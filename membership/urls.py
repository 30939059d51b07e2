from django.urls import path

from membership import views

app_name = "membership"

urlpatterns = [
    path("", views.school_list, name="schools"),
    path("<int:urn>/", views.school_detail, name="school"),
    path("membership/", views.my_membership, name="mine"),
    path("<int:urn>/membership/", views.membership_page, name="membership"),
    path("<int:urn>/membership/notice/", views.notice_give, name="notice"),
    path(
        "<int:urn>/membership/invoices/<int:number>.pdf",
        views.invoice_download,
        name="invoice_pdf",
    ),
]
