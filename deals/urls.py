from django.urls import path

from deals.views import buyer, inbox, seller

app_name = "deals"

urlpatterns = [
    path("listings/<int:listing_id>/ask/", inbox.ask, name="ask"),
    path("account/messages/", inbox.inbox, name="inbox"),
    path("account/messages/<int:pk>/", inbox.conversation, name="conversation"),
    path("seller/messages/", inbox.seller_inbox, name="seller_inbox"),
    path("seller/messages/<int:pk>/", inbox.seller_conversation, name="seller_conversation"),
    path("rfq/new/", buyer.rfq_new, name="rfq_new"),
    path("rfq/", buyer.rfq_list, name="rfq_list"),
    path("rfq/<uuid:public_id>/", buyer.rfq_detail, name="rfq_detail"),
    path("rfq/<uuid:public_id>/close/", buyer.rfq_cancel, name="rfq_cancel"),
    path(
        "rfq/<uuid:public_id>/quotes/<int:quote_id>/accept/",
        buyer.quote_accept,
        name="quote_accept",
    ),
    path(
        "rfq/<uuid:public_id>/quotes/<int:quote_id>/decline/",
        buyer.quote_decline,
        name="quote_decline",
    ),
    path(
        "rfq/<uuid:public_id>/quotes/<int:quote_id>/counter/",
        buyer.quote_counter,
        name="quote_counter",
    ),
    path("rfq/<uuid:public_id>/quotes/<int:quote_id>/ask/", buyer.quote_ask, name="quote_ask"),
    path("seller/rfq/", seller.seller_rfq, name="seller_rfq"),
    path("seller/rfq/settings/", seller.seller_rfq_settings, name="seller_rfq_settings"),
    path("seller/rfq/<uuid:public_id>/", seller.seller_rfq_detail, name="seller_rfq_detail"),
    path(
        "seller/rfq/<uuid:public_id>/decline/", seller.seller_rfq_decline, name="seller_rfq_decline"
    ),
    path(
        "seller/rfq/<uuid:public_id>/counters/<int:counter_id>/",
        seller.counter_answer,
        name="counter_answer",
    ),
]
