import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.communities import services
from danvan.communities.models import Milestone, ProjectPhoto, SupervisionCheck
from danvan.core.errors import DomainError, errors_of
from danvan.core.formatting import local_today

from .helpers import cash, project

pytestmark = pytest.mark.django_db


def jpeg(name="anh.jpg", size=(2400, 1200)):
    buf = io.BytesIO()
    image = Image.new("RGB", size, (120, 160, 90))
    exif = Image.Exif()
    exif[0x8825] = {2: (10, 30, 0)}  # a GPS position, to be dropped
    image.save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_milestones_photos_and_hand_over(cast):
    p = project(cast)
    m = services.milestone_add(actor=cast.hoa, project=p, name="Đổ bê tông", planned_on=dt.date(2024, 3, 1))
    with pytest.raises(DomainError):
        services.milestone_reach(actor=cast.hoa, milestone=m, actual_on=local_today() + dt.timedelta(days=2))
    services.milestone_reach(actor=cast.hoa, milestone=m, actual_on=dt.date(2024, 3, 5))
    assert Milestone.objects.get().actual_on == dt.date(2024, 3, 5)
    photo = services.project_photo_add(
        actor=cast.hoa,
        project=p,
        uploaded=jpeg(),
        alt_text="Đoạn đường mới đổ bê tông",
        taken_on=dt.date(2024, 3, 5),
    )
    assert photo.width == services.PHOTO_WIDTH and photo.height == 800
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG" and not stored.getexif().get(0x8825)
    with pytest.raises(DomainError) as exc:
        services.project_photo_add(
            actor=cast.hoa, project=p, uploaded=SimpleUploadedFile("a.jpg", b"not an image"), alt_text=""
        )
    assert {e.field for e in errors_of(exc.value)} == {"image", "alt_text"}
    assert ProjectPhoto.objects.count() == 1
    with pytest.raises(DomainError) as exc:
        services.project_hand_over(
            actor=cast.hoa,
            project=p,
            completed_on=dt.date(2024, 5, 1),
            handed_over_on=dt.date(2024, 4, 1),
            handed_over_to="",
        )
    assert {e.field for e in errors_of(exc.value)} == {"handed_over_on", "handed_over_to"}
    services.project_hand_over(
        actor=cast.hoa,
        project=p,
        completed_on=dt.date(2024, 5, 1),
        handed_over_on=dt.date(2024, 5, 10),
        handed_over_to="UBND xã Phú Cường",
    )
    p.refresh_from_db()
    assert p.status == "handed_over" and p.progress == 100 and p.handed_over_to == "UBND xã Phú Cường"
    with pytest.raises(DomainError):  # a handed-over project takes no more contributions
        cash(cast, p)


def test_supervision_checks_are_recorded_and_resolved(cast):
    p = project(cast)
    with pytest.raises(DomainError) as exc:
        services.supervision_record(
            actor=cast.hoa, project=p, checked_on=dt.date(2023, 1, 1), members="", findings=""
        )
    assert {e.field for e in errors_of(exc.value)} == {"checked_on", "members", "findings"}
    fine = services.supervision_record(
        actor=cast.hoa,
        project=p,
        checked_on=dt.date(2024, 2, 1),
        members="Ông Tư, Bà Sáu",
        findings="Đúng thiết kế",
    )
    assert fine.resolved  # nothing recommended, nothing to resolve
    check = services.supervision_record(
        actor=cast.hoa,
        project=p,
        checked_on=dt.date(2024, 3, 1),
        members="Ông Tư, Bà Sáu",
        findings="Lớp đá nền mỏng hơn thiết kế",
        recommendations="Bù thêm đá",
    )
    assert not check.resolved
    with pytest.raises(DomainError):
        services.supervision_resolve(
            actor=cast.hoa, check=check, resolved_on=dt.date(2024, 2, 1), resolution=""
        )
    services.supervision_resolve(
        actor=cast.hoa, check=check, resolved_on=dt.date(2024, 3, 10), resolution="Nhà thầu đã bù đá"
    )
    assert SupervisionCheck.objects.get(pk=check.pk).resolved
    with pytest.raises(DomainError):
        services.supervision_record(
            actor=cast.thu, project=p, checked_on=dt.date(2024, 3, 1), members="A", findings="B"
        )


def test_the_public_project_page_shows_progress_photos_and_checks_without_personal_data(client, cast):
    from danvan.people.models import Household

    h = Household.objects.create(
        code="H9",
        hamlet=cast.hamlet,
        commune=cast.commune,
        address="Số 9 Ấp Phú Hòa",
        representative_name="Trần Thị Sáu",
    )
    p = project(cast)
    cash(cast, p, contributor_kind="household", household=h)
    services.milestone_add(actor=cast.hoa, project=p, name="Đổ bê tông", planned_on=dt.date(2024, 3, 1))
    services.project_photo_add(
        actor=cast.hoa, project=p, uploaded=jpeg(), alt_text="Đoạn đường mới đổ bê tông"
    )
    services.supervision_record(
        actor=cast.hoa,
        project=p,
        checked_on=dt.date(2024, 3, 1),
        members="Ông Tư, Bà Bảy",
        findings="Lớp đá nền mỏng",
        recommendations="Bù thêm đá",
    )
    page = client.get(f"/hoi-quan/cong-trinh/{p.pk}/").content.decode()
    assert "Đổ bê tông" in page and 'alt="Đoạn đường mới đổ bê tông"' in page
    assert "Giám sát đầu tư của cộng đồng" in page and "Ông Tư, Bà Bảy" in page and "Chưa giải quyết" in page
    assert "Trần Thị Sáu" not in page and "Số 9 Ấp Phú Hòa" not in page and "H9" not in page


def test_officer_progress_screen(client, cast):
    p = project(cast)
    client.force_login(cast.hoa)
    url = f"/can-bo/cong-trinh/{p.pk}/tien-do/"
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"do": "milestone", "name": "Khởi công", "planned_on": "2024-01-10"}).status_code
        == 302
    )
    m = Milestone.objects.get()
    assert (
        client.post(url, {"do": "reach", "milestone": m.pk, f"m{m.pk}-actual_on": "2024-01-12"}).status_code
        == 302
    )
    r = client.post(url, {"do": "photo", "alt_text": "Lễ khởi công", "image": jpeg()})
    assert r.status_code == 302, r.content.decode()[-3000:]
    r = client.post(url, {"do": "photo", "alt_text": "", "image": SimpleUploadedFile("x.jpg", b"nope")})
    assert r.status_code == 400
    r = client.post(
        url,
        {
            "do": "check",
            "checked_on": "2024-02-01",
            "members": "Ông Tư",
            "findings": "Đúng",
            "recommendations": "Thêm biển báo",
        },
    )
    assert r.status_code == 302
    c = SupervisionCheck.objects.get()
    r = client.post(
        url,
        {
            "do": "resolve",
            "check": c.pk,
            f"c{c.pk}-resolved_on": "2024-02-05",
            f"c{c.pk}-resolution": "Đã lắp biển",
        },
    )
    assert r.status_code == 302
    r = client.post(
        url,
        {
            "do": "handover",
            "completed_on": "2024-05-01",
            "handed_over_on": "2024-05-10",
            "handed_over_to": "UBND xã Phú Cường",
        },
    )
    assert r.status_code == 302
    page = client.get(url).content.decode()
    assert "12/01/2024" in page and "Đã lắp biển" in page and "UBND xã Phú Cường" in page
    client.force_login(cast.thu)
    assert client.post(url, {"do": "milestone", "name": "x", "planned_on": "2024-01-10"}).status_code in (
        403,
        404,
    )
