"""Demo data for citizen cases: a few hundred cases in 2020 (the 34 communes of the old Tam Nông district,
codes 30001..30034 in force on 01/06/2020) and now (the communes 30001, 30010, 30019, 30025, 30028, 30034 in
force today), of every kind, channel and status: some overdue, some duplicates merged, some second-instance
complaints, denunciations with encrypted identities.

`seed(stdout=None)` is idempotent (cases carry the idempotency key "demo-<n>", existing ones are skipped) and
derived from random.Random(2026), so a re-run makes the same rows. Rows are written with bulk_create; the
deadlines come from the rulebook like the services' (compute_deadline on the day that starts the clock).
"""

import datetime as dt
import random
import re

from django.db import transaction
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.text import normalize
from danvan.rulebook.services import compute_deadline
from danvan.units.models import COMMUNITY_KINDS, Unit
from danvan.units.selectors import unit_by_code

from .models import Case, CaseEvent, Channel, Field, Kind, Outcome, Status
from .protection import contact_digest, encrypt_identity
from .services import CODE_ALPHABET, CODE_PREFIX

OLD_DAY = dt.date(2020, 6, 1)
OLD_CODES = [str(c) for c in range(30001, 30035)]
CURRENT_CODES = ("30001", "30010", "30019", "30025", "30028", "30034")
OLD_COUNT = 160
CURRENT_COUNT = 220

