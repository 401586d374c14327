from django.urls import path

from listings import views

app_name = "listings"

urlpatterns = [
    path("listings/", views.search, name="search"),
    path("listings/<int:pk>/", views.detail, name="detail"),
    path("sellers/<int:pk>/", views.seller_detail, name="seller_detail"),
    path("sellers/<int:pk>/review/", views.review_create, name="review_create"),
    path("seller/listings/", views.desk, name="desk"),
    path("seller/listings/new/", views.desk_create, name="desk_create"),
    path("seller/listings/<int:pk>/edit/", views.desk_edit, name="desk_edit"),
    path("seller/listings/<int:pk>/publish/", views.desk_publish, name="desk_publish"),
    path("seller/listings/<int:pk>/archive/", views.desk_archive, name="desk_archive"),
    path("seller/listings/<int:pk>/delete/", views.desk_delete, name="desk_delete"),
    path("seller/listings/<int:pk>/images/", views.desk_image_add, name="desk_image_add"),
    path(
        "seller/listings/<int:pk>/images/<int:image_pk>/delete/",
        views.desk_image_delete,
        name="desk_image_delete",
    ),
    path(
        "seller/listings/<int:pk>/images/<int:image_pk>/move/",
        views.desk_image_move,
        name="desk_image_move",
    ),
]
