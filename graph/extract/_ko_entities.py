"""Korean entity rules: organizations (with aliases and units), people, sites and countries.

Each rule reads one sentence and reports to the :class:`Builder`. Mentions are returned
as a list of :class:`Mention` so the relation rules can see which entity sits where
and with which particle.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from graph.extract._builder import Builder, Sentence, norm
from graph.extract._ko_lexicon import (
    BUILDING_SUFFIXES,
    DIRECTION_PART,
    GENERIC_COLLEGE,
    GENERIC_VENUE,
    HALL_SUFFIXES,
    NOT_ORG,
    NOT_ORG_ENDINGS,
    NOT_ORG_PREFIXES,
    NOT_PERSON_TITLES,
    NOT_PLACE,
    ORG_SUFFIXES,
    PLACE_SUFFIXES,
    PRESS_SHORT_FORMS,
    PRODUCT_LINES,
    PRODUCT_NOUNS,
    SURNAMES,
    TITLE_SUFFIXES,
    UNIT_ONLY,
    UNIT_SUFFIXES,
    VENUE_SUFFIXES,
)
from graph.extract._ko_text import PARTICLE, Word, analyze, is_hangul, split_particle
from graph.gazetteer import Entry, load_gazetteer
from graph.model import Organization, OrgKind, Site, SiteKind

Category = Literal["org", "site", "country", "person"]


@dataclass
class Mention:
    category: Category
    key: str  # entity key in the builder (the ISO code for countries)
    start: int  # offsets within the sentence
    end: int
    particle: str = ""


_ACTING = {"은", "는", "이", "가", "와", "과", "와의", "과의", "도"}
_HANGUL_RUN = re.compile(r"[가-힣]*")
_GLUED_AND = re.compile(r"(?:실|국|팀|단|본부|센터)과$")
# a short form ("(ICC JEJU)" too), not "(청장 김정우)"
_BRACKETED = re.compile(r"\((?:[^()\s]{1,15}|[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Za-z0-9&.\-]+){1,3})\)")
_CITY_WORD = re.compile(r"[가-힣]{2,}시")
_PROVINCE_WORD = re.compile(r"[가-힣]{2,6}(주|성)")
_LOCAL_PLACE = re.compile(r"[가-힣]{2,}(시|도|성|주|군|구)")
# Country names that are also common words or parts of names ("아일랜드" is also "island").
_AMBIGUOUS_COUNTRIES = {"아일랜드", "가나", "인도", "기니", "차드", "말리", "조지아", "토고", "도미니카"}


# Place names that are also common words ("세부" is Cebu and "detailed").
_HOMONYM_PLACES = {"세부"}


def _qualifies_noun(text: str, ws: list[Word], end: int) -> bool:
    """True when the bare word ending at ``end`` qualifies a common noun right after it."""
    here = next((w for w in ws if w.start < end <= w.end), None)
    after = next((w for w in ws if w.start > end), None)
    return (
        here is not None
        and here.end == end
        and not here.particle
        and after is not None
        and text[end : after.start] == " "
        and after.common
        and after.tags[:1] == ("NNG",)
    )


def _inside_compound(text: str, ws: list[Word], start: int) -> bool:
    """True when a bare noun stands right before the name, making it part of a longer name.

    가/이/도 do not count as particles here: "기가 아일랜드" ends its first word in 가.
    """
    before = [w for w in ws if w.end <= start and text[w.end : start] == " "]
    if not before or not re.fullmatch(r"[가-힣A-Za-z]+", before[-1].surface):
        return False
    return before[-1].particle in {"", "가", "이", "도"}


_ACRONYM_STOP = {
    "ICT",
    "IT",
    "AI",
    "PC",
    "PPP",
    "ODA",
    "AR",
    "VR",
    "IOT",
    "CEO",
    "MOU",
    "TV",
    "SNS",
    "GDP",
    "R&D",
    "ESG",
    "NGO",
    "CIO",
    "CTO",
    "PR",
    "IPTV",
    "LTE",
    "SW",
    "HW",
    "DX",
    "UN",
    "KS",
    "ISO",
    "API",
    "DB",
    "GIS",
    "ID",
}


def entities(sentence: Sentence, builder: Builder) -> list[Mention]:
    text = sentence.text
    analysis = analyze(text)
    ws = analysis.words
    gaz = load_gazetteer()
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def particle_after(end: int) -> str:
        # "대전광역시(대전시)가": the particle after a name's own short form in brackets is its own
        bracketed = _BRACKETED.match(text, end)
        if bracketed:
            after = _HANGUL_RUN.match(text, bracketed.end())
            return split_particle("가" + after.group())[1] if after and after.group() else ""
        word = next((w for w in ws if w.start <= end - 1 < w.end), None)
        if word is None:
            return ""
        tail = text[end : word.end]
        return split_particle("가" + tail)[1] if tail else ""

    ev = sentence.evidence

    # Reference data first: it knows the names, kinds and home countries.
    hits = gaz.find_all(text)
    for start, end, entry in hits:
        if not free(start, end):
            continue
        surface = text[start:end]
        particle = particle_after(end)
        word = next((w for w in ws if w.start <= start < w.end), None)
        if (
            word is not None
            and entry.category != "country"
            and (word.start < start or end < word.start + len(word.stem))
            and is_hangul(text[start])
            and org_suffix_kind(word.stem)
            and not (entry.category == "organization" and word.start == start)
        ):
            continue  # "우정정보통신부", "타슈켄트정보기술대학교": the whole word names another body
        if entry.category == "site" and surface in _HOMONYM_PLACES and _qualifies_noun(text, ws, end):
            taken.append((start, end))  # "세부 일정": details, not Cebu
            continue
        if entry.category == "organization" and entry.kind == "local_government" and particle not in _ACTING:
            # "전라남도 신안군": a place, unless the local government itself acts ("부산시는 …").
            entry = next(iter(gaz.lookup(surface, "site")), entry)
        if (
            entry.category == "country"
            and surface in _AMBIGUOUS_COUNTRIES
            and _inside_compound(text, ws, start)
        ):
            taken.append((start, end))  # "임자 기가 아일랜드": an island, not Ireland
            continue
        if entry.category == "site" and text[end : end + 1] == "시":
            # "울란바토르시와 … 맺었다": the city acting is its government; otherwise the city itself.
            end += 1
            surface = text[start:end]
            particle = particle_after(end)
            if particle in _ACTING:
                org = builder.add_org(
                    [surface], "local_government", ev("ko.org.city", 0.7), country=entry.country
                )
                mentions.append(Mention("org", org.key, start, end, particle))
                taken.append((start, end))
                continue
        if (
            entry.category == "site"
            and entry.kind in {"city", "county"}
            and surface.endswith(("시", "군"))
            and particle in _ACTING
        ):
            # "수원시는 … 업무협약을 맺었다": a city named with its suffix and acting is its government
            org = builder.add_org(
                [surface], "local_government", ev("ko.org.city", 0.7), country=entry.country
            )
            mentions.append(Mention("org", org.key, start, end, particle))
            taken.append((start, end))
            continue
        rest = _HANGUL_RUN.match(text, end + 1)
        tail = rest.group() if rest else ""
        if (
            entry.category == "site"
            and text[end : end + 1] in {"주", "성"}
            and (not tail or PARTICLE.fullmatch(tail))
        ):
            end += 1  # "비엔티안주", "흥옌성": the province, named with its suffix
            surface = text[start:end]
            particle = particle_after(end)
            site = builder.add_site([surface], "region", ev("ko.site.province", 0.7), country=entry.country)
            mentions.append(Mention("site", site.key, start, end, particle))
            taken.append((start, end))
            continue
        if entry.category == "site" and text[end : end + 1] == "섬":
            end += 1  # "모헤시칼리섬": the island word belongs to the name as written
            surface = text[start:end]
            particle = particle_after(end)
        foreign = _foreign_namesake(text, ws, gaz, start, entry)
        if foreign is not None:  # "케냐 정보통신부" is Kenya's ministry, not Korea's former one
            prev_start, code = foreign
            org = builder.add_org(
                [text[prev_start:end]],
                entry.kind if entry.kind in _ORG_KINDS else "government",  # type: ignore[arg-type]
                ev("ko.org.foreign", 0.7),
                country=code,
            )
            mentions.append(Mention("org", org.key, prev_start, end, particle))
            taken.append((start, end))
            continue
        if entry.category == "organization":
            org = _add_ref_org(builder, surface, entry, ev("ko.org.reference", 0.9))
            mentions.append(Mention("org", org.key, start, end, particle))
        elif entry.category == "country":
            continue  # countries are read after every organization span is known
        else:
            site = builder.add_site(
                [surface],
                _site_kind(entry.kind),
                ev("ko.site.reference", 0.85),
                country=entry.country,
                iri=entry.iri,
            )
            mentions.append(Mention("site", site.key, start, end, particle))
        taken.append((start, end))

    _known_names(text, ws, builder, mentions, taken)
    _suffix_orgs(text, ws, builder, mentions, taken, sentence)
    _alias_pairs(text, ws, builder, mentions, taken, sentence)
    _governments(text, builder, mentions, taken, sentence)
    _countries(text, [h for h in hits if h[2].category == "country"], builder, mentions, taken, sentence)
    _described_orgs(text, [h for h in hits if h[2].category == "country"], builder, mentions, taken, sentence)
    _people(text, ws, builder, mentions, sentence)
    _heads_acting(text, ws, mentions)
    _places(text, ws, analysis.proper, builder, mentions, taken, sentence)
    # A country named inside an organization's name ("방글라데시 정보통신기술부") still counts as
    # a country of the article, but the relation rules see the organization only.
    orgs = [m for m in mentions if m.category == "org"]
    mentions = [
        m
        for m in mentions
        if m.category not in {"country", "org"}
        or not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in orgs)
    ]
    mentions.sort(key=lambda m: m.start)
    return mentions


def _known_names(
    text: str, ws: list[Word], builder: Builder, mentions: list[Mention], taken: list[tuple[int, int]]
) -> None:
    """Names this article already gave an organization ("파라과이 정보통신기술부(MITIC)" earlier, then
    "MITIC와" later) find it again, word by word."""
    # A unit's bare name ("사무국") is too common to find it alone; its full name is not.
    signature = (len(builder.orgs), sum(len(o.names) for o in builder.orgs))
    cached = builder.memo.get("known_names")
    if cached is not None and cached[0] == signature:
        known: dict[str, str] = cached[1]
    else:
        known = {
            norm(n): org.key
            for org in builder.orgs
            for n in (org.names[:1] if org.part_of else org.names)
            if len(norm(n)) >= 2
        }
        for short, full_names in PRESS_SHORT_FORMS.items():
            full = next((known[norm(f)] for f in full_names if norm(f) in known), None)
            if full is not None:
                known.setdefault(norm(short), full)
        builder.memo["known_names"] = (signature, known)
    for w in ws:
        key = known.get(norm(w.stem)) or known.get(norm(w.surface))
        if key is None or any(s < w.end and w.start < e for s, e in taken):
            continue
        end = w.start + len(w.stem) if known.get(norm(w.stem)) else w.end
        mentions.append(
            Mention("org", key, w.start, end, w.particle if end < w.end or not w.particle else "")
        )
        taken.append((w.start, end))


def _heads_acting(text: str, ws: list[Word], mentions: list[Mention]) -> None:
    """ "파라과이 공공조달청(DNCP) 청장과 …": a body's head, unnamed, acts for the body."""
    people = [m for m in mentions if m.category == "person"]
    for m in [m for m in mentions if m.category == "org" and not m.particle]:
        nxt = next((w for w in ws if w.start >= m.end), None)
        if (
            nxt is None
            or text[m.end : nxt.start].strip()
            or not nxt.particle
            or _title(nxt) is None
            or any(p.start <= nxt.start < p.end for p in people)
        ):
            continue
        mentions.remove(m)
        mentions.append(Mention("org", m.key, m.start, nxt.end, nxt.particle))


