"""What the demo's disclosures say: for each of the 14 items of Điều 11, its period, title, text and the document
the law asks for (a budget table, a land-use plan summary, a list of beneficiaries with names masked…), all
from the same figures, so the page and its PDF agree.

`ITEMS[number]` tells when an item is disclosed: `year` (once a year, in the quarter given: an annual plan in the
first quarter, the call-up list in the fourth), `quarter` (every quarter), `event` (when something happens: a
contribution for a road, a consultation) or `permanent` (items 4 and 13, once). `build(...)` returns
(title, body, Document).
"""

import datetime as dt
import random
from dataclasses import dataclass

from danvan.core.documents import long_date, place_of
from danvan.core.formatting import format_date, group_thousands
from danvan.units.models import Unit

from .documents import Document, Table, mask_digits, mask_name

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Dương", "Ngô"]
MIDDLE_M = ["Văn", "Minh", "Thanh", "Hữu", "Công"]
MIDDLE_F = ["Thị", "Ngọc", "Thanh", "Kim"]
GIVEN_M = ["Hùng", "Tâm", "Lợi", "Trí", "Sang", "Phúc", "Hải", "Thành", "Nhân", "Dũng"]
GIVEN_F = ["Mai", "Lan", "Hồng", "Thảo", "Yến", "Hạnh", "Nga", "Trinh", "Diễm", "Loan"]


@dataclass(frozen=True)
class Item:
    period: str  # "year", "quarter", "event", "permanent"
    quarter: int = 1  # for "year": the quarter it is disclosed in
    chance: float = 0.7  # for "quarter" and "event": how often the demo has one


ITEMS = {
    1: Item("year", 1),
    2: Item("quarter", chance=0.85),
    3: Item("year", 1),
    4: Item("permanent"),
    5: Item("event", chance=0.45),
    6: Item("event", chance=0.35),
    7: Item("year", 4),
    8: Item("event", chance=0.35),
    9: Item("year", 4),
    10: Item("year", 4),
    11: Item("event", chance=0.5),
    12: Item("year", 1),
    13: Item("permanent"),
    14: Item("quarter", chance=0.9),
}


def person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def money(amount: int) -> str:
    return group_thousands(amount)


def _of(unit: Unit) -> str:
    return unit.name_in_sentence


