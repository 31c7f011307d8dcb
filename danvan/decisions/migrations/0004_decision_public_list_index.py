"""The public list's order (every decision but drafts, newest vote first) as a partial index: a page walks it
instead of sorting the province's decisions, and the count reads it alone (bench/m4_decisions.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0003_initiatives_commune_wide"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                condition=models.Q(("status", "draft"), _negated=True),
                fields=["-voting_on", "-id"],
                name="decision_public_order_idx",
            ),
        ),
    ]