def _foreign_namesake(
    text: str, ws: list[Word], gaz: Any, start: int, entry: Entry
) -> tuple[int, str] | None:
    """A Korean body's generic name after another country's name ("케냐 정보통신부", "필리핀 재무부")
    names that country's body: (start of the country word, its code), else None."""
    if entry.category != "organization" or entry.kind != "government" or entry.country != "KR":
        return None
    before = [w for w in ws if w.end <= start and text[w.end : start] == " " and not w.particle]
    if not before:
        return None
    codes = [e.country for e in gaz.lookup(before[-1].surface, "country") if e.country and e.country != "KR"]
    return (before[-1].start, codes[0]) if codes else None


def _add_ref_org(builder: Builder, surface: str, entry: Entry, evidence):
    kind: OrgKind = entry.kind if entry.kind in _ORG_KINDS else "other"  # type: ignore[assignment]
    org = builder.add_org([surface], kind, evidence, country=entry.country, iri=entry.iri)
    if entry.part_of:
        builder.ref_parents[org.key] = entry.part_of
    return org


_ORG_KINDS = {
    "company",
    "government",
    "local_government",
    "international",
    "ngo",
    "research",
    "academic",
    "other",
}


_SITE_KINDS: dict[str, SiteKind] = {
    k: k for k in ("region", "city", "county", "island", "district", "venue", "building")
}


def _site_kind(kind: str) -> SiteKind:
    return _SITE_KINDS.get(kind, "other")


def _generic_head(stem: str) -> bool:
    """True when the words before an organization's suffix are a common word ("국립대학교",
    "중앙은행"), so the name needs its country to say which body it is."""
    for suffix, _kind in ORG_SUFFIXES:
        if stem.endswith(suffix):
            head = stem[: -len(suffix)]
            return head in {"국립", "중앙", "국가", "국영", "국제", "왕립", "공립", "개발", "산업", "수출입"}
    return False


# "폴란드 국립연구기관 NASK는", "미국 기업 오라클과": a Latin name the words before describe as a body
_DESCRIBED = re.compile(
    r"(?P<desc>[가-힣]{0,6}(?:연구기관|기관|기업|업체|회사|통신사|스타트업))\s"
    r"(?P<name>[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9](?:\s[A-Z][A-Za-z0-9&\-]*){0,2})(?P<tail>[가-힣]*)"
)


def _described_orgs(
    text: str,
    country_hits: list[tuple[int, int, Entry]],
    builder: Builder,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    sentence: Sentence,
) -> None:
    for m in _DESCRIBED.finditer(text):
        start, end = m.start("name"), m.end("name")
        if any(s < end and start < e for s, e in taken) or (
            m.group("tail") and not split_particle("가" + m.group("tail"))[1]
        ):
            continue
        desc = m.group("desc")
        kind: OrgKind = (
            "research"
            if desc.endswith("연구기관")
            else "government"
            if desc.endswith(("정부기관", "공공기관"))
            else "other"
            if desc.endswith("기관")
            else "company"
        )
        country = next((e.country for s, e_, e in country_hits if e_ + 1 == m.start("desc")), None)
        org = builder.add_org(
            [m.group("name")], kind, sentence.evidence("ko.org.described", 0.55), country=country
        )
        mentions.append(Mention("org", org.key, start, end, split_particle("가" + m.group("tail"))[1]))
        taken.append((start, end))


@lru_cache(maxsize=8192)
def org_suffix_kind(stem: str) -> OrgKind | None:
    """The kind an organization-looking word implies, or None for a common noun."""
    if stem in NOT_ORG or DIRECTION_PART.match(stem) or not re.fullmatch(r"[가-힣A-Za-z0-9·&]+", stem):
        return None
    if stem.endswith(UNIT_ONLY + NOT_ORG_ENDINGS):
        return None
    for suffix, kind in ORG_SUFFIXES:
        if stem.endswith(suffix):
            head = stem[: -len(suffix)]
            syllables = len(re.findall(r"[가-힣]", head)) + (1 if re.search(r"[A-Za-z]", head) else 0)
            if syllables < (2 if len(suffix) == 1 else 1) or head in NOT_ORG_PREFIXES:
                return None
            if any(stem == p + suffix for p in NOT_ORG_PREFIXES):
                return None
            return kind
    return None


