"""On PostgreSQL a LIKE 'prefix%' query uses a btree index only with varchar_pattern_ops (non-C collation).
SQLite's own index on `path` (unique) already serves prefix queries with GLOB/LIKE optimisation."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS units_unit_path_prefix_idx ON units_unit (path varchar_pattern_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS units_unit_path_prefix_idx")


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
