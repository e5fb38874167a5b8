"""Atom feeds. The URLs are public, so the content is gated by the member's secret token."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from core.text import clean_display_text, strip_invisible

from .models import Category, FeedToken, Post, Practice, Thread

ITEMS = 30


def _member_for(token: str):
    feed_token = FeedToken.objects.select_related("user").filter(token=token).first()
    if feed_token is None or not feed_token.user.is_member:
        raise Http404
    return feed_token.user


class CategoryFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, token, slug):
        user = _member_for(token)
        return user, get_object_or_404(Category, slug=slug)

    def title(self, obj):
        # XML cannot carry control characters: rows written before Category.clean may have them.
        name = clean_display_text(obj[1].name)
        return _("%(category)s · Migration Network forum") % {"category": name}

    def link(self, obj):
        return obj[1].get_absolute_url()

    def subtitle(self, obj):
        return strip_invisible(obj[1].description)

    def items(self, obj):
        user, category = obj
        threads = Thread.objects.visible_to(user).filter(category=category, is_deleted=False)
        return (
            Post.objects.readable()
            .filter(thread__in=threads)
            .select_related("thread", "author")
            .order_by("-created")[:ITEMS]
        )

    def item_title(self, item):
        return (
            item.thread.title
            if item.is_opening
            else _("Re: %(title)s") % {"title": item.thread.title}
        )

    def item_description(self, item):
        return item.body_html

    def item_link(self, item):
        return reverse("forum:post", args=[item.pk])

    def item_author_name(self, item):
        return item.author.display_name

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.edited_at or item.created


class PracticesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, token):
        return _member_for(token)

    def title(self, obj):
        return _("Good practices · Migration Network")

    def link(self, obj):
        return reverse("forum:practices")

    def items(self, obj):
        return (
            Practice.objects.curated()
            .select_related("thread__author")
            .order_by("-curated_at")[:ITEMS]
        )

    def item_title(self, item):
        return item.thread.title

    def item_description(self, item):
        # Atom marks descriptions as HTML: the member's plain text must arrive escaped.
        return linebreaks(item.summary, autoescape=True)

    def item_link(self, item):
        return item.thread.get_absolute_url()

    def item_author_name(self, item):
        return item.thread.author.display_name

    def item_pubdate(self, item):
        return item.curated_at