def _alias_pairs(
    text: str,
    ws: list[Word],
    builder: Builder,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    sentence: Sentence,
) -> None:
    """ "국제이주기구 IOM(International Organization for Migration)", "세계은행(World Bank)",
    "한국국제협력단(KOICA·코이카)": every form inside the brackets names the same organization."""
    for m in re.finditer(r"\(([^()]{2,90})\)", text):
        inner = m.group(1)
        if re.match(r"\s*(사진|제공|현지시간|왼쪽|오른쪽|가운데)", inner):
            continue
        before = [w for w in ws if w.end <= m.start() and m.start() - w.end <= 1]
        if not before:
            continue
        anchor = before[-1]
        org = _org_at(mentions, anchor.start, anchor.end)
        if org is None:
            kind = org_suffix_kind(anchor.stem)
            latin = [p.strip() for p in re.split(r"[,·]", inner) if re.search(r"[A-Za-z]", p)]
            if kind is None or not latin:
                continue
            org_obj = builder.add_org([anchor.surface], kind, sentence.evidence("ko.org.alias", 0.8))
            mentions.append(Mention("org", org_obj.key, anchor.start, anchor.end))
            taken.append((anchor.start, anchor.end))
            org = org_obj.key
        # The mention may point at an organization merged into another since ("IOM" twice).
        target = next((o for o in builder.orgs if o.key == builder.org_key(org)), None)
        if target is None:
            continue
        parts = [p.strip() for p in re.split(r"\s*[,·]\s*", inner) if p.strip()]
        # "우정통신부(현 기술통신부)": the body's present name ("옛", "구" a former one) is its name too
        parts = [re.sub(r"^(현|현재|옛|구)\s+", "", p) for p in parts]
        forms = [p for p in parts if not re.search(r"\d", p) and len(p) <= 80 and not _is_title_phrase(p)]
        if not forms:
            continue
        # An acronym right before the anchor ("국제이주기구 IOM(…)") belongs to it too.
        for extra in (
            w for w in ws if w.end <= anchor.start and anchor.start - w.end <= 1 and not w.particle
        ):
            prev_org = _org_at(mentions, extra.start, extra.end)
            if prev_org and prev_org != target.key and (_latin(extra.surface) or _latin(anchor.surface)):
                other = next(o for o in builder.orgs if o.key == prev_org)
                _merge(builder, other, target)
                target = other
        for form in forms:
            found = builder.find_org(form)
            if found is not None and found is not target:
                _merge(builder, target, found)
            if norm(form) not in {norm(n) for n in target.names}:
                target.names.append(form)
        # One mention from the name to the closing bracket, carrying the particle after it.
        inside = [x for x in mentions if x.category == "org" and anchor.start <= x.start and x.end <= m.end()]
        for x in inside:
            mentions.remove(x)
        tail = re.match(r"[가-힣]{1,3}", text[m.end() :])
        particle = split_particle("가" + tail.group())[1] if tail else ""
        first = min(
            [
                anchor.start,
                *(
                    x.start
                    for x in mentions
                    if x.category == "org" and x.key == target.key and x.end >= anchor.start - 1
                ),
            ]
        )
        mentions.append(Mention("org", target.key, first, m.end(), particle))
        taken.append((anchor.start, m.end()))


def _latin(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9&\-]*", word))


def _is_title_phrase(text: str) -> bool:
    return any(text.startswith(t) or text.endswith(t) for t in TITLE_SUFFIXES) and " " in text


def _merge(builder: Builder, keep: Organization, drop: Organization) -> None:
    if keep is drop:
        return
    for n in drop.names:
        if norm(n) not in {norm(x) for x in keep.names}:
            keep.names.append(n)
    keep.iri = keep.iri or drop.iri
    keep.country = keep.country or drop.country
    keep.evidence.extend(e for e in drop.evidence if e not in keep.evidence)
    builder.orgs.remove(drop)
    builder.renamed[drop.key] = keep.key


def _org_at(mentions: list[Mention], start: int, end: int) -> str | None:
    for m in mentions:
        if m.category == "org" and m.start < end and start < m.end:
            return m.key
    return None


@lru_cache(maxsize=8192)
def _may_name_org(stem: str, surface: str) -> bool:
    """False for a word none of :func:`_suffix_orgs`'s first rules can use (most words): they all
    start from an organization suffix, 컨소시엄, a city's 시 or a centre's 센터."""
    return bool(
        stem == "컨소시엄"
        or org_suffix_kind(stem)
        or org_suffix_kind(surface)
        or (stem.endswith("장") and org_suffix_kind(stem[:-1]))
        or _CITY_WORD.fullmatch(stem)
        or stem.endswith("센터")
        or surface.endswith("센터")
    )


def _suffix_orgs(
    text: str,
    ws: list[Word],
    builder: Builder,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    sentence: Sentence,
) -> None:
    gaz = load_gazetteer()
    for i, w in enumerate(ws):
        glued = _glued_subject(ws, i, gaz)
        if (glued is None and not _may_name_org(w.stem, w.surface)) or any(
            w.start < e and s < w.end for s, e in taken
        ):
            continue
        stem, particle = glued or (w.stem, w.particle)
        if stem.endswith(HALL_SUFFIXES) and particle in _LOCATIVE:
            continue  # "반둥시청에서 열린 회의": the hall is where it happened, a site
        kind = org_suffix_kind(stem)
        if stem == "컨소시엄" and i > 0 and not ws[i - 1].particle and ws[i - 1].nominal:
            prev_word = ws[i - 1]  # "코리아 컨소시엄": a consortium is named by the word before it
            opened = re.search(r"['‘\"“]([^'’\"”]{1,40})$", text[: prev_word.start])
            if opened and re.match(r"['’\"”]", text[w.start + len(stem) :]):
                prev_word = next(x for x in ws if x.start >= opened.start(1))  # "'코리아 디지털 컨소시엄'"
            org = builder.add_org(
                [text[prev_word.start : w.start + len(stem)]],
                "other",
                sentence.evidence("ko.org.consortium", 0.6),
                country="KR",
            )
            mentions.append(Mention("org", org.key, prev_word.start, w.start + len(stem), particle))
            taken.append((prev_word.start, w.start + len(stem)))
            continue
        if kind is None and stem.endswith("장") and org_suffix_kind(stem[:-1]):
            # "인도 정보통신청장": the title names the office it heads.
            stem, particle = stem[:-1], ""
            kind = org_suffix_kind(stem)
        if kind is None and _CITY_WORD.fullmatch(stem) and particle in _ACTING:
            place = gaz.lookup(stem[:-1], "site") or gaz.lookup(stem, "site")
            neighbour = (
                ws[i - 1] if i > 0 and w.start - ws[i - 1].end <= 1 and not ws[i - 1].particle else None
            )
            before = [e.country for e in gaz.lookup(neighbour.surface, "country")] if neighbour else []
            if (
                place or before
            ):  # "울란바토르시와 … 양해각서", "베트남 다낭시와": a city acting is its government
                kind = "local_government"
                country = place[0].country if place else before[0]
                org = builder.add_org([stem], kind, sentence.evidence("ko.org.city", 0.6), country=country)
                mentions.append(Mention("org", org.key, w.start, w.start + len(stem), particle))
                taken.append((w.start, w.start + len(stem)))
                continue
        if kind is None and particle:
            stem, particle = w.surface, ""
            kind = org_suffix_kind(stem)
        if kind is None and w.stem.endswith("센터") and particle == "":
            stem, particle = w.stem, w.particle
        if (
            kind is None
            and stem.endswith("센터")
            and len(stem) >= 4
            and i > 0
            and not ws[i - 1].particle
            and gaz.lookup(ws[i - 1].surface, "country")
            and not w.stem.endswith(VENUE_SUFFIXES[:3])
            and text[max(0, ws[i - 1].start - 1) : ws[i - 1].start] not in "'‘\"“"
        ):
            kind = "government"  # "우즈베키스탄 사이버보안센터": a national centre is a body
        if kind is None or stem.endswith("정부"):
            continue
        if stem.endswith(TITLE_SUFFIXES) and _looks_like_title(stem):
            continue
        start, names, country = w.start, [stem], None
        prev = ws[i - 1] if i > 0 else None
        if prev is not None and w.start - prev.end <= 1 and not prev.particle:
            codes = [e.country for e in gaz.lookup(prev.surface, "country")]
            if codes and (
                kind == "government" or _generic_head(stem)
            ):  # "알제리 우정정보통신부", "라오스 국립대학교"
                start, country = prev.start, codes[0]
                names = [text[prev.start : w.start + len(stem)]]
            elif kind in {"academic", "research"} and (
                abroad := [
                    e.country for e in gaz.lookup(prev.surface, "site") if e.country not in {None, "KR"}
                ]
            ):
                # "타슈켄트 정보기술대학교": a school named with its foreign city is that city's
                start, country = prev.start, abroad[0]
                names = [text[prev.start : w.start + len(stem)]]
            elif kind == "government" and (
                stem in {"인민위원회", "위원회", "시청", "도청", "주정부", "시정부"}
                or re.fullmatch(r"[가-힣]{1,6}(성|주)", prev.surface)
            ):
                start = prev.start  # "흥옌성 인민위원회": a regional body named with its place
                names = [text[prev.start : w.start + len(stem)]]
        school = _school_of(builder, mentions, prev, w, kind)
        if school is not None and prev is not None:  # "○○주립대학교 간호대학": a college of that university
            full = text[prev.start : w.start + len(stem)]
            college = builder.add_org(
                [full, stem],
                kind,
                sentence.evidence("ko.org.college", 0.6),
                country=school.country,
                part_of=school.key,
            )
            if college.key != school.key:
                college.part_of = school.key
            mentions.append(Mention("org", college.key, prev.start, w.start + len(stem), particle))
            taken.append((w.start, w.start + len(stem)))
            continue
        if GENERIC_COLLEGE.fullmatch(stem):
            continue  # "공과대학 건물": some college of engineering, no body of its own
        if country is None and kind == "government":
            namesake = _country_namesake(builder, stem)
            if namesake is not None:  # "폴란드 디지털부 …" earlier, then "디지털부 장관": the same ministry
                names, country = [namesake.names[0], stem], namesake.country
        hall = _hall_city(stem, builder)
        if hall is not None:  # "반둥시청은 … 맺었다": the hall acting is its city's government
            kind, country = "local_government", country or hall.country
        country = country or _named_after_place(builder, stem)
        org = builder.add_org(
            names,
            kind,
            sentence.evidence("ko.org.suffix", 0.6),
            country=country or "KR" if kind != "international" else None,
        )
        mentions.append(Mention("org", org.key, start, w.start + len(stem), particle))
        taken.append((w.start, w.start + len(stem)))  # the country word before still counts
    # Units named after their organization: "KT 홍보실", "코이카 연수사업실".
    for i, w in enumerate(ws[1:], start=1):
        prev = ws[i - 1]
        parent = _org_at(mentions, prev.start, prev.end) or _local_government(
            builder, mentions, prev, w, sentence
        )
        gap = text[prev.end : w.start]
        if parent is None or prev.particle or not (len(gap) <= 1 or gap == ") "):
            continue
        if w.particle in {"에서", "에서는", "에서도", "에"} or (
            w.stem.endswith(VENUE_SUFFIXES) and not _WORKING_CENTRE.search(w.stem)
        ):
            continue  # "한국정보화진흥원 글로벌센터에서", "NIA 대회의실": premises, not a unit
        unit = _unit_of_title(w.stem) or (
            w.stem
            if w.stem.endswith(UNIT_SUFFIXES) and len(w.stem) >= 3 and not re.search(r"\d", w.stem)
            else None
        )
        if (
            unit is None
            or unit in NOT_ORG
            or any(m.start <= w.start < m.end for m in mentions if m.category == "org")
        ):
            continue  # "KISA 대표단": people the body sends, not one of its units
        if not w.particle and _GLUED_AND.search(unit):
            unit = unit[:-1]  # "국제협력관실과 … 국제협력국이": "and" glued to the unit, no division
        parent_org = next(o for o in builder.orgs if o.key == parent)
        org = builder.add_org(
            [f"{prev.stem} {unit}", unit],
            parent_org.kind,
            sentence.evidence("ko.org.unit", 0.6),
            country=parent_org.country,
            part_of=parent,
        )
        if org.key != parent:
            org.part_of = parent
        mentions.append(Mention("org", org.key, prev.start, w.start + len(unit), w.particle))
    _country_offices(text, ws, builder, mentions, sentence)


