"""Pieces of HTML rendered once and kept in the cache, each under a hash of everything it shows.

Django's template engine costs about half a millisecond for a list item with a few translations
and dates; a page of 25 posts or 20 threads spends most of its time there. ``render_many`` renders
one template for each of a list of objects, keyed by a *fingerprint*: a tuple of every value the
template reads for that object and that reader (the caller writes it next to the template). The
key also holds the reader's language and time zone and the template files' own text, so a new
release or another language never gets an old fragment. Readers in the same position share a
fragment; a form's CSRF token is put in on the way out (``csrf_token`` in a cached template is a
placeholder). A value the template shows that is missing from the fingerprint would be shown
stale: whoever adds one to the template adds it to the fingerprint.

A fragment's key is a hash of everything it shows, so what is under a key never changes:
``remember=True`` also keeps the fragments in this process's memory (``MEMORY``, the last
``MEMORY_ITEMS``), and a page whose fragments are all there makes no round trip to the cache.

Off with DEBUG (templates are edited and reloaded then) and when ``FRAGMENT_SECONDS`` is 0; an
unreachable cache renders every fragment, as without it.
"""

import contextlib
import functools
import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template import loader
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core import freshness

CSRF_PLACEHOLDER = "csrf0placeholder0for0a0cached0fragment"


@functools.cache
def template_version(*names: str) -> str:
    """The templates' own text: a changed template gets new keys."""
    sources = [loader.get_template(name).template.source for name in names]
    return hashlib.blake2b("\0".join(sources).encode(), digest_size=8).hexdigest()


MEMORY_ITEMS = 2000
MEMORY = freshness.Memory(size=MEMORY_ITEMS)


def enabled() -> bool:
    return not settings.DEBUG and bool(getattr(settings, "FRAGMENT_SECONDS", 6 * 3600))


def key(prefix: str, item_key, fingerprint: tuple, templates: tuple[str, ...]) -> str:
    """The cache key of one fragment: the item's own key, then a hash of what it shows."""
    shown = (
        fingerprint,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        template_version(*templates),
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"fragment:{prefix}:{item_key}:{digest}"


def render_many(
    request,
    items: Iterable,
    *,
    template: str,
    name: str,
    fingerprint: Callable[[object], tuple],
    context: dict | None = None,
    included: tuple[str, ...] = (),
    remember: bool = False,
) -> list[SafeString]:
    """The HTML of ``template`` for each of ``items`` (each as ``name`` in the template's
    context, beside ``context``), from the cache where its fingerprint is there, rendered now
    otherwise. One cache round trip to read and at most one to write (none to read when
    ``remember`` finds them all in this process's memory). The template sees only ``context``
    (no context processors): pass it what it reads, the reader as ``user``."""
    items = list(items)
    context = dict(context or {})
    found, keys = {}, [None] * len(items)
    if enabled():
        templates = (template, *included)
        keys = [key(name, getattr(item, "pk", ""), fingerprint(item), templates) for item in items]
        if remember:
            found = {k: text for k in keys if (text := MEMORY.get(k)) is not freshness.MISSING}
        wanted = [k for k in keys if k not in found]
        if wanted:
            with contextlib.suppress(Exception):  # an unreachable cache: render them all
                found.update(cache.get_many(wanted))
            if remember:
                seconds = getattr(settings, "FRAGMENT_SECONDS", 6 * 3600)
                for k in wanted:
                    if k in found:
                        MEMORY.put(k, found[k], seconds)
    fresh, html, token = {}, [], None
    for item, item_key in zip(items, keys, strict=True):
        text = found.get(item_key) if item_key else None
        if text is None:
            text = render_to_string(
                template, {**context, name: item, "csrf_token": CSRF_PLACEHOLDER}
            )
            if item_key:
                fresh[item_key] = text
        if CSRF_PLACEHOLDER in text:  # only a page with a form in a fragment asks for the token
            token = token if token is not None else (get_token(request) if request else "")
            text = text.replace(CSRF_PLACEHOLDER, token)
        html.append(mark_safe(text))  # noqa: S308
    if fresh:
        seconds = getattr(settings, "FRAGMENT_SECONDS", 6 * 3600)
        with contextlib.suppress(Exception):
            cache.set_many(fresh, seconds)
        if remember:
            for k, text in fresh.items():
                MEMORY.put(k, text, seconds)
    return html
