"""The matters of the law as data: what the residential community discusses and decides directly (Law
10/2022/QH15 Art. 15 items 1–6) and what the people are consulted on before the authority decides (Art. 25
items 1–9). Each decided matter names the rulebook keys of its thresholds (hamlet scope; commune-wide for items
1–2) — the values themselves live in the rulebook, never here."""

from dataclasses import dataclass

GRASSROOTS = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"


@dataclass(frozen=True)
class Matter:
    item: int
    title: str
    short: str
    hamlet_rule: str
    commune_rule: str | None = None  # None: the matter is decided hamlet by hamlet only
    meeting_only: bool = False  # Art. 17: items 3–5 in a meeting (a ballot only when the meeting fell short)
    online_allowed: bool = False  # Art. 17, Decree 59 Art. 5: online voting only for item 6
    recognised_by: str = ""  # Art. 21(2): "ubnd" (items 3–4) or "mttq" (item 5)
    documents_before: bool = False  # Decree 59 Art. 3: items 1–3 — documents reach each household beforehand
    disclosure_item: int = 14  # the item of Art. 11 its result is disclosed under (5: contributions, funds)

    @property
    def key(self) -> str:
        return str(self.item)

    @property
    def citation(self) -> str:
        return f"{GRASSROOTS}, Điều 15, khoản {self.item}"

    @property
    def recogniser(self) -> str:
        """Who recognises the decision (Art. 21(2)), in words; empty when it takes effect on the vote."""
        return RECOGNISERS.get(self.recognised_by, "")


RECOGNISERS = {"ubnd": "Ủy ban nhân dân cấp xã", "mttq": "Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã"}


DECIDED: dict[str, Matter] = {
    m.key: m
    for m in (
        Matter(
            1,
            "Chủ trương và mức đóng góp xây dựng công trình công cộng, cơ sở hạ tầng do Nhân dân đóng góp",
            "Chủ trương, mức đóng góp xây dựng công trình",
            "decision.contribution_hamlet_approval",
            "decision.contribution_commune_approval",
            documents_before=True,
            disclosure_item=5,
        ),
        Matter(
            2,
            "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân ngoài các khoản pháp luật quy định; các quỹ, "
            "tài sản cộng đồng dân cư được giao quản lý",
            "Thu, chi, quản lý khoản đóng góp, quỹ",
            "decision.contribution_hamlet_approval",
            "decision.contribution_commune_approval",
            documents_before=True,
            disclosure_item=5,
        ),
        Matter(
            3,
            "Nội dung hương ước, quy ước của cộng đồng dân cư",
            "Hương ước, quy ước",
            "decision.community_approval",
            meeting_only=True,
            recognised_by="ubnd",
            documents_before=True,
        ),
        Matter(
            4,
            "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
            "Bầu, cho thôi Trưởng thôn, Tổ trưởng tổ dân phố",
            "decision.community_approval",
            meeting_only=True,
            recognised_by="ubnd",
        ),
        Matter(
            5,
            "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
            "Bầu, cho thôi thành viên Ban TTND, Ban GSĐTCĐ",
            "decision.community_approval",
            meeting_only=True,
            recognised_by="mttq",
        ),
        Matter(
            6,
            "Các công việc tự quản khác trong nội bộ cộng đồng dân cư không trái pháp luật, phong tục tập quán",
            "Công việc tự quản khác",
            "decision.community_approval",
            online_allowed=True,
        ),
    )
}

# Art. 25: the people give opinions before the authority decides (danvan.consultations builds the flow).
CONSULTED: dict[int, str] = {
    1: "Dự thảo kế hoạch phát triển kinh tế – xã hội; phương án chuyển đổi cơ cấu kinh tế, cơ cấu sản xuất",
    2: "Dự thảo quy hoạch, kế hoạch sử dụng đất; phương án quản lý, sử dụng quỹ đất công ích do cấp xã quản lý",
    3: "Chủ trương, phương án đầu tư, đất đai, bồi thường, giải phóng mặt bằng, tái định cư của dự án lớn "
    "hoặc tác động trực tiếp đến cộng đồng",
    4: "Thành lập, nhập, chia, điều chỉnh địa giới, đặt tên, đổi tên đơn vị hành chính cấp xã, thôn, tổ dân phố",
    5: "Dự thảo quyết định hành chính của Ủy ban nhân dân cấp xã có ảnh hưởng đến cộng đồng (môi trường, y tế, "
    "trật tự)",
    6: "Nhiệm vụ, đồ án quy hoạch xây dựng, quy hoạch nông thôn",
    7: "Dự thảo quy chế thực hiện dân chủ ở xã, phường, thị trấn và quy chế dân chủ trong từng lĩnh vực",
    8: "Dự thảo quyết định hành chính đặt ra nghĩa vụ hoặc hạn chế quyền, lợi ích của công dân cụ thể",
    9: "Các nội dung khác theo quy định của pháp luật",
}

# The other thresholds the calculator answers (API `matter=`): the rule key and what the count means.
OTHER_THRESHOLDS: dict[str, tuple[str, str]] = {
    "procedural": ("decision.procedural_vote", "đại diện hộ gia đình có mặt"),
    "initiative": ("decision.initiative_consent", "hộ gia đình của thôn, tổ dân phố"),
    "online_poll": ("decision.online_poll_approval", "hộ gia đình của thôn, tổ dân phố"),
    "online": ("decision.online_approval", "hộ gia đình của thôn, tổ dân phố"),
}

MATTER_CHOICES = [(m.key, f"{m.item}. {m.short}") for m in DECIDED.values()]


def matter_of(key) -> Matter:
    from danvan.core.errors import DomainError

    matter = DECIDED.get(str(key))
    if matter is None:
        raise DomainError("Nội dung cộng đồng dân cư bàn và quyết định không hợp lệ.", field="matter")
    return matter