def _glued_subject(ws: list[Word], i: int, gaz: Any) -> tuple[str, str] | None:
    """ "폴란드 디지털부가": the tagger reads "…부가" as one noun ("부가", added); after a country's
    name it is that country's ministry and the subject particle 가."""
    w = ws[i]
    if w.particle or not w.surface.endswith("가") or i == 0:
        return None
    stem = w.surface[:-1]
    prev = ws[i - 1]
    if org_suffix_kind(stem) != "government" or prev.particle or w.start - prev.end > 1:
        return None
    return (stem, "가") if gaz.lookup(prev.surface, "country") else None


def _country_namesake(builder: Builder, stem: str) -> Organization | None:
    """The foreign body this article already named with its country ("폴란드 디지털부"), which a
    bare "디지털부" later refers to."""
    gaz = load_gazetteer()
    for org in builder.orgs:
        if org.country in {None, "KR"}:
            continue
        for name in org.names:
            head, _, rest = name.partition(" ")
            if rest == stem and any(e.country == org.country for e in gaz.lookup(head, "country")):
                return org
    return None


# A centre named for its work is an office ("UNDP 서울정책센터", "KOICA 협력센터"); a bare or
# place-like centre stays premises.
_WORKING_CENTRE = re.compile(r"..(정책|협력|지원|연구|혁신|기술)센터$")


def _school_of(
    builder: Builder, mentions: list[Mention], prev: Word | None, w: Word, kind: OrgKind
) -> Organization | None:
    """The university a college or graduate school named right after it belongs to."""
    if kind != "academic" or prev is None or prev.particle or w.start - prev.end > 1:
        return None
    key = _org_at(mentions, prev.start, prev.end)
    parent = next((o for o in builder.orgs if o.key == key), None)
    if parent is None or parent.kind != "academic" or not parent.names[0].endswith(("대학교", "대학")):
        return None
    return parent if w.stem.endswith(("대학", "대학원", "학부")) else None


def _named_after_place(builder: Builder, stem: str) -> str | None:
    """An organization named after a foreign place the article named ("팔라완주립대학교" after
    "팔라완주") is in that place's country."""
    for site in builder.sites:
        if site.country in {None, "KR"}:
            continue
        if any(
            len(n) >= 3 and " " not in n and stem.startswith(n) and len(stem) > len(n) for n in site.names
        ):
            return site.country
    return None


_OFFICES = ("사무소", "지사", "법인", "대표부", "지부", "사무국", "현지법인", "대표사무소")


def _country_offices(
    text: str, ws: list[Word], builder: Builder, mentions: list[Mention], sentence: Sentence
) -> None:
    """ "UNDP 캄보디아 사무소", "코이카 르완다 사무소에서": an organization's office in a country is a
    unit of it, named with and without the organization."""
    gaz = load_gazetteer()
    for i in range(len(ws) - 2):
        owner, place, office = ws[i], ws[i + 1], ws[i + 2]
        parent = _org_at(mentions, owner.start, owner.end)
        if parent is None or owner.particle or place.particle or office.stem not in _OFFICES:
            continue
        if not re.fullmatch(r"\)?\s", text[owner.end : place.start]) or text[place.end : office.start] != " ":
            continue
        if not gaz.lookup(place.surface, "country") and not gaz.lookup(place.surface, "site"):
            continue
        if any(m.start <= office.start < m.end for m in mentions if m.category == "org"):
            continue
        parent_org = next(o for o in builder.orgs if o.key == parent)
        full = text[owner.start : office.start + len(office.stem)]
        org = builder.add_org(
            [full, f"{place.surface} {office.stem}"],
            parent_org.kind,
            sentence.evidence("ko.org.office", 0.6),
            country=parent_org.country,
            part_of=parent,
        )
        mentions.append(
            Mention("org", org.key, owner.start, office.start + len(office.stem), office.particle)
        )


def _local_government(
    builder: Builder, mentions: list[Mention], place: Word, unit: Word, sentence: Sentence
) -> str | None:
    """A city or province followed by one of its offices acts as its government ("서울시 디지털정책관",
    "울란바토르시 도로교통국"): the place is then an organization too."""
    if place.particle or not _LOCAL_PLACE.fullmatch(place.stem):
        return None
    site = next((m for m in mentions if m.category == "site" and m.start <= place.start < m.end), None)
    if site is None:
        return None
    if unit.stem.endswith(VENUE_SUFFIXES):
        return None  # "제주 컨벤션센터" is a venue in a place, not an office of its government
    if not (_unit_of_title(unit.stem) or unit.stem.endswith(UNIT_SUFFIXES + _OFFICE_TITLES)):
        return None
    country = next((s.country for s in builder.sites if s.key == site.key), None)
    org = builder.add_org(
        [place.stem], "local_government", sentence.evidence("ko.org.local", 0.6), country=country
    )
    mentions.append(Mention("org", org.key, place.start, place.start + len(place.stem), place.particle))
    return org.key


def _looks_like_title(stem: str) -> bool:
    return stem.endswith(("장관", "차관", "청장", "원장", "총장", "위원장", "사장", "실장", "국장", "처장"))


@lru_cache(maxsize=8192)
def _unit_of_title(stem: str) -> str | None:
    """ "홍보실장" -> "홍보실"; "전자정부국장" -> "전자정부국": a unit head's title names the unit."""
    if not stem.endswith("장") or len(stem) < 4:
        return None
    unit = stem[:-1]
    if unit.endswith(
        ("실", "국", "과", "팀", "본부", "센터", "단", "부문", "사무소", "지사")
    ) and not org_suffix_kind(unit):
        return unit
    return None


