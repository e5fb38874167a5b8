import pytest
from django.template.base import Template

from forum import actions
from forum.models import Category


@pytest.fixture
def category(db):
    return Category.objects.create(name="General discussion", slug="general", order=1)


@pytest.fixture
def announcements(db):
    return Category.objects.create(
        name="Announcements", slug="announcements", order=0, moderators_only=True
    )


@pytest.fixture
def thread(member, category):
    return actions.create_thread(
        member, category=category, title="Climate mobility data", body="Which sources do you use?"
    )


@pytest.fixture
def opening(thread):
    return thread.posts.get(position=1)


@pytest.fixture
def notified(on_commit):
    """``notified()`` lists (kind, recipient email) of the notifications created so far."""
    from notifications.models import Notification

    def _list(kind=None):
        rows = Notification.objects.order_by("pk")
        if kind:
            rows = rows.filter(kind=kind)
        return [(n.kind, n.recipient.email) for n in rows.select_related("recipient")]

    return _list


@pytest.fixture
def initiative(member, category):
    """An initiative of the member's (the workspace tests' own; other files define theirs)."""
    return actions.propose_initiative(
        member, category=category, title="Heat and mobility", summary="Pool.", objectives="Agree."
    )


@pytest.fixture
def workspace(initiative, member):
    return actions.open_workspace(member, initiative)


@pytest.fixture
def renders_of(monkeypatch):
    """``renders_of("forum/_post.html")``: a list that grows by one each time that template is
    rendered (alone or included), for the tests of what comes from the cache."""
    counted = {}
    original = Template.render

    def render(self, context):
        name = self.origin.template_name if self.origin else None
        if name in counted:
            counted[name].append(1)
        return original(self, context)

    monkeypatch.setattr(Template, "render", render)
    return lambda name: counted.setdefault(name, [])
