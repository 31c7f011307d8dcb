"""A trigram index behind the officers' free-text search (`selectors.matching`), on PostgreSQL only.

`matching` filters `search_text LIKE '%word%'` per word (the normalised text: no tone marks, đ→d); a GIN
index with `gin_trgm_ops` answers exactly that pattern, so the results are the same as without it and only
the plan changes. `pg_trgm` ships with PostgreSQL and is a trusted extension (the database's owner may
create it, no superuser needed). SQLite keeps its scan: there the inbox is a commune's or a demo's.
"""

from django.db import migrations

from danvan.core.migration_ops import postgres_only_sql


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_resolution_document_dialogue_transfer_day")]
    operations = [
        postgres_only_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm", "SELECT 1"),
        postgres_only_sql(
            "CREATE INDEX IF NOT EXISTS case_search_trgm_idx ON cases_case USING gin (search_text gin_trgm_ops)",
            "DROP INDEX IF EXISTS case_search_trgm_idx",
        ),
    ]