def _governments(
    text: str, builder: Builder, mentions: list[Mention], taken: list[tuple[int, int]], sentence: Sentence
) -> None:
    gaz = load_gazetteer()
    for m in re.finditer(r"([가-힣]{1,12})\s?정부", text):
        codes = [e.country for e in gaz.lookup(m.group(1), "country") if e.country]
        if not codes or not all(e >= m.end() or s <= m.start() for s, e in taken):
            continue
        org = builder.add_org(
            [m.group()], "government", sentence.evidence("ko.org.government", 0.7), country=codes[0]
        )
        end = m.end()
        mentions.append(
            Mention(
                "org", org.key, m.start(), end, split_particle("가" + text[end : end + 3].split(" ")[0])[1]
            )
        )
        taken.append((m.start() + len(m.group(1)), end))


def _countries(
    text: str,
    hits: list[tuple[int, int, Entry]],
    builder: Builder,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    sentence: Sentence,
) -> None:
    for start, end, entry in hits:
        if entry.category != "country" or not entry.country:
            continue
        if any(s <= start and end <= e for s, e in taken):
            continue
        resident = text[start - 1 : start] == "주" and (start == 1 or not is_hangul(text[start - 2]))
        if (
            start > 0
            and re.match(r"[가-힣A-Za-z]", text[start - 1])
            and is_hangul(text[start:end])
            and not resident
        ):
            continue  # inside a longer word: "한국정보화진흥원", "방한"
        builder.add_country(entry.country, sentence.evidence("ko.country", 0.8))
        builder.place_words.add(norm(text[start:end]))
        tail = text[end : end + 4].split(" ")[0]
        mentions.append(Mention("country", entry.country, start, end, split_particle("가" + tail)[1]))
    # "한-알제리", "한·사우디": the first syllable stands for Korea.
    if re.search(r"(^|[^가-힣])한[-·‧ㆍ][가-힣]", text):
        builder.add_country("KR", sentence.evidence("ko.country.prefix", 0.7))


def _is_name(word: str) -> bool:
    return bool(re.fullmatch(r"[가-힣]{2,4}", word)) and word[0] in SURNAMES


def _title(word: Word) -> str | None:
    return _title_of(word.stem)


# Every word of every sentence is asked whether it is a title; the answer depends on the word alone.
@lru_cache(maxsize=8192)
def _title_of(stem: str) -> str | None:
    if stem in NOT_PERSON_TITLES or not is_hangul(stem):
        return None
    return stem if stem.endswith(TITLE_SUFFIXES) or _unit_of_title(stem) else None


def _people(text: str, ws: list[Word], builder: Builder, mentions: list[Mention], sentence: Sentence) -> None:
    ev = sentence.evidence("ko.person", 0.7)

    def org_key(w: Word) -> str | None:
        return _org_at(mentions, w.start, w.end)

    for i, w in enumerate(ws):
        # ORG의 NAME… TITLE: "세계은행의 후안 호세 다붑 사무총장과"
        if w.particle == "의" and org_key(w):
            j = i + 1
            while (
                j < len(ws)
                and j <= i + 4
                and not _title(ws[j])
                and not ws[j].particle
                and is_hangul(ws[j].surface)
            ):
                j += 1
            if (
                j < len(ws)
                and j > i + 1
                and _title(ws[j])
                and not any(org_key(x) for x in ws[i + 1 : j])
                and all(_name_word(x, mentions) and x.foreign for x in ws[i + 1 : j])
            ):
                name = text[ws[i + 1].start : ws[j - 1].end]
                if len(name) <= 16:
                    person = builder.add_person(name, ev, affiliation=org_key(w), role=_title(ws[j]))
                    mentions.append(Mention("person", person.key, ws[i + 1].start, ws[j].end, ws[j].particle))
    for t, title_word in enumerate(ws):
        role = _title(title_word)
        if role is None or any(
            m.start <= title_word.start < m.end and m.category == "person" for m in mentions
        ):
            continue
        found = _name_and_qualifiers(text, ws, t, mentions)
        if found is None:
            continue
        first, last, quals = found
        org_quals = [q for q in quals if org_key(ws[q])]
        affiliation = org_key(ws[org_quals[-1]]) if org_quals else None
        tail = [q for q in quals if q > (org_quals[-1] if org_quals else -1)]
        if tail:  # "코이카 르완다 사무소장": the words after the organization belong to the title
            role = text[ws[tail[0]].start : title_word.start + len(title_word.stem)]
        acronym = re.match(r"\(([A-Z]{2,6})\)", text[title_word.end :])
        if acronym:  # "최고재무책임자(CFO)": the title as written
            role = f"{role}({acronym.group(1)})"
        unit = _unit_of_title(role.replace(" ", "")) and role[:-1] if role.endswith("장") else None
        office = role if role.endswith(_OFFICE_TITLES) and len(role) >= 4 else None
        unit = unit or office  # "과기정통부 국제협력관": the office and its holder share the name
        unit_org = None
        if unit and affiliation and (tail or office or _unit_of_title(title_word.stem)):
            parent = next(o for o in builder.orgs if o.key == affiliation)
            names = [unit] if tail else [f"{ws[org_quals[-1]].stem} {unit}", unit]
            unit_org = builder.add_org(
                names,
                parent.kind,
                sentence.evidence("ko.org.unit", 0.6),
                country=parent.country,
                part_of=affiliation,
            )
            if unit_org.key != affiliation:
                unit_org.part_of = affiliation
            else:
                unit_org = None
        office = _unit_affiliation(builder, mentions, title_word, affiliation)
        name = text[ws[first].start : ws[last].end]
        person = builder.add_person(
            name, ev, affiliation=(unit_org.key if unit_org else None) or office or affiliation, role=role
        )
        mentions.append(Mention("person", person.key, ws[first].start, title_word.end, title_word.particle))
    # "박 장관은": a person named earlier, now by surname and title
    for i, w in enumerate(ws[:-1]):
        title = _title(ws[i + 1])
        if (
            len(w.surface) != 1
            or w.surface not in SURNAMES
            or title is None
            or text[w.end : ws[i + 1].start] != " "
        ):
            continue
        known = [p for p in builder.people if p.name.startswith(w.surface) and (p.role or "").endswith(title)]
        if len(known) == 1 and not any(m.start <= w.start < m.end for m in mentions):
            mentions.append(Mention("person", known[0].key, w.start, ws[i + 1].end, ws[i + 1].particle))
    # ORG(TITLE NAME): "행정안전부(장관 진영)"
    for m in re.finditer(r"\(\s*([가-힣]+)\s+([가-힣]{2,4})\s*\)", text):
        title, name = m.group(1), m.group(2)
        if title.endswith(TITLE_SUFFIXES) and title not in NOT_PERSON_TITLES:
            org = _org_at(mentions, max(0, m.start() - 1), m.start())
            person = builder.add_person(name, ev, affiliation=org, role=title)
            mentions.append(Mention("person", person.key, m.start(), m.end()))


_OFFICE_TITLES = ("정책관", "협력관", "기획관", "심의관", "조정관")


def _name_and_qualifiers(
    text: str, ws: list[Word], t: int, mentions: list[Mention]
) -> tuple[int, int, list[int]] | None:
    """Before a title: [NAME] [organization, country or unit words] TITLE.

    Returns the word indexes of the name's first and last word and of the qualifiers.
    """
    quals: list[int] = []
    k = t - 1
    while k >= 0 and len(quals) < 3 and not ws[k].particle and ws[k + 1].start - ws[k].end <= 1:
        inside = [m for m in mentions if m.start < ws[k].end and ws[k].start < m.end]
        if inside and inside[0].category in {"org", "country", "site"}:
            quals.insert(0, k)
            k -= 1
            continue
        if quals and any(
            m.category == "org" for q in quals for m in mentions if m.start <= ws[q].start < m.end
        ):
            break
        if _is_unit_word(ws[k].surface) and k > 0 and not ws[k - 1].particle:
            quals.insert(0, k)
            k -= 1
            continue
        break
    # The name: one Korean name, or up to three words of a foreign one ("파울라 인가비레").
    last = k

    def piece(k: int) -> bool:
        """A word of a transliterated name: bare Hangul Kiwi does not know as one common word
        (its tags may be odd: "응이" comes out as an interjection), and no verb form."""
        w = ws[k]
        return (
            not w.particle
            and not w.common
            and not PARTICLE.fullmatch(w.surface)
            and not (w.tags and w.tags[-1].startswith(("V", "XSV", "XSA", "E")))
            and bool(re.fullmatch(r"[가-힣]{1,5}", w.surface))
            and not any(m.start <= w.start < m.end for m in mentions)
            and not w.surface.endswith(TITLE_SUFFIXES)
            and (k + 1 >= len(ws) or ws[k + 1].start - w.end <= 1)
        )

    if last < 0 or not (_name_word(ws[last], mentions) or (piece(last) and ws[last].foreign)):
        return _loose_name(text, ws, last, quals, mentions)
    first = last

    while first > 0 and last - first < 2 and ws[last].foreign:
        if piece(first - 1) and (ws[first - 1].foreign or first - 1 == 0 or ws[first - 2].particle):
            first -= 1
        elif (  # "응우옌 타인 응이": a known word sandwiched between two foreign ones
            first > 1
            and last - first == 0
            and _name_word(ws[first - 1], mentions)
            and ws[first].start - ws[first - 1].end <= 1
            and piece(first - 2)
        ):
            first -= 2
        else:
            break
    if first == last and not (
        _is_name(ws[last].surface) and not ws[last].common and "XSN" not in ws[last].tags
    ):
        # one word must look like a Korean name: "아프리카 시장", "도시 대표" are not people
        return _loose_name(text, ws, last, quals, mentions)
    longer = _loose_name(text, ws, last, quals, mentions) if first < last else None
    if longer is not None and longer[0] < first:
        return longer  # "쩐 반 꽝": the tags found "반 꽝"; the clause starts one word earlier
    return first, last, quals


