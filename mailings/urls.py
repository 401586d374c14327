from django.urls import path

from mailings import views

app_name = "mailings"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Beside /account/notifications/ (accounts), which links here: the categories are the
    # catalogue's, which accounts cannot know.
    path("account/notifications/categories/", views.categories, name="categories"),
]
