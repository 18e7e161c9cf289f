"""Sentence spans and small lexical helpers for English extraction.

A regex splitter is enough for news prose; what it must not do is break after the
periods of abbreviations ("KT Corp. said", "Dr. Lee", "the U.S. firm") or inside decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens whose final period does not end a sentence (compared without the period, case-folded).
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "sr",
        "jr",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "corp",
        "inc",
        "co",
        "ltd",
        "plc",
        "llc",
        "bros",
        "dept",
        "univ",
        "gov",
        "govt",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "a.m",
        "p.m",
        "approx",
        "est",
        "fig",
        "ave",
        "blvd",
        "mt",
    ]
)

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J. Kim"
        return True
    return word.rstrip(".").casefold() in _ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans over ``text``: paragraphs (blank-line separated) first, then punctuation."""
    sentences: list[Sentence] = []
    pos = 0
    paragraphs: list[tuple[int, int]] = []
    for sep in _PARAGRAPH.finditer(text):
        paragraphs.append((pos, sep.start()))
        pos = sep.end()
    paragraphs.append((pos, len(text)))
    for index, (p_start, p_end) in enumerate(paragraphs):
        chunk = text[p_start:p_end]
        s_start = 0
        for match in _BOUNDARY.finditer(chunk):
            if match.group(0)[0] == "." and _is_abbreviation(chunk, match.start()):
                continue
            _append(sentences, text, p_start + s_start, p_start + match.end(), index)
            s_start = match.end()
        _append(sentences, text, p_start + s_start, p_end, index)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))


MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])

# Capitalized words that start sentences or headlines without naming anything.
FUNCTION_WORDS = (
    frozenset(
        [
            "The",
            "A",
            "An",
            "In",
            "On",
            "At",
            "Under",
            "By",
            "For",
            "With",
            "From",
            "Its",
            "Their",
            "His",
            "Her",
            "Our",
            "This",
            "That",
            "These",
            "Those",
            "Both",
            "And",
            "But",
            "Also",
            "Meanwhile",
            "However",
            "Last",
            "Next",
            "Earlier",
            "Later",
            "Beyond",
            "During",
            "After",
            "Before",
            "While",
            "As",
            "Since",
            "According",
            "Some",
            "Many",
            "Several",
            "Each",
            "Every",
            "All",
            "Other",
            "Another",
            "Such",
            "Among",
            "Between",
            "Through",
            "Into",
            "Over",
            "Despite",
            "Although",
            "If",
            "When",
            "Where",
            "Why",
            "How",
            "What",
            "Who",
            "It",
            "They",
            "We",
            "He",
            "She",
            "There",
            "Here",
            "Then",
            "Now",
            "Today",
            "Yesterday",
            "Tomorrow",
            "One",
            "Two",
            "Three",
            "Four",
            "Five",
            "Six",
            "Seven",
            "Eight",
            "Nine",
            "Ten",
            "Twenty",
            "Thirty",
            "Former",
            "Local",
            "Rival",
            "Photo",
            "Image",
            "Caption",
            "Under",
            "Representatives",
            "Officials",
            "Participants",
            "Students",
            "Experts",
            "Members",
            "Leaders",
            "Rivals",
            "Analysts",
            "Shares",
            "Sources",
            "Officials",
            "Critics",
            "Investors",
        ]
    )
    | MONTHS
    | WEEKDAYS
)
