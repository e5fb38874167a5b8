from django.utils import timezone

from accounts import demo as accounts_demo
from directory import demo as directory_demo
from directory.models import Profile
from forum import demo as forum_demo
from forum.models import Practice
from portal import demo
from portal.models import Event, Output


def counts():
    return [Output.objects.count(), Event.objects.count(), Practice.objects.public().count()]


def test_the_demo_portal_is_believable_and_loads_again_without_changes(db):
    people = accounts_demo.load()
    directory_demo.load(people)
    forum_demo.load(people)
    demo.load(people)
    now = timezone.now()
    published = Output.objects.public()
    assert published.count() >= 12 and published.briefs().count() >= 4
    assert all(output.authors.exists() for output in published)
    french = published.get(language="fr", kind="policy_brief")  # and its English translation
    assert published.get(translation_of=french).language == "en"
    events = Event.objects.public()
    assert events.past(now).count() >= 2
    assert events.ongoing(now).count() >= 1
    assert events.upcoming(now).count() >= 3
    assert len(set(events.values_list("time_zone", flat=True))) >= 5
    assert Event.objects.awaiting_review().count() == 1
    assert Practice.objects.public().count() == 2
    public_profiles = Profile.objects.of_members().filter(visibility=Profile.Visibility.PUBLIC)
    assert public_profiles.count() >= 3
    before = counts()
    Practice.objects.update(is_public=False)  # a moderator's later choice is kept
    demo.load(people)
    assert counts() == [*before[:2], 0]
