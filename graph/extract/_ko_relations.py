"""Korean relation rules: agreements concluded, events held, projects run.

They read one sentence with the entity mentions found in it; the actor of a sentence
with no explicit subject is the last subject seen (Korean drops repeated subjects).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from graph.extract._builder import Builder, Sentence
from graph.extract._ko_entities import Mention
from graph.extract._ko_lexicon import (
    ADOPTED,
    AGREEMENT_WORDS,
    ANNOUNCED,
    CONCLUDED,
    EVENT_WORDS,
    FUTURE,
    GENERIC_PROJECT_WORDS,
    HELD,
    NOT_EVENT_CONTEXT,
    PLANNED,
    PROJECT_HEADS,
    RECURRING,
)
from graph.extract._ko_text import analyze
from graph.extract.dates import DateMention, find_dates
from graph.extract.themes import themes_in
from graph.model import Agreement, AgreementKind, Event, EventKind, Project

SUBJECT = {"은", "는", "이", "가", "께서", "도", "측은", "측이"}
WITH = {"와", "과", "와의", "과의", "와도", "과도", "와는", "과는", "랑"}
LOCATIVE = {"에서", "에서는", "에서도", "에서의", "에", "에는"}


@dataclass
class Context:
    """What carries over between sentences of one article."""

    published: date | None
    subject: list[str] = field(default_factory=list)  # org keys of the last explicit subject
    last_parties: list[str] = field(default_factory=list)
    last_date: str | None = None  # of the last dated agreement or event, for "같은 날"
    last_event: Event | None = None
    signing_date: str | None = None  # from a sentence reporting signings without naming the parties
    last_place: str | None = None  # site key of the last agreement's or event's place, for "같은 호텔에서"
    last_year: str | None = None  # the last year written out, for "그해"
    last_project: Project | None = None
    tentative: set[int] = field(default_factory=set)  # projects whose start is only a ceremony date


SAME_DAY = re.compile(
    r"(같은 날|이날|당일|그날|이뤄진 날|열린 날|같은 자리|이 자리|(체결식|협약식|서명식|개소식)에 이어|"
    r"(MOU|양해각서|협약) (체결|서명)에 앞서)"
)
BOTH_SIDES = re.compile(r"(양 기관|두 기관|양측|양사|두 회사|두 도시)(은|는|이|가|도)\s")
SAME_PLACE = re.compile(r"(같은|이|그|동)\s?(호텔|장소|곳|건물|자리|행사장|회의장)에서")
ANAPHORIC_EVENT = re.compile(r"(이|그|해당|같은|이번|동)\s?$")


def relations(sentence: Sentence, mentions: list[Mention], builder: Builder, ctx: Context) -> None:
    text = sentence.text
    orgs = [m for m in mentions if m.category == "org"]
    subjects = _subjects(text, mentions, builder)
    _agreement(sentence, mentions, orgs, subjects, builder, ctx)
    _events(sentence, mentions, subjects, builder, ctx)
    _visit(sentence, mentions, builder, ctx)
    _project(sentence, mentions, subjects, builder, ctx)
    if subjects:
        ctx.subject = subjects
    years = re.findall(r"((?:19|20)\d\d)년", text)
    ctx.last_year = years[-1] if years else ctx.last_year


# -- shared helpers ------------------------------------------------------------------------


def _person_org(builder: Builder, key: str) -> str | None:
    person = next((p for p in builder.people if p.key == key), None)
    if person is None or person.affiliation is None:
        return None
    org = next((o for o in builder.orgs if o.key == person.affiliation), None)
    # A unit head speaks for the whole organization when it signs or hosts.
    while org is not None and org.part_of:
        org = next((o for o in builder.orgs if o.key == org.part_of), None)
    return org.key if org else person.affiliation


def _actor(builder: Builder, m: Mention) -> str | None:
    if m.category == "org":
        return builder.org_key(m.key)
    if m.category == "person":
        return _person_org(builder, m.key)
    return None


def _subjects(text: str, mentions: list[Mention], builder: Builder) -> list[str]:
    """Organizations marked as the subject or topic, with those joined to them by 와/과."""
    out: list[str] = []
    actors = [m for m in mentions if m.category in {"org", "person", "country"}]
    for i, m in enumerate(actors):
        delegates = re.match(r"\s?(관계자들?|대표단|대표들|실무진|직원들?)(이|가|은|는)\s", text[m.end :])
        if (m.particle in SUBJECT or (delegates and not m.particle)) and m.category != "country":
            actor = _actor(builder, m)
            if actor is None:
                continue
            group = [actor]
            k = i - 1
            while k >= 0 and (actors[k].particle in WITH | {""}) and m.start - actors[k].end < 40:
                gap = text[actors[k].end : actors[k + 1].start]
                if not re.fullmatch(r"[\s,·ㆍ、와과및)]*", gap):
                    break
                prev = _actor(builder, actors[k])
                if prev:
                    group.insert(0, prev)
                k -= 1
            for key in group:
                if key not in out:
                    out.append(key)
            break
    return out


_MEMBERS = re.compile(r"\s*.{1,24}?(으로|로) (이뤄진|이루어진|구성된)")


_DELEGATION_WITH = re.compile(r"\s?(대표단|사절단|방문단|관계자들?)(과|와)(는|도)?\s")


def _with_list(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions joined by 와/과, with the list before each ("A, B와 …": A and B)."""
    actors = [m for m in mentions if m.category in {"org", "person", "country"}]
    out: list[Mention] = []
    for i, m in enumerate(actors):
        if m.particle not in WITH and not (not m.particle and _DELEGATION_WITH.match(text[m.end :])):
            continue  # "모로고로주 정부 대표단과": the body whose delegation it is, not only "X와"
        if _MEMBERS.match(text[m.end :]):
            continue  # "삼성SDS와 LG CNS로 이뤄진 컨소시엄": its members, not partners
        group = [m]
        k = i - 1
        while (
            k >= 0
            and not actors[k].particle
            and re.fullmatch(r"[\s)]*[,·ㆍ、및][\s,·ㆍ、및)]*", text[actors[k].end : group[0].start])
        ):
            group.insert(0, actors[k])
            k -= 1
        out.extend(x for x in group if x not in out)
    return out


def _dates(sentence: Sentence, ctx: Context, tense: str) -> list[DateMention]:
    found = find_dates(sentence.text, ctx.published, "ko", tense=tense)  # type: ignore[arg-type]
    if ctx.last_date:  # "이날" is the day the story is about, once it has named one
        found = [
            replace(d, value=ctx.last_date) if d.text.strip() in {"이날", "당일", "같은 날"} else d
            for d in found
        ]
    if ctx.last_date and len(ctx.last_date) == 10:  # "이튿날인 19일": the day after the one just told
        after = (date.fromisoformat(ctx.last_date) + timedelta(days=1)).isoformat()
        found = [
            replace(d, value=after)
            if re.search(r"(이튿날|다음 ?날)인?\s$", sentence.text[max(0, d.start - 6) : d.start])
            and d.value[-2:] == after[-2:]
            else d
            for d in found
        ]
    if ctx.last_year and not found:  # "NIA는 그해 … 협약을 맺고": the year the story just named
        found = [
            DateMention(m.start(), m.end(), m.group(), ctx.last_year)
            for m in re.finditer(r"그\s?해|같은 해", sentence.text)
        ]
    # "…했다고 25일 밝혔다": the day of the announcement, not of the fact.
    return [d for d in found if not ANNOUNCED.match(sentence.text[d.end :])]