# Case stories: each one matter as a commune meets it — its kind, field, title (a hamlet named in it is the case's
# hamlet: {h}), what the citizen wrote and the answers that fit it (a complaint's and a denunciation's by the
# outcome: Đúng, Đúng một phần, Sai). `public`: a matter of the community, whose answer may be published.
F, P, C, D = Kind.FEEDBACK, Kind.PETITION, Kind.COMPLAINT, Kind.DENUNCIATION
STORIES = [
    {
        "kind": F,
        "field": "ha-tang-giao-thong",
        "public": True,
        "title": "Đường liên ấp qua {h} ngập sâu sau mưa",
        "content": "Mỗi khi mưa lớn, đoạn đường liên ấp qua {h} ngập 30–40 cm, học sinh đi học và người đi chợ rất khó khăn.",
        "answers": [
            "UBND xã đã khảo sát, đưa tuyến đường qua {h} vào kế hoạch nâng cấp năm sau theo phương thức Nhà nước "
            "và Nhân dân cùng làm; trước mắt đã nạo vét cống thoát nước hai bên đường.",
            "Xã đã cho đổ đá nâng nền đoạn trũng nhất dài 120 m và khai thông hai cống ngang đường; ban nhân dân "
            "{h} theo dõi, báo ngay khi còn ngập.",
        ],
    },
    {
        "kind": F,
        "field": "ha-tang-giao-thong",
        "public": True,
        "title": "Cầu khỉ {h} xuống cấp nguy hiểm",
        "content": "Cây cầu gỗ bắc qua kênh ở {h} đã mục nhiều nhịp, tuần trước có người đi qua bị té xuống kênh.",
        "answers": [
            "Xã đã cắm biển cảnh báo, gia cố tạm mặt cầu và vận động Nhân dân {h} góp ngày công, kinh phí xây cầu "
            "bê tông; Ủy ban MTTQ xã đã phát động quyên góp.",
            "Đoàn Thanh niên xã đã thay 14 tấm ván mục và lắp tay vịn; cầu bê tông thay thế đã có trong danh mục "
            "công trình năm tới.",
        ],
    },
    {
        "kind": F,
        "field": "ha-tang-giao-thong",
        "public": True,
        "title": "Đèn chiếu sáng đường {h} hư hỏng",
        "content": "Đèn đường đoạn qua {h} tắt nhiều tuần, buổi tối rất tối, dễ xảy ra tai nạn.",
        "answers": [
            "Điện lực đã thay bóng và sửa tủ điện; đèn chiếu sáng đường qua {h} đã hoạt động lại bình thường.",
            "Xã đã thay 9 bóng đèn hư bằng đèn LED tiết kiệm điện; ban nhân dân {h} được giao kiểm tra đèn mỗi tháng.",
        ],
    },
    {
        "kind": F,
        "field": "moi-truong",
        "public": True,
        "title": "Nhà máy xay lúa gây tiếng ồn ban đêm ở {h}",
        "content": "Nhà máy xay lúa ở {h} chạy suốt đêm, tiếng ồn và bụi trấu ảnh hưởng các hộ xung quanh.",
        "answers": [
            "UBND xã đã kiểm tra, lập biên bản và yêu cầu chủ nhà máy xay lúa chỉ hoạt động từ 6 giờ đến 21 giờ, "
            "lắp lưới che bụi trấu trong 30 ngày; tổ tự quản {h} theo dõi việc thực hiện.",
            "Chủ nhà máy xay lúa đã cam kết không chạy máy sau 21 giờ và làm buồng cách âm cho máy xát; qua kiểm "
            "tra lại, tiếng ồn ban đêm đã chấm dứt.",
        ],
    },
    {
        "kind": F,
        "field": "moi-truong",
        "public": True,
        "title": "Trại heo xả nước thải ra kênh ở {h}",
        "content": "Trại heo ở {h} xả nước thải chưa xử lý ra kênh, nước kênh bốc mùi hôi, cá chết.",
        "answers": [
            "Đoàn kiểm tra xã đã yêu cầu trại heo ngưng xả thải ra kênh, đầu tư hầm biogas trong 60 ngày; nếu tái "
            "phạm sẽ lập hồ sơ đề nghị xử phạt vi phạm hành chính.",
            "Chủ trại heo đã xây hầm biogas và hồ lắng; mẫu nước kênh lấy lại sau 30 ngày đạt yêu cầu.",
        ],
    },
    {
        "kind": F,
        "field": "moi-truong",
        "public": True,
        "title": "Rác thải tồn đọng ven đường {h}",
        "content": "Rác ven đường {h} không được thu gom nhiều ngày, gây mùi hôi và ruồi muỗi.",
        "answers": [
            "Tổ thu gom rác đã bổ sung lịch thu gom hai lần mỗi tuần tại {h} và đặt thêm thùng rác công cộng.",
            "Xã đã dọn sạch điểm rác tồn đọng và vận động các hộ ở {h} để rác đúng giờ, đúng nơi quy định.",
        ],
    },
    {
        "kind": F,
        "field": "an-ninh-trat-tu",
        "public": True,
        "title": "Thanh niên tụ tập đua xe ban đêm ở {h}",
        "content": "Nhóm thanh niên tụ tập đua xe, nẹt pô trên đường {h} sau 22 giờ, gây mất trật tự.",
        "answers": [
            "Công an xã đã tăng cường tuần tra vào ban đêm trên tuyến đường {h}, mời gia đình các thanh niên liên "
            "quan đến làm việc và yêu cầu cam kết không tái phạm."
        ],
    },
    {
        "kind": F,
        "field": "thu-tuc-hanh-chinh",
        "public": False,
        "title": "Chậm giải quyết hồ sơ đăng ký khai sinh",
        "content": "Hồ sơ khai sinh cho cháu nộp tại bộ phận một cửa đã quá hẹn năm ngày vẫn chưa có kết quả.",
        "answers": [
            "UBND xã đã xin lỗi công dân vì trả kết quả trễ hạn, trả giấy khai sinh ngay trong ngày và nhắc nhở "
            "công chức tư pháp - hộ tịch phụ trách."
        ],
    },
    {
        "kind": P,
        "field": "thu-tuc-hanh-chinh",
        "public": True,
        "title": "Đề nghị niêm yết đầy đủ thủ tục tại bộ phận một cửa",
        "content": "Người dân không biết cần mang giấy tờ gì, phải đi lại nhiều lần; đề nghị niêm yết thủ tục và lệ phí.",
        "answers": [
            "Bộ phận một cửa đã niêm yết đầy đủ 42 thủ tục hành chính cấp xã kèm thành phần hồ sơ, thời hạn và "
            "lệ phí; danh mục cũng được đăng trên cổng thông tin của xã."
        ],
    },
    {
        "kind": P,
        "field": "chinh-sach-xa-hoi",
        "public": False,
        "title": "Đề nghị hỗ trợ sửa nhà cho gia đình chính sách",
        "content": "Nhà của mẹ liệt sĩ ở {h} bị dột nát sau mùa mưa, đề nghị xã hỗ trợ sửa chữa.",
        "answers": [
            "Ủy ban MTTQ xã đã đưa gia đình vào danh sách hỗ trợ từ Quỹ Vì người nghèo 30 triệu đồng sửa nhà; "
            "Hội Cựu chiến binh góp ngày công, dự kiến hoàn thành trong tháng tới."
        ],
    },
    {
        "kind": P,
        "field": "chinh-sach-xa-hoi",
        "public": False,
        "title": "Đề nghị xem xét chi tiền hỗ trợ theo Nghị quyết 42",
        "content": "Gia đình thuộc hộ cận nghèo nhưng chưa nhận tiền hỗ trợ người gặp khó khăn do đại dịch COVID-19.",
        "answers": [
            "Qua rà soát, gia đình đủ điều kiện hưởng hỗ trợ; hồ sơ đã được bổ sung và tiền hỗ trợ đã chi trả "
            "trực tiếp cho chủ hộ."
        ],
    },
    {
        "kind": P,
        "field": "ha-tang-giao-thong",
        "public": True,
        "title": "Kiến nghị nâng cấp đường đal {h}",
        "content": "Đường đal {h} hẹp và lún nhiều đoạn; bà con kiến nghị nâng cấp, sẵn sàng góp tiền và ngày công.",
        "answers": [
            "UBND xã ghi nhận kiến nghị, sẽ đưa ra hội nghị {h} bàn mức đóng góp theo Luật Thực hiện dân chủ ở cơ "
            "sở; ngân sách xã hỗ trợ 60% kinh phí khi đủ 2/3 số hộ tán thành."
        ],
    },
    {
        "kind": P,
        "field": "an-ninh-trat-tu",
        "public": True,
        "title": "Kiến nghị lắp camera an ninh tại ngã ba {h}",
        "content": "Ngã ba {h} thường xảy ra trộm cắp xe máy; bà con kiến nghị lắp camera an ninh.",
        "answers": [
            "Công an xã đã phối hợp ban nhân dân {h} vận động lắp 4 camera tại ngã ba theo mô hình “Camera an "
            "ninh”; hình ảnh được kết nối về trụ sở Công an xã."
        ],
    },
    {
        "kind": C,
        "field": "dat-dai",
        "public": False,
        "title": "Khiếu nại quyết định bồi thường khi thu hồi đất làm đường ở {h}",
        "content": "Tôi không đồng ý với đơn giá bồi thường đất vườn khi thu hồi đất làm đường qua {h}: thấp hơn giá thị "
        "trường nhiều lần và chưa tính cây trồng trên đất.",
        "decision": "Quyết định số {n}/QĐ-UBND về việc bồi thường, hỗ trợ khi Nhà nước thu hồi đất",
        "answers": {
            "right": "Quyết định giải quyết khiếu nại: khiếu nại là đúng. Quyết định bồi thường chưa tính cây trồng "
            "trên đất; UBND xã đã đề nghị điều chỉnh, bổ sung tiền bồi thường cây trồng cho hộ gia đình.",
            "partly": "Quyết định giải quyết khiếu nại: khiếu nại đúng một phần. Đơn giá đất áp dụng đúng bảng giá "
            "của tỉnh; phần cây trồng bị bỏ sót được bổ sung bồi thường.",
            "wrong": "Quyết định giải quyết khiếu nại: khiếu nại là sai. Đơn giá bồi thường áp dụng đúng bảng giá "
            "đất và đơn giá cây trồng do UBND tỉnh ban hành; giữ nguyên quyết định bồi thường.",
        },
    },
    {
        "kind": C,
        "field": "chinh-sach-xa-hoi",
        "public": False,
        "title": "Khiếu nại kết quả bình xét hộ cận nghèo ở {h}",
        "content": "Gia đình tôi ở {h} có người bệnh nặng, thu nhập thấp nhưng bị đưa ra khỏi danh sách hộ cận nghèo.",
        "decision": "Quyết định số {n}/QĐ-UBND công nhận danh sách hộ nghèo, hộ cận nghèo",
        "answers": {
            "right": "Quyết định giải quyết khiếu nại: khiếu nại là đúng. Qua xác minh thu nhập, gia đình đủ điều "
            "kiện hộ cận nghèo; UBND xã đã bổ sung vào danh sách và cấp thẻ bảo hiểm y tế.",
            "partly": "Quyết định giải quyết khiếu nại: khiếu nại đúng một phần. Gia đình không thuộc hộ cận nghèo "
            "nhưng thuộc diện hộ có mức sống trung bình được hỗ trợ bảo hiểm y tế; tổ bình xét đã "
            "rút kinh nghiệm khâu thông báo.",
            "wrong": "Quyết định giải quyết khiếu nại: khiếu nại là sai. Thu nhập bình quân của gia đình cao hơn "
            "chuẩn cận nghèo; kết quả bình xét tại hội nghị ấp được giữ nguyên.",
        },
    },
    {
        "kind": C,
        "field": "dat-dai",
        "public": False,
        "title": "Khiếu nại việc từ chối cấp giấy chứng nhận quyền sử dụng đất",
        "content": "Hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất của tôi bị trả lại với lý do đất có tranh chấp, "
        "trong khi không ai tranh chấp.",
        "decision": "Văn bản số {n}/UBND trả hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
        "answers": {
            "right": "Quyết định giải quyết khiếu nại: khiếu nại là đúng. Không có đơn tranh chấp nào; hồ sơ đã được "
            "tiếp nhận lại và chuyển Văn phòng đăng ký đất đai giải quyết.",
            "partly": "Quyết định giải quyết khiếu nại: khiếu nại đúng một phần. Đơn tranh chấp đã được rút; hồ sơ "
            "được tiếp nhận lại sau khi bổ sung trích đo địa chính.",
            "wrong": "Quyết định giải quyết khiếu nại: khiếu nại là sai. Hộ liền kề có đơn tranh chấp ranh giới "
            "đang được hòa giải; hồ sơ sẽ được xem xét khi tranh chấp được giải quyết.",
        },
    },
    {
        "kind": C,
        "field": "an-ninh-trat-tu",
        "public": False,
        "title": "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng",
        "content": "Tôi bị xử phạt vì xây dựng không phép, nhưng công trình chỉ là sửa chữa mái nhà, không phải xin phép.",
        "decision": "Quyết định số {n}/QĐ-XPHC xử phạt vi phạm hành chính",
        "answers": {
            "right": "Quyết định giải quyết khiếu nại: khiếu nại là đúng. Việc thay mái không thuộc trường hợp phải "
            "xin phép xây dựng; quyết định xử phạt đã bị hủy bỏ.",
            "partly": "Quyết định giải quyết khiếu nại: khiếu nại đúng một phần. Phần sửa mái không phải xin phép, "
            "nhưng phần cơi nới lấn hành lang đường là vi phạm; quyết định được sửa đổi mức phạt.",
            "wrong": "Quyết định giải quyết khiếu nại: khiếu nại là sai. Công trình nâng thêm một tầng, phải có "
            "giấy phép xây dựng; giữ nguyên quyết định xử phạt.",
        },
    },
    {
        "kind": D,
        "field": "dat-dai",
        "public": False,
        "title": "Tố cáo cán bộ địa chính nhận tiền khi làm hồ sơ đất",
        "content": "Cán bộ địa chính xã yêu cầu nộp thêm tiền ngoài quy định mới nhận hồ sơ đăng ký đất đai.",
        "answers": {
            "right": "Kết luận nội dung tố cáo: tố cáo đúng. Cán bộ địa chính có thu thêm tiền ngoài lệ phí của hai hộ; "
            "Chủ tịch UBND xã đã yêu cầu hoàn trả và xử lý kỷ luật khiển trách.",
            "partly": "Kết luận nội dung tố cáo: tố cáo đúng một phần. Khoản tiền là phí đo đạc do đơn vị dịch vụ "
            "thu nhưng cán bộ nhận hộ không đưa biên lai; cán bộ bị kiểm điểm, rút kinh nghiệm.",
            "wrong": "Kết luận nội dung tố cáo: tố cáo sai. Các khoản đã thu đúng lệ phí quy định và có biên lai.",
        },
    },
    {
        "kind": D,
        "field": "chinh-sach-xa-hoi",
        "public": False,
        "title": "Tố cáo sai phạm trong xét duyệt hỗ trợ hộ khó khăn",
        "content": "Danh sách hỗ trợ hộ khó khăn có tên người thân của cán bộ ấp không đủ điều kiện.",
        "answers": {
            "right": "Kết luận nội dung tố cáo: tố cáo đúng. Hai trường hợp không đủ điều kiện đã bị đưa ra khỏi danh "
            "sách, khoản hỗ trợ được thu hồi; tổ bình xét được kiện toàn.",
            "partly": "Kết luận nội dung tố cáo: tố cáo đúng một phần. Một trường hợp không đủ điều kiện đã bị thu hồi "
            "hỗ trợ; các trường hợp còn lại đúng đối tượng.",
            "wrong": "Kết luận nội dung tố cáo: tố cáo sai. Các hộ trong danh sách đều đủ điều kiện theo kết quả "
            "bình xét công khai tại hội nghị ấp.",
        },
    },
    {
        "kind": D,
        "field": "moi-truong",
        "public": False,
        "title": "Tố cáo khai thác cát trái phép trên sông",
        "content": "Ghe hút cát hoạt động ban đêm trên đoạn sông qua xã, gây sạt lở bờ sông.",
        "answers": {
            "right": "Kết luận nội dung tố cáo: tố cáo đúng. UBND xã phối hợp Công an bắt quả tang một ghe hút cát "
            "không phép, lập biên bản chuyển cấp có thẩm quyền xử phạt.",
            "partly": "Kết luận nội dung tố cáo: tố cáo đúng một phần. Có một ghe hút cát không phép đã bị xử phạt; "
            "các ghe còn lại có giấy phép khai thác đúng vị trí.",
            "wrong": "Kết luận nội dung tố cáo: tố cáo sai. Ghe hoạt động là ghe nạo vét luồng có giấy phép của Sở "
            "Giao thông vận tải.",
        },
    },
]
# Why a case was not accepted, by its kind (the demo's texts; the rules are in the rulebook)
DECLINE_REASONS = {
    F: "Nội dung đã được UBND xã trả lời trong hồ sơ trước, không có thông tin mới.",
    P: "Kiến nghị không thuộc thẩm quyền của UBND xã; đã hướng dẫn công dân gửi đến cơ quan có thẩm quyền.",
    C: "Đơn khiếu nại không có chữ ký của người khiếu nại (Luật Khiếu nại 2011, Điều 11).",
    D: "Nội dung tố cáo đã được giải quyết, người tố cáo không cung cấp thông tin, tình tiết mới (Luật Tố cáo 2018, "
    "Điều 29).",
}
MAX_SAME_TITLE = 2  # a commune's stories repeat at most twice (then a merged duplicate may make it three)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
GIVEN = ["Văn Hùng", "Thị Mai", "Văn Tâm", "Thị Lan", "Minh Trí", "Thị Hồng", "Văn Lợi", "Thanh Sang"]
KIND_WEIGHTS = [(Kind.FEEDBACK, 45), (Kind.PETITION, 20), (Kind.COMPLAINT, 20), (Kind.DENUNCIATION, 15)]
CHANNELS = [Channel.WEB, Channel.WEB, Channel.RECEPTION, Channel.LETTER, Channel.PHONE, Channel.TRANSFERRED]


