"""A thread page's posts by keyset on the tree path instead of ``OFFSET``.

Posts are shown in tree order (``path``). ``OFFSET n`` makes the database build and throw away
the n wide rows (with their joined authors) before the page, so the last page of a long thread
cost four times the first. Here the first page is the first ``POSTS_PER_PAGE`` paths, the last
page the last ones read backwards (no offset at all), and a page in between starts from its
first path (or ends at its last), found from the nearer end of the thread on the ``(thread,
path)`` index alone, then read as a keyset: ``path >= start ... LIMIT n``. Page numbers,
``?page=last`` and the links between pages are unchanged.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery

from attachments.models import Attachment

from .models import Post

# Windows read from the end of the thread backwards: their posts come last first.
BACKWARDS = {"last", "to"}


def window_of(page) -> tuple[str, int, int]:
    """Where the posts of ``page`` (a ``Page`` whose paginator counts ``thread.last_position``)
    are, as ``(how, bound, size)``: the first ``size`` paths (``"first"``), the last ``size``
    (``"last"``), ``size`` from the ``bound``-th path (``"from"``) or up to the ``bound``-th
    from the end (``"to"``)."""
    per_page = page.paginator.per_page
    count = page.paginator.count
    before = (page.number - 1) * per_page
    size = max(0, min(per_page, count - before))
    if before == 0:
        return ("first", 0, per_page)
    after = count - before - size  # posts after this page
    if after <= 0:
        return ("last", 0, size)
    if before <= after:
        return ("from", before, size)
    return ("to", after, size)


def in_window(posts, thread_id: int, how: str, bound: int, size: int):
    """``posts`` (the thread's posts in tree order) narrowed to a window of ``window_of``, the
    ``BACKWARDS`` ones read from the end."""
    paths = Post.objects.filter(thread_id=thread_id).values_list("path", flat=True)
    if how == "first":
        return posts[:size]
    if how == "last":
        return posts.order_by("-path")[:size]
    if how == "from":
        start = paths.order_by("path")[bound : bound + 1]
        return posts.filter(path__gte=Subquery(start))[:size]
    end = paths.order_by("-path")[bound : bound + 1]
    return posts.filter(path__lte=Subquery(end)).order_by("-path")[:size]


def page_of_posts(thread, posts, page) -> list[Post]:
    """The posts of ``page``, read from ``posts``: the thread's posts in tree order."""
    how, bound, size = window_of(page)
    found = list(in_window(posts, thread.pk, how, bound, size))
    return found[::-1] if how in BACKWARDS else found


def attach_files(posts: list[Post]) -> None:
    """Set each post's ``files`` from one query for the page, instead of a generic-relation
    prefetch (which builds a filtered queryset per post: a tenth of the page's time); from none
    when the posts were read with ``has_files`` and none has any."""
    by_post = {post.pk: [] for post in posts}
    having = [post.pk for post in posts if getattr(post, "has_files", True)]
    if not having:  # the query's ``has_files`` says none of them has any
        for post in posts:
            post.files = []
        return
    found = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id__in=having
    )
    for attachment in found:
        by_post[attachment.object_id].append(attachment)
    for post in posts:
        post.files = by_post[post.pk]
