from django.urls import path

from orders import invoice_views, lookup_views, views

app_name = "orders"

urlpatterns = [
    path("cart/", views.cart_detail, name="cart"),
    path("cart/add/<int:listing_id>/", views.cart_add, name="cart_add"),
    path("cart/change/<int:listing_id>/", views.cart_change, name="cart_change"),
    path("cart/remove/<int:listing_id>/", views.cart_remove, name="cart_remove"),
    path("cart/checkout/<int:seller_id>/", views.checkout, name="checkout"),
    path("orders/find/", lookup_views.order_find, name="find"),
    path("orders/<uuid:public_id>/", views.order_detail, name="detail"),
    path("orders/<uuid:public_id>/messages/", views.order_message, name="message"),
    path("orders/<uuid:public_id>/invoice.pdf", invoice_views.buyer_invoice, name="invoice"),
    path("account/orders/", views.account_orders, name="account_orders"),
    path("seller/orders/", views.desk, name="desk"),
    path("seller/orders/<int:pk>/", views.desk_detail, name="desk_detail"),
    path("seller/orders/<int:pk>/status/", views.desk_status, name="desk_status"),
    path("seller/orders/<int:pk>/messages/", views.desk_message, name="desk_message"),
    path("seller/orders/<int:pk>/invoice.pdf", invoice_views.seller_invoice, name="desk_invoice"),
    path("seller/settings/", views.seller_settings, name="seller_settings"),
]