def _due(key: str, start: dt.date):
    try:
        return compute_deadline(key, start)
    except DomainError:
        return None


def _code(rng: random.Random, kind: str, on: dt.date, used: set) -> str:
    while True:
        code = f"{CODE_PREFIX[kind]}{on:%y}-" + "".join(rng.choice(CODE_ALPHABET) for _ in range(6))
        if code not in used:
            used.add(code)
            return code


def _pick_kind(rng: random.Random) -> str:
    return rng.choices([k for k, _ in KIND_WEIGHTS], weights=[w for _, w in KIND_WEIGHTS])[0]


def story_of(case: Case) -> dict | None:
    """The story a demo case was built from: the one whose title, the hamlet filled in, is the case's (a
    second-instance complaint "Khiếu nại lần hai về …" is the story of its first complaint)."""
    title = case.title
    if title.startswith("Khiếu nại lần hai về "):
        title = "Khiếu nại " + title.removeprefix("Khiếu nại lần hai về ")
    for story in STORIES:
        if re.fullmatch(re.escape(story["title"]).replace(re.escape("{h}"), "(.+)"), title):
            return story
    return None


def _pick_story(rng, kind, commune, hamlets, titles):
    """A story of `kind` for `commune` and its hamlet (when the story names one), not yet told MAX_SAME_TITLE
    times there."""
    choices = [st for st in STORIES if st["kind"] == kind and (hamlets or "{h}" not in st["title"])]
    for attempt in range(24):
        if attempt == 12:  # this kind's stories are told here already: a feedback about one of its hamlets
            choices = [
                st for st in STORIES if st["kind"] == Kind.FEEDBACK and (hamlets or "{h}" not in st["title"])
            ]
        story = rng.choice(choices)
        hamlet = rng.choice(hamlets) if hamlets else None
        title = story["title"].format(h=hamlet.name if hamlet else "")
        if titles.get((commune.pk, title), 0) < MAX_SAME_TITLE:
            break
    titles[(commune.pk, title)] = titles.get((commune.pk, title), 0) + 1
    return story, hamlet, title


