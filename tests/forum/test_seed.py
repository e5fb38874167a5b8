from django.core.management import call_command

from forum.models import MAX_DEPTH, Post, Revision, Thread


def test_seed_forum_creates_consistent_threads(member, other_member, capsys):
    call_command("seed_forum", threads=3, posts_per_thread=12)
    assert Thread.objects.filter(category__slug="seed").count() == 3
    assert Post.objects.count() == 36 == Revision.objects.count()
    for thread in Thread.objects.all():
        positions = sorted(thread.posts.values_list("position", flat=True))
        assert positions == list(range(1, 13)) and thread.last_position == 12
    for post in Post.objects.exclude(reply_to=None).select_related("reply_to"):
        assert post.reply_to.thread_id == post.thread_id
        assert post.reply_to.position < post.position
        assert post.depth == min(post.reply_to.depth + 1, MAX_DEPTH)
    assert all(p.body_html.startswith("<p>") for p in Post.objects.all())
    assert "36/36" in capsys.readouterr().out
