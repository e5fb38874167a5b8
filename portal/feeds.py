"""Public Atom feeds of published outputs (optionally one type) and events."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Event, Output

ITEMS = 30


class OutputFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        kind = request.GET.get("kind", "")
        return kind if kind in Output.Kind.values else ""

    def title(self, kind):
        if kind:
            return _("%(kind)s · Migration Network") % {"kind": Output.Kind(kind).label}
        return _("Research and policy briefs · Migration Network")

    def link(self, kind):
        return reverse("portal:outputs") + (f"?kind={kind}" if kind else "")

    def items(self, kind):
        # Each work once, in the feed's language (its URL prefix) where it has a version.
        outputs = Output.objects.public().in_language(get_language()).prefetch_related("authors")
        if kind:
            outputs = outputs.filter(kind=kind)
        return outputs.order_by("-published_at", "-pk")[:ITEMS]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return item.abstract_html

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all())


class EventFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Events · Migration Network")

    def link(self):
        return reverse("portal:events")

    def items(self):
        return Event.objects.public().order_by("-published_at", "-pk")[:ITEMS]

    def item_title(self, item):
        start = item.local_start.strftime("%Y-%m-%d %H:%M")
        return f"{item.title} ({start} {item.time_zone})"

    def item_description(self, item):
        return item.description_html

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated
