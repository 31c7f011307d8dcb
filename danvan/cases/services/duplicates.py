"""Likely duplicates of a case, by text similarity within the same commune."""

import difflib

from danvan.core.text import normalize, tokens

from ..models import (
    OPEN_STATUSES,
    Case,
)
from .common import (
    DUPLICATE_THRESHOLD,
)


def similarity(a: str, b: str) -> float:
    """Token Jaccard of the normalised texts, or the difflib ratio when higher (typos)."""
    ta, tb = {t for t in tokens(a) if len(t) > 1}, {t for t in tokens(b) if len(t) > 1}
    if not ta or not tb:
        return 0.0
    jaccard = len(ta & tb) / len(ta | tb)
    if jaccard >= DUPLICATE_THRESHOLD:
        return jaccard
    ratio = difflib.SequenceMatcher(None, a[:600], b[:600]).ratio()
    return max(jaccard, ratio)


def likely_duplicates(case: Case, limit: int = 5, threshold: float = DUPLICATE_THRESHOLD) -> list[Case]:
    """Open cases of the same commune (and hamlet when set) with similar text, newest first."""
    if case.commune_id is None:
        return []
    qs = Case.objects.filter(commune_id=case.commune_id, status__in=OPEN_STATUSES).exclude(pk=case.pk)
    if case.hamlet_id:
        qs = qs.filter(hamlet_id=case.hamlet_id)
    own = normalize(f"{case.title} {case.content}")
    found = []
    rows = qs.only("pk", "title", "content", "code", "kind", "status", "received_on", "unit_id").order_by(
        "-received_on", "-pk"
    )[:300]
    for other in rows:
        if similarity(own, normalize(f"{other.title} {other.content}")) >= threshold:
            found.append(other)
            if len(found) >= limit:
                break
    return found