def _tense(text: str) -> str:
    """future for plans and the present tense of schedules; past for reports; unknown for
    headline fragments with no verb ("3~5일 장관회의 공동 주최"), resolved to the nearest date."""
    if FUTURE.search(text):
        return "future"
    if re.search(
        r"(었|았|였|했|됐|왔|쳤|켰|졌|렸|냈|섰|갔|봤)(다|고|으며|는데|던|지만)|(한|된|열린|가진|맺은|연) (바|뒤|후)",
        text,
    ):
        return "past"
    return "unknown"


def _locations(mentions: list[Mention]) -> list[str]:
    return [m.key for m in mentions if m.category == "site" and m.particle in LOCATIVE]


def _quoted(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(r"['‘“\"]([^'’”\"]{2,60})['’”\"]", text)]


# -- agreements ----------------------------------------------------------------------------


_CLAUSE_BREAK = re.compile(r"…|⋯|;|\s-\s")


def _agreement(
    sentence: Sentence,
    mentions: list[Mention],
    orgs: list[Mention],
    subjects: list[str],
    builder: Builder,
    ctx: Context,
) -> None:
    """Headlines pack clauses with "…": each clause may report its own agreement."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence.text)]
    if (
        sum(
            sentence.text.count(w)
            for w, _k in AGREEMENT_WORDS
            if w in {"양해각서", "업무협약", "협약", "MOU"}
        )
        > 1
    ):
        # "A와 B 사이에는 양해각서가 맺어졌고, C과 D는 업무협약을 교환했다": one clause each
        breaks += [
            m.end()
            for m in re.finditer(r"(졌고|했고|었고|했으며|였으며|었으며|됐고|됐으며),\s", sentence.text)
        ]
    bounds = [0, *sorted(breaks), len(sentence.text) + 1]
    for lo, hi in itertools.pairwise(bounds):
        inside = [m for m in mentions if lo <= m.start < hi]
        clause_subjects = subjects if len(bounds) == 2 else _subjects(sentence.text[:hi], inside, builder)
        _agreement_clause(
            sentence,
            lo,
            hi,
            inside,
            [m for m in inside if m.category == "org"],
            clause_subjects,
            builder,
            ctx,
        )


def _agreement_clause(
    sentence: Sentence,
    lo: int,
    hi: int,
    mentions: list[Mention],
    orgs: list[Mention],
    subjects: list[str],
    builder: Builder,
    ctx: Context,
) -> None:
    text = sentence.text
    clause = text[lo:hi]
    hit = next(
        ((lo + at, word, kind) for word, kind in AGREEMENT_WORDS if (at := clause.find(word)) >= 0),
        None,
    )
    if hit is None:
        return
    rest = text[hit[0] : hi]
    headline_style = re.fullmatch(r"\S+\s*(체결|서명)?\s*", rest) is not None and lo > 0
    ceremony = _CEREMONY_HELD.match(rest)
    if ceremony and builder.agreements and not PLANNED.search(rest) and not CONCLUDED.search(rest):
        # "협약식은 지난달 30일 하노이 롯데호텔에서 열렸다": when and where the last one was signed
        _fill_known_agreement(sentence, lo, hi, mentions, [], builder, ctx, builder.agreements[-1])
        return
    if builder.agreements and _CEREMONY_THERE.match(rest) and not PLANNED.search(rest):
        # "협약식에서는 A 본부장과 B 차관이 서명했다": who signed the one just reported
        _fill_known_agreement(sentence, lo, hi, mentions, [], builder, ctx, builder.agreements[-1])
        return
    concluded = ADOPTED if hit[2] == "declaration" else CONCLUDED
    signed_before = _SIGNED_BEFORE.search(text, lo, hit[0])
    if PLANNED.search(rest):
        _remember_planned(sentence, lo, hit[0], mentions, subjects, builder, ctx)
        return
    if not (concluded.search(rest) or headline_style or signed_before):
        return
    position, _word, kind = hit
    verb = concluded.search(text, position, hi)
    limit = verb.start() if verb else hi
    before = [m for m in mentions if m.start < position]
    partners = _with_list(text, [m for m in mentions if m.start < limit])
    parties = list(subjects)
    governments: dict[str, str] = {}
    adnominal = re.match(r"\S*\s*(에|을|를)?\s*(서명|체결)한|\S*\s*(을|를)?\s*맺은", text[position:hi])
    if adnominal and not subjects:
        # "…양해각서에 서명한 A(왼쪽)과 B": the signers follow the verb.
        people = [m for m in mentions if m.category == "person"]
        after = [
            m
            for m in mentions
            if m.start >= position + adnominal.end()
            and m.category in {"org", "person"}
            and not any(p is not m and p.start <= m.start < p.end for p in people)
        ]
        signers = [a for m in after if (a := _actor(builder, m))]
        if len(set(signers)) >= 2:
            partners, parties = [], list(dict.fromkeys(signers))
    for partner in partners:
        if partner.category == "country":
            governments[partner.key] = text[partner.start : partner.end]
            continue
        actor = _actor(builder, partner)
        if actor and actor not in parties:
            parties.append(actor)
    for between in mentions:  # "과기정통부와 우즈베키스탄 디지털기술부 사이에는"
        if between.category == "org" and re.match(r"\s(사이|간)(에는|에서|에|의)?\s", text[between.end :]):
            actor = _actor(builder, between)
            if actor and actor not in parties:
                parties.append(actor)
    # "KT-IOM 간", "A·B·C 3자간": a hyphenated pair or list before 간/3자 names every party.
    pair = re.search(r"([A-Za-z가-힣]+)[-–·]([A-Za-z가-힣]+)\s?(간|3자간|사이)", text)
    if pair:
        for named in orgs:
            if pair.start() <= named.start < pair.end():
                actor = _actor(builder, named)
                if actor and actor not in parties:
                    parties.append(actor)
    if governments:  # a country signs: its government, and our own if none is named
        for code, surface in governments.items():
            gov = builder.add_org(
                [surface], "government", sentence.evidence("ko.org.signatory", 0.6), country=code
            )
            parties.append(gov.key)
        if not subjects:
            home = next((m for m in mentions if m.category == "country" and m.key not in governments), None)
            if home is not None:
                gov = builder.add_org(
                    [text[home.start : home.end]],
                    "government",
                    sentence.evidence("ko.org.signatory", 0.6),
                    country=home.key,
                )
                parties.insert(0, gov.key)
    if not subjects and not governments and ctx.subject and len(parties) == 1:
        parties = [*ctx.subject, *[p for p in parties if p not in ctx.subject]]
    if re.search(r"두 기관|양 기관|양측|양사|양국|두 회사|두 도시", text) and len(parties) < 2:
        # "두 기관은 … 업무협약을 맺었다": the two named just before
        earlier = ctx.last_parties if len(ctx.last_parties) >= 2 else ctx.subject
        if len(earlier) >= 2:
            parties = list(earlier)
    parties = list(dict.fromkeys(p for p in parties if p))
    if len(parties) == 1 and verb is not None:
        unnamed = _unnamed_partner(sentence, lo, position, mentions, builder)
        if unnamed and unnamed not in parties:
            parties.append(unnamed)
    if len(parties) < 2 and verb is not None:
        # "A는 X 원장과 Y 장관이 … 서명했다": the signers are people; their bodies are the parties.
        signers = _signer_orgs(text, [m for m in mentions if m.start < limit], builder)
        parties = list(dict.fromkeys([*parties, *signers]))
        if len(parties) < 2 and _fill_known_agreement(sentence, lo, limit, mentions, parties, builder, ctx):
            return
    if len(parties) < 2:
        summary = [d for d in _dates(sentence, ctx, "past") if lo <= d.start < hi]
        if summary:  # "세 건의 양해각서도 이날 포럼 현장에서 체결됐다": the date of what follows
            ctx.signing_date = summary[0].value
        return
    dates = [d for d in _dates(sentence, ctx, "past") if lo <= d.start < position + 40]
    # "2013년 …를 열어, 2016년에는 …와 업무협약을 맺은": the date nearest the agreement is its own
    before_word = [d for d in dates if d.start < position]
    nearest = before_word[-1] if before_word else (dates[0] if dates else None)
    when = nearest.value if nearest else (ctx.last_date if SAME_DAY.search(text) else ctx.signing_date)
    ctx.last_date = when or ctx.last_date
    place = next(iter(_locations([m for m in before if m.category == "site"])), None)
    if place is None and _CEREMONY.match(text[position:]):
        # "협약식은 … 호텔에서 열렸으며 … 서명했다": the place follows the ceremony word
        place = next(iter(_locations([m for m in mentions if m.start < limit])), None)
    if place is None and SAME_PLACE.search(text[:position]):
        place = ctx.last_place  # "같은 날 같은 호텔에서는 NIPA가 … 업무협약을 맺었다"
    ctx.last_place = place or ctx.last_place
    topic = _topic_before(text, position)
    themes = themes_in(text)
    evidence = [sentence.evidence("ko.agreement.concluded", 0.75)]
    agreement_kind: AgreementKind = kind  # type: ignore[assignment]
    if "각각" in text and len(parties) > 2:
        # "MS와 인텔도 … 세계은행과 각각 MOU": one agreement per signer with the common partner;
        # "NIA는 베트남, 캄보디아와도 각각 MOU": the one subject with each partner.
        common = (_actor(builder, partners[-1]) if partners else None) or parties[-1]
        if len(subjects) == 1:
            common = subjects[0]
        for signer in (p for p in parties if p != common):
            builder.add_agreement(
                Agreement(
                    agreement_kind,
                    [signer, common],
                    when,
                    place,
                    [topic] if topic else [],
                    themes,
                    list(evidence),
                )
            )
        return
    _add_agreement(
        builder, Agreement(agreement_kind, parties, when, place, [topic] if topic else [], themes, evidence)
    )
    ctx.last_parties = parties


def _add_agreement(builder: Builder, agreement: Agreement) -> None:
    """The builder keeps one agreement per set of parties; a pair that adopted a declaration
    this year and signed a memorandum in an earlier year made two agreements, not one."""
    same = [a for a in builder.agreements if set(a.parties) == set(agreement.parties)]
    if same and all(
        a.kind != agreement.kind and a.date and agreement.date and a.date[:7] != agreement.date[:7]
        for a in same
    ):
        builder.agreements.append(agreement)
        return
    builder.add_agreement(agreement)


_PARTNER = re.compile(
    r"(?P<name>[A-Za-z가-힣][A-Za-z0-9가-힣]{1,19})(?:\((?P<alias>[A-Za-z][A-Za-z0-9 .&'-]{1,40})\))?(와|과)\s"
)


def _unnamed_partner(
    sentence: Sentence, lo: int, position: int, mentions: list[Mention], builder: Builder
) -> str | None:
    """ "NIPA는 우즈베키스탄 IT파크(IT Park)와 업무협약을 맺었다": the partner of a concluded
    agreement is an organization even when no suffix or gazetteer names it. To stay safe the
    name must be qualified by its country or carry an English name, and be no common word."""
    text = sentence.text
    found = [m for m in _PARTNER.finditer(text, lo, position) if position - m.end() <= 40]
    if not found:
        return None
    partner = found[-1]
    inside = [m for m in mentions if m.start < partner.end("name") and partner.start() < m.end]
    if any(m.category != "site" or m.end >= partner.end("name") for m in inside):
        return None  # already a named entity; a place inside the name ("아스타나허브") is not
    country = next(
        (m for m in mentions if m.category == "country" and 0 <= partner.start() - m.end <= 1), None
    )
    if country is None and partner.group("alias") is None:
        return None
    name = partner.group("name")
    word = next((w for w in analyze(text).words if w.start == partner.start()), None)
    if word is None or word.common or not word.nominal or _is_common(text, name):
        return None
    names = [name, partner.group("alias") or ""]
    ev = sentence.evidence("ko.org.partner", 0.5)
    org = builder.add_org(names, "other", ev, country=country.key if country else None)
    return org.key


_TITLE = re.compile(r"\s?[가-힣]{0,8}(장|관|대표|총재|대사|이사|위원)\s?(과|와|이|가|,)")
_WITNESS = re.compile(r"[^.,]{0,20}?(참석한|참석하에|참석 하에|지켜보는|배석한|입회|임석)")
_CEREMONY = re.compile(r"(협약|계약|서명|체결|조인)식")
_CEREMONY_HELD = re.compile(
    r"(협약|계약|서명|체결|조인)식(은|이|는)\s[^.]*?(열렸|진행됐|개최됐|열린 |진행된 )"
)


_CEREMONY_THERE = re.compile(r"(협약|계약|서명|체결|조인)식(에서는|에서|에는)\s")
# "지난해 6월 A와 B가 맺은 디지털정부 협력 양해각서의 후속 사업": signed, told in a relative clause
_SIGNED_BEFORE = re.compile(r"(맺은|맺었던|체결한|체결했던|서명한|서명했던)\s(?:[가-힣A-Za-z0-9·]+\s){0,3}$")


def _signer_orgs(text: str, mentions: list[Mention], builder: Builder) -> list[str]:
    """Bodies of the people who signed: a named person's affiliation, or the organization
    named before a title ("ADB 동남아시아국장이", "KISA 원장,"). Those looking on are witnesses."""
    out: list[str] = []
    for m in mentions:
        if _WITNESS.match(text[m.end :]):
            continue
        if m.category == "person" or (m.category == "org" and not m.particle and _TITLE.match(text[m.end :])):
            actor = _actor(builder, m)
        else:
            actor = _city_of_mayor(text, m, builder)
        if actor and actor not in out:
            out.append(actor)
    return out


_MAYOR = re.compile(r"\s?(시장|군수|구청장|도지사|주지사)\s?(과|와|이|가|,)")


def _city_of_mayor(text: str, m: Mention, builder: Builder) -> str | None:
    """ "수라바야 시장이 … 서명했다": a mayor signs for the city government named elsewhere
    ("수라바야시"), while the bare place name before the title is only a site mention."""
    title = _MAYOR.match(text[m.end :]) if m.category == "site" and not m.particle else None
    if title is None:
        return None
    place = text[m.start : m.end]
    suffix = {"시장": "시", "군수": "군", "구청장": "구", "도지사": "도", "주지사": "주"}[title.group(1)]
    org = builder.find_org(place + suffix) or builder.find_org(place)
    return builder.org_key(org.key) if org else None


def _fill_known_agreement(
    sentence: Sentence,
    lo: int,
    limit: int,
    mentions: list[Mention],
    parties: list[str],
    builder: Builder,
    ctx: Context,
    target: Agreement | None = None,
) -> bool:
    """A signing told again with only one side named ("A는 … 지난 10일 B시에서 양해각서에
    서명했다"): the date and place belong to the agreement already found with that side."""
    if target is None:
        side = set(parties or ctx.subject)
        known = [a for a in builder.agreements if side <= set(a.parties)]
        if not side or not known:
            return False
        target = known[-1]
    dates = [d for d in _dates(sentence, ctx, "past") if lo <= d.start < limit]
    place = next(iter(_locations([m for m in mentions if lo <= m.start < limit])), None)
    if not dates and place is None:
        return False
    target.date = target.date or (dates[-1].value if dates else None)
    target.place = target.place or place
    target.evidence.append(sentence.evidence("ko.agreement.signed", 0.6))
    ctx.last_date = target.date or ctx.last_date
    return True


def _remember_planned(
    sentence: Sentence,
    lo: int,
    position: int,
    mentions: list[Mention],
    subjects: list[str],
    builder: Builder,
    ctx: Context,
) -> None:
    """ "NIA는 오는 3일 … 호텔에서 B와 MOU를 체결할 예정": no agreement yet, but "같은 날 같은
    장소에서" and "양 기관은" in the next sentences mean that day, that place and those two."""
    dates = [d for d in _dates(sentence, ctx, "future") if lo <= d.start < position]
    ctx.last_date = dates[0].value if dates else ctx.last_date
    ctx.last_place = next(iter(_locations([m for m in mentions if m.start < position])), ctx.last_place)
    partners = [
        a
        for m in _with_list(sentence.text, [m for m in mentions if m.start < position])
        if (a := _actor(builder, m))
    ]
    both = list(dict.fromkeys([*subjects, *partners]))
    if len(both) >= 2:
        ctx.last_parties = both


def _topic_before(text: str, position: int) -> str | None:
    """The noun phrase right before the agreement word: "스마트시티 협력 양해각서" -> "스마트시티 협력"."""
    head = text[:position].rstrip()
    m = re.search(r"((?:[가-힣A-Za-z0-9·]+ ){0,3}[가-힣A-Za-z0-9·]+)$", head)
    if not m:
        return None
    words = m.group(1).split()
    kept: list[str] = []
    for w in reversed(words):
        if re.search(r"(을|를|은|는|이|가|에|에서|와|과|의|도|으로|로|하는|한|인|키로|간|등)$", w) and kept:
            break
        if re.search(r"(을|를|은|는|이|가|에|에서|와|과|으로|로|하는|한|인|키로|간)$", w):
            break
        if w in {"각각", "함께", "공동으로", "새로", "별도로"}:
            break  # "각각 디지털정부 협력 MOU": an adverb, not part of the topic
        kept.insert(0, w)
    phrase = " ".join(kept).strip()
    return phrase if len(phrase) >= 2 and not re.fullmatch(r"[\d\s]+", phrase) else None


# -- events --------------------------------------------------------------------------------


# "착수보고회를 열었고, 이어 16일에는 … 설명회를 가졌다": one event per clause.
_NEXT_EVENT = re.compile(r"(열었고|가졌고|개최했고|진행했고|열었으며|가졌으며|개최했으며|진행했으며),?\s")


_SESSION = re.compile(r"제\s?\d+\s?차\s(?:[A-Za-z가-힣]+\s)?[가-힣]*위원회(?=에서|가|는|를|\s(?:열|개최))")


def _events(
    sentence: Sentence, mentions: list[Mention], subjects: list[str], builder: Builder, ctx: Context
) -> None:
    text = sentence.text
    cut = _NEXT_EVENT.search(text)
    if cut is None or not all(
        any(w in part for w, _k in EVENT_WORDS) for part in (text[: cut.start()], text[cut.end() :])
    ):
        _event(sentence, mentions, subjects, builder, ctx)
        return
    at = cut.end()
    head = Sentence(sentence.start, sentence.start + at, text[:at])
    tail = Sentence(sentence.start + at, sentence.end, text[at:])
    _event(head, [m for m in mentions if m.end <= at], subjects, builder, ctx)
    shifted = [replace(m, start=m.start - at, end=m.end - at) for m in mentions if m.start >= at]
    # the subject of the first clause carries on unless the second names its own
    _event(tail, shifted, _subjects(tail.text, shifted, builder) or subjects, builder, ctx)


def _event(
    sentence: Sentence, mentions: list[Mention], subjects: list[str], builder: Builder, ctx: Context
) -> None:
    text = sentence.text
    if ctx.last_event is not None and re.match(r"\s*(참가국|참여국|참석국|참가 국가)(은|는|으로는)\s", text):
        # "참가국은 캄보디아, 라오스 … 우즈베키스탄이다": the countries of the event just told
        _extend(ctx.last_event.participant_countries, [m.key for m in mentions if m.category == "country"])
        return
    if ctx.last_event is not None and re.match(r"\s*(이번 )?행사(는|에는|에서는|에)\s", text):
        _extend_event(
            ctx.last_event, text, mentions, subjects, builder, 0, sentence
        )  # "행사는 A와 B가 주최했으며"
        return
    if not HELD.search(text):
        return
    if (
        ctx.last_event is not None
        and _DELEGATIONS.search(text)
        and not any(w in text for w, _k in EVENT_WORDS)
    ):
        # "네팔, 부탄 … 한국 등 14개국 관계자가 참가한다": the event just read, unnamed
        _extend(ctx.last_event.participant_countries, _attending_countries(text, mentions))
        return
    hit = None
    words = analyze(text).words
    for word, kind in EVENT_WORDS:
        if word not in text:
            continue
        for m in re.finditer(re.escape(word), text):
            if _modifier(text, words, m.end()):
                continue  # "워크숍 결과물은": the word qualifies another noun
            if text[m.end() : m.end() + 1] in {"생", "원"} and word in {"연수", "교육과정"}:
                continue  # "연수생들이", "연수원": the trainees and the institute, not a course
            if hit is None or m.start() < hit[0]:
                hit = (m.start(), m.end(), word, kind)
            break
    session = _SESSION.search(text) if hit is None else None
    if session is not None:  # "제47차 APT 관리위원회에서": a numbered sitting of a committee meets
        hit = (session.end() - 3, session.end(), "위원회", "meeting")
    if hit is None or not HELD.search(text) or NOT_EVENT_CONTEXT.search(text) or RECURRING.search(text):
        return
    start_pos, end_pos, word, kind = hit
    before = text[:start_pos]
    if re.search(r"\d+\s?개\s?(\S+\s){0,2}\S*$", before):
        return  # "16개 초청연수 과정을 열 계획": a series, not one event
    if (
        ctx.last_event is not None
        and re.match(r"\s*(은|는|에는|도|에서는|에서|에)\s", text[end_pos:])
        and (not before.strip() or re.search(r"(이번|이|그|해당|첫)\s?$", before))
    ):
        # "과정은 A와 B가 함께 운영한다": more about the event just read.
        _extend_event(ctx.last_event, text, mentions, subjects, builder, start_pos, sentence)
        return
    if re.search(r"(이|그|해당|같은|이번)\s?$", before) and not re.search(r"(개최|열렸|열린|연다)", text):
        return  # "이 회의에 참석한 …": a reference back to an event already read
    if (
        ctx.last_event is not None
        and ctx.last_event.kind == kind
        and re.match(r"(에|을|를)\s?(참가|참석|참여|수료|마친)(한|하고|했던)", text[end_pos:])
        and not _quoted(text[max(0, start_pos - 3) : end_pos + 1])
    ):
        return  # "연수에 참가한 … 대표단과": those taking part in the course already told
    if word == "과정" and not re.search(r"(연수|교육|훈련|전문가|과정['’”])", text):
        return
    tense = _tense(text)
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start_pos)), default=0)
    hi = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end_pos)), len(text))
    dates = [d for d in _dates(sentence, ctx, tense) if lo <= d.start < hi]  # "3~5일 장관회의…4일 포럼"
    first = dates[0] if dates else None
    if first is None and SAME_DAY.search(text) and ctx.last_date:
        start_value: str | None = ctx.last_date
    else:
        start_value = first.value if first else None
    ctx.last_date = start_value or ctx.last_date
    name = session.group() if session else _event_name(text, start_pos, end_pos)
    if name and re.fullmatch(r"(현장|산업|기업|시설)\s?(견학|방문|시찰)", name):
        name = None  # "현장 견학": what kind of visit it is, not its name
    guests: list[str] = []
    if _attended_there(text, start_pos, end_pos):
        # "KT는 … 열리는 'ITU … 포럼'에서 … 소개한다": the subject takes part; the host is not stated
        guests, subjects = list(subjects), []
        organizers = _organizers(text, mentions, [], builder, start_pos)
    else:
        organizers = _organizers(text, mentions, subjects, builder, start_pos, ctx.subject)
        if BOTH_SIDES.search(text[:start_pos]) and len(ctx.last_parties) >= 2 and len(organizers) < 2:
            organizers = list(ctx.last_parties)  # "양 기관은 같은 날 … 포럼도 공동 개최한다"
    named_by = next((m for m in mentions if m.category == "org" and _names_event(text, name, m)), None)
    if named_by is not None and not organizers:  # "WeGO 총회", "ITU 전권회의": the body holds it
        organizers = [builder.org_key(named_by.key)]
    countries = _attending_countries(text, mentions) + _footnote_countries(sentence, builder)
    event_kind: EventKind = kind  # type: ignore[assignment]
    if event_kind == "meeting" and organizers and word in {"회담", "면담", "양자회담", "회의"}:
        # "A는 B와 면담을 갖고": talks are held by both sides
        for partner in _with_list(text, [m for m in mentions if m.start < start_pos]):
            actor = _actor(builder, partner)
            if actor and actor not in organizers and partner.category != "country":
                organizers.append(actor)
    event = Event(
        kind=event_kind,
        name=name,
        organizers=organizers,
        participant_countries=list(dict.fromkeys(countries)),
        participant_organizations=[g for g in guests if g not in organizers],
        venues=_locations(mentions)
        or ([ctx.last_place] if ctx.last_place and SAME_PLACE.search(text) else []),
        start=start_value,
        end=(first.end_value or _until(text, dates, first)) if first else None,
        topics=[q for _s, _e, q in _quoted(text) if q != name][:3],
        themes=themes_in(text),
        evidence=[sentence.evidence("ko.event.held", 0.7)],
    )
    if start_value is None and not _quoted(text):
        return  # an undated, unnamed mention is talk about events, not a report of one
    for located in mentions:  # "타슈켄트정보기술대학교(TUIT)에서 열렸다": the premises are the venue
        if located.category == "org" and located.particle in {"에서", "에서는"} and session is None:
            org = next((o for o in builder.orgs if o.key == builder.org_key(located.key)), None)
            if org is not None:
                site = builder.add_site(
                    [org.names[0]], "venue", sentence.evidence("ko.site.premises", 0.6), country=org.country
                )
                event.venues.append(site.key)
    if (
        word in {"개소식", "착수식", "개통식", "출범식"}
        and ctx.last_project is not None
        and ctx.last_project.start is None
    ):
        ctx.last_project.start = start_value
        ctx.tentative.add(id(ctx.last_project))
    ctx.last_place = next(iter(event.venues), ctx.last_place)
    ctx.last_event = builder.add_event(event)


