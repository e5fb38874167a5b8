import pytest

from forum import actions
from forum.models import Category


@pytest.fixture
def thread(member):
    category = Category.objects.create(name="General discussion", slug="general", order=1)
    return actions.create_thread(
        member, category=category, title="Climate mobility data", body="Which sources do you use?"
    )
