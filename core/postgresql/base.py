"""Django's PostgreSQL backend, told the protocol's limit on parameters.

With the parameters bound by the server (``server_side_binding``, on when prepared statements are:
config.settings), a query carries at most 65,535 of them, as an Oracle one does, and PostgreSQL
refuses one with more. Django's PostgreSQL backend knows no limit, because psycopg merges the
parameters into the SQL by default: a ``bulk_create`` of 10,000 profiles, or a deletion whose
collector gathers 70,000 related rows into one ``IN``, failed. Told the limit, Django splits
them into batches as it does for Oracle and SQLite.
"""

from itertools import chain

from django.db import models
from django.db.backends.postgresql import base, features, operations

# The extended protocol counts a statement's parameters in 16 bits.
MAX_PARAMETERS = 2**16 - 1


def server_binds(connection) -> bool:
    return bool(connection.settings_dict["OPTIONS"].get("server_side_binding"))


class DatabaseFeatures(features.DatabaseFeatures):
    @property
    def max_query_params(self):
        return MAX_PARAMETERS if server_binds(self.connection) else None


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs):
        """As Django's Oracle backend: as many rows as the limit holds."""
        columns = list(
            chain.from_iterable(
                field.fields if isinstance(field, models.CompositePrimaryKey) else [field]
                for field in fields
            )
        )
        if columns and server_binds(self.connection):
            return MAX_PARAMETERS // len(columns)
        return super().bulk_batch_size(fields, objs)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
