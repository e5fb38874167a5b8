"""Querysets compiled once per process and shape, then only run with the request's values
(core.compiled): the same rows as the queryset itself, no compiling after the first time, and
a build whose SQL depends on a value (not only its parameters) caught by the suite's check."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from core import compiled

pytestmark = pytest.mark.django_db


def with_institute(active: bool, *, pk: int):
    return User.objects.select_related("institute").filter(pk=pk, is_active=active)


def test_the_rows_are_the_querysets_for_every_value(member, other_member, moderator):
    for user in (member, other_member, moderator, member):
        with CaptureQueriesContext(connection) as queries:
            [found] = compiled.fetch(with_institute, (True,), pk=user.pk)
            institute = found.institute  # joined, not read again
        assert len(queries) == 1
        assert institute == user.institute
        assert (found.pk, found.email, found.display_name) == (
            user.pk,
            user.email,
            user.display_name,
        )
    assert compiled.fetch(with_institute, (False,), pk=member.pk) == []


def test_only_the_first_fetch_of_a_shape_compiles(settings, monkeypatch, member, other_member):
    settings.COMPILED_QUERIES_CHECK = False  # the check compiles on purpose
    calls = []
    as_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        calls.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)

    def named(*, pk: int):
        return User.objects.filter(pk=pk).only("display_name")

    assert [u.display_name for u in compiled.fetch(named, (), pk=member.pk)] == ["Alice Moreau"]
    first = len(calls)
    assert first >= 1
    [again] = compiled.fetch(named, (), pk=other_member.pk)
    assert again.pk == other_member.pk
    assert len(calls) == first  # run again with another value: nothing compiled


def test_a_build_whose_sql_depends_on_a_value_is_caught(member):
    def next_one(*, pk: int):  # pk + 1 is no parameter fetch can find: wrong for a shape
        return User.objects.filter(pk__in=[pk, pk + 1])

    with pytest.raises(compiled.CompiledQueryMismatch):
        compiled.fetch(next_one, (), pk=member.pk)

    def by_sign(*, pk: int):  # the stand-in is negative: the kept SQL is the other branch's
        return User.objects.filter(pk=pk) if pk > 0 else User.objects.filter(pk=-pk)

    with pytest.raises(compiled.CompiledQueryMismatch):
        compiled.fetch(by_sign, (), pk=member.pk)


def test_a_query_that_matches_nothing_runs_nothing(member):
    def nobody(*, pk: int):
        return User.objects.none().filter(pk=pk)

    with CaptureQueriesContext(connection) as queries:
        assert compiled.fetch(nobody, (), pk=member.pk) == []
    assert len(queries) == 0
