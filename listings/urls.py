from django.urls import path

from listings import contacts, views
from listings.catalogue import views as catalogue

app_name = "listings"

urlpatterns = [
    path("listings/", views.search, name="search"),
    path("listings/<int:pk>/", views.detail, name="detail"),
    path("sellers/<int:pk>/", views.seller_detail, name="seller_detail"),
    path("sellers/<int:pk>/review/", views.review_create, name="review_create"),
    path("seller/listings/", views.desk, name="desk"),
    path("seller/listings/new/", views.desk_create, name="desk_create"),
    path("seller/listings/import/", catalogue.import_start, name="import"),
    path("seller/listings/import/<int:pk>/", catalogue.import_detail, name="import_detail"),
    path(
        "seller/listings/import/<int:pk>/confirm/",
        catalogue.import_confirm,
        name="import_confirm",
    ),
    path(
        "seller/listings/import/<int:pk>/progress/",
        catalogue.import_progress,
        name="import_progress",
    ),
    path(
        "seller/listings/import/<int:pk>/report.csv", catalogue.import_report, name="import_report"
    ),
    path("seller/listings/import/template.<str:fmt>", catalogue.template, name="import_template"),
    path("seller/listings/export.<str:fmt>", catalogue.catalogue_export, name="export"),
    path("sellers/<int:pk>/contacts/", contacts.seller_contacts, name="seller_contacts"),
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
