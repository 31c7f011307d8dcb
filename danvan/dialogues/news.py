"""A held dialogue's approved summary becomes a draft news article (M1) for the editor.

`dialogue_article(actor, dialogue)` writes the draft through `publishing.services.article_create` (so the
news workflow — submit, approve, publish — and its permission `news.edit` apply unchanged) and links it to
the dialogue (`DialogueArticle`): a second request returns the same article. The text is built from the
dialogue in plain sentences: the day, the host, the topic, who attended, the items answered and the
commitments made. Being public, it carries no personal data: no denunciation item, no citizen's words
verbatim beyond the answers, no person responsible for a commitment (only the unit).
"""

from django.db import transaction
from django.utils.html import escape

from danvan.core.errors import DomainError
from danvan.core.formatting import format_date

from .models import Dialogue, DialogueArticle, DialogueStatus

ANSWER_EXCERPT = 400


def _of(name: str) -> str:
    """ "Xã Tràm Chim" as it reads inside a sentence: "xã Tràm Chim"."""
    return name[:1].lower() + name[1:]


TOPIC_PREFIXES = ("đối thoại với nhân dân về ", "đối thoại trực tiếp về ", "đối thoại về ", "đối thoại ")


def _subject(topic: str) -> str:
    """The topic as it reads after "đối thoại … về": "Đối thoại về giao thông" → "giao thông"."""
    text = " ".join(topic.split())
    for prefix in TOPIC_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    return _of(text)


def _short(text: str, limit: int = ANSWER_EXCERPT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lines(text: str) -> list[str]:
    return [x.strip(" ;,.") for x in (text or "").split("\n") if x.strip(" ;,.")]


def article_text(d: Dialogue) -> dict:
    """{title, summary, body} of the draft about the held dialogue `d` (body in the editor's HTML)."""
    from danvan.cases.models import Kind

    day = format_date(d.held_on or d.day)
    unit = d.unit.name
    items = [
        i
        for i in d.items.select_related("case").order_by("order", "pk")
        if not (i.case is not None and i.case.kind == Kind.DENUNCIATION)
    ]
    answered = [i for i in items if i.answer]
    commitments = list(d.commitments.order_by("due", "pk"))
    title = f"{unit} đối thoại trực tiếp với Nhân dân về {_subject(d.topic)}"[:255]
    summary = (
        f"Ngày {day}, {_of(unit)} tổ chức hội nghị đối thoại với Nhân dân do {d.host_role} {d.host_name} chủ "
        f"trì; {len(answered)} nội dung được trả lời trực tiếp"
        + (f", {len(commitments)} cam kết được đưa ra." if commitments else ".")
    )[:600]
    partners = _lines(d.co_organisers)
    body = [
        f"<p>Ngày {day}, tại {escape(d.place)}, {escape(_of(unit))} tổ chức hội nghị đối thoại trực tiếp với "
        f"Nhân dân về {escape(_subject(d.topic))}. Hội nghị do {escape(d.host_role)} {escape(d.host_name)} chủ trì"
        + (f", với sự phối hợp của {escape(', '.join(partners))}" if partners else "")
        + ".</p>"
    ]
    if d.attendance.strip():
        body.append(f"<p>Tham dự hội nghị có {escape(', '.join(_lines(d.attendance)))}.</p>")
    if answered:
        body.append(
            f"<p>Tại hội nghị, bà con đã nêu ý kiến, kiến nghị về {len(items)} nội dung; lãnh đạo địa phương "
            f"đã trực tiếp trả lời, giải thích {len(answered)} nội dung:</p>"
        )
        body.append(
            "<ul>"
            + "".join(
                f"<li><strong>{escape(i.topic)}</strong>: {escape(_short(i.answer))}"
                + (f" Kết quả: {escape(_short(i.outcome, 200))}" if i.outcome else "")
                + "</li>"
                for i in answered
            )
            + "</ul>"
        )
    if d.summary.strip():
        body.append(f"<p>Kết luận hội nghị, {escape(d.host_role)} {escape(d.host_name)} nêu rõ: ")
        body[-1] += escape(" ".join(d.summary.split())) + "</p>"
    if commitments:
        body.append(
            f"<p>Hội nghị thống nhất {len(commitments)} cam kết để giải quyết các kiến nghị của bà con:</p>"
        )
        body.append(
            "<ul>"
            + "".join(
                f"<li>{escape(_short(c.content, 300))} — {escape(c.owner_unit)} thực hiện, "
                f"hạn hoàn thành ngày {format_date(c.due)}.</li>"
                for c in commitments
            )
            + "</ul>"
        )
    else:
        body.append("<p>Hội nghị không đưa ra cam kết mới.</p>")
    body.append(
        f"<p>Toàn văn kết quả đối thoại và tiến độ thực hiện các cam kết được công khai tại trang "
        f'<a href="/doi-thoai/hoi-nghi/{d.pk}/">kết quả hội nghị đối thoại</a> để Nhân dân cùng theo dõi, '
        f"giám sát.</p>"
    )
    return {"title": title, "summary": summary, "body": "\n".join(body)}


@transaction.atomic
def dialogue_article(*, actor, dialogue: Dialogue):
    """The draft article about the held `dialogue` — made now (reception.manage on the dialogue's unit and
    news.edit there), or the one made before. Returns (article, created)."""
    from danvan.publishing.services import article_create

    from .services import _audit, _require

    _require(actor, dialogue.unit, "Bạn không có quyền quản lý hội nghị đối thoại của đơn vị này.")
    d = Dialogue.objects.select_for_update().select_related("unit").get(pk=dialogue.pk)
    link = DialogueArticle.objects.select_related("article").filter(dialogue=d).first()
    if link is not None:
        return link.article, False
    if d.status != DialogueStatus.HELD or not d.summary.strip():
        raise DomainError(
            "Chỉ soạn bài viết khi hội nghị đối thoại đã kết thúc và có kết quả đối thoại.", code="status"
        )
    text = article_text(d)
    article = article_create(actor=actor, unit=d.unit, byline=d.unit.name[:200], tags="đối thoại", **text)
    DialogueArticle.objects.create(dialogue=d, article=article)
    _audit(actor, "dialogue.article", d, d.unit, {"article": [None, article.title]})
    return article, True
