"""Korean text mechanics: Kiwi (loaded once, lazily), sentences, words and particles."""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from graph.extract._builder import Sentence

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

# A dot between Hangul words is a list separator ("인도.말레이시아"), not a full stop; it is
# rewritten to a middle dot of the same length so offsets stay valid.
_LIST_DOT = re.compile(r"(?<=[가-힣])\.(?=[가-힣A-Za-z])|(?<=[A-Za-z])\.(?=[가-힣])")
_PARAGRAPH = re.compile(r"[^\n]+")
# Press-release tails: a contact line (a unit or person followed by a phone number, with no
# sentence in it) and an attachment note ("붙임: 세부 일정 1부") name no story facts, but their
# unit names and common words ("세부") would otherwise become organizations and sites.
_PHONE = re.compile(r"\(?0\d{1,2}[-)]\s?\d{3,4}-\d{4}\)?")
_ATTACHMENT = re.compile(r"^\s*(?:붙임|첨부)\s*(?:\d+\s*)?[:：.]")

PARTICLE = re.compile(
    r"(?:으로부터|에서부터|으로서는|으로써|에서는|에서도|에서의|에게는|으로는|으로도|이라는|이라고|"
    r"와의|과의|와는|과는|와도|과도|에서|에게|으로|로서|까지|부터|처럼|보다|마저|조차|이나|이며|이고|"
    r"이다|이자|이란|라는|라고|께서|측은|측과|측이|측의|은|는|이|가|을|를|의|와|과|로|에|도|만|랑|측)$"
)
_EDGE_PUNCT = "\"'“”‘’「」『』<>《》〈〉[]{}()*,;:!?…~"
_WORD_EDGE = _EDGE_PUNCT + "."

_lock = threading.Lock()
_COMMON_TAGS = {"NNG", "NNB", "MM", "MAG", "NR", "NP", "VV", "VA", "XR"}


@lru_cache(maxsize=1)
def kiwi() -> Kiwi:
    """The Kiwi analyzer with the reference data's Korean names as user words (loaded once)."""
    from kiwipiepy import Kiwi

    from graph.gazetteer import load_gazetteer

    # One thread: each call analyzes one paragraph, so Kiwi's pool (a thread per core by default)
    # only adds hand-offs; parallel ingest runs whole processes instead.
    analyzer = Kiwi(num_workers=1)
    seen: set[str] = set()
    for name, _entry in load_gazetteer().names():
        if " " in name or name in seen or not re.search(r"[가-힣]", name) or len(name) < 2:
            continue
        seen.add(name)
        analyzer.add_user_word(name, "NNP", 0.0)
    return analyzer


def sentences(text: str) -> list[Sentence]:
    """Sentences of a Korean body, one paragraph (line) at a time, with offsets into ``text``.

    Kiwi analyzes each paragraph once; the tokens of each sentence are kept for :func:`analyze`.
    """
    fixed = _LIST_DOT.sub("·", text)
    out: list[Sentence] = []
    analyzer = kiwi()
    for para in _PARAGRAPH.finditer(fixed):
        chunk = para.group()
        if not chunk.strip() or _is_tail_line(chunk):
            continue
        # tokenize(split_sents=True) gives the same sentences and tokens as split_into_sents
        # (checked on every example and development article) for about 15% less time.
        with _lock:  # Kiwi objects are not documented as thread-safe
            parts = analyzer.tokenize(chunk, split_sents=True)
        for part in parts:
            if not part:
                continue
            start, end = para.start() + part[0].start, para.start() + part[-1].end
            while start < end and text[start].isspace():
                start += 1
            if start < end:
                sentence = fixed[start:end]
                shift = start - para.start()
                _TOKENS[sentence] = [
                    _new_token(_Token, (t.form, t.tag, t.start - shift, t.len))
                    for t in part
                    if t.start >= shift
                ]
                out.append(Sentence(start, end, sentence))
    return out


def _is_tail_line(line: str) -> bool:
    if _ATTACHMENT.match(line):
        return True
    return bool(_PHONE.search(line)) and not re.search(r"다[.\"”']*\s*$", line.strip())


class _Token(NamedTuple):
    # A tuple, not a frozen dataclass: every morpheme of every sentence is one, and a frozen
    # dataclass takes two to three times as long to build.
    form: str
    tag: str
    start: int
    len: int


# The C constructor of the tuple itself: the generated _Token.__new__ is a Python call per morpheme.
_new_token = tuple.__new__

# Tokens of recently split sentences, so a sentence is analyzed once (bounded: oldest dropped).
_TOKENS: dict[str, list[_Token]] = {}


def _tokens(sentence: str) -> list[_Token]:
    found = _TOKENS.get(sentence)
    if found is not None:
        return found
    with _lock:
        tokens = [_Token(t.form, t.tag, t.start, t.len) for t in kiwi().tokenize(sentence)]
    return tokens


