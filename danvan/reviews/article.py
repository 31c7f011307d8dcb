"""The draft news article of a review conference, built from the report and the event (the shape of the
portal's usual item: the date, the host and the guest; a paragraph of the period's results with figures; a
paragraph of the next period's tasks; the commendations). Our own sentences, to be edited in the news app."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from . import figures
from .drafts import democracy_words
from .models import Conference
from .periods import next_period_text
from .selectors import report_values

# what the results paragraph cites first, when the report has it
CITED = [
    "dialogue.held",
    "reception.days_held",
    "cases.received",
    "cases.resolved",
    "cases.resolved_on_time_rate",
    "disclosures.published",
    "communities.hoi_quan_active",
    "communities.members",
    "communities.contributions_vnd",
    "communities.labour_days",
    "manual.models_recognised",
    "manual.supervisions",
    "manual.study_sessions",
]


@dataclass(frozen=True)
class Draft:
    title: str
    summary: str
    paragraphs: list[str]

    def html(self) -> str:
        return "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)

    def text(self) -> str:
        return "\n\n".join([self.title, *self.paragraphs])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def draft_article(conference: Conference) -> Draft:
    report = conference.report
    period = report.period
    year = period.start.year
    host = (report.issuer or report.unit).name_in_sentence
    what = f"công tác dân vận, {democracy_words(year)} {_lower_first(period.title)}"
    nxt = next_period_text(period.kind, year)
    title = f"Hội nghị sơ kết {what}"
    day = conference.day
    opening = f"Ngày {day.day:02d}-{day.month:02d}-{day.year}, {host} tổ chức hội nghị sơ kết {what} và bàn phương hướng, nhiệm vụ {nxt}."
    guests = [g for g in conference.guests if g.get("name")]
    if guests:
        named = ", ".join(f"{g['name']} – {g['title']}" if g.get("title") else g["name"] for g in guests)
        opening += f" {'Đến dự có' if len(guests) > 1 else 'Dự hội nghị có'} {named}."
    if conference.chair:
        opening += f" Hội nghị do {conference.chair} chủ trì."

    values = report_values(report)
    lines = {ln.key: ln for ln in figures.lines()}
    cited = [
        f"{_lower_first(lines[k].label)} {figures.format_value(lines[k].measure, values[k])}"
        for k in CITED
        if k in lines and values.get(k)
    ]
    results = (
        f"Theo báo cáo trình bày tại hội nghị, trong {_lower_first(period.title)} cấp uỷ, chính quyền, Mặt trận "
        f"và các đoàn thể trên địa bàn {report.unit.name_in_sentence} "
        "đã phối hợp triển khai công tác dân vận gắn với nhiệm vụ chính trị của địa phương."
    )
    if cited:
        results += " Kết quả nổi bật: " + "; ".join(cited) + "."
    directions = (report.sections or {}).get("directions", "").strip()
    tasks = f"Về nhiệm vụ {nxt}, hội nghị thống nhất: {_lower_first(directions)}" if directions else ""
    paragraphs = [opening, results]
    if tasks:
        paragraphs.append(tasks)
    awards = [x.strip() for x in conference.commendations.splitlines() if x.strip()]
    if awards:
        paragraphs.append(
            f"Dịp này, {host} khen thưởng {len(awards)} tập thể, cá nhân có thành tích tiêu biểu: "
            + "; ".join(awards)
            + "."
        )
    summary = opening if len(opening) <= 600 else opening[:597] + "…"
    return Draft(title=title, summary=summary, paragraphs=paragraphs)
