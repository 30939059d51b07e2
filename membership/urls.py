from django.urls import path

from membership import joining, views

app_name = "membership"

urlpatterns = [
    path("", views.school_list, name="schools"),
    path("<int:urn>/", views.school_detail, name="school"),
    path("membership/", views.my_membership, name="mine"),
    path("<int:urn>/membership/", views.membership_page, name="membership"),
    path("<int:urn>/membership/notice/", views.notice_give, name="notice"),
    path("<int:urn>/membership/orders/", views.order_create, name="order"),
    path("<int:urn>/membership/orders/<int:pk>/", views.order_change, name="order_change"),
    path("<int:urn>/membership/orders/<int:pk>/cancel/", views.order_cancel, name="order_cancel"),
    path("<int:urn>/join/", joining.join_page, name="join"),
    path(
        "<int:urn>/membership/invoices/<int:number>.pdf",
        views.invoice_download,
        name="invoice_pdf",
    ),
    path(
        "<int:urn>/membership/invoices/draft-<int:pk>/purchase-order/",
        views.purchase_order_give,
        name="invoice_purchase_order",
    ),
    path(
        "<int:urn>/membership/credit-notes/<int:number>.pdf",
        views.credit_note_download,
        name="credit_note_pdf",
    ),
]
