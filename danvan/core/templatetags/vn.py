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