# Words that stand before an organization's title without being a name ("신임 KISA 원장").
_TITLE_MODIFIERS = {
    "각",
    "전",
    "현",
    "신임",
    "전임",
    "초대",
    "당시",
    "그",
    "이",
    "및",
    "또",
    "등",
    "한편",
    "특히",
    "이날",
    "이번",
    "주",
    "양국",
    "역대",
    "차기",
    "부",
    "한",
    "된",
    "온",
    "간",
    "할",
    "될",
    "본",
    "새",
    "저",
    "총",
    "약",
}


def _loose_name(
    text: str, ws: list[Word], last: int, quals: list[int], mentions: list[Mention]
) -> tuple[int, int, list[int]] | None:
    """A name the word tags cannot vouch for, accepted only before an organization's title.

    "응우옌 반 흥 베트남 정보통신부 차관", "찬 속 캄보디아 우정통신부 장관", "아리 스와르디 APT
    사무총장": Kiwi reads parts of such names as common words ("반", "속") or verbs ("아리"),
    and "정해진 KISA 원장" as a verb form. The title after a named organization or country, and
    a clause boundary before the name, are what make these words a name.
    """
    if last < 0 or not any(
        m.category in {"org", "country"} for q in quals for m in mentions if m.start <= ws[q].start < m.end
    ):
        return None

    def piece(k: int, single: bool) -> bool:
        w = ws[k]
        return (
            not w.particle
            and bool(re.fullmatch(r"[가-힣]{1,5}", w.surface))
            and w.surface not in _TITLE_MODIFIERS
            and w.surface not in NOT_PERSON_TITLES
            and not w.surface.endswith(TITLE_SUFFIXES)
            and not any(m.start < w.end and w.start < m.end for m in mentions)
            # "쩐" may read as a verb form; a one-syllable piece is judged by the stop list alone
            and (single or len(w.surface) == 1 or not (w.tags and w.tags[-1].startswith(("E", "XSV", "XSA"))))
            and text[w.end : ws[k + 1].start] == " "
        )

    def boundary(k: int) -> bool:
        """The name starts a clause: nothing before it, a particle, punctuation or a verb form."""
        if k == 0:
            return True
        prev = ws[k - 1]
        return (
            bool(prev.particle)
            or text[prev.end : ws[k].start] != " "
            or bool(prev.tags and prev.tags[-1].startswith("E"))
        )

    first = last
    while first > 0 and last - first < 2 and piece(first - 1, False) and piece(first, False):
        first -= 1
    if first < last:
        words = ws[first : last + 1]
        if not piece(last, False) or not boundary(first) or all(w.common for w in words):
            return None
        return first, last, quals
    w = ws[last]
    if piece(last, True) and boundary(last) and _is_name(w.surface) and len(w.surface) == 3 and not w.common:
        return last, last, quals  # "정해진 KISA 원장": a Korean name Kiwi reads as a verb form
    return None


def _foreign_piece(w: Word, mentions: list[Mention]) -> bool:
    """A word of a transliterated name that Kiwi misreads as a verb form ("주나이드" as 주+나+이드):
    it still ends in a noun and is no word Kiwi knows."""
    return (
        not w.particle
        and not w.common
        and bool(w.tags)
        and w.tags[-1].startswith(("NN", "NR", "NP"))
        and bool(re.fullmatch(r"[가-힣]{3,6}", w.surface))
        and not any(m.start <= w.start < m.end for m in mentions)
    )


def _name_word(w: Word, mentions: list[Mention]) -> bool:
    return (
        not w.particle
        and not all(t.startswith("J") for t in w.tags)
        and w.nominal
        and bool(re.fullmatch(r"[가-힣]{1,6}", w.surface))
        and not any(m.start <= w.start < m.end for m in mentions)
        and w.surface not in NOT_PERSON_TITLES
        and not w.surface.endswith(TITLE_SUFFIXES)
    )


def _is_unit_word(word: str) -> bool:
    return word.endswith(UNIT_SUFFIXES) and len(word) >= 2 and org_suffix_kind(word) is None


def _unit_affiliation(
    builder: Builder, mentions: list[Mention], title_word: Word, parent: str | None
) -> str | None:
    """A title that is an organization plus 장 ("조달청장") points at that organization."""
    stem = title_word.stem
    if stem.endswith("장") and org_suffix_kind(stem[:-1]):
        org = builder.find_org(stem[:-1])
        if org:
            return org.key
    unit = _unit_of_title(stem)
    if unit and parent:
        org = builder.find_org(unit)
        return org.key if org else None
    return None


