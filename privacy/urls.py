from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("accounts/data/", views.data, name="data"),
    path("accounts/data/download/", views.request_export, name="request_export"),
    path("accounts/data/download/<str:token>/", views.download, name="download"),
    path("accounts/data/delete/", views.delete_account, name="delete"),
    path("accounts/data/delete/cancel/", views.cancel_deletion, name="cancel_deletion"),
]
