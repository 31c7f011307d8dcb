"""The audit trail in words: one registry of action labels and field renderers, filled by each app.

An app says in its own `trail.py` (imported by `autodiscover()` when the audit app is ready) how its audit
records read::

    register_trail(
        Case,
        actions={"case.resolve": Action("giải quyết", headline="outcome"), …},
        fields={"on_time": Field("thời hạn", lambda v: "đúng hạn" if v else "trễ hạn")},
        hidden={"search_text"},
    )

`describe(events)` turns `AuditEvent`s into `TrailEntry`s that a person reads — "Lê Thị Mỹ Hạnh giải quyết:
Đúng một phần", then "trạng thái: Đã đối thoại → Đã giải quyết; thời hạn: đúng hạn" — with no action code, field
name, id or raw True/False: a field of the model is labelled by its `verbose_name` and rendered by its type
(choices by their label, a foreign key by the related row's name — fetched once per model for the whole list —,
dates as dd/mm/yyyy, booleans as có/không); a key that is not a model field must be registered, and an
action nobody registered reads "cập nhật". Every page that shows a trail includes `audit/_trail.html` with
the entries of `selectors.audit_events_for`.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime

from danvan.core.formatting import format_date, format_datetime


@dataclass(frozen=True)
class Action:
    """How an action reads: a verb phrase after the actor's name ("giải quyết"), and optionally the change
    whose new value is the headline ("… giải quyết: Đúng một phần")."""

    label: str
    headline: str = ""
    nobody: str = "Hệ thống"  # who it was when no officer was signed in (a citizen's rating: "Người dân")


@dataclass(frozen=True)
class Field:
    """A change key that is not (or should not read as) a model field: its label and how a value reads.
    `render` takes the stored value (never None) and returns text; `hide_values` shows only "đã sửa"."""

    label: str
    render: Callable[[object], str] | None = None
    hide_values: bool = False


@dataclass
class _ModelTrail:
    actions: dict[str, Action] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)


_REGISTRY: dict[type, _ModelTrail] = {}
_ACTIONS: dict[str, Action] = {}
# How a row of a related model is named in a trail (default: str(row)).
_NAMES: dict[type, Callable[[models.Model], str]] = {}
FALLBACK_ACTION = Action("cập nhật")


def register_trail(model, *, actions=None, fields=None, hidden=(), name=None) -> None:
    """Register how the audit records of `model` read (see the module docstring); `name(row)` is how a row
    of `model` is named when another record refers to it (default `str(row)`)."""
    entry = _REGISTRY.setdefault(model, _ModelTrail())
    for key, value in (actions or {}).items():
        action = value if isinstance(value, Action) else Action(str(value))
        entry.actions[key] = action
        _ACTIONS[key] = action
    for key, value in (fields or {}).items():
        entry.fields[key] = value if isinstance(value, Field) else Field(str(value))
    entry.hidden.update(hidden)
    if name is not None:
        _NAMES[model] = name


def registered_actions() -> dict[str, Action]:
    return dict(_ACTIONS)


def action_label(action: str) -> str:
    return _ACTIONS.get(action, FALLBACK_ACTION).label


def autodiscover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("trail")


@dataclass
class Change:
    label: str
    old: str
    new: str
    only_edited: bool = False  # "nội dung: đã sửa" (a long text, or one that must not be repeated)

    def __str__(self) -> str:
        if self.only_edited:
            return f"{self.label}: đã sửa"
        if not self.old:
            return f"{self.label}: {self.new}"
        return f"{self.label}: {self.old} → {self.new}"


@dataclass
class TrailEntry:
    action: str  # the code, for tests and filters; never shown
    at: dt.datetime
    actor_name: str
    action_label: str
    headline: str
    changes: list[Change]

    @property
    def sentence(self) -> str:
        """ "Lê Thị Mỹ Hạnh giải quyết: Đúng một phần"."""
        text = f"{self.actor_name} {self.action_label}"
        return f"{text}: {self.headline}" if self.headline else text


# ---------------------------------------------------------------- rendering values


def _yes_no(value) -> str:
    return "có" if value else "không"


def date_text(value) -> str:
    """A stored date or date-time (ISO text) as dd/mm/yyyy (HH:MM)."""
    return _as_date(value)


def _as_date(value) -> str:
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    text = str(value)
    parsed = parse_datetime(text) if "T" in text else None
    if parsed is not None:
        return format_datetime(parsed)
    day = parse_date(text[:10]) if len(text) >= 10 else None
    return format_date(day) if day else text


def _model_field(model, key: str):
    if model is None:
        return None
    for f in model._meta.concrete_fields:
        if key in (f.name, f.attname):
            return f
    return None


def _plain(value) -> str:
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"


class _Names:
    """Names of the rows the changes refer to, fetched once per related model for a whole trail."""

    def __init__(self):
        self.wanted: dict[type, set] = defaultdict(set)
        self.found: dict[tuple[type, str], str] = {}

    def want(self, model, pk) -> None:
        if pk not in (None, "") and _is_pk(model, pk):
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            namer = _NAMES.get(model, _default_name)
            for row in model._default_manager.filter(pk__in=list(pks)):
                self.found[(model, str(row.pk))] = namer(row)

    def name(self, model, pk) -> str:
        if not _is_pk(model, pk):  # an older record kept the row's name itself
            return _plain(pk)
        return self.found.get((model, str(pk)), "(đã xoá)")


def _is_pk(model, value) -> bool:
    from django.core.exceptions import ValidationError

    try:
        model._meta.pk.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return not isinstance(value, bool)


def _default_name(row) -> str:
    display = getattr(row, "public_name", None) or getattr(row, "display_name", None)
    return str(display or row)


def _value_text(model, key: str, value, names: _Names, spec: Field | None) -> str:
    if value is None or value == "":
        return ""
    if spec is not None and spec.render is not None:
        return spec.render(value)
    f = _model_field(model, key)
    if f is None:
        return _plain(value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation and f.related_model is not None:
        return names.name(f.related_model, value)
    if isinstance(f, models.BooleanField):
        return _yes_no(value)
    if isinstance(f, models.DateField | models.DateTimeField):
        return _as_date(value)
    if isinstance(f, models.FileField):
        return "đã đính kèm tệp"
    return _plain(value)


def _label(model, key: str, spec: Field | None) -> str:
    if spec is not None:
        return spec.label
    f = _model_field(model, key)
    if f is not None:
        return str(f.verbose_name)
    return "thông tin khác"


def describe(events) -> list[TrailEntry]:
    """The `AuditEvent`s as entries in words (related names fetched in one query per related model)."""
    events = list(events)
    names = _Names()
    plans = []
    for e in events:
        model = e.content_type.model_class() if e.content_type_id else None
        trail = _REGISTRY.get(model, _ModelTrail())
        rows = []
        for key, pair in (e.changes or {}).items():
            if key in trail.hidden:
                continue
            spec = trail.fields.get(key)
            f = _model_field(model, key)
            if spec is None and f is not None and f.is_relation and f.related_model is not None:
                for v in pair if isinstance(pair, list | tuple) else [pair]:
                    names.want(f.related_model, v)
            rows.append((key, pair, spec))
        plans.append((e, model, trail, rows))
    names.load()
    entries = []
    for e, model, trail, rows in plans:
        action = trail.actions.get(e.action) or _ACTIONS.get(e.action, FALLBACK_ACTION)
        changes, headline = [], ""
        for key, pair, spec in rows:
            old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            old_text = _value_text(model, key, old, names, spec)
            new_text = _value_text(model, key, new, names, spec)
            if key == action.headline and new_text:
                headline = new_text
                continue
            if old_text == new_text and not (spec and spec.hide_values):
                continue
            changes.append(
                Change(_label(model, key, spec), old_text, new_text or "—", bool(spec and spec.hide_values))
            )
        actor = e.actor
        entries.append(
            TrailEntry(
                action=e.action,
                at=e.at,
                actor_name=_default_name(actor) if actor is not None else action.nobody,
                action_label=action.label,
                headline=headline,
                changes=changes,
            )
        )
    return entries
