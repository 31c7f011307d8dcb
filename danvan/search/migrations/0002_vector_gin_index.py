"""The GIN index behind `vector @@ to_tsquery(...)`, on PostgreSQL only.

SQLite has no GIN (nor tsvector): there the column stays empty and search matches the normalised
columns with LIKE, so the index is created by a vendor-checked operation instead of in the model's Meta.
"""

from django.db import migrations

from danvan.core.migration_ops import postgres_only_sql


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [
        postgres_only_sql(
            "CREATE INDEX IF NOT EXISTS search_document_vector_gin ON search_searchdocument USING gin (vector)",
            "DROP INDEX IF EXISTS search_document_vector_gin",
        )
    ]
