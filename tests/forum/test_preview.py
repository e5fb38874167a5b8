"""The composer's preview: the text rendered as the post will show it (sanitized Markdown,
mentions linked), nothing saved; bad input gets a message and a 400; rate limited."""

from django.urls import reverse

from forum.models import BODY_MAX_LENGTH, Post

URL = reverse("forum:preview")


def test_the_preview_renders_markdown_and_mentions_without_saving(
    thread, member, other_member, login
):
    posts = Post.objects.count()
    response = login(member).post(URL, {"body": "**Bold** for @[Bob Mensah] <script>x</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Bold</strong>" in html
    assert f'<a href="{other_member.profile.get_absolute_url()}"' in html
    assert "<script>" not in html
    assert Post.objects.count() == posts


def test_an_empty_or_too_long_text_gets_a_message(member, login):
    client = login(member)
    empty = client.post(URL, {"body": "   "})
    assert empty.status_code == 400 and "Write something" in empty.content.decode()
    long = client.post(URL, {"body": "x" * (BODY_MAX_LENGTH + 1)})
    assert long.status_code == 400 and "limited to" in long.content.decode()


def test_the_preview_takes_posts_only(member, login):
    assert login(member).get(URL).status_code == 405


def test_previews_are_rate_limited(member, login, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.preview": "1/h"}
    client = login(member)
    assert client.post(URL, {"body": "one"}).status_code == 200
    assert client.post(URL, {"body": "two"}).status_code == 429
