"""How text becomes search terms — one place, used when indexing and when querying.

Stored forms are words separated by single spaces and **padded with a space at both ends**
(" xa phu cuong "), so one LIKE pattern says where a word starts and ends, on SQLite and PostgreSQL:
``" cuong "`` is the whole word, ``" cuo"`` a word starting with "cuo", ``" phu cuo"`` a phrase.

- `norm_form`: the diacritic-insensitive form (danvan.core.text.normalize: ``[a-z0-9]`` words, đ→d).
- `exact_form`: the same words with their diacritics kept (NFC, lower case), for the exact-match bonus.
- `query_terms`: a user's query as both lists of words, bounded in length and number of words.

Query words must match whole words, except the last one, which may be the start of a word (the user
may not have finished typing it). Vietnamese syllables are short, so a prefix on every word would blur
the query: "to cao" (tố cáo) would also find "toàn cao", "tran" (trấn) "trang" and "tranh".
"""

import re
from dataclasses import dataclass

from danvan.core.text import nfc, normalize

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 8

_WORD = re.compile(r"[^\W_]+")


def exact_words(text: str | None) -> list[str]:
    """Words of `text` with diacritics kept: NFC (keyboards send composed or decomposed), lower case."""
    if not text:
        return []
    return _WORD.findall(nfc(text).lower())


def _padded(words: str) -> str:
    return f" {words} " if words else " "


def norm_form(text: str | None) -> str:
    return _padded(normalize(text))


def exact_form(text: str | None) -> str:
    return _padded(" ".join(exact_words(text)))


def _unique(words: list[str]) -> list[str]:
    return list(dict.fromkeys(w for w in words if w))


def _word_patterns(words: tuple[str, ...]) -> list[str]:
    """LIKE patterns (for `contains`) on a padded form: whole words, the last one a word start."""
    return [f" {w} " for w in words[:-1]] + [f" {words[-1]}"] if words else []


@dataclass(frozen=True)
class QueryTerms:
    """`tokens`: normalised words (``[a-z0-9]+`` only, so safe to splice into a tsquery);
    `exact`: the same query's words with diacritics."""

    tokens: tuple[str, ...]
    exact: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.tokens)

    @property
    def tsquery(self) -> str:
        """``tram & chim:*`` — for to_tsquery('simple', …)."""
        return " & ".join([*self.tokens[:-1], f"{self.tokens[-1]}:*"])

    @property
    def word_patterns(self) -> list[str]:
        return _word_patterns(self.tokens)

    @property
    def phrase_pattern(self) -> str:
        return " " + " ".join(self.tokens)

    @property
    def exact_patterns(self) -> list[str]:
        return _word_patterns(self.exact)

    @property
    def exact_phrase_pattern(self) -> str | None:
        return " " + " ".join(self.exact) if len(self.exact) > 1 else None


def query_terms(query: str | None) -> QueryTerms:
    text = (query or "")[:MAX_QUERY_CHARS]
    tokens = _unique(normalize(text).split(" "))[:MAX_QUERY_TOKENS]
    exact = _unique(exact_words(text))[:MAX_QUERY_TOKENS]
    return QueryTerms(tuple(tokens), tuple(exact))
