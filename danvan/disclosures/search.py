"""Published disclosures in the portal's search (kind "Công khai"); drafts and withdrawn ones are removed."""

from danvan.core.formatting import format_date
from danvan.search.registry import Document, register

from .models import Disclosure, Status

KIND = "Công khai"


def disclosure_document(d: Disclosure) -> Document | None:
    if d.status != Status.PUBLISHED:
        return None
    period = f"niêm yết từ {format_date(d.posting_start)}"
    if d.posting_end:
        period += f" đến {format_date(d.posting_end)}"
    summary = f"{d.category.number}. {d.category.short_name} · {d.unit.name} · {period}"
    return Document(
        kind=KIND,
        title=d.title,
        summary=summary,
        body=d.body,
        url=f"/cong-khai/{d.pk}/",
        unit=d.unit,
        published_at=d.published_at or d.posting_start,
    )


register(
    Disclosure,
    to_document=disclosure_document,
    queryset=lambda: Disclosure.objects.select_related("unit", "category"),
)
