import datetime as dt

from danvan.communities import services
from danvan.communities.models import GroupKind

DAY = dt.date(2024, 3, 1)


def hoi_quan(cast, unit=None, **extra):
    data = dict(
        name="Hội quán Phú Hòa",
        kind=GroupKind.objects.get(code="hoi-quan"),
        home_unit=unit or cast.hamlet,
        founded_on=dt.date(2020, 5, 1),
        field="Trồng lúa, nuôi cá",
    )
    data.update(extra)
    return services.group_create(actor=cast.hoa, **data)


def project(cast, place=None, **extra):
    data = dict(
        name="Đường bê tông ấp Phú Hòa",
        kind="road",
        place=place or cast.hamlet,
        started_on=dt.date(2024, 1, 10),
        budget_state=300_000_000,
        budget_people=150_000_000,
    )
    data.update(extra)
    return services.project_create(actor=cast.hoa, **data)


def cash(cast, project=None, value=1_000_000, on=DAY, **extra):
    data = dict(
        project=project,
        contributor_kind="person",
        contributor_name="Nguyễn Văn Tư",
        kind="cash",
        value_vnd=value,
        on=on,
    )
    if project is None:
        data["purpose"] = "Quỹ khuyến học"
        data["place"] = extra.pop("place", cast.hamlet)
    actor = extra.pop("actor", cast.hoa)
    data.update(extra)
    return services.contribution_post(actor=actor, **data)
