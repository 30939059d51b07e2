"""PostgreSQL, refusing a whole number too big for its column instead of letting it wrap.

With server-side binding Django hands psycopg an integer field's value as an Int4 (or Int2),
which psycopg sends as its low 32 (or 16) bits: 99999999999 pupils was stored as 1215752191,
and a URN four billion too big matched another school's. Every field validates its own range
before this (thep.ranges); this is the last line, for any path that skips validation."""

from django.db import DataError
from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def adapt_integerfield_value(self, value, internal_type):
        if value is not None and not hasattr(value, "resolve_expression"):
            low, high = self.integer_field_range(internal_type)
            if not low <= value <= high:
                raise DataError(f"{value} is out of range for a {internal_type}.")
        return super().adapt_integerfield_value(value, internal_type)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
