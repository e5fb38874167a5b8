"""The moderation area: every queue of every app under one address and one navigation."""

from django.urls import path

from accounts import views as accounts_views
from conversations import views as conversations_views
from directory import views as directory_views
from forum.views import moderation as forum_moderation
from portal import views as portal_views

from .views import institutes, invitations, log, overview, people

app_name = "moderation"
urlpatterns = [
    path("", overview.overview, name="index"),
    path("applications/", accounts_views.queue, name="applications"),
    path("applications/<int:pk>/", accounts_views.decide, name="decide"),
    path("people/", accounts_views.people, name="people"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/access/", accounts_views.deactivate, name="deactivate"),
    path("people/<int:pk>/roles/<str:role>/<str:change>/", people.change_role, name="change_role"),
    path("reports/", forum_moderation.reports, name="reports"),
    path("practices/", forum_moderation.practice_queue, name="practices"),
    path("messages/", conversations_views.reports, name="messages"),
    path("portal/", portal_views.moderation, name="portal"),
    path("keywords/", directory_views.keyword_queue, name="keywords"),
    path("invitations/", invitations.invitations, name="invitations"),
    path("invitations/import/", invitations.import_list, name="import"),
    path("invitations/<int:pk>/resend/", invitations.resend, name="resend"),
    path("invitations/<int:pk>/revoke/", invitations.revoke, name="revoke"),
    path("log/", log.audit_log, name="log"),
    path("log.csv", log.audit_csv, name="log_csv"),
    path("institutes/", institutes.institutes, name="institutes"),
    path("institutes/new/", institutes.institute, name="institute_new"),
    path("institutes/<int:pk>/", institutes.institute, name="institute"),
    path("institutes/<int:pk>/domains/", institutes.add_domain, name="add_domain"),
    path("domains/<int:pk>/retire/", institutes.retire_domain, name="retire_domain"),
    path("domains/<int:pk>/restore/", institutes.restore_domain, name="restore_domain"),
]
