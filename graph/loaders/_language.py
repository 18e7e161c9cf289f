"""Which language an article is written in: Korean, English, or refused.

Counting scripts is enough here: the project reads only Korean and English, so the
question is "which of the two, or neither", not full language identification.
"""

from __future__ import annotations

import re
import unicodedata

from graph.errors import UnsupportedLanguage
from graph.model import Language

# Function words frequent enough that any English paragraph holds several of them,
# and a few per neighbouring Latin-script language to name what we refuse.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "that",
            "for",
            "on",
            "with",
            "as",
            "by",
            "it",
            "was",
            "are",
            "from",
            "at",
            "be",
            "this",
            "has",
            "have",
            "said",
            "will",
            "its",
            "an",
            "which",
            "their",
            "or",
            "were",
            "after",
            "also",
            "but",
            "not",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "est",
            "une",
            "un",
            "pour",
            "dans",
            "que",
            "qui",
            "sur",
            "au",
            "aux",
            "avec",
            "sont",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "den",
            "dem",
            "ein",
            "eine",
            "zu",
            "von",
            "auf",
            "für",
            "sich",
            "auch",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "y",
            "en",
            "que",
            "por",
            "con",
            "para",
            "una",
            "un",
            "del",
            "se",
            "es",
            "al",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "e",
            "em",
            "que",
            "para",
            "com",
            "uma",
            "um",
            "do",
            "da",
            "não",
            "se",
            "no",
            "na",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "di",
            "e",
            "che",
            "per",
            "con",
            "una",
            "un",
            "del",
            "della",
            "non",
            "sono",
        ]
    ),
    "id": frozenset(
        ["yang", "dan", "di", "dengan", "untuk", "dari", "ini", "itu", "dalam", "pada", "adalah", "akan"]
    ),
    "nl": frozenset(
        ["de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "met", "voor", "niet", "zijn"]
    ),
}
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def _script_counts(text: str) -> dict[str, int]:
    counts = {"hangul": 0, "latin": 0, "kana": 0, "han": 0, "cyrillic": 0, "arabic": 0, "thai": 0, "other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            counts["hangul"] += 1
        elif code < 0x250 or 0x1E00 <= code <= 0x1EFF:
            counts["latin"] += 1
        elif 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
            counts["kana"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
            counts["han"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0600 <= code <= 0x06FF:
            counts["arabic"] += 1
        elif 0x0E00 <= code <= 0x0E7F:
            counts["thai"] += 1
        else:
            counts["other"] += 1
    return counts


def _latin_language(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "en"
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    # English wins ties and short texts: a headline alone may hold no function word at all.
    if scores["en"] >= scores[best] or scores[best] < 3:
        return "en"
    return best


def _refuse(language: str) -> UnsupportedLanguage:
    return UnsupportedLanguage(f"language '{language}' is not supported: digicoop reads Korean and English")


def detect_language(text: str) -> Language:
    """``ko`` or ``en``; any other language raises UnsupportedLanguage naming it."""
    counts = _script_counts(unicodedata.normalize("NFKC", text))
    letters = sum(counts.values())
    if letters == 0:
        raise UnsupportedLanguage("no letters found: digicoop reads Korean and English text")
    hangul, latin, kana, han = counts["hangul"], counts["latin"], counts["kana"], counts["han"]
    # One Hangul syllable carries about as much as two or three Latin letters, and Korean
    # news is full of acronyms (KT, ICT, MOU), so Hangul need not be the raw majority.
    if hangul * 3 >= latin and hangul >= max(kana, han, counts["cyrillic"], counts["arabic"]) * 2 and hangul:
        return "ko"
    if kana and kana * 10 >= letters - latin and kana >= hangul:
        raise _refuse("ja")
    others = {
        "zh": han,
        "ru": counts["cyrillic"],
        "ar": counts["arabic"],
        "th": counts["thai"],
    }
    top = max(others, key=lambda lang: others[lang])
    if latin >= others[top] and latin > hangul:
        language = _latin_language(text)
        if language == "en":
            return "en"
        raise _refuse(language)
    if others[top] > 0:
        raise _refuse(top)
    raise UnsupportedLanguage("the text's script is not recognised: digicoop reads Korean and English")


def normalize_language(value: object) -> Language | None:
    """A declared language (``ko``, ``ko-KR``, ``en_US``...) if it is one we read, else None."""
    if not isinstance(value, str):
        return None
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    if primary == "ko":
        return "ko"
    if primary == "en":
        return "en"
    return None
