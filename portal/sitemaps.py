"""sitemap.xml of the public pages (django.contrib.sitemaps): published content only."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from accounts.models import Institute

from .models import Event, Output
from .public import public_practices, public_profiles

STATIC_PAGES = [
    "landing",
    "portal:about",
    "portal:contact",
    "portal:institutes",
    "portal:outputs",
    "portal:events",
    "portal:practices",
    "portal:experts",
]


class PublicSitemap(Sitemap):
    """Each page once per language (/outputs/, /fr/outputs/, ...), each entry naming the others
    and the x-default (the unprefixed URL) as alternates."""

    limit = 5000
    i18n = True
    alternates = True
    x_default = True

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"


class PagesSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return STATIC_PAGES

    def location(self, item):
        return reverse(item)


class OutputSitemap(PublicSitemap):
    def items(self):
        return Output.objects.public().only("pk", "updated").order_by("pk")

    def lastmod(self, item):
        return item.updated


class EventSitemap(PublicSitemap):
    def items(self):
        return Event.objects.public().only("pk", "updated").order_by("pk")

    def lastmod(self, item):
        return item.updated


class InstituteSitemap(PublicSitemap):
    def items(self):
        return Institute.objects.filter(is_member=True).only("pk").order_by("pk")

    def location(self, item):
        return reverse("portal:institute", args=[item.pk])


class PracticeSitemap(PublicSitemap):
    def items(self):
        return public_practices().order_by("pk")

    def location(self, item):
        return reverse("portal:practice", args=[item.pk])


class ExpertSitemap(PublicSitemap):
    i18n = alternates = x_default = False  # a directory page: its URL carries no language

    def items(self):
        return public_profiles().order_by("pk")

    def location(self, item):
        return reverse("directory:public_profile", args=[item.pk])

    def lastmod(self, item):
        return item.updated


SITEMAPS = {
    "pages": PagesSitemap,
    "outputs": OutputSitemap,
    "events": EventSitemap,
    "institutes": InstituteSitemap,
    "practices": PracticeSitemap,
    "experts": ExpertSitemap,
}
