"""How a contribution reads on the honour board and in the ledger."""

from django import template
from django.utils.translation import gettext as _

from danvan.core.formatting import format_number, format_vnd

from ..models import ContributionKind, Display
from ..selectors import rounded

register = template.Library()


@register.filter
def quantity_text(entry) -> str:
    """ "120 m²", "5 ngày công", "50 bao xi măng" (a reversing entry shows its negative quantity)."""
    if entry.quantity is None or entry.kind == ContributionKind.CASH:
        return ""
    q = entry.quantity
    number = format_number(q) if q == q.to_integral_value() else f"{q:.2f}".replace(".", ",")
    return f"{number} {entry.quantity_unit}".strip()


@register.filter
def shown_amount(entry) -> str:
    """The amount as the contributor chose it to be published: exact, or "khoảng …" rounded."""
    if entry.display == Display.ROUNDED and entry.value_vnd > 0:
        return _("khoảng %(amount)s") % {"amount": format_vnd(rounded(entry.value_vnd))}
    return format_vnd(entry.value_vnd)