def _places(
    text: str,
    ws: list[Word],
    proper: frozenset[str],
    builder: Builder,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    sentence: Sentence,
) -> None:
    """Venues and administrative places by their suffix, with containment along an address."""
    ev = sentence.evidence
    _suffix_sites(text, ws, proper, builder, mentions, taken, sentence)
    for i, w in enumerate(ws):
        stem = w.stem if w.particle else w.surface
        if stem not in proper or stem in NOT_PLACE or not 2 <= len(stem) <= 5:
            continue
        if _product(text, ws, i):
            continue  # "갤럭시 스마트폰": a product line, not a city named "…시"
        if any(m.start <= w.start < m.end for m in mentions):
            continue
        for suffix, place_kind in PLACE_SUFFIXES:
            if stem.endswith(suffix):
                site = builder.add_site(
                    [stem], _site_kind(place_kind), ev("ko.site.suffix", 0.6), country="KR"
                )
                mentions.append(Mention("site", site.key, w.start, w.start + len(stem), w.particle))
                break
    _listed_cities(text, ws, proper, builder, mentions, sentence)
    mentions.sort(key=lambda m: m.start)
    for i, w in enumerate(ws):
        branch = _hotel_branch(text, ws, i, mentions)
        if branch is not None:  # "롯데호텔 하노이에서": a hotel named with its city
            city = branch
            site = builder.add_site(
                [text[w.start : city.end]],
                "venue",
                ev("ko.site.hotel", 0.6),
                country=next((s.country for s in builder.sites if s.key == city.key), None),
                within=city.key,
            )
            mentions.append(Mention("site", site.key, w.start, city.end, city.particle))
            continue
        venue_suffix = _venue_suffix(w.stem)
        if venue_suffix in HALL_SUFFIXES and _city_hall(w.stem, builder):
            # "부산시청": the city inside the hall's name is not a mention of its own
            hall_end = w.start + len(w.stem)
            mentions[:] = [m for m in mentions if not (w.start <= m.start and m.end < hall_end)]
        if venue_suffix is None or any(m.start <= w.start < m.end and m.category != "site" for m in mentions):
            continue
        if any(m.start <= w.start < m.end for m in mentions if m.category == "site"):
            continue
        # Qualifiers before the venue: an organization, a proper noun, or a place (the container).
        j, within = i, None
        while j > 0 and ws[j].start - ws[j - 1].end <= 1 and not ws[j - 1].particle:
            prev = ws[j - 1]
            kinds = {m.category for m in mentions if m.start <= prev.start < m.end}
            if "country" in kinds:
                break
            if (
                "site" in kinds
                or "org" in kinds
                or prev.surface in proper
                or (
                    re.fullmatch(r"[A-Z][A-Za-z]+", prev.surface)
                    and prev.surface.upper() not in _ACRONYM_STOP
                )
                or _proper_pieces(prev)
            ):
                j -= 1
                if "site" in kinds and within is None:
                    within = next(
                        m.key for m in mentions if m.start <= prev.start < m.end and m.category == "site"
                    )
                continue
            break
        if j < i and w.stem.endswith(_LODGINGS):
            j = _brand_word(ws, j, mentions)
        if _GENERIC_FACILITY.fullmatch(w.stem) and not any(
            m.start <= ws[k].start < m.end and m.category in {"org", "site"}
            for m in mentions
            for k in range(j, i)
        ):
            continue  # "AI 데이터센터 수요": a kind of facility unless a body or place qualifies it
        qualified = j < i or _city_hall(w.stem, builder)
        if venue_suffix in HALL_SUFFIXES and not (qualified or w.stem in proper):
            continue
        if w.stem in GENERIC_VENUE and not qualified:
            continue
        if w.stem in GENERIC_VENUE and _modifies_next(text, ws, i):
            continue  # "중앙아시아 공항 시장": the venue word describes the noun after it
        if not w.particle and re.match(r"\s*(\d+|[한두세네]|여러)\s*(곳|개|군데)", text[w.end :]):
            continue  # "민원센터 3곳에": counted premises are a kind of place, not one named venue
        if venue_suffix in _PALACE and not (qualified or w.stem in proper):
            continue  # "평화궁" is a name; a bare "…궁" may be any word
        if not qualified and w.particle not in {"에서", "에서는", "에서도"}:
            continue
        full = text[ws[j].start : w.start + len(w.stem)]
        names = [full]
        if within is not None and j < i:
            first_non_site = next(
                (
                    k
                    for k in range(j, i + 1)
                    if not any(m.start <= ws[k].start < m.end and m.category == "site" for m in mentions)
                ),
                i,
            )
            if first_non_site == i:  # "서울 광화문 사옥": named after its nearest place, "광화문 사옥"
                first_non_site = i - 1
            short = text[ws[first_non_site].start : w.start + len(w.stem)]
            if short != full and (" " in short or not is_hangul(short[:1])):
                names.append(short)
            elif short == full and w.stem in proper and len(w.stem) >= 3:
                names.append(w.stem)  # "프놈펜 평화궁": the venue's own name, without its city
        kind: SiteKind = "building" if venue_suffix in BUILDING_SUFFIXES else "venue"
        same = next(
            (
                site
                for site in builder.sites
                if within is not None
                and site.within == within
                and site.kind == kind
                and any(n.split()[-1] == w.stem for n in site.names)
            ),
            None,
        )
        if same is not None:  # "광화문 사옥" and later "광화문 KT 사옥": one building
            names = [same.names[0], *names[1:], names[0]] if len(names) > 1 else [same.names[0], *names]
        # A venue takes the country of the place it stands in ("프놈펜 … 호텔" is in Cambodia), a
        # city hall that of its city ("반둥시청").
        hall_city = _hall_city(w.stem, builder) if venue_suffix in HALL_SUFFIXES else None
        country = (
            next((s.country for s in builder.sites if s.key == within), None)
            or (hall_city.country if hall_city is not None else None)
            or "KR"
        )
        site = builder.add_site(names, kind, ev("ko.site.venue", 0.6), country=country, within=within)
        mentions.append(Mention("site", site.key, ws[j].start, w.start + len(w.stem), w.particle))
        taken.append((ws[j].start, w.start + len(w.stem)))
    # An address: "전라남도 신안군 임자도" nests each place in the one before it.
    sites = sorted((m for m in mentions if m.category == "site"), key=lambda m: m.start)
    for a, b in itertools.pairwise(sites):
        if 0 <= b.start - a.end <= 1 and not a.particle and a.key != b.key:
            inner = next(s for s in builder.sites if s.key == b.key)
            outer = next(s for s in builder.sites if s.key == a.key)
            if inner.within is None and _rank(outer.kind) < _rank(inner.kind):
                inner.within = a.key


def _product(text: str, ws: list[Word], i: int) -> bool:
    """A known product line, or a word followed by a model code or a product noun ("… Z 폴드6",
    "… 스마트폰"), names a product."""
    w = ws[i]
    stem = w.stem if w.particle else w.surface
    if stem in PRODUCT_LINES or re.match(r"[A-Z]{0,2}\d", text[w.start + len(stem) :]):
        return True
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if w.particle or nxt is None or text[w.end : nxt.start] != " ":
        return False
    model = re.fullmatch(r"[A-Z]\d*|[A-Z]{1,3}\d+", nxt.surface)  # not "서울시 KT 사옥"
    return model is not None or nxt.stem.endswith(PRODUCT_NOUNS)


_GENERIC_FACILITY = re.compile(r"(?:.*[·ㆍ])?(?:[A-Z]{2,3})?데이터센터")


def _city_hall(stem: str, builder: Builder) -> bool:
    """ "부산시청": the hall of a local government the text names ("부산시" or "부산")."""
    return _hall_city(stem, builder) is not None


def _hall_city(stem: str, builder: Builder) -> Organization | Site | None:
    """The local government or place a hall ("반둥시청") is named after, when the text names it."""
    if not stem.endswith(HALL_SUFFIXES) or len(stem) < 4:
        return None
    body = stem[:-1]
    return builder.find_org(body) or builder.find_site(body)


@lru_cache(maxsize=8192)
def _venue_suffix(stem: str) -> str | None:
    """The first venue suffix the word ends in (asked of every word, so kept per word)."""
    found = next((s for s in VENUE_SUFFIXES if stem.endswith(s)), None)
    if found is None and len(stem) >= 3:
        found = next((s for s in _PALACE if stem.endswith(s)), None)
    return found


# Palaces used as venues ("평화궁", "대통령궁"); 궁 ends other words too, so a name is required.
_PALACE = ("궁전", "궁")


_LODGINGS = ("호텔", "리조트")


def _brand_word(ws: list[Word], j: int, mentions: list[Mention]) -> int:
    """ "콜롬보의 시나몬 그랜드 호텔": hotel brands run to several transliterated words, one of which
    Kiwi may read as a common noun; take one more word when a genitive or a proper tag bounds it."""
    if j < 1 or ws[j].start - ws[j - 1].end > 1:
        return j
    prev = ws[j - 1]
    if prev.particle or not prev.nominal or not is_hangul(prev.surface[:1]):
        return j
    if any(m.start < prev.end and prev.start < m.end for m in mentions):
        return j
    bounded = j >= 2 and ws[j - 2].particle == "의"
    return j - 1 if bounded or "NNP" in prev.tags else j


def _proper_pieces(w: Word) -> bool:
    """A bare proper name Kiwi splits into proper nouns ("칭기스칸" as 칭기스+칸)."""
    return not w.particle and bool(w.tags) and all(t == "NNP" for t in w.tags) and is_hangul(w.surface)


def _modifies_next(text: str, ws: list[Word], i: int) -> bool:
    w = ws[i]
    if w.particle or i + 1 >= len(ws) or text[w.end : ws[i + 1].start] != " ":
        return False
    return ws[i + 1].common and ws[i + 1].tags[:1] == ("NNG",)


def _hotel_branch(text: str, ws: list[Word], i: int, mentions: list[Mention]) -> Mention | None:
    w = ws[i]
    if w.particle or not w.stem.endswith("호텔") or i + 1 >= len(ws) or text[w.end : ws[i + 1].start] != " ":
        return None
    nxt = ws[i + 1]
    return next(
        (
            m
            for m in mentions
            if m.category == "site"
            and m.start == nxt.start
            and m.particle in {"에서", "에서는", "에", "에서도"}
        ),
        None,
    )


def _listed_cities(
    text: str,
    ws: list[Word],
    proper: frozenset[str],
    builder: Builder,
    mentions: list[Mention],
    sentence: Sentence,
) -> None:
    """ "필리핀 케손시티, 베트남 후에, 케냐 나이로비 등": in a list of country–city pairs, the word after
    each country is a city of that country, even one the reference data does not know."""
    pairs = []
    countries: dict[int, Mention] = {}
    for m in mentions:
        if m.category == "country" and not m.particle:
            countries.setdefault(m.start, m)
    for i, w in enumerate(ws[:-1]):
        country = countries.get(w.start)
        nxt = ws[i + 1]
        if country is None or text[w.end : nxt.start] != " ":
            continue
        closes = re.match(r"\s*(,|등|$)", text[nxt.end :])
        if closes and not any(m.start <= nxt.start < m.end for m in mentions if m.category != "site"):
            pairs.append((country.key, nxt))
    _listed_provinces(text, ws, builder, mentions, sentence)
    if len(pairs) < 2:
        return
    for code, word in pairs:
        if any(m.start <= word.start < m.end for m in mentions):
            continue
        site = builder.add_site(
            [word.surface], "city", sentence.evidence("ko.site.listed", 0.5), country=code
        )
        mentions.append(Mention("site", site.key, word.start, word.end, ""))