_ORDINAL = re.compile(r"((제\s?\d+\s?(차|회))|\d{4}년?)\s?")


def _until(text: str, dates: list[DateMention], first: DateMention) -> str | None:
    """ "지난 11일 개강해 다음 달 5일까지 운영한다": the closing day, told apart from the opening."""
    for d in dates:
        if d.start > first.end and text[d.end : d.end + 2] == "까지" and d.value > first.value:
            return d.value
    return None


def _names_event(text: str, name: str | None, org: Mention) -> bool:
    """ "ITU 전권회의", "제47차 APT 관리위원회": the organization heads the event's name,
    after at most an ordinal or a year."""
    at = text.find(name) if name else -1
    return at >= 0 and at <= org.start and _ORDINAL.sub("", text[at : org.start]) == ""


_PASSIVE_HELD = re.compile(r"(열리는|열린|열릴|개최되는|개최된|개최될|진행되는|진행된)\s")


def _attended_there(text: str, start: int, end: int) -> bool:
    """The event is only where the subject acts: a passive "열리는 X에서/에" adjunct."""
    passive = [m for m in _PASSIVE_HELD.finditer(text, 0, start) if start - m.end() <= 40]
    return bool(passive) and re.match(r"['’”\"]?\s?(에서|에|에는|에서는)\s", text[end:]) is not None


