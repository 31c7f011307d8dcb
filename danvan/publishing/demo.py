"""Demo news: about thirty articles of Tam Nông district (2020) and of the new communes (2025–2026).

Idempotent by slug: an article whose slug exists is left alone. Articles are written through the
services (create → submit → approve, with publication dates in the past), so the audit trail and the
search index are filled as in real use. Most are published; a few stay as drafts, in review, scheduled or
archived so the officers' screens have something to show.
"""

import datetime as dt

from django.utils import timezone

from danvan.core.formatting import local_today
from danvan.units.selectors import unit_by_code

from . import services
from .models import Article, Category

D2020 = dt.date(2020, 7, 1)

BDV_HUYEN = "Ban Dân vận Huyện uỷ Tam Nông"


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


# (unit code, day the code is resolved on, publish date-time or None, category slug, title, summary,
#  body, byline, tags, final status)
ARTICLES = [
    (
        "871",
        D2020,
        dt.datetime(2020, 7, 10, 16, 30),
        "cong-tac-dan-van",
        "Tam Nông sơ kết công tác dân vận và thực hiện quy chế dân chủ ở cơ sở 6 tháng đầu năm 2020",
        "Ban Dân vận Huyện uỷ Tam Nông tổ chức hội nghị đánh giá kết quả nửa đầu năm và bàn nhiệm vụ "
        "trọng tâm 6 tháng cuối năm 2020.",
        _p(
            "Sáng 10/7/2020, tại hội trường Huyện uỷ, Ban Dân vận Huyện uỷ Tam Nông tổ chức hội nghị sơ kết "
            "công tác dân vận và thực hiện quy chế dân chủ ở cơ sở 6 tháng đầu năm, triển khai phương hướng "
            "nhiệm vụ 6 tháng cuối năm 2020. Đồng chí Trưởng Ban Dân vận Huyện uỷ chủ trì hội nghị; dự có "
            "đồng chí Phó Trưởng Ban Dân vận Tỉnh uỷ Đồng Tháp cùng đại diện Mặt trận, các đoàn thể huyện "
            "và lãnh đạo 12 xã, thị trấn.",
            "Báo cáo tại hội nghị cho biết, trong 6 tháng qua cấp uỷ các cấp đã bám sát tình hình thực tế để "
            "lãnh đạo công tác dân vận; chính quyền đẩy mạnh cải cách thủ tục hành chính, người đứng đầu trực "
            "tiếp đối thoại với nhân dân, giải quyết kịp thời nhiều kiến nghị, khiếu nại ngay từ cơ sở. Mặt "
            "trận và các đoàn thể phối hợp chặt chẽ, củng cố khối đại đoàn kết; nhiều mô hình “Dân vận khéo” "
            "được nhân rộng, giúp hội viên phát triển sản xuất, ổn định đời sống.",
            "Vai trò làm chủ của người dân tiếp tục được phát huy qua các hình thức tự quản ở cộng đồng như "
            "Hội quán, hợp tác xã, tổ nhân dân tự quản. Nhờ đó, bà con đã góp hàng nghìn ngày công, tiền và "
            "vật tư để làm đường giao thông nông thôn, thắp sáng đường quê, chỉnh trang khu dân cư.",
            "Về nhiệm vụ 6 tháng cuối năm, hội nghị thống nhất tập trung triển khai nghiêm Kế hoạch số 18 của "
            "Ban Thường vụ Huyện uỷ thực hiện Kết luận số 120 của Bộ Chính trị về tiếp tục nâng cao chất lượng "
            "xây dựng và thực hiện quy chế dân chủ ở cơ sở; tuyên truyền, giám sát việc thực hiện Nghị quyết "
            "số 42 của Chính phủ về hỗ trợ người dân gặp khó khăn do đại dịch COVID-19, bảo đảm đúng đối tượng, "
            "công khai, minh bạch; tăng cường kiểm tra, kiện toàn và nâng chất hoạt động của các Hội quán.",
            "Phát biểu tại hội nghị, đồng chí Phó Trưởng Ban Dân vận Tỉnh uỷ ghi nhận những kết quả Tam Nông "
            "đạt được, đồng thời đề nghị huyện tiếp tục lắng nghe ý kiến nhân dân, phát huy vai trò của Hội "
            "đồng nhân dân, Mặt trận và người đứng đầu cơ quan, đơn vị trong thực hiện dân chủ ở cơ sở.",
        ),
        "Chí Cường – Ban Dân vận Huyện uỷ",
        "sơ kết, quy chế dân chủ, Kết luận 120, Nghị quyết 42, Hội quán",
        "published",
    ),
    (
        "30025",
        D2020,
        dt.datetime(2020, 3, 18, 9, 0),
        "hoi-quan",
        "Hội quán Phú Hòa bàn cách tiêu thụ lúa trong mùa dịch",
        "Gần 40 thành viên Hội quán ấp Phú Hòa cùng thương lái và cán bộ khuyến nông tìm đầu ra cho vụ lúa "
        "đông xuân.",
        _p(
            "Tối 16/3, Hội quán ấp Phú Hòa, xã Phú Cường tổ chức buổi sinh hoạt định kỳ với chủ đề liên kết "
            "tiêu thụ lúa đông xuân. Trước lo lắng giá lúa giảm vì dịch bệnh, các thành viên đã mời hai "
            "thương lái quen và cán bộ Trạm khuyến nông đến cùng trao đổi.",
            "Sau hơn hai giờ bàn bạc, bà con thống nhất gom lúa theo từng cánh đồng để bán chung, thương lái "
            "cam kết thu mua đúng giá thị trường và hỗ trợ ghe vận chuyển. Ông Lê Văn Tư, chủ nhiệm Hội quán, "
            "cho biết: “Bán lẻ thì mình bị ép giá, gom lại cùng bán thì có tiếng nói hơn”.",
        ),
        "Thanh Tâm – xã Phú Cường",
        "Hội quán, tiêu thụ nông sản, lúa đông xuân",
        "published",
    ),
    (
        "30001",
        D2020,
        dt.datetime(2020, 1, 14, 10, 0),
        "mat-tran-va-doan-the",
        "Thị trấn Tràm Chim trao 150 phần quà Tết cho hộ nghèo, cận nghèo",
        "Từ nguồn vận động “Vì người nghèo”, Uỷ ban MTTQ thị trấn trao quà cho các hộ khó khăn trước Tết "
        "Canh Tý.",
        _p(
            "Sáng 13/1/2020, Uỷ ban Mặt trận Tổ quốc thị trấn Tràm Chim phối hợp với các đoàn thể trao 150 "
            "phần quà cho hộ nghèo, hộ cận nghèo và gia đình chính sách. Mỗi phần gồm gạo, dầu ăn, bánh mứt "
            "và 300.000 đồng tiền mặt, tổng trị giá hơn 90 triệu đồng.",
            "Kinh phí được trích từ Quỹ “Vì người nghèo” và sự đóng góp của các doanh nghiệp, nhà hảo tâm "
            "trên địa bàn. Danh sách hộ nhận quà được các ấp, khóm bình xét công khai tại cuộc họp dân, niêm "
            "yết tại nhà văn hoá trước khi trao.",
            "Bà Nguyễn Thị Sáu, khóm 2, xúc động nói: “Năm nay nhà đông con, lúa lại thất, có phần quà này "
            "là mấy mẹ con đón Tết đỡ lo”.",
        ),
        "Hồng Nhung – thị trấn Tràm Chim",
        "Tết, hộ nghèo, Quỹ Vì người nghèo",
        "published",
    ),
    (
        "30010",
        D2020,
        dt.datetime(2020, 4, 22, 15, 0),
        "cong-tac-dan-van",
        "Phú Hiệp: người dân hiến đất, góp công làm đường giao thông nông thôn",
        "Tuyến đường dài 1,8 km ở ấp K10 được làm xong nhờ 46 hộ hiến đất và đóng góp hơn 200 triệu đồng.",
        _p(
            "Sau ba tháng thi công, tuyến đường bê tông rộng 3 m nối ấp K10 với trung tâm xã Phú Hiệp đã "
            "hoàn thành. Công trình có tổng kinh phí khoảng 1,2 tỷ đồng, trong đó nhân dân đóng góp hơn 200 "
            "triệu đồng cùng nhiều ngày công lao động.",
            "Điều đáng quý là 46 hộ hai bên đường đã tự nguyện hiến hơn 2.000 m² đất, tháo dỡ hàng rào, di "
            "dời cây trồng mà không đòi bồi thường. Ban giám sát đầu tư của cộng đồng theo dõi chặt từng "
            "hạng mục, công khai các khoản thu chi tại nhà văn hoá ấp.",
            "Theo Chủ tịch Uỷ ban MTTQ xã, thành công của công trình đến từ cách làm “dân biết, dân bàn, dân "
            "làm, dân kiểm tra”: mọi việc đều được đưa ra họp dân bàn bạc trước khi làm.",
        ),
        "Văn Út – xã Phú Hiệp",
        "nông thôn mới, giao thông nông thôn, hiến đất",
        "published",
    ),
    (
        "30022",
        D2020,
        dt.datetime(2020, 6, 5, 14, 0),
        "dan-chu-o-co-so",
        "An Long tổ chức đối thoại giữa Chủ tịch UBND xã với nông dân",
        "Hơn 80 nông dân được trực tiếp nêu ý kiến về thuỷ lợi, giá vật tư và vay vốn sản xuất.",
        _p(
            "Chiều 4/6, Uỷ ban nhân dân xã An Long phối hợp Hội Nông dân tổ chức buổi đối thoại giữa Chủ tịch "
            "UBND xã với nông dân. Buổi đối thoại diễn ra cởi mở, người dân nêu 14 ý kiến xoay quanh nạo vét "
            "kênh nội đồng, giá phân bón tăng cao và thủ tục vay vốn ưu đãi.",
            "Nhiều kiến nghị được trả lời ngay tại chỗ; các nội dung vượt thẩm quyền được xã ghi nhận, hẹn "
            "báo cáo lên huyện và thông tin lại cho bà con trong tháng 7. Biên bản đối thoại được niêm yết "
            "tại trụ sở xã và các ấp.",
        ),
        "Minh Khang – xã An Long",
        "đối thoại, nông dân, thuỷ lợi",
        "published",
    ),
    (
        "30019",
        D2020,
        dt.datetime(2020, 8, 12, 8, 30),
        "mo-hinh-dien-hinh",
        "Mô hình “Tổ phụ nữ tiết kiệm” giúp chị em An Hòa có vốn làm ăn",
        "Sau hai năm, 12 tổ tiết kiệm đã xoay vòng hơn 600 triệu đồng cho hội viên vay không lãi.",
        _p(
            "Xuất phát từ thực tế nhiều chị em thiếu vốn nhỏ để nuôi gà, trồng rau, Hội Liên hiệp Phụ nữ xã "
            "An Hòa vận động thành lập các tổ phụ nữ tiết kiệm. Mỗi tháng, thành viên góp từ 100.000 đến "
            "300.000 đồng, số tiền được cho vay luân phiên theo thứ tự bốc thăm.",
            "Đến nay, xã có 12 tổ với gần 200 thành viên, tổng số tiền xoay vòng hơn 600 triệu đồng. Nhiều "
            "hội viên nhờ nguồn vốn này mà mở được tiệm tạp hoá, mua máy may, vươn lên thoát nghèo.",
            "Mô hình được Ban Dân vận Huyện uỷ công nhận là mô hình “Dân vận khéo” năm 2020 và đang được "
            "các xã bạn học tập.",
        ),
        "Ngọc Hân – Hội LHPN xã An Hòa",
        "Dân vận khéo, phụ nữ, tiết kiệm",
        "published",
    ),
    (
        "871",
        D2020,
        dt.datetime(2020, 9, 3, 9, 0),
        "cong-tac-dan-van",
        "Học tập, quán triệt nghị quyết Đại hội Đảng bộ huyện lần thứ XI",
        "Hơn 300 cán bộ chủ chốt huyện và xã dự hội nghị học tập nghị quyết Đại hội Đảng bộ huyện.",
        _p(
            "Ngày 2/9/2020, Ban Thường vụ Huyện uỷ Tam Nông tổ chức hội nghị học tập, quán triệt và triển "
            "khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XI, nhiệm kỳ 2020 – 2025.",
            "Các đại biểu được nghe giới thiệu những nội dung cốt lõi của nghị quyết: mục tiêu phát triển "
            "nông nghiệp gắn với du lịch sinh thái Tràm Chim, xây dựng nông thôn mới nâng cao, chăm lo đời "
            "sống nhân dân và phát huy sức mạnh khối đại đoàn kết.",
            "Sau hội nghị, các chi bộ, đoàn thể sẽ tổ chức học tập đến từng đảng viên, hội viên; mỗi xã xây "
            "dựng chương trình hành động sát với thực tế địa phương.",
        ),
        "Minh Tâm – Ban Dân vận Huyện uỷ",
        "học tập nghị quyết, Đại hội Đảng bộ",
        "published",
    ),
    (
        "30028",
        D2020,
        dt.datetime(2020, 10, 20, 10, 0),
        "hoi-quan",
        "Hội quán Phú Ninh góp sức thắp sáng 3 km đường quê",
        "Thành viên Hội quán vận động bà con góp tiền, tự tay lắp 90 bóng đèn dọc tuyến kênh.",
        _p(
            "Những con đường ven kênh ở ấp 2, xã Phú Ninh trước đây tối om mỗi khi đêm xuống. Tại buổi sinh "
            "hoạt tháng 8, thành viên Hội quán thống nhất đề xuất công trình “Thắp sáng đường quê” và nhận "
            "trách nhiệm vận động.",
            "Chỉ sau hai tháng, bà con đã góp gần 70 triệu đồng, điện lực hỗ trợ kỹ thuật, thành viên Hội "
            "quán tự dựng trụ, kéo dây. Tổng cộng 90 bóng đèn được lắp trên 3 km đường.",
            "Anh Nguyễn Văn Bảy, một người dân trong ấp, chia sẻ: “Có đèn rồi, tụi nhỏ đi học thêm buổi tối "
            "yên tâm hơn, trộm cắp cũng ít hẳn”.",
        ),
        "Kim Loan – xã Phú Ninh",
        "Hội quán, thắp sáng đường quê",
        "published",
    ),
    (
        "30034",
        D2020,
        dt.datetime(2020, 11, 18, 7, 30),
        "mat-tran-va-doan-the",
        "Phú Thành A tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
        "Nhân kỷ niệm 90 năm Ngày truyền thống Mặt trận, các khu dân cư đồng loạt tổ chức ngày hội.",
        _p(
            "Hướng tới kỷ niệm 90 năm Ngày thành lập Mặt trận Dân tộc Thống nhất Việt Nam (18/11), các ấp "
            "của xã Phú Thành A đã tổ chức Ngày hội Đại đoàn kết toàn dân tộc với nhiều hoạt động ý nghĩa.",
            "Tại ngày hội, Ban Công tác Mặt trận các ấp báo cáo kết quả thực hiện cuộc vận động “Toàn dân "
            "đoàn kết xây dựng nông thôn mới, đô thị văn minh”, tuyên dương 25 gia đình văn hoá tiêu biểu và "
            "trao 40 suất học bổng cho học sinh nghèo hiếu học.",
            "Phần văn nghệ, thi nấu ăn giữa các tổ nhân dân tự quản tạo không khí vui tươi, gắn kết tình "
            "làng nghĩa xóm.",
        ),
        "Thu Trang – xã Phú Thành A",
        "Mặt trận, ngày hội đại đoàn kết",
        "published",
    ),
    (
        "30013",
        D2020,
        dt.datetime(2020, 5, 12, 9, 0),
        "dan-chu-o-co-so",
        "Phú Đức công khai danh sách hỗ trợ người dân gặp khó khăn do dịch COVID-19",
        "Danh sách được niêm yết tại các ấp và thông báo trên loa truyền thanh để người dân giám sát.",
        _p(
            "Thực hiện Nghị quyết 42 của Chính phủ, Uỷ ban nhân dân xã Phú Đức đã rà soát, lập danh sách "
            "người lao động mất việc, hộ kinh doanh tạm ngừng hoạt động và hộ nghèo được hỗ trợ.",
            "Trước khi trình huyện, danh sách được niêm yết tại nhà văn hoá các ấp trong 3 ngày và đọc trên "
            "hệ thống loa truyền thanh. Trong thời gian niêm yết, xã nhận 5 ý kiến phản ánh và đã xác minh, "
            "điều chỉnh 2 trường hợp chưa đúng đối tượng.",
            "Ban Thanh tra nhân dân và Mặt trận xã cùng giám sát việc chi trả, bảo đảm tiền hỗ trợ đến tận "
            "tay người dân.",
        ),
        "Quốc Huy – xã Phú Đức",
        "Nghị quyết 42, công khai, giám sát",
        "published",
    ),
    (
        "30031",
        D2020,
        dt.datetime(2020, 12, 8, 14, 0),
        "mo-hinh-dien-hinh",
        "Cựu chiến binh Phú Thọ giúp nhau nuôi cá lóc trong ao đất",
        "Tổ hợp tác cựu chiến binh nuôi cá lóc mang lại thu nhập ổn định cho 15 hộ hội viên.",
        _p(
            "Năm 2018, Hội Cựu chiến binh xã Phú Thọ thành lập tổ hợp tác nuôi cá lóc với 8 hội viên. Các "
            "thành viên chia sẻ kinh nghiệm chọn giống, quản lý thức ăn, cùng mua chung vật tư để giảm chi "
            "phí.",
            "Đến nay tổ đã có 15 hộ, mỗi vụ lãi bình quân 80 – 100 triệu đồng mỗi hộ. Tổ còn giúp 3 hội viên "
            "khó khăn vay con giống, trả dần sau thu hoạch.",
        ),
        "Hữu Phước – xã Phú Thọ",
        "cựu chiến binh, kinh tế tập thể, Dân vận khéo",
        "published",
    ),
    (
        "30004",
        D2020,
        dt.datetime(2020, 2, 25, 10, 0),
        "mat-tran-va-doan-the",
        "Đoàn viên thanh niên Hòa Bình ra quân làm sạch kênh rạch",
        "Hơn 120 đoàn viên vớt lục bình, thu gom rác thải dọc 5 km kênh trong ngày chủ nhật xanh.",
        _p(
            "Hưởng ứng phong trào “Chủ nhật xanh”, Đoàn xã Hòa Bình huy động hơn 120 đoàn viên, thanh niên "
            "ra quân vớt lục bình, thu gom rác thải dọc kênh Đường Gạo.",
            "Sau một buổi sáng, các đoàn viên đã làm thông thoáng gần 5 km kênh, thu gom hơn 2 tấn rác. "
            "Đoàn xã cũng phát tờ rơi vận động người dân không xả rác xuống kênh, đặt thêm 20 thùng rác tại "
            "các bến sông.",
        ),
        "Tuấn Kiệt – Đoàn xã Hòa Bình",
        "thanh niên, môi trường",
        "published",
    ),
    (
        "30016",
        D2020,
        dt.datetime(2020, 7, 28, 15, 0),
        "dan-chu-o-co-so",
        "Phú Thành B lấy ý kiến nhân dân về dự thảo quy ước ấp",
        "Các ấp tổ chức họp dân để góp ý quy ước mới về giữ gìn vệ sinh môi trường và an ninh trật tự.",
        _p(
            "Trong tháng 7, bốn ấp của xã Phú Thành B đã tổ chức họp dân lấy ý kiến dự thảo quy ước sửa đổi. "
            "Các nội dung mới tập trung vào phân loại rác tại hộ, giữ gìn vệ sinh kênh mương và trách nhiệm "
            "của mỗi hộ trong giữ gìn an ninh trật tự.",
            "Người dân góp 37 ý kiến, trong đó nhiều ý kiến đề nghị thêm hình thức khen thưởng hộ gia đình "
            "thực hiện tốt. Ban soạn thảo đã tiếp thu và giải trình từng ý kiến trước khi trình Uỷ ban nhân "
            "dân xã xem xét.",
        ),
        "Bảo Ngọc – xã Phú Thành B",
        "quy ước, lấy ý kiến, dân chủ",
        "published",
    ),
    (
        "30007",
        D2020,
        dt.datetime(2020, 9, 24, 9, 30),
        "hoi-quan",
        "Tân Công Sính có thêm hai Hội quán mới",
        "Hội quán Tân Hòa và Hội quán Kênh Ngang ra mắt với hơn 60 thành viên.",
        _p(
            "Ngày 23/9, xã Tân Công Sính tổ chức ra mắt Hội quán Tân Hòa và Hội quán Kênh Ngang, nâng tổng số "
            "Hội quán trên địa bàn xã lên 5.",
            "Các Hội quán sẽ sinh hoạt định kỳ mỗi tháng một lần, là nơi bà con chia sẻ kinh nghiệm sản xuất, "
            "bàn việc chung của ấp và phản ánh những vấn đề bức xúc đến chính quyền.",
        ),
        "Hoàng Phúc – xã Tân Công Sính",
        "Hội quán, ra mắt",
        "published",
    ),
    (
        "871",
        D2020,
        dt.datetime(2020, 12, 22, 8, 0),
        "thong-bao",
        "Thông báo lịch tiếp công dân định kỳ của Bí thư Huyện uỷ năm 2021",
        "Bí thư Huyện uỷ tiếp công dân vào ngày 15 hằng tháng tại Ban Tiếp công dân huyện.",
        _p(
            "Ban Thường vụ Huyện uỷ Tam Nông thông báo: năm 2021, đồng chí Bí thư Huyện uỷ tiếp công dân định "
            "kỳ vào ngày 15 hằng tháng (nếu trùng ngày nghỉ thì chuyển sang ngày làm việc kế tiếp), tại trụ sở "
            "Ban Tiếp công dân huyện.",
            "Người dân có yêu cầu được tiếp vui lòng đăng ký trước tại Ban Tiếp công dân hoặc qua Uỷ ban nhân "
            "dân xã, thị trấn nơi cư trú.",
        ),
        BDV_HUYEN,
        "tiếp công dân, thông báo",
        "published",
    ),
    (
        "30025",
        D2020,
        dt.datetime(2020, 11, 2, 10, 0),
        "cong-tac-dan-van",
        "Phú Cường vận động xây 5 căn nhà đại đoàn kết",
        "Từ nguồn vận động xã hội, 5 hộ nghèo có nhà mới kiên cố trước mùa nước nổi.",
        _p(
            "Uỷ ban MTTQ xã Phú Cường vừa bàn giao 5 căn nhà đại đoàn kết cho các hộ nghèo có hoàn cảnh khó "
            "khăn. Mỗi căn trị giá khoảng 50 triệu đồng, được xây từ Quỹ “Vì người nghèo”, sự giúp đỡ của "
            "doanh nghiệp và ngày công của bà con lối xóm.",
            "Đoàn viên thanh niên và hội viên cựu chiến binh đã góp hơn 150 ngày công vận chuyển vật liệu, "
            "phụ hồ để kịp hoàn thành trước khi nước lên.",
        ),
        "Thanh Tâm – xã Phú Cường",
        "nhà đại đoàn kết, hộ nghèo",
        "published",
    ),
    # ------------------------------------------------------------ 2025–2026, the new communes
    (
        "82",
        None,
        dt.datetime(2025, 7, 15, 9, 0),
        "cong-tac-dan-van",
        "Tỉnh Đồng Tháp triển khai công tác dân vận sau sắp xếp đơn vị hành chính",
        "Hội nghị quán triệt nhiệm vụ công tác dân vận trong giai đoạn vận hành chính quyền địa phương "
        "hai cấp.",
        _p(
            "Ngày 14/7/2025, Ban Dân vận Tỉnh uỷ Đồng Tháp tổ chức hội nghị triển khai nhiệm vụ công tác dân "
            "vận sau khi sắp xếp đơn vị hành chính và vận hành mô hình chính quyền địa phương hai cấp.",
            "Hội nghị nhấn mạnh yêu cầu nắm chắc tình hình nhân dân, kịp thời giải đáp thắc mắc về thủ tục "
            "hành chính, địa chỉ trụ sở mới; bảo đảm không để gián đoạn việc tiếp nhận, giải quyết phản ánh, "
            "kiến nghị của người dân.",
            "Các xã, phường mới được yêu cầu kiện toàn ngay khối dân vận, duy trì các Hội quán, tổ tự quản "
            "và các mô hình “Dân vận khéo” đã có từ trước sắp xếp.",
        ),
        "Phương Thảo – Ban Dân vận Tỉnh uỷ",
        "chính quyền hai cấp, sắp xếp đơn vị hành chính",
        "published",
    ),
    (
        "30001",
        None,
        dt.datetime(2025, 8, 5, 8, 30),
        "dan-chu-o-co-so",
        "Xã Tràm Chim mở hội nghị đối thoại đầu tiên sau hợp nhất",
        "Lãnh đạo xã trả lời trực tiếp gần 20 ý kiến của người dân về thủ tục đất đai và giấy tờ cá nhân.",
        _p(
            "Ngày 4/8/2025, Đảng uỷ, HĐND, UBND xã Tràm Chim tổ chức hội nghị đối thoại với nhân dân, lần đầu "
            "tiên kể từ khi xã mới đi vào hoạt động. Hơn 150 người dân từ các ấp, khóm của thị trấn Tràm Chim "
            "và xã Tân Công Sính cũ đến dự.",
            "Phần lớn ý kiến hỏi về việc điều chỉnh địa chỉ trên giấy tờ, thủ tục chuyển mục đích sử dụng "
            "đất và giờ làm việc của bộ phận một cửa. Lãnh đạo xã đã trả lời cụ thể, đồng thời giao bộ phận "
            "chuyên môn hướng dẫn tận nơi cho người cao tuổi.",
        ),
        "Hồng Nhung – xã Tràm Chim",
        "đối thoại, hợp nhất xã, thủ tục hành chính",
        "published",
    ),
    (
        "30010",
        None,
        dt.datetime(2025, 9, 10, 14, 0),
        "mo-hinh-dien-hinh",
        "Xã Tam Nông nhân rộng mô hình “Tổ tự quản đường hoa”",
        "Sau khi sáp nhập, các ấp tiếp tục trồng và chăm sóc hơn 12 km đường hoa.",
        _p(
            "Mô hình “Tổ tự quản đường hoa” vốn được triển khai ở xã Phú Hiệp cũ, nay được xã Tam Nông nhân "
            "rộng ra tất cả các ấp. Mỗi tổ nhận chăm sóc một đoạn đường, tự thống nhất lịch tưới, làm cỏ, "
            "thay hoa.",
            "Đến nay toàn xã có 27 tổ tự quản với hơn 400 hộ tham gia, hơn 12 km đường được phủ hoa, góp "
            "phần làm đẹp cảnh quan và giữ gìn vệ sinh môi trường.",
            "Theo Uỷ ban MTTQ xã, điểm mấu chốt là để người dân tự chọn loại hoa, tự bàn cách làm; chính "
            "quyền chỉ hỗ trợ hạt giống và tuyên dương kịp thời các tổ làm tốt.",
        ),
        "Văn Út – xã Tam Nông",
        "Dân vận khéo, tổ tự quản, môi trường",
        "published",
    ),
    (
        "30019",
        None,
        dt.datetime(2025, 10, 18, 9, 0),
        "mat-tran-va-doan-the",
        "Xã An Hòa ra mắt Uỷ ban Mặt trận Tổ quốc nhiệm kỳ mới",
        "Uỷ ban MTTQ xã An Hòa khoá mới có 45 uỷ viên, đại diện các đoàn thể và khu dân cư.",
        _p(
            "Đại hội đại biểu Mặt trận Tổ quốc Việt Nam xã An Hòa lần thứ I đã hiệp thương cử 45 vị vào Uỷ "
            "ban MTTQ xã nhiệm kỳ mới, trong đó có đại diện các đoàn thể chính trị – xã hội, người có uy tín "
            "trong cộng đồng, chức sắc tôn giáo và doanh nghiệp.",
            "Đại hội thông qua chương trình hành động với trọng tâm là phát huy dân chủ, tăng cường giám sát "
            "và phản biện xã hội, vận động nhân dân tham gia xây dựng nông thôn mới nâng cao.",
        ),
        "Ngọc Hân – xã An Hòa",
        "Mặt trận, đại hội",
        "published",
    ),
    (
        "30025",
        None,
        dt.datetime(2025, 11, 12, 16, 0),
        "hoi-quan",
        "Hội quán Phú Hòa tròn 7 năm hoạt động",
        "Từ vài chục thành viên, Hội quán đã thành nơi sinh hoạt quen thuộc của gần 200 hộ dân.",
        _p(
            "Ra đời năm 2018, Hội quán ấp Phú Hòa, xã Phú Cường ban đầu chỉ có hơn 30 thành viên. Sau 7 năm, "
            "Hội quán đã thu hút gần 200 hộ tham gia, duy trì sinh hoạt đều đặn vào tối thứ bảy đầu tháng.",
            "Từ các buổi sinh hoạt, bà con đã cùng nhau làm 4 cây cầu bê tông, nạo vét 6 km kênh nội đồng, "
            "thành lập tổ liên kết trồng sen cho thu nhập ổn định. Nhiều vướng mắc ở ấp được giải quyết ngay "
            "tại Hội quán trước khi thành đơn thư.",
            "Tại buổi tổng kết, Uỷ ban nhân dân xã đã khen thưởng 10 thành viên có nhiều đóng góp.",
        ),
        "Thanh Tâm – xã Phú Cường",
        "Hội quán, tổng kết",
        "published",
    ),
    (
        "30028",
        None,
        dt.datetime(2025, 12, 3, 8, 0),
        "cong-tac-dan-van",
        "Xã An Long vận động nhân dân góp 1,5 tỷ đồng nâng cấp tuyến đường liên ấp",
        "Tuyến đường dài 3,2 km được mở rộng lên 5 m nhờ sự đồng thuận của hơn 100 hộ dân.",
        _p(
            "Tuyến đường liên ấp An Thạnh – An Phú của xã An Long vừa được khánh thành sau 4 tháng thi công. "
            "Trong tổng kinh phí gần 4 tỷ đồng, người dân đóng góp 1,5 tỷ đồng tiền mặt và hơn 600 ngày công.",
            "Hơn 100 hộ dân đã hiến đất, dời hàng rào để mở rộng mặt đường từ 3 m lên 5 m. Ban giám sát đầu "
            "tư của cộng đồng họp định kỳ hai tuần một lần, thông báo tiến độ và các khoản thu chi trên loa "
            "truyền thanh của ấp.",
        ),
        "Minh Khang – xã An Long",
        "giao thông nông thôn, đóng góp, nông thôn mới",
        "published",
    ),
    (
        "30034",
        None,
        dt.datetime(2026, 1, 20, 9, 0),
        "mat-tran-va-doan-the",
        "Xã Phú Thọ trao hơn 500 phần quà Tết Bính Ngọ cho hộ khó khăn",
        "Uỷ ban MTTQ xã phối hợp các mạnh thường quân chăm lo Tết cho hộ nghèo, cận nghèo và gia đình chính "
        "sách.",
        _p(
            "Từ ngày 15 đến 19/1/2026, Uỷ ban MTTQ xã Phú Thọ cùng các đoàn thể đã trao 520 phần quà Tết cho "
            "hộ nghèo, hộ cận nghèo, người cao tuổi neo đơn và gia đình chính sách, tổng trị giá hơn 300 "
            "triệu đồng.",
            "Bên cạnh quà của Mặt trận, nhiều doanh nghiệp, cơ sở kinh doanh và người con quê hương sinh "
            "sống xa đã gửi tiền, gạo về hỗ trợ. Việc bình xét hộ nhận quà được làm công khai tại các tổ "
            "nhân dân tự quản.",
        ),
        "Hữu Phước – xã Phú Thọ",
        "Tết, hộ nghèo, Mặt trận",
        "published",
    ),
    (
        "30001",
        None,
        dt.datetime(2026, 1, 8, 14, 30),
        "dan-chu-o-co-so",
        "Tràm Chim tổng kết một năm thực hiện Luật Thực hiện dân chủ ở cơ sở",
        "Người dân được bàn và quyết định trực tiếp 12 công trình công cộng trong năm 2025.",
        _p(
            "Báo cáo tại hội nghị tổng kết cho thấy, năm 2025 xã Tràm Chim đã tổ chức lấy ý kiến nhân dân "
            "về 12 công trình công cộng, 3 quy ước khu dân cư và kế hoạch sử dụng đất. Các nội dung phải công "
            "khai được niêm yết đầy đủ tại trụ sở xã, nhà văn hoá và trên trang thông tin điện tử.",
            "Tuy vậy, hội nghị cũng chỉ ra một số ấp còn tổ chức họp dân chưa đúng thành phần, biên bản chưa "
            "ghi rõ số hộ tán thành. Năm 2026, xã sẽ tập huấn cho trưởng ấp, trưởng ban công tác Mặt trận "
            "về trình tự bàn và quyết định trực tiếp.",
        ),
        "Hồng Nhung – xã Tràm Chim",
        "Luật Thực hiện dân chủ ở cơ sở, tổng kết",
        "published",
    ),
    (
        "30010",
        None,
        dt.datetime(2026, 2, 3, 10, 0),
        "cong-tac-dan-van",
        "Xã Tam Nông học tập nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2025 – 2030",
        "Cán bộ, đảng viên toàn xã được quán triệt các chỉ tiêu, nhiệm vụ trọng tâm của nhiệm kỳ mới.",
        _p(
            "Ngày 2/2/2026, Đảng uỷ xã Tam Nông tổ chức hội nghị học tập, quán triệt nghị quyết Đại hội Đảng "
            "bộ xã lần thứ I, nhiệm kỳ 2025 – 2030, với sự tham dự của hơn 250 cán bộ, đảng viên.",
            "Nghị quyết xác định ba khâu đột phá: chuyển đổi số trong phục vụ người dân, phát triển vùng "
            "nguyên liệu lúa chất lượng cao và nâng chất các thiết chế tự quản ở cộng đồng như Hội quán, tổ "
            "nhân dân tự quản.",
        ),
        "Văn Út – xã Tam Nông",
        "học tập nghị quyết, Đại hội Đảng bộ",
        "published",
    ),
    (
        "30019",
        None,
        dt.datetime(2026, 2, 25, 8, 30),
        "thong-bao",
        "Thông báo lịch tiếp công dân của Bí thư Đảng uỷ xã An Hòa năm 2026",
        "Bí thư Đảng uỷ xã tiếp công dân vào ngày 10 hằng tháng tại trụ sở Uỷ ban nhân dân xã.",
        _p(
            "Đảng uỷ xã An Hòa thông báo: năm 2026, đồng chí Bí thư Đảng uỷ xã tiếp công dân định kỳ vào ngày "
            "10 hằng tháng, buổi sáng, tại phòng tiếp công dân của Uỷ ban nhân dân xã.",
            "Trường hợp ngày tiếp trùng ngày nghỉ, lễ, Tết thì chuyển sang ngày làm việc liền sau. Người dân "
            "có thể đăng ký trước qua trưởng ấp hoặc bộ phận một cửa của xã.",
        ),
        "Văn phòng Đảng uỷ xã An Hòa",
        "tiếp công dân, thông báo",
        "published",
    ),
    (
        "30028",
        None,
        dt.datetime(2026, 3, 6, 15, 0),
        "mo-hinh-dien-hinh",
        "“Chợ phiên nông sản” của Hội Nông dân xã An Long",
        "Mỗi tháng một phiên, nông dân bán trực tiếp rau sạch, cá đồng, bánh dân gian cho người tiêu dùng.",
        _p(
            "Từ tháng 10/2025, Hội Nông dân xã An Long tổ chức “Chợ phiên nông sản” vào chủ nhật cuối tháng "
            "tại khu vực chợ xã. Hội viên đăng ký gian hàng miễn phí, cam kết sản phẩm rõ nguồn gốc.",
            "Sau 5 phiên, doanh thu mỗi phiên đạt khoảng 60 – 80 triệu đồng. Nhiều hộ đã có khách quen đặt "
            "hàng qua điện thoại, không còn phụ thuộc hoàn toàn vào thương lái.",
        ),
        "Kim Loan – xã An Long",
        "Dân vận khéo, nông dân, tiêu thụ nông sản",
        "published",
    ),
    (
        "30034",
        None,
        dt.datetime(2026, 3, 16, 9, 0),
        "hoi-quan",
        "Hội quán ấp Phú Thọ A bàn phương án giữ nước tưới vụ hè thu",
        "Thành viên Hội quán thống nhất lịch đóng mở cống và chia chi phí bơm tưới.",
        _p(
            "Dự báo năm nay mùa khô kéo dài, tại buổi sinh hoạt tháng 3, Hội quán ấp Phú Thọ A đã mời cán "
            "bộ nông nghiệp xã đến trao đổi phương án giữ nước cho vụ hè thu.",
            "Bà con thống nhất lịch đóng mở cống theo từng tiểu vùng, góp tiền thuê máy bơm chung và cử 3 "
            "thành viên theo dõi mực nước hằng ngày, thông báo qua nhóm Zalo của ấp.",
        ),
        "Thu Trang – xã Phú Thọ",
        "Hội quán, thuỷ lợi, hè thu",
        "published",
    ),
    # ------------------------------------------------------------ not (yet) public
    (
        "30025",
        None,
        None,
        "cong-tac-dan-van",
        "Phú Cường chuẩn bị hội nghị sơ kết 6 tháng đầu năm 2026",
        "Dự thảo báo cáo sơ kết đang được gửi các ấp góp ý.",
        _p(
            "Khối dân vận xã Phú Cường đã hoàn thành dự thảo báo cáo sơ kết công tác dân vận 6 tháng đầu năm "
            "2026 và gửi các ấp, đoàn thể góp ý trước ngày 25/6.",
            "Hội nghị dự kiến tổ chức đầu tháng 7, đánh giá kết quả thực hiện các mô hình “Dân vận khéo” và "
            "việc tiếp nhận, giải quyết phản ánh của người dân sau hợp nhất.",
        ),
        "Thanh Tâm – xã Phú Cường",
        "sơ kết",
        "draft",
    ),
    (
        "30001",
        None,
        None,
        "mat-tran-va-doan-the",
        "Tràm Chim phát động đợt cao điểm vận động Quỹ “Vì người nghèo” năm 2026",
        "Uỷ ban MTTQ xã đặt mục tiêu vận động 500 triệu đồng để xây, sửa 10 căn nhà cho hộ khó khăn.",
        _p(
            "Uỷ ban MTTQ xã Tràm Chim vừa phát động đợt cao điểm vận động Quỹ “Vì người nghèo” năm 2026, kêu "
            "gọi cán bộ, doanh nghiệp và nhân dân chung tay giúp đỡ hộ nghèo.",
            "Mục tiêu của đợt vận động là 500 triệu đồng, ưu tiên xây mới và sửa chữa 10 căn nhà cho hộ có "
            "hoàn cảnh đặc biệt khó khăn.",
        ),
        "Hồng Nhung – xã Tràm Chim",
        "Quỹ Vì người nghèo",
        "in_review",
    ),
    (
        "30010",
        None,
        "future",
        "thong-bao",
        "Thông báo tổ chức hội nghị đối thoại giữa người đứng đầu cấp uỷ, chính quyền với nhân dân quý III",
        "Xã Tam Nông tổ chức hội nghị đối thoại tại hội trường Uỷ ban nhân dân xã.",
        _p(
            "Uỷ ban nhân dân xã Tam Nông thông báo tổ chức hội nghị đối thoại giữa người đứng đầu cấp uỷ, "
            "chính quyền với nhân dân. Người dân có thể gửi trước ý kiến qua trưởng ấp hoặc hộp thư góp ý tại "
            "trụ sở xã.",
        ),
        "Văn phòng HĐND – UBND xã Tam Nông",
        "đối thoại, thông báo",
        "scheduled",
    ),
    (
        "871",
        D2020,
        dt.datetime(2020, 4, 1, 8, 0),
        "thong-bao",
        "Tạm hoãn sinh hoạt Hội quán để phòng, chống dịch COVID-19",
        "Các Hội quán trên địa bàn huyện tạm hoãn sinh hoạt tập trung đến khi có thông báo mới.",
        _p(
            "Thực hiện chỉ đạo về phòng, chống dịch COVID-19, Ban Dân vận Huyện uỷ đề nghị các Hội quán tạm "
            "hoãn sinh hoạt tập trung đông người; các thông tin cần trao đổi được chuyển qua loa truyền thanh "
            "và nhóm liên lạc của ấp.",
        ),
        BDV_HUYEN,
        "Hội quán, COVID-19",
        "archived",
    ),
]


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _actor():
    from danvan.people.models import User

    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def seed(stdout=None) -> dict:
    actor = _actor()
    counts = {"created": 0, "skipped": 0}
    if actor is None:
        if stdout:
            stdout.write("Tin tức: chưa có tài khoản quản trị hệ thống, bỏ qua dữ liệu mẫu.")
        return counts
    categories = {c.slug: c for c in Category.objects.all()}
    now = timezone.now()
    for code, day, when, category, title, summary, body, byline, tags, status in ARTICLES:
        slug = services.slugify_title(title)
        if Article.objects.filter(slug=slug).exists():
            counts["skipped"] += 1
            continue
        unit = unit_by_code(code, day or local_today())
        if unit is None:
            counts["skipped"] += 1
            continue
        article = services.article_create(
            actor=actor,
            unit=unit,
            title=title,
            summary=summary,
            body=body,
            category=categories.get(category),
            tags=tags,
            byline=byline,
        )
        if status != "draft":
            article = services.article_submit(actor=actor, article=article)
        if status in ("published", "archived", "scheduled"):
            publish_at = now + dt.timedelta(days=20) if when == "future" else _aware(when)
            article = services.article_approve(actor=actor, article=article, publish_at=publish_at)
        if status == "archived":
            article = services.article_archive(actor=actor, article=article)
        if status in ("published", "archived") and article.publish_at <= now:
            # written and last changed when it went out, not when the demo was loaded (the feed shows it)
            Article.objects.filter(pk=article.pk).update(
                created_at=article.publish_at, updated_at=article.publish_at
            )
        counts["created"] += 1
    if stdout:
        stdout.write(f"Tin tức: {counts['created']} bài mới, {counts['skipped']} bài đã có.")
    return counts
