from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.start, name="start"),
    path("blocked/", views.blocked, name="blocked"),
    path("block/<int:user_pk>/", views.block, name="block"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:report_pk>/resolve/", views.resolve, name="resolve"),
    path("m/<int:message_pk>/report/", views.report, name="report"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/after/<int:last_id>/", views.after, name="after"),
    path("<int:pk>/leave/", views.leave, name="leave"),
]
