"""PostgreSQL: everything the directory filters and counts, on the profile row as one int array.

``directory_profile.facets`` holds one integer per fact, offset by kind: the themes (and the focus
areas above them), every place of focus (``places``), countries, methods, languages, the
institute, the availability flags, "listed" (an active member's profile), "public", and one of
``SAMPLE_BUCKETS`` sample buckets (by id). With a GIN index, every filter is an index condition
on that one column (no joins), and every facet count is one ``unnest ... GROUP BY``.

A result of more than about ``SAMPLE_GATE * SAMPLE_BUCKETS`` profiles is counted over one
sample bucket and scaled up: the page then says "about". ``directory.search.store()`` writes
``ARRAY_SQL`` in the statement that writes the search vector, so a change rewrites the row once
(``store()`` here recomputes the array alone). The column and
its index live outside the model state (migration 0006) because SQLite has no arrays; other
databases filter and count through the relation tables.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import BooleanField, Expression, IntegerField

THEME, PLACE, COUNTRY, METHOD, LANGUAGE, INSTITUTE, FLAG, SAMPLE, STATE = (
    n * 1_000_000 for n in range(1, 10)
)
KIND_OFFSETS = {
    "theme": THEME,
    "region": PLACE,
    "country": COUNTRY,
    "method": METHOD,
    "language": LANGUAGE,
    "institute": INSTITUTE,
}
FLAGS = {"open": FLAG + 1, "advice": FLAG + 2, "supervising": FLAG + 3}
LISTED = STATE + 1
PUBLIC = STATE + 2
SAMPLE_BUCKETS = 40
SAMPLED = SAMPLE  # bucket 0 is the sample
# Below this many profiles in the sample (about 4,000 results) the whole result is counted.
SAMPLE_GATE = 100

ARRAY_TEMPLATE = """ARRAY(
    SELECT {theme} + t.theme_id FROM directory_profile_themes t WHERE t.profile_id = p.id
    UNION SELECT {theme} + th.parent_id FROM directory_profile_themes t
        JOIN directory_theme th ON th.id = t.theme_id
        WHERE t.profile_id = p.id AND th.parent_id IS NOT NULL
    UNION SELECT {place} + x.region_id FROM directory_profile_places x WHERE x.profile_id = p.id
    UNION SELECT {country} + x.country_id FROM directory_profile_countries x
        WHERE x.profile_id = p.id
    UNION SELECT {method} + x.method_id FROM directory_profile_methods x WHERE x.profile_id = p.id
    UNION SELECT {language} + x.language_id FROM directory_profile_languages x
        WHERE x.profile_id = p.id
    UNION SELECT {institute} + u.institute_id FROM accounts_user u
        WHERE u.id = p.user_id AND u.institute_id IS NOT NULL
    UNION SELECT {open} WHERE p.open_to_collaborate
    UNION SELECT {advice} WHERE p.available_for_advice
    UNION SELECT {supervising} WHERE p.supervising_students
    UNION SELECT {listed} FROM accounts_user u
        WHERE u.id = p.user_id AND u.is_active AND u.status = 'member'
    UNION SELECT {public} WHERE p.visibility = 'public'
    UNION SELECT {sample} + mod(p.id, {buckets})::int
    ORDER BY 1
)"""
# The facets of the profile row ``p``, from its relations: only constants are formatted in,
# never input (and no literal percent sign, so it can sit in a parameterised statement).
ARRAY_SQL = ARRAY_TEMPLATE.format(
    theme=THEME,
    place=PLACE,
    country=COUNTRY,
    method=METHOD,
    language=LANGUAGE,
    institute=INSTITUTE,
    listed=LISTED,
    public=PUBLIC,
    sample=SAMPLE,
    buckets=SAMPLE_BUCKETS,
    **FLAGS,
)
FILL_SQL = f"UPDATE directory_profile p SET facets = {ARRAY_SQL}"  # noqa: S608  (constants)


def store(profile_ids) -> None:
    """Recompute the facets of these profiles (all profiles when ``None``) from their relations."""
    with connection.cursor() as cursor:
        if profile_ids is None:
            cursor.execute(FILL_SQL)
        else:
            cursor.execute(FILL_SQL + " WHERE p.id = ANY(%s)", [list(profile_ids)])


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
