from danvan.audit.selectors import audit_events_for
from danvan.units.services import unit_update


def test_trail_is_shown_to_leaders_and_hidden_from_editors(cast):
    unit_update(actor=cast.khoa, unit=cast.hamlet, name="Ấp Phú Hòa A")
    assert [e.action for e in audit_events_for(cast.hamlet, user=cast.tuan, unit=cast.hamlet)][
        0
    ] == "unit.update"
    assert audit_events_for(cast.hamlet, user=cast.lan, unit=cast.hamlet) == []
    assert audit_events_for(cast.hamlet, user=cast.old_hung, unit=cast.hamlet) == []


def test_unit_page_shows_the_trail_to_those_allowed(cast, client):
    unit_update(actor=cast.khoa, unit=cast.hamlet, name="Ấp Phú Hòa A")
    client.force_login(cast.tuan)
    assert "Nhật ký thay đổi" in client.get(f"/can-bo/don-vi/{cast.hamlet.pk}/").content.decode()
    client.force_login(cast.lan)
    assert "Nhật ký thay đổi" not in client.get(f"/can-bo/don-vi/{cast.hamlet.pk}/").content.decode()