def _dec(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _doc(unit, day, kind, title, number, signer, **parts) -> Document:
    return Document(
        issuer_parent=f"UBND {unit.parent.name.upper()}" if unit.parent else "",
        issuer=f"ỦY BAN NHÂN DÂN {unit.name.upper()}",
        number=number,
        place_date=f"{place_of(unit)}, {long_date(day)}",
        kind=kind,
        title=title,
        signer_name=signer,
        **parts,
    )


def build(number: int, unit: Unit, hamlets: list[Unit], year: int, quarter: int, decision: dt.date, rng):
    """(title, body, document) of item `number` of `unit` for the period (year, quarter), decided on `decision`."""
    chair = person(rng)
    serial = rng.randint(20, 380)
    hamlet = rng.choice(hamlets).name if hamlets else "trung tâm xã"
    place = place_of(unit)
    households = rng.randint(2800, 5200)
    return BUILDERS[number](
        unit=unit,
        place=place,
        year=year,
        quarter=quarter,
        decision=decision,
        rng=rng,
        chair=chair,
        serial=serial,
        hamlet=hamlet,
        hamlets=hamlets,
        households=households,
    )


def _plan(*, unit, place, year, decision, rng, chair, serial, households, **_):
    income = rng.randint(62, 78)
    rice = rng.randint(5200, 7800)
    poor = round(rng.uniform(1.2, 3.4), 2)
    rows = (
        ("1", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", str(income - 4), str(income)),
        ("2", "Diện tích gieo trồng lúa cả năm", "ha", money(rice - 120), money(rice)),
        ("3", "Tỷ lệ hộ nghèo (chuẩn đa chiều)", "%", _dec(poor + 0.8), _dec(poor)),
        ("4", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "93,5", "95,0"),
        ("5", "Số tuyến đường giao thông nông thôn được nâng cấp", "tuyến", "3", str(rng.randint(3, 6))),
    )
    title = f"Kế hoạch phát triển kinh tế - xã hội năm {year} của {_of(unit)}"
    body = (
        f"Ủy ban nhân dân {_of(unit)} công khai Kế hoạch phát triển kinh tế - xã hội năm {year} đã được Hội đồng "
        f"nhân dân xã thông qua. Kế hoạch đặt mục tiêu thu nhập bình quân {income} triệu đồng/người/năm, giữ diện "
        f"tích lúa {money(rice)} ha và giảm tỷ lệ hộ nghèo còn {_dec(poor)}%.\n"
        "Các nhiệm vụ trọng tâm: chuyển đổi cơ cấu cây trồng theo hướng lúa chất lượng cao kết hợp nuôi thủy sản, "
        "nâng cấp giao thông nông thôn theo phương thức Nhà nước và Nhân dân cùng làm, giữ vững an ninh trật tự.\n"
        "Toàn văn kế hoạch và bảng chỉ tiêu được đính kèm; kết quả thực hiện sẽ được công khai khi sơ kết 6 tháng "
        "và tổng kết năm."
    )
    doc = _doc(
        unit,
        decision,
        "KẾ HOẠCH",
        f"Phát triển kinh tế - xã hội năm {year}",
        f"Số: {serial}/KH-UBND",
        chair,
        paragraphs=(
            f"Căn cứ Nghị quyết của Hội đồng nhân dân {_of(unit)} về nhiệm vụ phát triển kinh tế - xã hội năm "
            f"{year}, Ủy ban nhân dân xã ban hành kế hoạch thực hiện với các chỉ tiêu chủ yếu sau:",
        ),
        tables=(
            Table(
                ("STT", "Chỉ tiêu", "Đơn vị tính", f"Ước thực hiện năm {year - 1}", f"Kế hoạch năm {year}"),
                rows,
                numeric=(3, 4),
            ),
        ),
        closing=(
            "Các ban, ngành, đoàn thể xã và trưởng ấp, khóm tổ chức quán triệt kế hoạch đến từng hộ dân; định kỳ hằng "
            "quý báo cáo kết quả về Ủy ban nhân dân xã.",
        ),
    )
    return title, body, doc


def _budget(*, unit, place, year, quarter, decision, rng, chair, serial, **_):
    lines = [
        ("Thu ngân sách xã hưởng theo phân cấp", rng.randint(1800, 2600) * 1_000_000),
        ("Thu bổ sung từ ngân sách cấp trên", rng.randint(6500, 9800) * 1_000_000),
        ("Chi đầu tư phát triển", rng.randint(1500, 2800) * 1_000_000),
        ("Chi sự nghiệp giáo dục, văn hóa, thể thao", rng.randint(600, 1100) * 1_000_000),
        ("Chi đảm bảo xã hội", rng.randint(450, 900) * 1_000_000),
        ("Chi quản lý hành chính", rng.randint(3200, 4600) * 1_000_000),
    ]
    if quarter == 1:
        title = f"Công khai dự toán ngân sách xã năm {year} của {_of(unit)}"
        kind, heading = "QUYẾT ĐỊNH", f"Công bố công khai dự toán ngân sách xã năm {year}"
        rows = tuple((str(i), name, money(v)) for i, (name, v) in enumerate(lines, 1))
        headers = ("STT", "Nội dung", "Dự toán năm (đồng)")
        total_in = lines[0][1] + lines[1][1]
        body = (
            f"Dự toán ngân sách năm {year} của {_of(unit)} đã được Hội đồng nhân dân xã quyết định: tổng thu "
            f"{money(total_in)} đồng, trong đó thu bổ sung từ ngân sách cấp trên {money(lines[1][1])} đồng; chi đầu tư "
            f"phát triển {money(lines[2][1])} đồng, chi quản lý hành chính {money(lines[5][1])} đồng.\n"
            "Bảng dự toán thu, chi theo từng lĩnh vực được đính kèm để Nhân dân theo dõi, giám sát."
        )
        number = f"Số: {serial}/QĐ-UBND"
    else:
        done = [(name, v, int(round(v * rng.uniform(0.18, 0.3) * (quarter - 1), -3))) for name, v in lines]
        title = f"Tình hình thực hiện dự toán ngân sách xã quý {quarter - 1} năm {year}"
        kind, heading = (
            "BÁO CÁO",
            f"Tình hình thực hiện dự toán ngân sách xã đến hết quý {quarter - 1} năm {year}",
        )
        rows = tuple(
            (str(i), name, money(v), money(d), f"{d * 100 / v:.1f}".replace(".", ","))
            for i, (name, v, d) in enumerate(done, 1)
        )
        headers = ("STT", "Nội dung", "Dự toán năm (đồng)", "Thực hiện (đồng)", "Tỷ lệ (%)")
        body = (
            f"Đến hết quý {quarter - 1} năm {year}, {_of(unit)} đã thu {money(done[0][2] + done[1][2])} đồng và chi "
            f"{money(sum(d for _, _, d in done[2:]))} đồng. Chi đầu tư phát triển đạt "
            f"{done[2][2] * 100 / done[2][1]:.0f}% dự toán năm do các công trình giao thông đang thi công.\n"
            "Số liệu chi tiết theo từng khoản thu, chi được đính kèm."
        )
        number = f"Số: {serial}/BC-UBND"
    doc = _doc(
        unit,
        decision,
        kind,
        heading,
        number,
        chair,
        paragraphs=(
            f"Căn cứ Luật Ngân sách nhà nước năm 2015, Ủy ban nhân dân {_of(unit)} công khai như sau:",
        ),
        tables=(Table(headers, rows, numeric=tuple(range(2, len(headers)))),),
    )
    return title, body, doc


def _land(*, unit, year, decision, rng, chair, serial, **_):
    kinds = [
        ("Đất trồng lúa", "LUA", rng.randint(3200, 5400)),
        ("Đất nuôi trồng thủy sản", "NTS", rng.randint(180, 520)),
        ("Đất ở tại nông thôn", "ONT", rng.randint(160, 320)),
        ("Đất giao thông", "DGT", rng.randint(120, 260)),
        ("Đất thủy lợi", "DTL", rng.randint(240, 480)),
        ("Đất xây dựng cơ sở giáo dục", "DGD", rng.randint(6, 14)),
    ]
    rows = tuple(
        (str(i), name, code, money(area), f"{area + rng.randint(-12, 12):,}".replace(",", "."))
        for i, (name, code, area) in enumerate(kinds, 1)
    )
    road = rng.randint(2, 5)
    title = f"Kế hoạch sử dụng đất năm {year} của {_of(unit)}"
    body = (
        f"Kế hoạch sử dụng đất năm {year} được Ủy ban nhân dân huyện, tỉnh phê duyệt cho {_of(unit)}: giữ ổn định "
        f"{money(kinds[0][2])} ha đất trồng lúa, bố trí thêm đất cho {road} tuyến đường giao thông nông thôn và mở "
        "rộng điểm trường tiểu học.\n"
        "Người có đất trong diện thu hồi sẽ được thông báo riêng và được bồi thường, hỗ trợ theo quy định; bản đồ "
        "kế hoạch sử dụng đất được niêm yết tại trụ sở Ủy ban nhân dân xã."
    )
    doc = _doc(
        unit,
        decision,
        "THÔNG BÁO",
        f"Công khai kế hoạch sử dụng đất năm {year}",
        f"Số: {serial}/TB-UBND",
        chair,
        paragraphs=("Ủy ban nhân dân xã công khai tóm tắt kế hoạch sử dụng đất đã được phê duyệt như sau:",),
        tables=(
            Table(
                ("STT", "Loại đất", "Mã", "Hiện trạng (ha)", f"Kế hoạch năm {year} (ha)"),
                rows,
                numeric=(3, 4),
            ),
        ),
        closing=(
            "Danh mục công trình, dự án cần thu hồi đất trong năm và bản đồ kế hoạch sử dụng đất được niêm yết tại "
            "trụ sở Ủy ban nhân dân xã và nhà văn hóa các ấp.",
        ),
    )
    return title, body, doc


def _regulation(*, unit, year, decision, chair, serial, **_):
    articles = (
        ("Điều 1", "Phạm vi điều chỉnh, đối tượng áp dụng và nguyên tắc thực hiện dân chủ ở cơ sở."),
        ("Điều 2", "Những nội dung công khai để Nhân dân biết; hình thức và thời gian công khai."),
        ("Điều 3", "Những nội dung Nhân dân bàn và quyết định trực tiếp, bàn và biểu quyết tại hội nghị ấp."),
        ("Điều 4", "Những nội dung Nhân dân tham gia ý kiến trước khi cơ quan có thẩm quyền quyết định."),
        (
            "Điều 5",
            "Nhân dân kiểm tra, giám sát; hoạt động của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng.",
        ),
        (
            "Điều 6",
            "Nhiệm vụ, quyền hạn của cán bộ, công chức xã và người hoạt động không chuyên trách ở ấp.",
        ),
        ("Điều 7", "Quy tắc ứng xử của cán bộ, công chức khi tiếp xúc, giải quyết công việc của Nhân dân."),
    )
    title = f"Quy chế thực hiện dân chủ ở cơ sở của {_of(unit)}"
    body = (
        f"Quy chế thực hiện dân chủ ở cơ sở của {_of(unit)} do Ủy ban nhân dân xã phối hợp với Ủy ban Mặt trận Tổ "
        "quốc Việt Nam xã ban hành, quy định những việc Nhân dân được biết, được bàn và quyết định, được tham gia ý "
        "kiến và được kiểm tra, giám sát.\n"
        "Quy chế được niêm yết thường xuyên tại trụ sở xã và nhà văn hóa các ấp, cập nhật mỗi khi có thay đổi."
    )
    doc = _doc(
        unit,
        decision,
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế thực hiện dân chủ ở cơ sở",
        f"Số: {serial}/QĐ-UBND",
        chair,
        paragraphs=(
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15; Ủy ban nhân dân xã ban hành kèm theo Quyết định "
            "này Quy chế thực hiện dân chủ ở cơ sở gồm các điều sau:",
        ),
        tables=(Table(("Điều", "Nội dung chính"), articles),),
    )
    return title, body, doc


def _contribution(*, unit, year, decision, rng, chair, serial, hamlet, **_):
    length = rng.randint(900, 2400)
    cost = length * rng.randint(850, 1200) * 1000
    state = int(round(cost * 0.6, -6))
    people = cost - state
    voted = rng.randint(70, 88)
    rows = (
        ("Hộ có đất giáp tuyến đường", "đồng/m chiều ngang", money(rng.choice([150, 200, 250]) * 1000)),
        ("Hộ không giáp tuyến đường", "đồng/hộ", money(rng.choice([300, 400, 500]) * 1000)),
        ("Hộ nghèo, hộ cận nghèo, gia đình chính sách", "đồng/hộ", "Miễn đóng góp"),
    )
    title = f"Mức đóng góp làm đường giao thông nông thôn {hamlet}, năm {year}"
    body = (
        f"Hội nghị {hamlet} đã bàn và biểu quyết với {voted}% số hộ tán thành (trên mức 2/3 tổng số hộ theo Điều 21 "
        f"Luật Thực hiện dân chủ ở cơ sở) việc đóng góp làm tuyến đường bê tông dài {money(length)} m. Tổng kinh phí "
        f"{money(cost)} đồng, ngân sách hỗ trợ {money(state)} đồng, Nhân dân đóng góp {money(people)} đồng bằng tiền "
        "và ngày công.\n"
        "Hộ nghèo, hộ cận nghèo và gia đình chính sách được miễn đóng góp. Ban Giám sát đầu tư của cộng đồng theo dõi "
        "việc thu, chi và sẽ công khai quyết toán khi công trình hoàn thành."
    )
    doc = _doc(
        unit,
        decision,
        "THÔNG BÁO",
        f"Mức đóng góp của Nhân dân xây dựng đường giao thông nông thôn {hamlet}",
        f"Số: {serial}/TB-UBND",
        chair,
        paragraphs=(
            f"Thực hiện kết quả biểu quyết của hội nghị {hamlet} ({voted}% số hộ tán thành), Ủy ban nhân dân xã thông "
            f"báo mức đóng góp xây dựng tuyến đường dài {money(length)} m, tổng kinh phí {money(cost)} đồng:",
        ),
        tables=(Table(("Đối tượng", "Đơn vị tính", "Mức đóng góp"), rows, numeric=(2,)),),
    )
    return title, body, doc


def _assets(*, unit, year, quarter, decision, rng, chair, serial, **_):
    items = [
        ("Máy vi tính để bàn", "bộ", rng.randint(3, 6), "Thanh lý: hết khấu hao, hư hỏng"),
        ("Máy in laser", "cái", rng.randint(1, 3), "Thanh lý: hư hỏng không sửa được"),
        ("Xe mô tô phục vụ công tác", "chiếc", 1, "Điều chuyển cho Công an xã"),
        ("Bàn ghế hội trường", "bộ", rng.randint(10, 30), "Thanh lý: mục, hỏng"),
    ]
    rows = tuple(
        (str(i), name, unit_, str(n), money(n * rng.randint(4, 18) * 1_000_000), how)
        for i, (name, unit_, n, how) in enumerate(items, 1)
    )
    title = f"Kết quả xử lý tài sản công quý {quarter}/{year} của {_of(unit)}"
    body = (
        f"Trong quý {quarter}/{year}, {_of(unit)} đã xử lý {len(items)} loại tài sản công theo Luật Quản lý, sử dụng "
        "tài sản công: thanh lý máy vi tính, máy in và bàn ghế hư hỏng bằng hình thức bán đấu giá công khai; điều "
        "chuyển một xe mô tô cho Công an xã.\n"
        "Số tiền thu được từ thanh lý đã nộp vào ngân sách xã; danh mục tài sản và giá trị được đính kèm."
    )
    doc = _doc(
        unit,
        decision,
        "THÔNG BÁO",
        f"Công khai việc xử lý tài sản công quý {quarter} năm {year}",
        f"Số: {serial}/TB-UBND",
        chair,
        tables=(
            Table(
                ("STT", "Tài sản", "Đơn vị", "Số lượng", "Nguyên giá (đồng)", "Hình thức xử lý"),
                rows,
                numeric=(3, 4),
            ),
        ),
    )
    return title, body, doc


def _beneficiary_rows(rng, hamlets, count, with_id=True):
    rows = []
    for i in range(1, count + 1):
        name = person(rng)
        born = rng.randint(1948, 1990)
        cccd = f"087{rng.randint(0, 1)}{born % 100:02d}" + "".join(rng.choice("0123456789") for _ in range(6))
        where = rng.choice(hamlets).name if hamlets else ""
        rows.append((str(i), mask_name(name), str(born), where) + ((mask_digits(cccd),) if with_id else ()))
    return tuple(rows)


def _poor(*, unit, year, decision, rng, chair, serial, hamlets, households, **_):
    poor = rng.randint(40, 110)
    near = rng.randint(60, 150)
    title = f"Danh sách hộ nghèo, hộ cận nghèo năm {year + 1} của {_of(unit)}"
    body = (
        f"Kết quả rà soát hộ nghèo, hộ cận nghèo năm {year} theo chuẩn nghèo đa chiều: {_of(unit)} có {poor} hộ nghèo "
        f"và {near} hộ cận nghèo trên tổng số {money(households)} hộ. Danh sách được bình xét công khai tại hội "
        "nghị từng ấp với sự tham gia của Mặt trận Tổ quốc và các đoàn thể.\n"
        "Hộ dân chưa đồng ý với kết quả bình xét có thể gửi ý kiến đến Ủy ban nhân dân xã trong thời gian niêm yết. "
        "Danh sách đính kèm ghi tên viết tắt và che một phần số định danh cá nhân."
    )
    doc = _doc(
        unit,
        decision,
        "QUYẾT ĐỊNH",
        f"Công nhận danh sách hộ nghèo, hộ cận nghèo năm {year + 1}",
        f"Số: {serial}/QĐ-UBND",
        chair,
        paragraphs=(
            f"Công nhận {poor} hộ nghèo và {near} hộ cận nghèo trên địa bàn xã theo kết quả rà soát năm {year}. "
            "Trích danh sách chủ hộ (tên viết tắt, số định danh đã che một phần):",
        ),
        tables=(
            Table(
                ("STT", "Chủ hộ", "Năm sinh", "Ấp, khóm", "Số định danh"),
                _beneficiary_rows(rng, hamlets, 12),
                caption="Hộ nghèo",
            ),
        ),
    )
    return title, body, doc


def _disaster(*, unit, year, quarter, decision, rng, chair, serial, hamlet, hamlets, **_):
    count = rng.randint(8, 18)
    level = rng.choice([3, 5, 7]) * 1_000_000
    title = f"Hỗ trợ hộ dân bị thiệt hại do sạt lở bờ sông tại {hamlet}, quý {quarter}/{year}"
    body = (
        f"Đợt sạt lở bờ sông tháng {3 * quarter - 1}/{year} làm hư hỏng nhà của {count} hộ tại {hamlet}. Ủy ban nhân "
        f"dân xã hỗ trợ mỗi hộ {money(level)} đồng từ ngân sách và quỹ cứu trợ, tổng cộng {money(level * count)} "
        "đồng; Mặt trận Tổ quốc xã vận động thêm ngày công giúp các hộ di dời.\n"
        "Danh sách hộ được hỗ trợ (tên viết tắt) và số tiền được đính kèm."
    )
    rows = tuple(r[:4] + (money(level),) for r in _beneficiary_rows(rng, hamlets, count, with_id=False))
    doc = _doc(
        unit,
        decision,
        "QUYẾT ĐỊNH",
        f"Hỗ trợ hộ dân bị thiệt hại do sạt lở bờ sông tại {hamlet}",
        f"Số: {serial}/QĐ-UBND",
        chair,
        tables=(
            Table(
                ("STT", "Chủ hộ", "Năm sinh", "Ấp, khóm", "Số tiền (đồng)"),
                rows,
                numeric=(4,),
                total=("", "Cộng", "", "", money(level * count)),
            ),
        ),
    )
    return title, body, doc


def _military(*, unit, year, decision, rng, chair, serial, hamlets, **_):
    quota = rng.randint(12, 24)
    title = f"Danh sách công dân đủ điều kiện gọi nhập ngũ năm {year + 1}"
    body = (
        f"Hội đồng nghĩa vụ quân sự xã đã xét chọn công dân trong độ tuổi đủ điều kiện gọi nhập ngũ năm {year + 1}; "
        f"chỉ tiêu huyện giao cho {_of(unit)} là {quota} công dân. Danh sách được niêm yết và thông báo trên hệ thống "
        "truyền thanh xã.\n"
        "Công dân thuộc diện tạm hoãn, miễn gọi nhập ngũ theo Luật Nghĩa vụ quân sự liên hệ Ban Chỉ huy quân sự xã "
        "để được hướng dẫn hồ sơ."
    )
    rows = tuple(
        (
            str(i),
            mask_name(f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"),
            str(year - rng.randint(18, 24)),
            rng.choice(hamlets).name if hamlets else "",
            rng.choice(["12/12", "9/12", "Cao đẳng"]),
        )
        for i in range(1, quota + 1)
    )
    doc = _doc(
        unit,
        decision,
        "THÔNG BÁO",
        f"Danh sách công dân đủ điều kiện gọi nhập ngũ năm {year + 1}",
        f"Số: {serial}/TB-HĐNVQS",
        chair,
        tables=(Table(("STT", "Họ tên", "Năm sinh", "Ấp, khóm", "Trình độ"), rows),),
        signer_role="TM. HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ\nCHỦ TỊCH",
    )
    return title, body, doc


def _confidence(*, unit, year, decision, rng, chair, serial, **_):
    voters = rng.randint(22, 28)
    people = [
        ("Chủ tịch HĐND xã", person(rng)),
        ("Chủ tịch UBND xã", chair),
        ("Phó Chủ tịch UBND xã", person(rng)),
    ]
    rows = []
    for role, name in people:
        high = rng.randint(voters - 6, voters)
        rest = voters - high
        low = rng.randint(0, min(2, rest))
        rows.append((name, role, str(high), str(rest - low), str(low)))
    title = f"Kết quả lấy phiếu tín nhiệm người giữ chức vụ do HĐND xã bầu năm {year}"
    body = (
        f"Tại kỳ họp cuối năm {year}, Hội đồng nhân dân {_of(unit)} đã lấy phiếu tín nhiệm đối với người giữ "
        f"chức vụ do Hội đồng nhân dân bầu với {voters} đại biểu tham gia. Các chức danh đều được đa số đại biểu đánh "
        "giá tín nhiệm cao.\n"
        "Kết quả chi tiết từng người được đính kèm để cử tri theo dõi."
    )
    doc = _doc(
        unit,
        decision,
        "NGHỊ QUYẾT",
        f"Xác nhận kết quả lấy phiếu tín nhiệm năm {year}",
        f"Số: {serial}/NQ-HĐND",
        person(rng),
        tables=(
            Table(
                ("Họ tên", "Chức vụ", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"),
                tuple(rows),
                numeric=(2, 3, 4),
            ),
        ),
        signer_role="TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH",
    )
    return title, body, doc


def _consultation(*, unit, year, decision, rng, chair, serial, hamlet, households, **_):
    asked = rng.randint(300, 600)
    agree = rng.randint(int(asked * 0.7), int(asked * 0.9))
    title = f"Kết quả lấy ý kiến Nhân dân về quy hoạch khu dân cư {hamlet}"
    body = (
        f"Ủy ban nhân dân xã đã lấy ý kiến {asked} hộ về dự thảo quy hoạch khu dân cư {hamlet} trong 20 ngày theo "
        f"Điều 27 Luật Thực hiện dân chủ ở cơ sở: {agree} hộ đồng ý, {asked - agree} hộ đề nghị điều chỉnh.\n"
        "Các ý kiến chủ yếu đề nghị mở rộng lộ giới đường nội bộ lên 6 m và dành đất làm sân chơi cho trẻ em; Ủy ban "
        "nhân dân xã tiếp thu và giải trình từng nhóm ý kiến trong báo cáo đính kèm."
    )
    rows = (
        (
            "Mở rộng lộ giới đường nội bộ lên 6 m",
            str(rng.randint(40, 90)),
            "Tiếp thu, điều chỉnh bản vẽ quy hoạch",
        ),
        ("Dành đất làm sân chơi cho trẻ em", str(rng.randint(20, 60)), "Tiếp thu, bố trí 1.200 m² đất công"),
        (
            "Giữ lại hàng cây dọc kênh",
            str(rng.randint(10, 30)),
            "Tiếp thu một phần, giữ cây ngoài hành lang thoát lũ",
        ),
        (
            "Giảm giá đất tái định cư",
            str(rng.randint(5, 25)),
            "Giải trình: giá đất do Ủy ban nhân dân tỉnh quy định",
        ),
    )
    doc = _doc(
        unit,
        decision,
        "BÁO CÁO",
        f"Tổng hợp, giải trình, tiếp thu ý kiến Nhân dân về quy hoạch khu dân cư {hamlet}",
        f"Số: {serial}/BC-UBND",
        chair,
        paragraphs=(
            f"Số hộ được lấy ý kiến: {asked}; đồng ý với dự thảo: {agree}; đề nghị điều chỉnh: {asked - agree}.",
        ),
        tables=(Table(("Nội dung ý kiến", "Số hộ", "Tiếp thu, giải trình"), rows, numeric=(1,)),),
    )
    return title, body, doc


def _fees(*, unit, year, decision, rng, chair, serial, **_):
    rows = (
        (
            "Phí chợ (sạp cố định)",
            "đồng/sạp/tháng",
            money(rng.choice([80, 100, 120]) * 1000),
            "Nghị quyết HĐND tỉnh",
        ),
        (
            "Phí vệ sinh (hộ gia đình)",
            "đồng/hộ/tháng",
            money(rng.choice([15, 20, 25]) * 1000),
            "Nghị quyết HĐND tỉnh",
        ),
        ("Lệ phí chứng thực bản sao", "đồng/trang", "2.000", "Thông tư 226/2016/TT-BTC"),
        ("Lệ phí đăng ký kết hôn", "đồng/trường hợp", "Miễn", "Nghị định 123/2015/NĐ-CP"),
    )
    title = f"Mức thu phí chợ, phí vệ sinh và lệ phí tại {_of(unit)} năm {year}"
    body = (
        f"{unit.name} công khai các khoản phí, lệ phí xã trực tiếp thu trong năm {year}, theo nghị quyết của Hội đồng "
        "nhân dân tỉnh và quy định của Bộ Tài chính. Người nộp được nhận biên lai cho mỗi lần nộp.\n"
        "Mọi khoản thu ngoài danh mục này đều không đúng quy định; người dân có quyền từ chối và phản ánh đến Ủy ban "
        "nhân dân xã."
    )
    doc = _doc(
        unit,
        decision,
        "THÔNG BÁO",
        f"Các khoản phí, lệ phí do Ủy ban nhân dân xã trực tiếp thu năm {year}",
        f"Số: {serial}/TB-UBND",
        chair,
        tables=(Table(("Khoản thu", "Đơn vị tính", "Mức thu", "Căn cứ"), rows, numeric=(2,)),),
    )
    return title, body, doc


def _procedures(*, unit, year, decision, chair, serial, **_):
    rows = (
        ("1", "Đăng ký khai sinh", "Trong ngày", "Miễn"),
        ("2", "Đăng ký kết hôn", "Trong ngày", "Miễn"),
        ("3", "Chứng thực bản sao từ bản chính", "Trong ngày", "2.000 đồng/trang"),
        ("4", "Xác nhận tình trạng hôn nhân", "03 ngày làm việc", "Miễn"),
        ("5", "Đăng ký khai tử", "Trong ngày", "Miễn"),
        ("6", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "03 ngày làm việc", "Không"),
    )
    title = f"Thủ tục hành chính giải quyết tại Bộ phận một cửa {_of(unit)}"
    body = (
        f"Danh mục thủ tục hành chính do {_of(unit)} trực tiếp giải quyết tại Bộ phận tiếp nhận và trả kết quả: thành "
        "phần hồ sơ, thời hạn giải quyết và lệ phí của từng thủ tục.\n"
        "Người dân có thể nộp hồ sơ trực tiếp hoặc qua Cổng dịch vụ công; cán bộ tiếp nhận ghi rõ ngày hẹn trả kết quả "
        "trên giấy biên nhận."
    )
    doc = _doc(
        unit,
        decision,
        "QUYẾT ĐỊNH",
        "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã",
        f"Số: {serial}/QĐ-UBND",
        chair,
        tables=(Table(("STT", "Thủ tục", "Thời hạn giải quyết", "Lệ phí"), rows),),
    )
    return title, body, doc


def _reception(*, unit, year, quarter, decision, rng, chair, **_):
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    days = []
    day = start
    while len(days) < 6 and day.month <= 3 * quarter and day.year == year:
        if day.weekday() == 1 and day.day <= 28:  # the Tuesdays
            days.append(day)
        day += dt.timedelta(days=1)
    rows = tuple(
        (
            format_date(d),
            "Sáng: 7 giờ 30 – 11 giờ",
            chair if i % 2 == 0 else person(rng),
            "Phòng tiếp công dân xã",
        )
        for i, d in enumerate(days[::2])
    )
    title = f"Lịch tiếp công dân quý {quarter}/{year} của Chủ tịch UBND {_of(unit)}"
    when = ", ".join(r[0] for r in rows)
    body = (
        f"Trong quý {quarter}/{year}, Chủ tịch Ủy ban nhân dân xã tiếp công dân định kỳ vào sáng thứ Ba các ngày "
        f"{when}, tại phòng tiếp công dân của {_of(unit)}. Ngoài lịch định kỳ, cán bộ tư pháp xã tiếp công dân tất "
        "cả các ngày làm việc.\n"
        "Người đến trình bày khiếu nại, tố cáo, kiến nghị mang theo giấy tờ tùy thân và tài liệu liên quan."
    )
    doc = _doc(
        unit,
        decision,
        "THÔNG BÁO",
        f"Lịch tiếp công dân định kỳ quý {quarter} năm {year}",
        f"Số: {rng.randint(20, 380)}/TB-UBND",
        chair,
        tables=(Table(("Ngày", "Thời gian", "Người tiếp", "Địa điểm"), rows),),
    )
    return title, body, doc


BUILDERS = {
    1: _plan,
    2: _budget,
    3: _land,
    4: _regulation,
    5: _contribution,
    6: _assets,
    7: _poor,
    8: _disaster,
    9: _military,
    10: _confidence,
    11: _consultation,
    12: _fees,
    13: _procedures,
    14: _reception,
}
