"""The citizen's own area (`/tai-khoan/`): a page made of sections that the apps declare.

An app adds a section in its own `citizen_area.py` (found by `CitizensConfig.ready()`), so the area grows
with the modules — cases today; dialogue registrations (M3), household voting (M4), group membership and
contributions (M5) later — without this app knowing them:

    from danvan.citizens.area import Section, register

    register(Section(
        key="bieu-quyet",                      # the section's id on the overview (anchor) and in the menu
        title=_("Biểu quyết của hộ"),
        order=25,                              # place in the menu and on the overview (smaller first)
        template="deliberation/area_card.html",  # its card on the overview
        context=lambda request: {...},         # what the card needs: a few cheap queries
        url_name="deliberation:my_votes",      # its own page, if it has one (else the card is all)
        visible=lambda user: user.household_id is not None,   # when it shows (default: always)
    ))

Each section's own page is a view of its app that renders with `render_area(request, template, ctx,
active=key)`, which adds the area's menu. The overview renders every visible section's card in order.
Everything here is the citizen's own data: a section's `context` and views read only what belongs to
`request.user`, through the app's `access_*` gates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse


def _always(user) -> bool:
    return True


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    template: str
    context: Callable | None = None
    url_name: str | None = None
    visible: Callable = field(default=_always)

    @property
    def url(self) -> str:
        return reverse(self.url_name) if self.url_name else f"{reverse('citizens:home')}#{self.key}"


_sections: dict[str, Section] = {}


def register(section: Section) -> Section:
    """Add (or replace: `ready()` may run more than once in tests) a section of the citizen's area."""
    _sections[section.key] = section
    return section


def unregister(key: str) -> None:
    _sections.pop(key, None)


def sections_for(user) -> list[Section]:
    """The sections `user` sees, in order."""
    return sorted((s for s in _sections.values() if s.visible(user)), key=lambda s: (s.order, s.key))


def area_context(request, active: str = "") -> dict:
    return {"nav_active": "account", "area_sections": sections_for(request.user), "area_active": active}


def render_area(request, template: str, context: dict | None = None, *, active: str = "", status: int = 200):
    """Render a page of the citizen's area: `template` extends `citizens/area_base.html`."""
    return render(request, template, {**area_context(request, active), **(context or {})}, status=status)


def render_cards(request) -> list[tuple[Section, str]]:
    """Every visible section with its card rendered, for the overview."""
    cards = []
    for section in sections_for(request.user):
        ctx = {"section": section, **(section.context(request) if section.context else {})}
        cards.append((section, render_to_string(section.template, ctx, request=request)))
    return cards