_VISITORS = re.compile(r"(대표단|방문단|사절단|시찰단|연수단)(은|이|도)\s")
_TOURED = re.compile(r"(찾아|방문해|방문하여)\s.{0,60}?(둘러봤|둘러보았|살펴봤|살펴보았|견학했|시찰했)")


def _visit(sentence: Sentence, mentions: list[Mention], builder: Builder, ctx: Context) -> None:
    """ "X 대표단은 10일 … 시범도시를 찾아 … 시설을 둘러봤다": a dated study visit by a delegation,
    reported without an event word; the visitors' body takes part, no host is stated."""
    text = sentence.text
    visitors = _VISITORS.search(text)
    toured = _TOURED.search(text, visitors.end()) if visitors else None
    if visitors is None or toured is None or any(w in text for w, _k in EVENT_WORDS):
        return
    dates = [d for d in _dates(sentence, ctx, "past") if visitors.end() <= d.start < toured.start()]
    if not dates:
        return
    guests: list[str] = []
    for m in mentions:
        if m.end > visitors.start() or visitors.start() - m.end > 1:
            continue
        actor = _actor(builder, m)
        if actor is None and m.category == "site":  # "수라바야 대표단": the city's government
            place = sentence.text[m.start : m.end]
            org = builder.find_org(place + "시") or builder.find_org(place)
            actor = builder.org_key(org.key) if org else None
        if actor:
            guests.append(actor)
    seen = [m for m in mentions if m.category == "site" and visitors.end() <= m.start < toured.end()]
    event = Event(
        kind="study_tour",
        name=None,
        organizers=[],
        participant_countries=[],
        participant_organizations=guests,
        venues=_locations(seen)[-1:],
        start=dates[0].value,
        end=None,
        topics=[],
        themes=themes_in(text),
        evidence=[sentence.evidence("ko.event.visit", 0.6)],
    )
    ctx.last_event = builder.add_event(event)


