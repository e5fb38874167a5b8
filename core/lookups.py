"""``__in`` on integer columns ignores values outside the column's range.

Django already makes ``exact``, ``gt``, ``gte``, ``lt`` and ``lte`` on integer columns match
nothing for such values (``IntegerFieldOverflow``), but not ``in``: SQLite raised
``OverflowError`` (a 500) for any integer past 64 bits, as every ``ModelMultipleChoiceField``
sends when a form or a filter link carries one. Registered by ``core.apps``.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
