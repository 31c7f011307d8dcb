"""Migration operations shared by the apps."""

from django.db import migrations


def postgres_only_sql(sql: str, reverse_sql: str) -> migrations.RunPython:
    """SQL that only PostgreSQL understands (pattern-ops and GIN indexes); a no-op on SQLite."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(reverse_sql)

    return migrations.RunPython(forwards, backwards)
