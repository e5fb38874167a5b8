"""Querysets turned into SQL once per process, then only run: ``fetch(build, shape, **values)``.

Django builds a queryset and compiles it to SQL anew on every request: resolving each filter,
annotation and join, choosing the columns, writing the text. For the thread page's two main
queries (the thread with its visibility rule, read state and six joined relations; the page of
posts with their authors and the reader's reactions) that was 5 ms of a 20 ms page, ten times
the database's time for them. Here such a query is built and compiled once per process and
*shape*, with stand-in values where the request's own go (a reader's id, a thread's id, a
content type's), and afterwards only its parameters change: the stand-ins found among the
compiled parameters are replaced by the request's values, and the same SQL runs (prepared by
PostgreSQL, see config.settings) and builds its rows through Django's own ``ModelIterable``.

The contract: ``build(*shape, **values)`` must give the same SQL for every value, once the
``shape`` is fixed. Whatever changes the SQL itself (a reader who is a moderator sees threads
through another condition; a slice's bounds are written into the SQL) belongs in ``shape``, and
values are integers that reach the SQL only as parameters. With ``COMPILED_QUERIES_CHECK`` on
(the test suite's settings) every fetch also builds and compiles the query from the request's
values and fails loudly if its SQL or parameters differ from the kept query's: a shape that
forgets something is caught by any test that reads such a page.
"""

import copy
import itertools
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable

# Far below any primary key, and distinct: a parameter equal to one is where that value goes.
_STAND_INS = itertools.count(-(2**62), -1)
_KEPT_SHAPES = 500


@dataclass(frozen=True)
class Compiled:
    queryset: QuerySet  # built from the stand-ins; never run, only lent its model and database
    compiler: object  # compiled: its SQL and the columns Django builds the rows from
    sql: str
    params: tuple
    slots: tuple[tuple[int, str], ...]  # (index in params, name of the value that goes there)


class CompiledQueryMismatch(AssertionError):
    """The kept SQL is not what ``build`` gives for the request's values: ``shape`` misses
    something the SQL depends on."""


_kept: dict[Hashable, Compiled] = {}
_lock = threading.Lock()


def _compile(build: Callable[..., QuerySet], shape: tuple, names: list[str]) -> Compiled:
    stand_ins = {name: next(_STAND_INS) for name in names}
    queryset = build(*shape, **stand_ins)
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # ``.none()``, or a filter nothing can match: no query to run
        return Compiled(queryset, compiler, "", (), ())
    by_value = {value: name for name, value in stand_ins.items()}
    slots = tuple(
        (index, by_value[param])
        for index, param in enumerate(params)
        if type(param) is int and param in by_value
    )
    return Compiled(queryset, compiler, sql, tuple(params), slots)


def compiled(build: Callable[..., QuerySet], shape: tuple, names: list[str]) -> Compiled:
    """``build``'s query of ``shape`` for values named ``names``, compiled once per process."""
    key: Hashable = (build.__module__, build.__qualname__, shape, tuple(names))
    found = _kept.get(key)
    if found is None:
        found = _compile(build, shape, names)
        with _lock:
            if len(_kept) >= _KEPT_SHAPES:  # a shape per slice of a long thread, say: bounded
                _kept.pop(next(iter(_kept)), None)
            _kept[key] = found
    return found


def fetch(build: Callable[..., QuerySet], shape: tuple, **values: int) -> list:
    """The model instances of ``build(*shape, **values)``, built and compiled once per
    ``shape``; ``values`` only change its parameters."""
    kept = compiled(build, shape, sorted(values))
    if not kept.sql:
        return []
    params = list(kept.params)
    for index, name in kept.slots:
        params[index] = values[name]
    if getattr(settings, "COMPILED_QUERIES_CHECK", False):
        _check(kept, build(*shape, **values), params)
    compiler = copy.copy(kept.compiler)
    compiler.connection = connections[kept.queryset.db]
    compiler.as_sql = lambda *args, **kwargs: (kept.sql, params)
    queryset = kept.queryset._chain()
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return list(ModelIterable(queryset))


def _check(kept: Compiled, fresh: QuerySet, params: list) -> None:
    try:
        sql, fresh_params = fresh.query.get_compiler(using=fresh.db).as_sql()
    except EmptyResultSet:
        sql, fresh_params = "", []
    if sql != kept.sql or list(fresh_params) != params:
        raise CompiledQueryMismatch(
            f"kept:  {kept.sql} {params}\nfresh: {sql} {list(fresh_params)}"
        )


def forget() -> None:
    """Drop every kept query (tests that change what a build reads, such as the settings)."""
    with _lock:
        _kept.clear()
