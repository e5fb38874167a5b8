from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.index, name="index"),
]
urlpatterns += [path("unsubscribe/<str:token>/", views.index, name="unsubscribe")]