_DELEGATIONS = re.compile(r"\d+\s?개국\s?.{0,30}?(참가|참석|참여)")


def _extend_event(
    event: Event,
    text: str,
    mentions: list[Mention],
    subjects: list[str],
    builder: Builder,
    position: int,
    sentence: Sentence,
) -> None:
    attending = re.search(r"(참석|참가|참여|방문|찾은)", text) and not re.search(
        r"(주최|주관|개최|운영)", text
    )
    target = event.participant_organizations if attending else event.organizers
    for key in _organizers(text, mentions, subjects, builder, position):
        if key not in target and key not in event.organizers:
            target.append(key)
    if attending:  # "워크숍에는 네팔, 부탄 … 등 14개국 공무원이 참가한다": the delegations
        _extend(event.participant_countries, _attending_countries(text, mentions))
    elif hosted := re.search(r"(주최|주관)(했|하|한)[^.]*?(참석|참가)", text):
        # "회의는 A와 B가 공동 주최했으며 피지, 통가 … 10개국 대표단이 참석했다": after the hosts
        later = [m for m in mentions if m.start > hosted.start()]
        _extend(event.participant_countries, _attending_countries(text, later))
    for key in _locations(mentions):
        if key not in event.venues:
            event.venues.append(key)
    event.evidence.append(sentence.evidence("ko.event.more", 0.6))


