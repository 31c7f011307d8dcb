"""The lists paged by keyset (danvan.core.paging.keyset_page) in their order, newest vote first: the public list
of one commune (`/lay-y-kien/?xa=`, every decision but drafts, as the selector filters) and the officers' list
(drafts included). A page starts in the index where its cursor points instead of reading and dropping the rows
before it (bench/m4_decisions.py measures the deepest page by keyset against OFFSET)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_decision_public_list_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                condition=models.Q(("status", "draft"), _negated=True),
                fields=["commune", "-voting_on", "-id"],
                name="decision_public_commune_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(fields=["-voting_on", "-id"], name="decision_order_idx"),
        ),
    ]
