"""A thread page's posts rendered once and kept in the cache, each under a key made of everything
its HTML shows.

Rendering ``forum/_post.html`` 25 times was most of a thread page's time. The key of a post's
fragment is a hash of every value the template reads: the post's version (bumped by each edit)
and state (hidden, deleted, reason, reaction counts, depth), its author (name, institute,
membership, profile link for this reader), the thread and its language, the files listed under
it, the reader's language and time zone, and the template files themselves; and the bits that
are the reader's own: what they may do with it (``post.can``, from
``permissions.post_abilities``), whether it is new to them, their own reactions, and whether it
is their post. Readers in the same position share one fragment (members who read the thread to
the end, say). A value the template
shows that is not in the key would be shown stale: whoever adds one to the template adds it to
``fingerprint`` (tests/forum/test_post_fragments.py shows how to check it).

The cache, the CSRF token, the language, time zone and template text in every key are
``core.fragments``'s, as for every fragment kept that way: off with DEBUG and when
``FRAGMENT_SECONDS`` is 0; an unreachable cache renders every post.

The empty reply form under the posts is the same for every reader in a language (its labels,
help texts and file limits; no token: the ``{% csrf_token %}`` is the page's): ``reply_form``
renders it once per process and language (it was a third of the page's template time).
"""

from django.conf import settings
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from core.fragments import render_many

TEMPLATE = "forum/_post.html"
INCLUDED = ("attachments/_list.html",)


_reply_forms: dict[tuple, str] = {}


def reply_form(form_class):
    """The empty ``form_class()`` (the thread page's reply form) as HTML, kept per language and
    file limits in this process; rendered each time with DEBUG."""
    key = (
        form_class, translation.get_language(), get_script_prefix(),
        settings.ATTACHMENTS_MAX_FILES, settings.ATTACHMENTS_MAX_BYTES,
    )  # fmt: skip
    html = None if settings.DEBUG else _reply_forms.get(key)
    if html is None:
        html = _reply_forms[key] = form_class().as_div()
    return mark_safe(html)  # noqa: S308 (the form's own rendering, escaped there)


def fingerprint(post, thread, user) -> tuple:
    author = post.author
    profile = getattr(author, "profile", None)
    institute = author.institute.acronym if author.institute_id else None
    reply_to = post.reply_to.author.display_name if post.reply_to_id else None
    files = [(f.pk, f.name, f.size) for f in post.files]
    return (
        post.pk, post.version, post.position, post.depth, post.is_flattened, post.created,
        post.edited_at, post.is_deleted, post.is_hidden, post.hidden_reason, post.body_html,
        sorted((post.reaction_counts or {}).items()), post.reply_to_id, reply_to,
        author.pk, author.display_name, author.initials, author.is_member, author.is_superuser,
        institute, profile.pk if profile else None,
        profile.is_visible_to(user) if profile else None,
        thread.pk, thread.language, files,
        sorted(post.can.items()), post.is_unread, sorted(post.my_reactions), user.pk,
    )  # fmt: skip


def attach(request, thread, posts) -> None:
    """Set ``post.fragment`` (safe HTML) on each of ``posts``, from the cache or rendered now
    (``core.fragments``). ``posts`` carry ``can``, ``is_unread`` and ``my_reactions`` already.
    With DEBUG the thread page includes the template itself."""
    if settings.DEBUG or not posts:
        return
    user = request.user
    html = render_many(
        request,
        posts,
        template=TEMPLATE,
        name="post",
        fingerprint=lambda post: fingerprint(post, thread, user),
        context={"thread": thread, "user": user},
        included=INCLUDED,
        remember=True,  # a page read again makes no round trip to Redis for its posts
    )
    for post, fragment in zip(posts, html, strict=True):
        post.fragment = fragment