def _build(rng, n, commune, hamlets, fields, on, today, used, titles) -> tuple[Case, list[tuple]]:
    story, hamlet, title = _pick_story(rng, _pick_kind(rng), commune, hamlets, titles)
    kind = story["kind"]
    field_code = story["field"]
    h = hamlet.name if hamlet else commune.name
    content = story["content"].format(h=h)
    place = f"{hamlet.name}, {commune.name}" if hamlet else commune.name
    name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
    phone = "09" + "".join(rng.choice("0123456789") for _ in range(8))
    anonymous = kind in (Kind.FEEDBACK, Kind.PETITION) and rng.random() < 0.2
    case = Case(
        code=_code(rng, kind, on, used),
        kind=kind,
        channel=rng.choice(CHANNELS),
        field=fields[field_code],
        title=title,
        content=content,
        unit=commune,
        commune=commune,
        hamlet=hamlet,
        place_address=place,
        received_on=on,
        is_remote=commune.is_remote,
        is_anonymous=anonymous,
        consent_publish=rng.random() < 0.5,
        idempotency_key=f"demo-{n}",
        created_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if kind == Kind.DENUNCIATION:
        case.protected_identity = encrypt_identity({"name": name, "phone": phone, "address": place})
        case.contact_digest = contact_digest(phone)
    elif not anonymous:
        case.submitter_name, case.submitter_phone, case.submitter_address = name, phone, place
        case.contact_digest = contact_digest(phone)
    if kind == Kind.COMPLAINT:
        case.decision_ref = story["decision"].format(n=rng.randint(10, 400))
        case.act_known_on = on - dt.timedelta(days=rng.randint(3, 60))
        case.is_complex = rng.random() < 0.25
    accept_key = {
        Kind.COMPLAINT: "complaint.accept",
        Kind.DENUNCIATION: "denunciation.process",
    }.get(kind, "feedback.forward")
    d = _due(accept_key, on)
    if d:
        case.accept_due, case.accept_rule_key, case.accept_citation = d.due, d.rule_key, d.citation
    events = [("submit", "", Status.RECEIVED, "Đã tiếp nhận đơn.", on)]
    age = (today - on).days
    # the further in the past, the further along the workflow
    roll = rng.random()
    if age < 8 and roll < 0.7:
        target = Status.RECEIVED
    elif age < 8:  # too recent to be settled
        target = Status.ACCEPTED
    elif roll < 0.06:
        target = Status.DECLINED
    elif roll < 0.1:
        target = Status.TRANSFERRED
    elif age < 60 and roll < 0.55:
        target = rng.choice([Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE])
    elif age >= 60 and roll < 0.2:
        target = rng.choice([Status.ACCEPTED, Status.VERIFYING])  # overdue
    else:
        target = rng.choice([Status.RESOLVED, Status.CLOSED, Status.CLOSED])
    if target == Status.DECLINED:
        case.decline_reason = DECLINE_REASONS[kind]
        events.append(
            (
                "decline",
                Status.RECEIVED,
                Status.DECLINED,
                f"Không thụ lý: {case.decline_reason}",
                on + dt.timedelta(days=3),
            )
        )
    elif target == Status.TRANSFERRED and commune.parent_id:
        # sent on to the level above, which holds it from the transfer day (cases.services.case_transfer)
        moved_on = min(today, on + dt.timedelta(days=2))
        case.transferred_from, case.unit, case.transferred_on = commune, commune.parent, moved_on
        d = _due(accept_key, moved_on)
        if d:
            case.accept_due, case.accept_rule_key, case.accept_citation = d.due, d.rule_key, d.citation
        events.append(
            (
                "transfer",
                Status.RECEIVED,
                Status.TRANSFERRED,
                f"Đã chuyển đến {commune.parent.name} để giải quyết theo thẩm quyền.",
                moved_on,
            )
        )
    elif target != Status.RECEIVED:
        accepted_on = min(today, on + dt.timedelta(days=rng.randint(1, 12)))
        case.accepted_on = accepted_on
        case.accept_late = bool(case.accept_due and accepted_on > case.accept_due)
        if kind == Kind.COMPLAINT:
            key = (
                "complaint.resolve_first"
                + ("_remote" if case.is_remote else "")
                + ("_complex" if case.is_complex else "")
            )
            rd = _due(key, accepted_on)
        elif kind == Kind.DENUNCIATION:
            rd = _due("denunciation.resolve", accepted_on)
        else:
            rd = _due("reception.answer", on)
        if rd:
            case.resolve_due, case.resolve_rule_key, case.resolve_citation = rd.due, rd.rule_key, rd.citation
        events.append(("accept", Status.RECEIVED, Status.ACCEPTED, "Đã thụ lý giải quyết.", accepted_on))
        step = accepted_on
        if (
            target in (Status.VERIFYING, Status.DIALOGUE, Status.RESOLVED, Status.CLOSED)
            and rng.random() < 0.7
        ):
            step = min(today, step + dt.timedelta(days=rng.randint(1, 8)))
            events.append(("verify", Status.ACCEPTED, Status.VERIFYING, "Đang xác minh nội dung.", step))
        if target == Status.DIALOGUE or (target in (Status.RESOLVED, Status.CLOSED) and rng.random() < 0.3):
            step = min(today, step + dt.timedelta(days=rng.randint(1, 8)))
            events.append(
                (
                    "dialogue",
                    Status.VERIFYING,
                    Status.DIALOGUE,
                    f"Đã tổ chức đối thoại ngày {step:%d/%m/%Y}.",
                    step,
                )
            )
        if target in (Status.RESOLVED, Status.CLOSED):
            span = max(1, ((case.resolve_due or on + dt.timedelta(days=30)) - accepted_on).days)
            resolved_on = min(today, accepted_on + dt.timedelta(days=rng.randint(2, int(span * 1.3) + 2)))
            resolved_on = max(resolved_on, step)  # after the verification and the dialogue
            case.resolved_on = resolved_on
            if kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
                case.outcome = rng.choice(Outcome.values)
                case.answer = story["answers"][case.outcome]
            else:
                case.answer = rng.choice(story["answers"]).format(h=h)
            case.public_interest = case.consent_publish and story["public"] and rng.random() < 0.6
            events.append(
                ("resolve", Status.VERIFYING, Status.RESOLVED, "Đã có kết quả giải quyết.", resolved_on)
            )
            if rng.random() < 0.6:
                case.rating = rng.choices([5, 4, 3, 2, 1], weights=[35, 35, 15, 10, 5])[0]
            if target == Status.CLOSED:
                case.closed_on = min(today, resolved_on + dt.timedelta(days=rng.randint(1, 10)))
                events.append(("close", Status.RESOLVED, Status.CLOSED, "Hồ sơ đã kết thúc.", case.closed_on))
    case.status = target
    case.search_text = normalize(
        " ".join(
            [case.code, case.title, case.content, case.place_address, case.decision_ref, case.field.name]
        )
    )
    return case, events


def _communes(codes, day):
    found = []
    for code in codes:
        unit = unit_by_code(code, day)
        if unit is not None:
            found.append(unit)
    return found


def _hamlets(communes):
    by_parent: dict[int, list] = {}
    for h in Unit.objects.filter(parent__in=communes, kind__in=list(COMMUNITY_KINDS)).natural():
        by_parent.setdefault(h.parent_id, []).append(h)
    return by_parent


LEADER_ACTIONS = {"resolve", "close", "decline", "extend"}


def _unit_officers(unit_ids) -> dict:
    """unit id → (case officer, leader) among the demo accounts holding those roles there (or None)."""
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role

    found: dict[int, list] = {}
    rows = RoleAssignment.objects.filter(
        unit_id__in=unit_ids, role__in=[Role.CASE_OFFICER, Role.LEADER]
    ).select_related("user")
    for r in rows.order_by("pk"):
        pair = found.setdefault(r.unit_id, [None, None])
        slot = 0 if r.role == Role.CASE_OFFICER else 1
        pair[slot] = pair[slot] or r.user
    return {k: tuple(v) for k, v in found.items()}


DEMO_CITIZEN_CASES = 2  # cases the demo citizen `congdan` filed from the account (their area lists them)


def _give_demo_citizen_cases(cases: list[Case], today: dt.date) -> None:
    """The demo citizen (Xã Tràm Chim, signed in as `congdan`) sent a few of this year's feedback and petitions
    from the account: the citizen's area then shows real cases with their timelines."""
    from danvan.people.models import User

    citizen = User.objects.filter(username="congdan", kind=User.Kind.CITIZEN).first()
    if citizen is None:
        return
    own = [
        c
        for c in cases
        if c.unit.code == "30001"
        and c.kind in (Kind.FEEDBACK, Kind.PETITION)
        and not c.is_anonymous
        and (today - c.received_on).days < 200
    ][:DEMO_CITIZEN_CASES]
    for case in own:
        case.account = citizen
        case.submitter_name, case.submitter_phone = citizen.full_name, citizen.phone
        case.contact_digest = contact_digest(citizen.phone)


@transaction.atomic
def seed(stdout=None) -> int:
    today = local_today()
    existing = set(
        Case.objects.filter(idempotency_key__startswith="demo-").values_list("idempotency_key", flat=True)
    )
    if existing:
        if stdout:
            stdout.write(f"Đơn thư mẫu đã có ({len(existing)} hồ sơ), bỏ qua.")
        return 0
    fields = {f.code: f for f in Field.objects.all()}
    if not fields:
        return 0
    rng = random.Random(2026)
    used = set(Case.objects.values_list("code", flat=True))
    old = _communes(OLD_CODES, OLD_DAY)
    current = _communes(CURRENT_CODES, today)
    hamlets = _hamlets(old + current)
    plans = []
    titles: dict = {}
    n = 0
    for communes, count, start, end in (
        (old, OLD_COUNT, dt.date(2020, 1, 2), dt.date(2020, 12, 28)),
        (current, CURRENT_COUNT, today - dt.timedelta(days=300), today),
    ):
        if not communes:
            continue
        for _ in range(count):
            n += 1
            commune = rng.choice(communes)
            span = (end - start).days
            if end == today:  # now: more recent cases, so every commune has new ones waiting
                on = end - dt.timedelta(days=int(rng.random() ** 2 * span))
            else:
                on = start + dt.timedelta(days=rng.randint(0, span))
            plans.append(
                _build(
                    rng,
                    n,
                    commune,
                    hamlets.get(commune.pk, []),
                    fields,
                    on,
                    min(today, end + dt.timedelta(days=120)) if end.year == 2020 else today,
                    used,
                    titles,
                )
            )
    if not plans:
        return 0
    _give_demo_citizen_cases([c for c, _ in plans], today)
    officers = _unit_officers({c.unit_id for c, _ in plans})
    for case, _evs in plans:
        if case.accepted_on and case.unit_id in officers:
            case.handler = officers[case.unit_id][0] or officers[case.unit_id][1]
    cases = Case.objects.bulk_create([c for c, _ in plans], batch_size=500)
    events = []
    for case, evs in plans:
        handler, leader = officers.get(case.unit_id, (None, None))
        for action, frm, to, note, day in evs:
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
            actor = (
                None if action == "submit" else (leader if action in LEADER_ACTIONS else handler) or leader
            )
            events.append(
                CaseEvent(
                    case=case,
                    at=at,
                    action=action,
                    from_status=frm,
                    to_status=to,
                    public_note=note,
                    actor=actor,
                )
            )
    # duplicates: a few open current cases get a second submission of the same matter, merged into them
    dups = []
    primaries = [
        c
        for c in cases
        if c.status in (Status.RECEIVED, Status.ACCEPTED) and c.kind in (Kind.FEEDBACK, Kind.PETITION)
    ]
    for primary in primaries[:12]:
        n += 1
        on = min(today, primary.received_on + dt.timedelta(days=rng.randint(0, 4)))
        name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        phone = "08" + "".join(rng.choice("0123456789") for _ in range(8))
        dup = Case(
            code=_code(rng, primary.kind, on, used),
            kind=primary.kind,
            channel=rng.choice(CHANNELS),
            field=primary.field,
            title=primary.title,
            content=primary.content + " Đề nghị xã sớm xử lý.",
            unit=primary.unit,
            commune=primary.commune,
            hamlet=primary.hamlet,
            place_address=primary.place_address,
            submitter_name=name,
            submitter_phone=phone,
            contact_digest=contact_digest(phone),
            received_on=on,
            status=Status.MERGED,
            merged_into=primary,
            accept_due=primary.accept_due,
            accept_rule_key=primary.accept_rule_key,
            accept_citation=primary.accept_citation,
            search_text=primary.search_text,
            idempotency_key=f"demo-{n}",
        )
        dups.append(dup)
    merged = len(dups)
    # second-instance complaints: a few resolved first-instance complaints are appealed to the parent unit
    appeals = []
    for case in [
        c for c in cases if c.kind == Kind.COMPLAINT and c.status in (Status.RESOLVED, Status.CLOSED)
    ][:10]:
        parent = case.unit.parent
        if parent is None or case.resolved_on is None:
            continue
        on = min(today, case.resolved_on + dt.timedelta(days=rng.randint(5, 25)))
        n += 1
        a = Case(
            code=_code(rng, Kind.COMPLAINT, on, used),
            kind=Kind.COMPLAINT,
            channel=Channel.LETTER,
            field=case.field,
            title=f"Khiếu nại lần hai về {case.title.removeprefix('Khiếu nại ')}"[:300],
            content="Tôi không đồng ý với quyết định giải quyết khiếu nại lần đầu, đề nghị cấp trên xem xét lại. "
            + case.content,
            unit=parent,
            commune=case.commune,
            hamlet=case.hamlet,
            place_address=case.place_address,
            submitter_name=case.submitter_name,
            submitter_phone=case.submitter_phone,
            submitter_address=case.submitter_address,
            contact_digest=case.contact_digest,
            decision_ref=case.decision_ref,
            act_known_on=case.resolved_on,
            instance=2,
            first_instance=case,
            is_remote=case.is_remote,
            received_on=on,
            status=Status.RECEIVED,
            idempotency_key=f"demo-{n}",
        )
        d = _due("complaint.accept", on)
        if d:
            a.accept_due, a.accept_rule_key, a.accept_citation = d.due, d.rule_key, d.citation
        a.search_text = normalize(f"{a.code} {a.title} {a.content}")
        appeals.append(a)
    appeals = Case.objects.bulk_create(appeals)
    dups = Case.objects.bulk_create(dups)
    for d in dups:
        at = timezone.make_aware(dt.datetime.combine(d.received_on, dt.time(10)))
        events.append(
            CaseEvent(
                case=d, at=at, action="submit", to_status=Status.RECEIVED, public_note="Đã tiếp nhận đơn."
            )
        )
        events.append(
            CaseEvent(
                case=d,
                at=at,
                action="merge",
                from_status=Status.RECEIVED,
                to_status=Status.MERGED,
                public_note=f"Đã gộp vào hồ sơ {d.merged_into.code}; bạn sẽ tiếp tục nhận thông báo.",
            )
        )
    for a in appeals:
        events.append(
            CaseEvent(
                case=a,
                at=timezone.make_aware(dt.datetime.combine(a.received_on, dt.time(9))),
                action="submit",
                to_status=Status.RECEIVED,
                public_note="Đã tiếp nhận đơn khiếu nại lần hai.",
            )
        )
    CaseEvent.objects.bulk_create(events, batch_size=1000)
    total = len(cases) + len(appeals) + len(dups)
    if stdout:
        stdout.write(f"Đơn thư mẫu: {total} hồ sơ ({merged} gộp, {len(appeals)} khiếu nại lần hai).")
    return total
