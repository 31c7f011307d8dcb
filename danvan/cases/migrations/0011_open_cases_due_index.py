"""The overdue board's index (`selectors.overdue_board`), on PostgreSQL only.

The board counts, per unit, the open cases whose running deadline (`selectors.with_due`: acceptance before
thụ lý, resolution after) falls before a day. A partial index on that very expression, over open cases only,
with the unit and the columns the counts read, makes the counts one index-only range scan (the few thousand
cases due by then, in the whole province or any subtree) instead of a heap page per case: the district's board
read 58,000 pages of `cases_case` at 1,000,000 cases. Like 0004's inbox order, it is raw SQL so the CASE
expression is written once, as Django writes it; SQLite keeps the other indexes.
"""

from django.db import migrations

from danvan.core.migration_ops import postgres_only_sql

OPEN_DUE = (
    "CREATE INDEX IF NOT EXISTS case_open_due_idx ON cases_case (unit_id, "
    "(CASE WHEN status IN ('received', 'transferred') THEN accept_due "
    "WHEN status IN ('accepted', 'verifying', 'dialogue') THEN resolve_due ELSE NULL END)) "
    "INCLUDE (status, accept_due, resolve_due, id) "
    "WHERE status IN ('received', 'accepted', 'transferred', 'verifying', 'dialogue')"
)


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_search_text_trigram_index")]
    operations = [postgres_only_sql(OPEN_DUE, "DROP INDEX IF EXISTS case_open_due_idx")]