@dataclass(frozen=True)
class Word:
    """A whitespace- or punctuation-delimited word of a sentence, with its particle split off."""

    start: int  # offsets within the sentence
    end: int
    surface: str
    stem: str  # surface without a trailing particle
    particle: str
    common: bool = False  # one common word Kiwi knows ("올해", "행사"), unlike a name it splits up
    nominal: bool = True  # no verb or adjective in the stem ("협력해", "젊은" are not)
    foreign: bool = False  # a proper noun, or a word Kiwi breaks into syllables ("인가비레")
    tags: tuple[str, ...] = ()  # Kiwi's tags for the stem

    @property
    def stem_end(self) -> int:
        return self.start + len(self.stem)


def _word(
    start: int,
    end: int,
    surface: str,
    stem: str,
    particle: str,
    common: bool,
    nominal: bool,
    foreign: bool,
    tags: tuple[str, ...],
) -> Word:
    """``Word(...)``, built the fast way: a frozen dataclass's ``__init__`` sets field by field
    through ``object.__setattr__``, three times as slow, and every word of every sentence is one."""
    word = object.__new__(Word)
    word.__dict__.update(
        start=start,
        end=end,
        surface=surface,
        stem=stem,
        particle=particle,
        common=common,
        nominal=nominal,
        foreign=foreign,
        tags=tags,
    )
    return word


_CLOSING = re.compile(r"['’”\")\]」』》〉]+")
_WORD = re.compile(r"[^\s,()\[\]{}“”\"‘’'「」『』<>《》〈〉·/…~]+")


@dataclass(frozen=True)
class Analysis:
    """A sentence's words, and the forms Kiwi tags as proper nouns."""

    words: list[Word]
    proper: frozenset[str]


@lru_cache(maxsize=512)
def analyze(sentence: str) -> Analysis:
    """Split a sentence into words; Kiwi's morphemes tell a particle from a name's last syllable."""
    tokens = _tokens(sentence)
    if len(_TOKENS) > 4096:
        _TOKENS.clear()
    out = []
    starts = [t.start for t in tokens]
    # Kiwi gives tokens in text order, so a word's tokens are one slice (found by bisection).
    ordered = starts == sorted(starts)
    for m in _WORD.finditer(sentence):
        raw = m.group()
        surface = raw.strip(_WORD_EDGE)
        if not surface:
            continue
        start = m.start() + (raw.find(surface) if len(surface) != len(raw) else 0)
        end = start + len(surface)
        if ordered:
            inside = tokens[bisect_left(starts, start) : bisect_left(starts, end)]
        else:
            inside = [t for t in tokens if start <= t.start < end]
        # A particle is the word's tail only when all of that tail is a particle ("주나이드" keeps 나).
        cut = None
        for t in inside:
            if t.tag.startswith("J") and t.start > start and PARTICLE.fullmatch(sentence[t.start : end]):
                cut = t.start
                break
        if cut is not None:
            stem, particle = sentence[start:cut], sentence[cut:end]
            stem_end = cut
        else:
            stem, particle = surface, ""
            stem_end = end
        nouns = [t for t in inside if t.start < stem_end] if cut is not None else inside
        tags = tuple([t.tag for t in nouns])
        common = len(nouns) == 1 and tags[0] in _COMMON_TAGS and nouns[0].len == len(stem)
        nominal, foreign = _tag_flags(tags, tuple([t.len for t in nouns]))
        out.append(_word(start, end, surface, stem, particle, common, nominal, not common and foreign, tags))
    # "'코리아 컨소시엄'이", "(MS)와": a particle after a closing quote or bracket belongs to the word before.
    for i in range(len(out) - 1):
        word, nxt = out[i], out[i + 1]
        gap = sentence[word.end : nxt.start]
        if not word.particle and gap and _CLOSING.fullmatch(gap) and PARTICLE.fullmatch(nxt.surface):
            out[i] = replace(word, particle=nxt.surface)
            out[i + 1] = replace(nxt, stem="", particle=nxt.surface)  # a particle, not a word of its own
    proper = frozenset(t.form for t in tokens if t.tag == "NNP")
    return Analysis(out, proper)


@lru_cache(maxsize=4096)
def _tag_flags(tags: tuple[str, ...], lengths: tuple[int, ...]) -> tuple[bool, bool]:
    """(no verb or adjective among the morphemes, a proper noun or a one-letter morpheme among them).

    Words share few tag sequences, so the answers are kept per sequence.
    """
    nominal = not any(tag.startswith(("V", "E", "XSV", "XSA", "MAG", "IC")) for tag in tags)
    foreign = any(
        tag == "NNP" or (length == 1 and not tag.startswith("XS"))
        for tag, length in zip(tags, lengths, strict=True)
    )
    return nominal, foreign


def words(sentence: str) -> list[Word]:
    return analyze(sentence).words


def split_particle(word: str) -> tuple[str, str]:
    if not re.search(r"[가-힣]$", word):
        return word, ""
    m = PARTICLE.search(word)
    if m and m.start() > 0:
        return word[: m.start()], m.group()
    return word, ""


_HANGUL = re.compile(r"[가-힣]")


def is_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))
