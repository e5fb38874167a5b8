from accounts import demo as accounts_demo
from forum import demo
from forum.models import Category, Initiative, Post, Practice, Thread


def test_the_demo_loads_once_and_again_without_changes(db):
    people = accounts_demo.load()
    demo.load(people)
    counts = [m.objects.count() for m in (Category, Thread, Post, Initiative, Practice)]
    demo.load(people)
    assert [m.objects.count() for m in (Category, Thread, Post, Initiative, Practice)] == counts
    assert Category.objects.get(slug="announcements").moderators_only
    assert Practice.objects.curated().count() == 2
    assert Practice.objects.awaiting_review().count() == 1
    initiative = Initiative.objects.get()
    assert initiative.participations.count() == 2 and initiative.sought_themes.exists()
    nested = Post.objects.filter(thread__title__startswith="Data sources", depth__gte=2)
    assert nested.exists() and Post.objects.filter(mentioned__isnull=False).exists()
