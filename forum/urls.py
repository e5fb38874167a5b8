from django.urls import path
from django.views.generic import RedirectView

from . import feeds
from .views import feeds as feed_pages
from .views import (
    initiatives,
    moderation,
    posts,
    practices,
    search,
    subscriptions,
    threads,
    workspaces,
)

app_name = "forum"
urlpatterns = [
    path("", threads.index, name="index"),
    path("c/<slug:slug>/", threads.category, name="category"),
    path(
        "c/<slug:slug>/subscription/", subscriptions.subscribe_category, name="subscribe_category"
    ),
    path("new/", threads.new_thread, name="new_thread"),
    path("initiatives/new/", initiatives.new_initiative, name="new_initiative"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/status/", initiatives.initiative_status, name="initiative_status"),
    path("initiatives/<int:pk>/join/", initiatives.initiative_join, name="initiative_join"),
    path("initiatives/<int:pk>/leave/", initiatives.initiative_leave, name="initiative_leave"),
    path("initiatives/<int:pk>/workspace/", workspaces.workspace, name="workspace"),
    path("initiatives/<int:pk>/workspace/open/", workspaces.workspace_open, name="workspace_open"),
    path(
        "initiatives/<int:pk>/workspace/new/",
        workspaces.workspace_new_thread,
        name="workspace_new_thread",
    ),
    path(
        "initiatives/<int:pk>/workspace/invite/",
        workspaces.workspace_invite,
        name="workspace_invite",
    ),
    path(
        "initiatives/<int:pk>/workspace/public/",
        workspaces.workspace_public,
        name="workspace_public",
    ),
    path(
        "workspace-invitations/<int:pk>/",
        workspaces.workspace_invitation,
        name="workspace_invitation",
    ),
    path("practices/", practices.practices, name="practices"),
    path("practices/new/", practices.new_practice, name="new_practice"),
    path("practices/<int:pk>/review/", practices.practice_review, name="practice_review"),
    path("t/<int:pk>/", threads.thread, name="thread"),
    path("t/<int:pk>/unread/", threads.thread_unread, name="thread_unread"),
    path("t/<int:pk>/reply/", posts.reply, name="reply"),
    path("t/<int:pk>/subscription/", subscriptions.subscribe_thread, name="subscribe_thread"),
    path("t/<int:pk>/moderate/", moderation.moderate_thread, name="moderate_thread"),
    path("t/<int:pk>/move/", moderation.move_thread, name="move_thread"),
    path("p/<int:pk>/", posts.post, name="post"),
    path("p/<int:pk>/edit/", posts.edit_post, name="edit_post"),
    path("p/<int:pk>/delete/", posts.delete_post, name="delete_post"),
    path("p/<int:pk>/history/", posts.post_history, name="post_history"),
    path("p/<int:pk>/react/", posts.react, name="react"),
    path("preview/", posts.preview, name="preview"),
    path("p/<int:pk>/report/", posts.report, name="report"),
    path("p/<int:pk>/hide/", moderation.hide_post, name="hide_post"),
    path("p/<int:pk>/restore/", moderation.restore_post, name="restore_post"),
    path("search/", search.search_view, name="search"),
    path("members.json", search.member_names, name="member_names"),
    # The moderation area is /moderation/; these addresses of before it lead there.
    path("moderation/", RedirectView.as_view(pattern_name="moderation:reports"), name="moderation"),
    path("moderation/log/", RedirectView.as_view(pattern_name="moderation:log"), name="audit_log"),
    path("moderation/reports/<int:pk>/", moderation.resolve_report, name="resolve_report"),
    path(
        "moderation/members/<int:pk>/suspend/",
        RedirectView.as_view(pattern_name="moderation:deactivate"),
        name="suspend_member",
    ),
    path("moderation/categories/new/", moderation.category_form, name="category_new"),
    path("moderation/categories/<slug:slug>/", moderation.category_form, name="category_edit"),
    path("feeds/", feed_pages.feeds, name="feeds"),
    path("feeds/reset/", feed_pages.reset_feed_token, name="reset_feed_token"),
    path("feeds/<str:token>/c/<slug:slug>/", feeds.CategoryFeed(), name="feed_category"),
    path("feeds/<str:token>/practices/", feeds.PracticesFeed(), name="feed_practices"),
]
