"""Template filters for Vietnamese formats; loaded as a builtin in every template."""

from django import template

from danvan.core import formatting

register = template.Library()


@register.filter
def vnd(value):
    return formatting.format_vnd(value)


@register.filter
def so(value):
    return formatting.format_number(value)


@register.filter
def ngay(value):
    return formatting.format_date(value)


@register.filter
def ngay_gio(value):
    return formatting.format_datetime(value)


@register.filter
def rich_text(value):
    """A rich body (HTML of the allow-list, or an older plain-text one) as safe HTML, sanitised again on the
    way out (`danvan.core.richtext.clean_html`)."""
    from django.utils.safestring import mark_safe

    from danvan.core.richtext import clean_html

    return mark_safe(clean_html(value or ""))
