"""The search index: one `SearchDocument` row per indexed object of any module.

Rows are written only by `danvan.search.registry` (from each module's services, through
`search_index(obj)`) and read only by `danvan.search.selectors`.

Unaccenting happens in Python, not in the database: `norm_title` and `norm_body` hold
`danvan.core.text.normalize(...)` of the text (lower case, diacritics removed, đ→d, punctuation folded
to spaces), and queries go through the same function. So SQLite and PostgreSQL compare exactly the same
strings, "đ" folds to "d" (PostgreSQL's `unaccent` dictionary does not fold it in every version), and no
database extension is needed.

- `norm_title`, `exact_title` (the title with its diacritics kept: NFC, lower case) and `norm_body`
  (title + summary + body) are words separated by single spaces and padded with a space at both ends,
  so a LIKE pattern can say where words start and end (danvan.search.terms).
- PostgreSQL: `vector` is ``setweight(to_tsvector('simple', norm_title), 'A') ||
  setweight(to_tsvector('simple', norm_body), 'B')`` with a GIN index (migration 0002), computed from
  the Python-normalised text in the same INSERT. `norm_body` is left empty there: the vector already
  holds its words, and a narrow row keeps ranking fast.
- SQLite: `vector` stays NULL; search matches `norm_body` with LIKE.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField("loại", max_length=64)
    title = models.CharField("tiêu đề", max_length=500)
    summary = models.CharField("tóm tắt", max_length=500, blank=True)
    url = models.CharField("địa chỉ", max_length=500)
    unit = models.ForeignKey(
        "units.Unit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    published_at = models.DateTimeField("ngày đăng", null=True, blank=True)
    is_public = models.BooleanField("công khai", default=True)
    norm_title = models.TextField(editable=False)
    norm_body = models.TextField(editable=False)
    exact_title = models.TextField(editable=False)
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField("lập chỉ mục lúc", editable=False)

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "chỉ mục tìm kiếm"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_object_uniq"),
        ]
        indexes = [models.Index(fields=["content_type", "indexed_at"], name="search_doc_ct_indexed_idx")]

    def __str__(self):
        return f"{self.kind}: {self.title}"