def _attending_countries(text: str, mentions: list[Mention]) -> list[str]:
    """Countries named as taking part, not those met with ("A와") or named inside a quote."""
    quoted = _quoted(text)
    return [
        m.key
        for m in mentions
        if m.category == "country"
        and m.particle not in WITH
        and not any(qs <= m.start < qe for qs, qe, _q in quoted)
        and not _names_place(text, m, mentions)
    ]


def _names_place(text: str, country: Mention, mentions: list[Mention]) -> bool:
    """ "태국 방콕에서 열리는": the country only locates the venue that follows it."""
    return not country.particle and any(
        m.category == "site" and m.start > country.end and not text[country.end : m.start].strip()
        for m in mentions
    )


def _extend(target: list[str], more: list[str]) -> None:
    target.extend(x for x in dict.fromkeys(more) if x not in target)


def _modifier(text: str, words: list, end: int) -> bool:
    """True when the word ending at ``end`` carries no particle and a plain noun follows it."""
    here = next((w for w in words if w.start < end <= w.end), None)
    if here is None or here.particle or here.end != end:
        return False
    following = next((w for w in words if w.start > end), None)
    return bool(
        following is not None
        and following.nominal
        and not HELD.search(following.surface)
        and text[end : following.start].strip() == ""
        and not re.match(r"(열|개최|진행|참가|참석|개막)", following.surface)
    )


def _event_name(text: str, start: int, end: int) -> str | None:
    for qs, qe, quoted in _quoted(text):
        if qs <= start <= qe + 1:
            return quoted
    m = re.search(r"((?:[가-힣A-Za-z0-9·]+ ){0,2}[가-힣A-Za-z0-9·]*)$", text[:start])
    words = m.group(1).split() if m else []
    kept: list[str] = []
    for w in reversed(words):
        if re.search(
            r"(을|를|은|는|이|가|에|에서|와|과|의|도|으로|로|하는|한|인|된|등|열린|여는|가진|\*)$", w
        ) or re.search(r"\d", w):
            break
        kept.insert(0, w)
    if kept and start > 0 and not text[start - 1].isspace():  # "착수보고회": the word is glued on
        return " ".join([*kept[:-1], kept[-1] + text[start:end]]).strip()
    name = " ".join([*kept, text[start:end]]).strip()
    return name if kept else None


_ACTIVE = re.compile(r"(진행했|개최했|열었|운영했|마련했|주최했|진행한다|개최한다|연다|운영한다|마련한다)")


def _organizers(
    text: str,
    mentions: list[Mention],
    subjects: list[str],
    builder: Builder,
    position: int,
    fallback: list[str] | None = None,
) -> list[str]:
    out = list(subjects)
    if (
        not out and fallback and (_ACTIVE.search(text) or re.search(r"(와|과) (공동으로|함께)", text))
    ):  # "2019년 11월에는 KOICA와 함께 … 연수를 진행했다"
        out = list(fallback)
    joint = re.search(r"(와|과)\s?(공동으로|함께|공동 주최|공동주최)", text)
    for m in mentions:
        if m.category not in {"org", "person"}:
            continue
        actor = _actor(builder, m)
        if actor is None or _names_unit(m, mentions, builder):
            continue
        listed_joint = joint and m.particle in WITH | {""} and m.end <= joint.end()
        host_list = re.match(r"[\s·,]*(공동개최|공동 개최|공동주최|주최|주관)", text[m.end :])
        if (
            listed_joint
            or host_list
            or (m.particle in WITH and re.search(r"함께 (운영|개최|진행|연다|열)", text))
        ) and actor not in out:
            out.append(actor)
    # "행안부·WeGo·세계은행·ITU 공동개최": a list of organizations before the word.
    host = re.search(r"(공동개최|공동 개최|공동주최|주최)", text)
    if host:
        for m in mentions:
            if (
                m.category == "org"
                and m.end <= host.start()
                and re.fullmatch(r"[\s·,.ㆍA-Za-z가-힣]*", text[m.end : host.start()])
            ):
                actor = _actor(builder, m)
                if actor and actor not in out:
                    out.append(actor)
    return out


def _names_unit(m: Mention, mentions: list[Mention], builder: Builder) -> bool:
    """ "유엔개발계획(UNDP) 서울정책센터와 함께": the parent only qualifies its unit, which hosts."""
    parent = builder.org_key(m.key)
    for u in mentions:
        if u is m or u.category != "org" or not (m.start <= u.start <= m.end + 2 and u.end > m.end):
            continue
        org = next((o for o in builder.orgs if o.key == builder.org_key(u.key)), None)
        if org is not None and org.part_of == parent:
            return True
    return False


