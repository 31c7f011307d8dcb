"""Vietnamese text normalisation for search and matching.

`normalize("Tràm Chim — Đường 3/2")` → `"tram chim duong 3 2"`: lower case, diacritics removed, đ→d,
punctuation folded to spaces. The same function runs on stored text and on queries, on SQLite and on
PostgreSQL, so both databases compare the same strings.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalize(text: str | None) -> str:
    if not text:
        return ""
    return _NON_WORD.sub(" ", strip_diacritics(text).lower()).strip()


def tokens(text: str | None) -> list[str]:
    return [t for t in normalize(text).split(" ") if t]


def nfc(text: str) -> str:
    """Vietnamese typed on different keyboards arrives composed or decomposed; store NFC."""
    return unicodedata.normalize("NFC", text)


_DIGITS = re.compile(r"\d+")
NATURAL_NUMBER_WIDTH = 9


def natural_key(text: str | None) -> str:
    """A sort key in which numbers compare by value and letters without their tone marks: "Ấp 2" < "Ấp 10" <
    "Bình Thành". Normalised text ([0-9a-z ] only) with every run of digits zero-padded to a fixed width."""
    return _DIGITS.sub(lambda m: m.group().lstrip("0").zfill(NATURAL_NUMBER_WIDTH), normalize(text))
