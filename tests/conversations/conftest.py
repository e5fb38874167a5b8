import pytest

from conversations import actions
from tests.conftest import make_user


@pytest.fixture
def carol(institutes):
    return make_user("carol@ehs.unu.example", "Carol Nguyen")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write with its after-commit effects (notifications, pushes, emails), as a request
    would."""

    def _run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return _run


@pytest.fixture
def conversation(member, other_member, committed):
    return committed(
        actions.start, member, [other_member], subject="Climate data", body="Hello **Bob**"
    )


@pytest.fixture
def run():
    from asgiref.sync import async_to_sync

    return lambda scenario: async_to_sync(scenario)()
