from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.start, name="start"),
    path("blocked/", views.blocked, name="blocked"),
    path("block/<int:user_pk>/", views.block, name="block"),
    # Reported messages are a list of the moderation area (/moderation/messages/).
    path(
        "reports/",
        RedirectView.as_view(pattern_name="moderation:messages", query_string=True),
        name="reports",
    ),
    path("reports/<int:report_pk>/resolve/", views.resolve, name="resolve"),
    path("m/<int:message_pk>/report/", views.report, name="report"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/after/<int:last_id>/", views.after, name="after"),
    path("<int:pk>/leave/", views.leave, name="leave"),
]