def _footnote_countries(sentence: Sentence, builder: Builder) -> list[str]:
    """ "19개국*이 참여": the starred footnote paragraph that follows lists the countries."""
    if not re.search(r"개국\s?\*", sentence.text):
        return []
    body = builder.article.text
    m = re.search(r"(?m)^\s*\*\s*(.+)$", body[sentence.end :])
    if not m:
        return []
    from graph.gazetteer import load_gazetteer

    line = m.group(1)
    return [e.country for _s, _e, e in load_gazetteer().find_all(line, "country") if e.country]


# -- projects ------------------------------------------------------------------------------


_RUNS = re.compile(r"(추진|운영|구축|시작|진행|만들|개발|도입|출범|착수|설립|세운|열었|주관)")
_BEGAN = re.compile(r"(시작|착수|개시|출범|문을 연|개소)")
_STARTED = re.compile(r"\S*\s?.{0,12}?(시작|착수|개시|출범|문을 연|개소|구축한|추진된|추진하|추진한)")
_OPENING = re.compile(r"^\s*(개소식|착수식|출범식|개통식|준공식|발대식)")
_THIS_PROJECT = re.compile(r"(이번|이|해당|그|동) (사업|프로젝트|프로그램)(은|는|에는|에|을|를|의|이|가)?\s")
_GROUNDBREAKING = re.compile(r"(착공|착수|가동|개통|서비스를 시작|운영을 시작)")
_JOINTLY = re.compile(r"(와|과) (함께|공동으로) (추진|운영|수행|시행)")


def _project(
    sentence: Sentence, mentions: list[Mention], subjects: list[str], builder: Builder, ctx: Context
) -> None:
    text = sentence.text
    about_project = not (any(w in text for w, _k in AGREEMENT_WORDS) and CONCLUDED.search(text))
    found = _project_names(text)
    if not found and ctx.last_project is not None and _GROUNDBREAKING.search(text):
        dated = _dates(sentence, ctx, _tense(text))
        if dated and (ctx.last_project.start is None or id(ctx.last_project) in ctx.tentative):
            ctx.last_project.start = dated[0].value  # "착공은 내년으로 잡혀 있다"
            ctx.tentative.discard(id(ctx.last_project))
    if not found and ctx.last_project is not None and _THIS_PROJECT.search(text):
        # "이번 사업은 KT가 주관하고 …": more about the project just read.
        _extend_project(ctx.last_project, sentence, mentions, subjects, builder, ctx)
        return
    # "이 사업은 ADB의 '… 신탁기금'에서 지원받아 2024년부터 추진된다": the sentence is about the
    # project just read; a fund or programme it names is new but takes none of its dates.
    this = ctx.last_project if found and _THIS_PROJECT.match(text) else None
    if this is not None:
        _extend_project(this, sentence, mentions, subjects, builder, ctx)
    for names, start, end in found:
        described = _DEFINITION.match(text) is not None  # "X는 … 사업이다" says what X is, not who runs it
        operators = list(subjects) or (list(ctx.subject) if _RUNS.search(text) and not described else [])
        instance = re.match(r"['’”\"]?\s*(이)?라는 이름", text[end + 1 :]) and ctx.last_project is not None
        if instance and ctx.last_project is not None and not operators:
            # "임자도에는 'X'라는 이름으로 …": a named instance of the programme just described
            operators = list(ctx.last_project.operators)
        if re.search(
            r"(양측|양국|두 기관|양 기관|양사)(이|은|는|가)? (함께|공동으로)? ?(추진|운영|진행|구축)", text
        ):
            operators = list(ctx.last_parties) or operators
        # "코이카 초청연수", "KT의 기가스토리": an organization named right before the name runs it.
        owner = next(
            (
                m
                for m in mentions
                if m.category == "org"
                and m.end <= start
                and re.fullmatch(r"\s*(의\s*)?['‘]?", text[m.end : start])
                and (m.particle in {"", "의"})
            ),
            None,
        )
        if owner is not None and (actor := _actor(builder, owner)):
            operators = [actor]
        partners = [a for m in _with_list(text, mentions) if (a := _actor(builder, m)) and a not in operators]
        if _JOINTLY.search(text):  # "A와 함께 추진": both run it
            operators += [p for p in partners if p not in operators]
            partners = []
        sites = [m.key for m in mentions if m.category == "site" and m.particle in LOCATIVE and about_project]
        countries = [m.key for m in mentions if m.category == "country" and about_project]
        for key in sites:
            site = next(s for s in builder.sites if s.key == key)
            if site.country and site.country not in countries:
                countries.append(site.country)
        begun = None
        opening = _OPENING.match(text[end + 1 :])
        if opening:  # "'디지털 아일랜드' 개소식": the project starts when it opens
            dated = _dates(sentence, ctx, _tense(text))
            begun = dated[0].value if dated else ctx.last_date
        elif this is None:
            # "NIA는 2002년 IAC 구축 사업을 시작해", "올해부터 5년간 … 사업을 추진": a date before
            # the name, and a verb of starting after it (or 부터 on the date).
            for d in _dates(sentence, ctx, "past"):
                if (
                    about_project
                    and (
                        text[d.end : d.end + 2] == "부터"  # "'X'은 내년부터 3년간 진행된다"
                        or (d.end <= start and _STARTED.match(text[end:]))
                        # "X는 지난해 10월 … 처음 시작한 사업이다"
                        or (described and _BEGAN.search(text[d.end : d.end + 40]) is not None)
                    )
                ):
                    begun = d.value
                    break
        project = builder.add_project(
            Project(
                names=names,
                operators=operators,
                partners=partners,
                sites=sites,
                countries=countries,
                start=begun,
                themes=themes_in(text),
                evidence=[sentence.evidence("ko.project.named", 0.6)],
            )
        )
        ctx.last_project = this or project
        if opening:
            ctx.tentative.add(id(project))


def _extend_project(
    project: Project,
    sentence: Sentence,
    mentions: list[Mention],
    subjects: list[str],
    builder: Builder,
    ctx: Context,
) -> None:
    text = sentence.text
    participating = re.search(r"(참여|참가|협력기관)", text)
    for key in subjects:
        target = project.partners if participating and key not in project.operators else project.operators
        if key not in target and (
            target is project.partners or not project.operators or re.search(r"주관|주도", text)
        ):
            target.append(key)
    for m in _with_list(text, mentions):
        actor = _actor(builder, m)
        if actor and actor not in project.operators and actor not in project.partners:
            project.partners.append(actor)
    if project.start is None or id(project) in ctx.tentative:
        for d in _dates(sentence, ctx, "past"):
            if text[d.end : d.end + 2] == "부터":
                project.start = d.value
                ctx.tentative.discard(id(project))
                break
    project.evidence.append(sentence.evidence("ko.project.more", 0.6))


_ONLY_PARTICLE = re.compile(r"와|과|의|및|를|을|은|는|이|가|에|에서|로|으로|도|또는|등")
_NOT_NAME_WORD = re.compile(
    r"(하는|한|인|된|위한|통한|적|던|며|고|서|별|형|라|면|다|게|지|는|할|될)$|^\d|년$|개$|곳$|명$"
)
_TIME_WORDS = {
    "경우",
    "만큼",
    "때문",
    "위해",
    "통해",
    "대해",
    "따라",
    "동안",
    "맡고",
    "전",
    "후",
    "지난",
    "지난달",
    "지난해",
    "이달",
    "같은",
    "올해",
    "내년",
    "작년",
    "최근",
    "이번",
    "당시",
    "향후",
    "앞서",
    "이후",
    "현재",
    "및",
    "등",
}