def _listed_provinces(
    text: str, ws: list[Word], builder: Builder, mentions: list[Mention], sentence: Sentence
) -> None:
    """ "캄퐁참주, 시엠립주, 타케오주": foreign provinces named with 주/성, two or more in a list."""
    found = [
        w
        for w in ws
        if _PROVINCE_WORD.fullmatch(w.stem)
        and w.foreign
        and not any(m.start <= w.start < m.end for m in mentions)
    ]
    listed = [
        w
        for w in found
        if any(x is not w and (abs(x.start - w.end) <= 3 or abs(w.start - x.end) <= 3) for x in found)
    ]
    country = next((m.key for m in mentions if m.category == "country"), None)
    for w in listed:
        site = builder.add_site(
            [w.stem], "region", sentence.evidence("ko.site.provinces", 0.5), country=country
        )
        mentions.append(Mention("site", site.key, w.start, w.start + len(w.stem), w.particle))


def _rank(kind: str) -> int:
    return {"region": 0, "city": 1, "county": 1, "district": 2, "island": 3, "building": 4, "venue": 4}.get(
        kind, 5
    )


# Suffixes that make a foreign proper name a place ("쿠요섬", "팔라완주", "푸에르토프린세사시").
_SITE_SUFFIX_KINDS: tuple[tuple[str, SiteKind], ...] = (
    ("섬", "island"),
    ("주", "region"),
    ("성", "region"),  # "빈즈엉성", "광둥성": Vietnamese and Chinese provinces
    ("시", "city"),
    ("군", "county"),
    ("구", "district"),
)
_SITE_SUFFIX_ENDS = frozenset(suffix[-1] for suffix, _kind in _SITE_SUFFIX_KINDS)
_LOCATIVE = {"에서", "에서는", "에서도", "에", "에는", "에도", "에서의"}
_SITED = ("위치한", "있는", "소재")  # "X섬에 위치한", "X주에 있는"


@lru_cache(maxsize=4096)
def _proper_like(head: str) -> bool:
    """A name Kiwi does not know as one common word: "아그타야" (split into odd pieces) or "쿠요"
    (a proper noun), unlike "해당", "인근", "이번"."""
    if not re.fullmatch(r"[가-힣]{2,10}", head) or head in NOT_PLACE:
        return False
    found = analyze(head).words
    return len(found) == 1 and not found[0].common and found[0].foreign and not found[0].particle


def _site_shape(w: Word, proper: frozenset[str]) -> tuple[str, SiteKind] | None:
    if w.stem[-1:] not in _SITE_SUFFIX_ENDS:
        return None  # most words: no place suffix at all
    for suffix, kind in _SITE_SUFFIX_KINDS:
        head = w.stem[: -len(suffix)]
        if (
            len(head) >= 2
            and w.stem.endswith(suffix)
            and (head in proper or w.stem in proper or _proper_like(head))
        ):
            return head, kind
    return None


def _suffix_sites(
    text: str,
    ws: list[Word],
    proper: frozenset[str],
    builder: Builder,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    sentence: Sentence,
) -> None:
    """Islands, provinces and cities the reference data does not know, named with their suffix.

    A suffix-shaped proper name is a place only where the sentence uses it as one: with a
    locative particle ("푸에르토프린세사시에서"), inside an address ("팔라완주 쿠요섬"), next to a
    place in a list ("쿠요섬과 아그타야섬"), or before its government ("팔라완주 정부").
    """
    gaz = load_gazetteer()
    shaped: dict[int, tuple[str, SiteKind]] = {}
    suffixed = {suffix for suffix, _kind in _SITE_SUFFIX_KINDS}
    named = {n: site.kind for site in builder.sites for n in site.names if n[-1:] in suffixed}
    for i, w in enumerate(ws):
        shape = _site_shape(w, proper)
        if shape is None and w.stem in named:  # a place the article has already named this way
            shape = (w.stem[:-1], named[w.stem])
        if shape is None or any(m.start < w.stem_end and w.start < m.end for m in mentions):
            continue
        if w.particle in _ACTING and shape[1] in {"city", "county"}:
            continue  # "X시는 …": the city acting is its government, not a place
        if gaz.lookup(shape[0], "country"):
            continue
        shaped[i] = shape

    def site_at(k: int) -> bool:
        return k in accepted or any(
            m.category in {"site", "country"} and m.start <= ws[k].start < m.end for m in mentions
        )

    def adjacent(a: int, b: int) -> bool:
        return 0 <= a < b < len(ws) and text[ws[a].end : ws[b].start] == " "

    accepted: set[int] = set()
    for i in shaped:  # "팔라완주 쿠요섬", "팔라완주의 쿠요섬": the larger place first make an address
        if (
            (i + 1) in shaped
            and ws[i].particle in {"", "의"}
            and adjacent(i, i + 1)
            and _rank(shaped[i][1]) < _rank(shaped[i + 1][1])
        ):
            accepted.add(i)
    changed = True
    while changed:
        changed = False
        for i in sorted(set(shaped) - accepted):
            w = ws[i]
            nxt = ws[i + 1] if i + 1 < len(ws) else None
            locative = w.particle in _LOCATIVE or (
                w.particle == "" and nxt is not None and nxt.stem in {"정부", "주정부", "시정부"}
            )
            sited = w.particle == "에" and nxt is not None and nxt.surface.startswith(_SITED)
            address = (
                i > 0 and adjacent(i - 1, i) and ws[i - 1].particle in {"", "의"} and site_at(i - 1)
            ) or (not w.particle and adjacent(i, i + 1) and (i + 1) in accepted)
            listed = (
                i > 0
                and (i - 1) in accepted
                and (ws[i - 1].particle in {"과", "와"} or text[ws[i - 1].end : w.start].strip() == ",")
            )
            if shaped[i][1] == "district" and not address:
                continue  # "…구" ends many words; a district is told after its city
            known = w.stem in named  # named as a place before
            if locative or sited or address or listed or known:
                accepted.add(i)
                changed = True
    added = {
        i: _add_suffix_site(text, ws, i, shaped[i], builder, mentions, taken, sentence)
        for i in sorted(accepted)
    }
    for i, site in added.items():  # "팔라완주 쿠요섬과 아그타야섬": list members share the container
        prev = added.get(i - 1)
        if (
            prev is not None
            and site.within is None
            and prev.kind == site.kind
            and ws[i - 1].particle in {"과", "와", ""}
        ):
            site.within = prev.within
            site.country = prev.country or site.country


def _add_suffix_site(
    text: str,
    ws: list[Word],
    i: int,
    shape: tuple[str, SiteKind],
    builder: Builder,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    sentence: Sentence,
) -> Site:
    w = ws[i]
    head, kind = shape
    outer = next(
        (
            m
            for m in mentions
            if m.category == "site"
            and i > 0
            and m.end <= w.start
            and text[m.end : w.start] in {"", " ", "의 "}  # "팔라완주 쿠요섬", "팔라완주의 쿠요섬"
        ),
        None,
    )
    outer_site = next((s for s in builder.sites if outer and s.key == outer.key), None)
    country = outer_site.country if outer_site else _context_country(head, kind, mentions, builder)
    known = [e.country for e in load_gazetteer().lookup(head, "site") if e.country]
    country = known[0] if known else country  # "다낭시": the reference data knows the city
    if outer is None:  # "필리핀 팔라완주": the country word before it names the country
        prev = next((m for m in mentions if m.category == "country" and 0 <= w.start - m.end <= 1), None)
        country = prev.key if prev else country
    site = builder.add_site(
        [w.stem],
        kind,
        sentence.evidence("ko.site.suffix_name", 0.55),
        country=country,
        within=outer.key if outer and outer_site and _rank(outer_site.kind) < _rank(kind) else None,
    )
    mentions.append(Mention("site", site.key, w.start, w.stem_end, w.particle))
    taken.append((w.start, w.stem_end))
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if nxt is not None and not w.particle and nxt.stem in {"정부", "주정부", "시정부"}:
        # "팔라완주 정부": the province's own government, an organization of that country
        end = nxt.start + len(nxt.stem)
        org = builder.add_org(
            [text[w.start : end]], "local_government", sentence.evidence("ko.org.local", 0.6), country=country
        )
        mentions.append(Mention("org", org.key, w.start, end, nxt.particle))
        taken.append((nxt.start, end))
    return site


def _context_country(head: str, kind: SiteKind, mentions: list[Mention], builder: Builder) -> str | None:
    """The country of a place with no container: a two-syllable name is Korean ("당진시"); a
    transliterated one is in the sentence's one foreign country, else the article's."""
    if len(head) == 2 and kind in {"city", "county"}:
        return "KR"
    here = {m.key for m in mentions if m.category == "country"} - {"KR"}
    if len(here) == 1:
        return next(iter(here))
    abroad = set(builder.countries) - {"KR"}
    return next(iter(abroad)) if len(abroad) == 1 else None
