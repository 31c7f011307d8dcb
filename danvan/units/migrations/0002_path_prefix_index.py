"""On PostgreSQL a LIKE 'prefix%' query uses a btree index only with varchar_pattern_ops (non-C collation).
SQLite's own index on `path` (unique) already serves prefix queries."""

from django.db import migrations

from danvan.core.migration_ops import postgres_only_sql


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [
        postgres_only_sql(
            "CREATE INDEX IF NOT EXISTS units_unit_path_prefix_idx ON units_unit (path varchar_pattern_ops)",
            "DROP INDEX IF EXISTS units_unit_path_prefix_idx",
        )
    ]