def _name_before(text: str, head_start: int, max_words: int = 4) -> list[str]:
    """The run of bare nouns right before a head word: the name it heads."""
    kept: list[str] = []
    edge = head_start
    for word in reversed([w for w in analyze(text).words if w.end <= head_start]):
        if text[word.end : edge].strip() or len(kept) >= max_words:
            break
        if (
            word.particle
            or _NOT_NAME_WORD.search(word.surface)
            or word.surface in _TIME_WORDS
            or _ONLY_PARTICLE.fullmatch(word.surface)
        ):
            break
        if word.surface[:1] in _BULLETS:  # "▲도시 데이터 플랫폼": a list item starts here
            kept.insert(0, word.surface)
            break
        kept.insert(0, word.surface)
        edge = word.start
    return kept


_BULLETS = "▲△■□●○◆◇"


_HEAD = re.compile(
    r"(" + "|".join(PROJECT_HEADS) + r")(?:(?![가-힣])|(?=(?:을|를|은|는|이|가|에|의|과|와|으로|로|도)))"
)
_DEFINITION = re.compile(r"^(?P<name>(?:\S+ ){0,2}\S+?)(은|는) .*(프로그램|사업|프로젝트)(이다|다)\.?$")


def _is_common(text: str, word: str) -> bool:
    found = next((w for w in analyze(text).words if w.surface == word), None)
    return bool(found and found.common)


def _split_quoted(quoted: str) -> list[str]:
    """ "씨앗온(CIAT-ON)" -> ["씨앗온", "CIAT-ON"]."""
    m = re.fullmatch(r"\s*([^()]+?)\s*\(([^()]+)\)\s*", quoted)
    return [m.group(1), m.group(2)] if m else [quoted.strip()]


# "7개국에서 운영 중인 '디지털정부협력센터'", "추진하는 'X'": what someone runs or carries out.
_RUN_BEFORE = re.compile(
    r"(운영|추진|구축|설치|개설|조성|건설)\s?(중인|하는|하고 있는|해 온)\s*([가-힣]+\s){0,2}['‘]$"
)


# A direct quotation of a speaker: double quotes followed by 고/라며/라고.
_SPEECH = re.compile(r"[\"“][^\"“”]{4,}[\"”](?=\s?(고|라고|라며|며|이라며|이라고)\s)")


_COMMERCE = re.compile(
    r"(매출|영업이익|순이익|실적|점유율|주가|시가총액)|(고객|이용자|가입자)[^.]{0,20}(늘었|늘어|증가|감소|줄었)"
)


def _project_names(text: str) -> list[tuple[list[str], int, int]]:
    """Names of projects in a sentence: "<name> 사업/프로젝트/플랫폼", a quoted name that is built
    or run, and the subject of a definition ("X는 … 프로그램이다")."""
    out: list[tuple[list[str], int, int]] = []
    if _COMMERCE.search(text):
        return out  # "플랫폼 '패브릭스'를 쓰는 기업 고객도 늘었다": products and sales, not projects
    speech = [q.span() for q in _SPEECH.finditer(text)]
    for m in _HEAD.finditer(text):
        if any(a < m.start() < b for a, b in speech):
            continue  # "…디지털 전환 사업에 참여할 수 있도록 하겠다"고 말했다: a hope, not a project
        if _modifier(text, analyze(text).words, m.end()):
            continue  # "표준 플랫폼 설계": the head qualifies another noun
        if re.match(r"\s*(을|를)\s*(키우|키워)", text[m.end() :]):
            continue  # "AI 서비스 사업을 키우고 있다": a line of business, not a project
        glued = m.start() > 0 and re.match(r"[가-힣A-Za-z0-9]", text[m.start() - 1])
        head_start = m.start()
        last: list[str] = []
        if glued:  # "개발사업": the name's last word carries the head
            word = re.search(r"[가-힣A-Za-z0-9·\-]+$", text[: m.start()])
            if word is None:
                continue
            head_start = word.start()
            last = [word.group()]
        before = _name_before(text, head_start)
        if before and before[0][:1] in _BULLETS and re.match(r"\s[가-힣]", text[m.end() :]):
            continue  # "▲도시 데이터 플랫폼 운영 경험 공유": a listed topic, not a named project
        kept = [
            w.lstrip(_BULLETS)
            for w in before + last
            if w not in {"이번", "해당", "관련"} and re.search(r"[가-힣A-Za-z0-9]", w)  # not a "ㅇ" bullet
        ]
        if not kept or all(w in GENERIC_PROJECT_WORDS or w.endswith(("협력", "지원")) for w in kept):
            continue
        if "분야" in kept or all(_is_common(text, w) for w in kept):
            continue  # "교육 프로그램", "핀테크 분야 사업": a kind of work, not a named project
        name = " ".join(kept) + ("" if glued else " ") + m.group(1)
        start = text.rfind(kept[0], 0, m.end())
        out.append(([name], start, m.end()))
    for qs, qe, quoted in _quoted(text):
        after = text[qe + 1 : qe + 14]
        built = re.match(
            r"\s*(을|를|이|가|은|는)?\s*(만들|구축|개발|운영|도입|출범|시작|열었|열고|개소|문을 열)", after
        )
        out = [entry for entry in out if not (qs <= entry[1] < qe + 1)]  # the quote names it whole
        bare = re.sub(r"\s*\([^()]*\)$", "", quoted.strip())  # "… 신탁기금(DTTF)"
        if re.search(r"(" + "|".join(PROJECT_HEADS) + r")$", bare):
            out.append((_split_quoted(quoted), qs, qe))
            continue
        labelled = [entry for entry in out if 0 <= qs - entry[2] <= 3]  # "통합 플랫폼 '씨앗온'"
        if labelled:
            labelled[0][0][:0] = _split_quoted(quoted)
        elif any(quoted.rstrip().endswith(w) for w, _k in EVENT_WORDS):
            continue  # "'… 전문가 과정'을 시작으로": a course is an event
        elif re.match(r"\s*(이)?라는 이름", after):
            out.append((_split_quoted(quoted), qs, qe))  # "'임자 기가 아일랜드'라는 이름으로 … 들어섰다"
        elif re.match(r"\s*(사업|프로젝트|프로그램|플랫폼)", after) or _OPENING.match(after):
            out.append((_split_quoted(quoted), qs, qe))  # "'X' 사업", "'X' 개소식"
        elif (
            built
            or re.search(r"(플랫폼|사업|프로젝트|프로그램)\s*['‘]$", text[:qs])
            or _RUN_BEFORE.search(text[:qs])
        ):
            out.append((_split_quoted(quoted), qs, qe))
    definition = _DEFINITION.match(text)
    if definition and not out:
        name = definition.group("name")
        if not re.search(r"(이번|이|그|해당)$", name.split()[0]) and len(name) >= 3:
            out.append(([name], 0, len(name)))
    return out
