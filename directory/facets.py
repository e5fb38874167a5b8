"""PostgreSQL: everything the directory filters and counts, on the profile row as one int array.

``directory_profile.facets`` holds one integer per fact, offset by kind: every dimension the
directory filters by (``directory.dimensions``: themes and the focus areas above them, every
place of focus, countries, methods, languages, the institute, the yes/no flags), the facts
visibility depends on (``models.PROFILE_FACTS``: "listed", an active member's profile, and
"public"), and one of ``SAMPLE_BUCKETS`` sample buckets (by id). With a GIN index, every
filter is an index condition on that one column (no joins), and every count is one
``unnest ... GROUP BY``.

A result of more than about ``SAMPLE_GATE * SAMPLE_BUCKETS`` profiles is counted over one
sample bucket and scaled up: the page then says "about". ``directory.indexing.store()`` writes
``ARRAY_SQL`` in the statement that writes the search vector, so a change rewrites the row once;
migration 0006 fills it with ``FILL_SQL``. The column and its index live outside the model
state (migration 0006) because SQLite has no arrays; other databases filter and count through
the relation tables.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import BooleanField, Expression, IntegerField

from . import dimensions
from .models import OWNER_IS_MEMBER, PROFILE_FACTS, facts_required

SAMPLE, STATE = 8 * dimensions.MILLION, 9 * dimensions.MILLION
SAMPLE_BUCKETS = 40
SAMPLED = SAMPLE  # bucket 0 is the sample
# Below this many profiles in the sample (about 4,000 results) the whole result is counted.
SAMPLE_GATE = 100


def fact_value(fact) -> int:
    """A ``models.ProfileFact`` in the array."""
    return STATE + fact.number


LISTED = fact_value(OWNER_IS_MEMBER)


def array_sql(declared=dimensions.DIMENSIONS, facts=PROFILE_FACTS) -> str:
    """The facets of the profile row ``p``, from its relations, its flags and its facts.

    Only constants are formatted in, never input (and no literal percent sign, so it can sit
    in a parameterised statement).
    """
    parts = [part for dimension in declared for part in dimension.array_sql()]
    parts += [f"SELECT {fact_value(fact)} WHERE {fact.sql}" for fact in facts]
    parts.append(f"SELECT {SAMPLE} + mod(p.id, {SAMPLE_BUCKETS})::int")
    return "ARRAY(\n    " + "\n    UNION ".join(parts) + "\n    ORDER BY 1\n)"


ARRAY_SQL = array_sql()
FILL_SQL = f"UPDATE directory_profile p SET facets = {ARRAY_SQL}"  # noqa: S608  (constants)


class FacetsExpression(Expression):
    """SQL on the ``facets`` column of the query's own profile table (subqueries included)."""

    def __init__(self, template: str, params=(), output_field=None):
        super().__init__(output_field=output_field)
        self.template, self.params = template, tuple(params)

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(column=f"{table}.facets"), self.params


def holding_all(values) -> FacetsExpression:
    """Profiles whose facets include every one of ``values``."""
    return FacetsExpression(
        "{column} @> %s::integer[]", [sorted(values)], output_field=BooleanField()
    )


def holding_any(values) -> FacetsExpression:
    """Profiles whose facets include at least one of ``values``."""
    return FacetsExpression(
        "{column} && %s::integer[]", [sorted(values)], output_field=BooleanField()
    )


def visible_to(viewer) -> FacetsExpression:
    """``Profile.objects.visible_to(viewer)`` read from the array: the same facts required."""
    return holding_all([fact_value(fact) for fact in facts_required(viewer)])


COUNT_SQL = """
WITH sample(facets) AS MATERIALIZED ({sample}),
gate AS (SELECT count(*) >= %s AS big FROM sample)
SELECT f, count(*), true FROM sample s, unnest(s.facets) f
    WHERE (SELECT big FROM gate) GROUP BY f
UNION ALL
SELECT f, count(*), false FROM ({full}) s(facets), unnest(s.facets) f
    WHERE NOT (SELECT big FROM gate) GROUP BY f
"""


def count(result) -> tuple[dict[int, int], bool]:
    """({facet value: profiles}, estimated) over ``result``, in one query.

    The sample bucket is counted first; when it is large, its counts scaled up are the answer
    and the full result is never read, otherwise the full result is counted exactly.
    """
    facets = FacetsExpression("{column}", output_field=ArrayField(IntegerField()))
    full = result.order_by().annotate(_facets=facets).values_list("_facets")
    sample = full.filter(holding_all([SAMPLED]))
    sample_sql, sample_params = sample.query.sql_with_params()
    full_sql, full_params = full.query.sql_with_params()
    sql = COUNT_SQL.format(sample=sample_sql, full=full_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, (*sample_params, SAMPLE_GATE, *full_params))
        rows = cursor.fetchall()
    estimated = bool(rows) and rows[0][2]
    scale = SAMPLE_BUCKETS if estimated else 1
    return {value: number * scale for value, number, _sampled in rows}, estimated
