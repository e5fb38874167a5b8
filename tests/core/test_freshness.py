"""``core.freshness.kept``: values under version tokens, also in this process's memory."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from core import freshness

pytestmark = pytest.mark.django_db

TOKEN = "test:freshness-version"


def key():
    return f"test:freshness:{freshness.current(TOKEN)[0]}"


def test_a_remembered_value_is_read_once_from_the_cache_then_from_memory(monkeypatch):
    computed = []
    first = freshness.kept(key, lambda: computed.append(1) or {"n": 1}, 60, remember=True)
    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda *a, **k: reads.append(a) or real_get(*a, **k))
    again = freshness.kept(key, lambda: computed.append(1) or {"n": 2}, 60, remember=True)
    assert again is first and computed == [1]
    # The token is read (a change must be seen), the value is not: no round trip, no unpickling.
    value_key = key()
    assert [a for a in reads if a[0] == value_key] == []


def test_a_moved_token_is_seen_at_once(django_capture_on_commit_callbacks):
    before = freshness.kept(key, lambda: "before", 60, remember=True)
    with django_capture_on_commit_callbacks(execute=True):
        freshness.mark_changed(TOKEN)
    after = freshness.kept(key, lambda: "after", 60, remember=True)
    assert (before, after) == ("before", "after")


def test_a_value_from_another_process_is_remembered_as_the_cache_has_it():
    cache.set(key(), "kept by another process", 60)
    assert freshness.kept(key, lambda: "computed", 60, remember=True) == "kept by another process"


def test_memory_honours_the_seconds_and_its_size(monkeypatch):
    memory = freshness.Memory(size=2)
    now = [1000.0]
    monkeypatch.setattr(freshness, "time", SimpleNamespace(monotonic=lambda: now[0]))
    memory.put("a", 1, 10)
    memory.put("b", 2, 100)
    now[0] += 11
    assert memory.get("a") is freshness.MISSING and memory.get("b") == 2
    memory.put("c", 3, 100)
    memory.put("d", 4, 100)  # the least recently used goes
    assert memory.get("b") is freshness.MISSING and (memory.get("c"), memory.get("d")) == (3, 4)


def test_without_remember_every_read_goes_to_the_cache(monkeypatch):
    freshness.kept(key, lambda: [1], 60)
    cache.set(key(), [2], 60)  # the cache is the truth for those who do not remember
    assert freshness.kept(key, lambda: [3], 60) == [2]


def test_an_unreachable_cache_computes_and_remembers_nothing(monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache is down")

    for method in ("get", "get_many", "get_or_set", "set"):
        monkeypatch.setattr(cache, method, unreachable)
    size = len(freshness.memory.items)
    assert freshness.kept(key, lambda: "computed", 60, remember=True) == "computed"
    assert len(freshness.memory.items) == size
