"""English relations: concluded agreements, events and projects over the found entities.

Each rule reads one sentence at a time and asks :class:`Entities` which organizations,
sites and countries the clause names. Later sentences that only refer back ("The
agreement was signed on ...", "The course runs from ...") fill in the record the earlier
sentence opened, instead of creating a second one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graph.extract._en_deps import DateFinder
from graph.extract._en_entities import Entities, Mention
from graph.extract._en_text import MONTHS, WEEKDAYS, Sentence
from graph.model import Evidence

# --- shared clause helpers ------------------------------------------------------------------

# "A and the Republic of Korea's B", "A and the Mongolian B": a country before the next name
_COORD_GAP = re.compile(
    r"^(?:\s*\([^)]*\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?"
    r"(?:(?:[A-Z][\w-]*\s+(?:of\s+)?){0,3}[A-Z][\w-]*(?:'s|’s)\s+|[A-Z][a-z]+\s+)?$"
)
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|announced|announces|told|added|reported|stated)\s+(?:on\s+)?$"
)
_REPORTING_AFTER = re.compile(r"^,?\s*(?:said|announced|told|reported)\b")
_DATELINE_AFTER = re.compile(r"^\s*(?:/[^/\n]{1,60}/\s*|\([^()\n]{1,30}\)\s*)?(?:--|—|–)")
_FUTURE = re.compile(
    r"\b(?:will|shall|to be held|is set to|are set to|scheduled|upcoming|plans? to|planning to|expected to)\b"
)
_PAST = re.compile(
    r"\b(?:was|were|had|has|have|did|signed|held|hosted|took|joined|concluded|inked|formed|met|visited|"
    r"attended|trained|organi[sz]ed|opened|launched|received|welcomed)\b"
)


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    value: str
    end_value: str | None


def coordinated(mentions: Sequence[Mention], first: int, text: str) -> list[Mention]:
    """The mention at ``first`` and those joined to it by 'and', commas or an alias in parentheses."""
    out = [mentions[first]]
    for nxt in mentions[first + 1 :]:
        gap = text[out[-1].end : nxt.start]
        if nxt.key == out[-1].key and re.fullmatch(r"\s*\(\s*", gap):
            continue
        if _COORD_GAP.match(gap) or (nxt.key == out[-1].key and re.fullmatch(r"\s*\(\s*", gap)):
            out.append(nxt)
            continue
        break
    return out


def unique_keys(mentions: Sequence[Mention]) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m.key not in seen:
            seen.append(m.key)
    return seen


class Relations:
    def __init__(
        self,
        ents: Entities,
        published: date | None,
        find_dates: DateFinder | None,
        theme_labels: Sequence[tuple[str, re.Pattern[str]]],
    ) -> None:
        self.ents = ents
        self.text = ents.text
        self.published = published
        self.find_dates = find_dates
        self.theme_labels = theme_labels
        self.agreements: list[AgreementRec] = []
        self.events: list[EventRec] = []
        self.projects: list[ProjectRec] = []

    # -- helpers ----------------------------------------------------------------------------

    def tense(self, sentence: Sentence) -> str:
        if _FUTURE.search(sentence.text):
            return "future"
        if _PAST.search(sentence.text):
            return "past"
        return "unknown"

    def dates(self, sentence: Sentence, tense: str | None = None) -> list[DateHit]:
        """Date expressions of the sentence, minus those that date the report ("said Wednesday")."""
        if self.find_dates is None:
            return []
        try:
            found: Sequence[Any] = self.find_dates(
                sentence.text, self.published, "en", tense=tense or self.tense(sentence)
            )
        except Exception:  # a date the finder cannot resolve is simply not a date here
            return []
        out: list[DateHit] = []
        for d in found:
            before = sentence.text[: d.start]
            after = sentence.text[d.end :]
            if _REPORTING_BEFORE.search(before) or _REPORTING_AFTER.match(after):
                continue
            if d.start < 60 and _DATELINE_AFTER.match(after):
                continue  # "SEOUL, Sept. 18, 2025 /PRNewswire/ --": the release's date, not the event's
            if not d.value:
                continue
            pair = re.search(r"\b(\d{1,2})\s+and\s+$", before)
            if pair and d.end_value is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.value):
                # "on 7 and 8 May": two consecutive days, written with the month once
                first = f"{d.value[:8]}{int(pair.group(1)):02d}"
                if first < d.value:
                    out.append(
                        DateHit(sentence.start + pair.start(1), sentence.start + d.end, first, d.value)
                    )
                    continue
            out.append(DateHit(sentence.start + d.start, sentence.start + d.end, d.value, d.end_value))
        same_day = re.search(r"\b(?:on\s+)?the\s+same\s+day\b", sentence.text)
        if same_day and not out:
            earlier = self._last_day_before(sentence)
            if earlier is not None:
                out.append(
                    DateHit(sentence.start + same_day.start(), sentence.start + same_day.end(), earlier, None)
                )
        # "last year ... in November": the precise date says the same thing as the vague one
        return [d for d in out if not any(o is not d and o.value.startswith(d.value + "-") for o in out)]

    def _last_day_before(self, sentence: Sentence) -> str | None:
        """'on the same day': the latest full date the story gave before this sentence."""
        for other in reversed(self.ents.sentences):
            if other.start >= sentence.start or re.search(r"\bthe\s+same\s+day\b", other.text):
                continue
            days = [d for d in self.dates(other) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.value)]
            if days:
                return days[-1].value
        return None

    def themes(self, start: int, end: int) -> list[str]:
        found: list[str] = []
        span = self.text[start:end]
        for slug, pattern in self.theme_labels:
            if slug not in found and pattern.search(span):
                found.append(slug)
        return found

    def orgs_in(self, start: int, end: int) -> list[Mention]:
        return self.ents.org_at(start, end)

    def subject(self, sentence: Sentence, verb_at: int) -> list[str]:
        """The organizations that open the clause ending at ``verb_at`` (a coordinated noun phrase)."""
        clause_start = sentence.start
        head = self.text[sentence.start : verb_at]
        relative_at: int | None = None
        for m in re.finditer(r"\b(?:that|which|who)\s+|;\s*", head):
            clause_start = sentence.start + m.end()
            relative_at = sentence.start + m.start() if m.group(0)[0] != ";" else None
        lead = re.match(
            r"^(?:Under|In|On|At|During|After|Before|Beyond|Since|Through|For|As)\b[^,]*,\s*", head
        )
        if lead and clause_start == sentence.start:
            clause_start = sentence.start + lead.end()
        mentions = self.orgs_in(clause_start, verb_at)
        if not mentions and lead and clause_start == sentence.start + lead.end():
            mentions = self._appositive_subject(sentence.start, clause_start, verb_at)
        both = (
            None
            if mentions
            else re.search(
                r"(?i)\b(?:the|both)\s+(?:two\s+)?(sides|parties|ministries|companies|organi[sz]ations|agencies|"
                r"institutions|countries|firms|partners)\b",
                self.text[clause_start:verb_at],
            )
        )
        if both:
            # "the two ministries will ...": the signatories told so far, not a signing the story reports later
            told = [a for a in self.agreements if any(ev.start <= verb_at for ev in a.evidence)]
            # an agreement of earlier years is background; "the two sides" are those of the news
            current = [a for a in told if not self._from_earlier_year(a)]
            told = current or told
            if told:
                return list(told[-1].parties)
        if not mentions and relative_at is not None:
            antecedent = self._antecedent(sentence, relative_at)
            if antecedent is not None:
                return [antecedent]
        if not mentions:
            # "The centre will train ...": the latest organization of that kind
            ana = re.match(
                r"^\s*(?:the|The)\s+(centre|center|agency|ministry|university|company|firm|organi[sz]ation|bank|"
                r"institute|council|commission|foundation|operator|carrier)\b",
                self.text[clause_start:verb_at],
            )
            owner = self.ents.resolve_anaphor(ana.group(1), clause_start) if ana else None
            return [owner.key] if owner else []
        first = 0
        # skip a person's affiliation: "Name, head of KT's unit, said"
        return unique_keys(coordinated(self._unit_first(mentions), first, self.text))

    def _from_earlier_year(self, rec: AgreementRec) -> bool:
        return self.published is not None and rec.date is not None and int(rec.date[:4]) < self.published.year

    def _appositive_subject(self, start: int, lead_end: int, verb_at: int) -> list[Mention]:
        """'In June 2021 the NIA (NIA), a state agency, signed': the comma that seemed to close the
        opening phrase opens an appositive, and the name before it is the subject."""
        before = [m for m in self.orgs_in(start, lead_end) if m.end <= lead_end]
        if not before:
            return []
        gap = self.text[before[-1].end : verb_at]
        if re.fullmatch(r"\)?\s*(?:\([^)]*\)\s*)?,\s*(?:the|an?)\s+[^,;()]{0,60},\s*", gap):
            return [before[-1]]
        return []

    def _antecedent(self, sentence: Sentence, relative_at: int) -> str | None:
        """The body a subject relative clause hangs on: 'X, which hosted', 'X, the carrier that signed'.

        Only a name followed by nothing but a comma and at most a short description counts, so
        'a deal with X for the region that ...' does not make X the doer.
        """
        before = [m for m in self.orgs_in(sentence.start, relative_at) if m.end <= relative_at]
        if not before:
            return None
        last = before[-1]
        gap = self.text[last.end : relative_at]
        if re.fullmatch(r"\)?\s*(?:\([^)]*\)\s*)?,\s*(?:(?:the|an?)\s+[^,;()]{0,60}?\s*)?", gap):
            return last.key
        return None

    def objects(self, start: int, end: int) -> list[str]:
        mentions = self.orgs_in(start, end)
        if not mentions:
            ana = re.match(
                r"^\s*the\s+(centre|center|agency|ministry|university|company|firm|organi[sz]ation|bank|institute|"
                r"council|commission|foundation|operator|carrier|government)\b",
                self.text[start:end],
            )
            owner = self.ents.resolve_anaphor(ana.group(1), start) if ana else None
            return [owner.key] if owner else []
        return unique_keys(coordinated(self._unit_first(mentions), 0, self.text))

    def _unit_first(self, mentions: list[Mention]) -> list[Mention]:
        """'run by DICT's Literacy Bureau', 'A's Center and B's Institute signed': the named units
        act, not their parents."""
        kept: list[Mention] = []
        for parent, unit in zip(mentions, [*mentions[1:], None], strict=True):
            org = self.ents.orgs.get(unit.key) if unit is not None else None
            if (
                unit is not None
                and org is not None
                and org.part_of == parent.key
                and re.fullmatch(r"(?:'s|’s)\s+(?:the\s+)?", self.text[parent.end : unit.start])
            ):
                continue
            kept.append(parent)
        return kept

    def previous_subject(self, sentence: Sentence) -> list[str]:
        for other in reversed(self.ents.sentences):
            if other.start >= sentence.start:
                continue
            mentions = self.orgs_in(other.start, other.end)
            if mentions:
                return [mentions[0].key]
        return []

    def evidence(self, sentence: Sentence, rule: str, confidence: float) -> Evidence:
        return Evidence(sentence.start, sentence.end, rule, confidence)

    # -- agreements -------------------------------------------------------------------------

    def find_agreements(self) -> None:
        for sentence in self.ents.sentences:
            for clause in _signing_clauses(sentence):
                found = _AGREEMENT_TRIGGER.search(clause.text)
                if found is not None:
                    self._agreement(clause, found)
        self.agreements = [a for a in self.agreements if a.parties]
        for sentence in self.ents.sentences:
            if not _AGREEMENT_TRIGGER.search(sentence.text):
                self._background_agreement(sentence)
        self._fold_partial_agreements()
        self._fold_country_actors()

    def _fold_country_actors(self) -> None:
        """'A and B signed an MOU', then 'the MOU was signed by A's ministry and B's ministry': one signing.

        A country stands for its government only when no organization of that country signs for it, so
        a country-actor signing whose countries are exactly those of another signing of the same kind is
        that signing told twice.
        """
        orgs = self.ents.orgs

        def country_actor(key: str) -> bool:
            org = orgs[key]
            return org.government and any(e.rule == "en.org.country_actor" for e in org.evidence[:1])

        kept: list[AgreementRec] = []
        for rec in self.agreements:
            codes = {orgs[k].country for k in rec.parties}
            target = None
            if rec.parties and all(country_actor(k) for k in rec.parties):
                target = next(
                    (
                        o
                        for o in self.agreements
                        if o is not rec
                        and o.kind == rec.kind
                        and not any(country_actor(k) for k in o.parties)
                        and len(o.parties) == len(rec.parties)
                        and {orgs[k].country for k in o.parties} == codes
                        and (rec.date is None or o.date is None or rec.date == o.date)
                    ),
                    None,
                )
            if target is None:
                kept.append(rec)
                continue
            target.date = target.date or rec.date
            target.place = target.place or rec.place
            target.topics.extend(t for t in rec.topics if t not in target.topics)
            target.themes.extend(t for t in rec.themes if t not in target.themes)
            target.evidence.extend(rec.evidence)
            for key in rec.parties:
                self.ents.drop_country_actor(key)
        self.agreements = kept

    def _fold_partial_agreements(self) -> None:
        """A headline or caption that names one side of a signing the story reports in full is that signing."""
        kept: list[AgreementRec] = []
        for rec in self.agreements:
            fuller = [
                o
                for o in self.agreements
                if o is not rec
                and set(rec.parties) < set(o.parties)
                and (rec.date is None or o.date is None or rec.date == o.date)
            ]
            same_kind = [o for o in fuller if o.kind == rec.kind]
            if len(fuller) > 1 and len(same_kind) == 1:
                fuller = same_kind  # "wins $31 mln deal" in the headline: the contract, not the MOU
            if len(fuller) != 1:
                kept.append(rec)
                continue
            target = fuller[0]
            target.date = target.date or rec.date
            target.place = target.place or rec.place
            target.topics.extend(t for t in rec.topics if t not in target.topics)
            target.themes.extend(t for t in rec.themes if t not in target.themes)
            target.evidence.extend(rec.evidence)
        self.agreements = kept

    def _agreement(self, sentence: Sentence, trig: re.Match[str]) -> None:
        s = sentence.text
        verb_start = trig.start()
        prefix = s[:verb_start]
        if re.search(
            r"\b(?:will|would|to|plans?|planned|planning|aims?|expected|set|could|may|might|not|never|yet)\s+"
            r"(?:\w+\s+){0,1}$",
            prefix,
        ) and not re.search(r"\b(?:had|has|have)\s+$", prefix):
            return
        if re.search(r"\b(?:will|plans? to|planned to|expected to|set to)\b[^.]*$", prefix) and not re.search(
            r"\b(?:had|has|have|was|were)\b", prefix
        ):
            return
        noun = _AGREEMENT_NOUN.search(s)
        if noun is None and not trig.group("partner"):
            return
        if re.search(
            r"\b(?:a\s+(?:series|number|raft|string|slew)\s+of|several|multiple|various)\s+(?:[\w-]+\s+){0,3}$",
            s[: noun.start()] if noun else "",
        ):
            return  # "signed a series of deals": a summary of the signings the story goes on to report
        kind, strength = _agreement_kind(noun.group(0) if noun else "", trig.group(0))
        anaphoric = bool(
            re.search(
                r"\b(?:the|this|that|an?\s+earlier)\s+(?:(?:initial|signed|same)\s+)?(?:memorandum|mou|agreement|deal|partnership|contract|declaration|"
                r"letter)\b",
                s[: (noun.end() if noun else 0) + 1],
                re.IGNORECASE,
            )
        ) and not re.search(r"\bwith\b", s[trig.end() :])
        abs_verb = sentence.start + verb_start
        parties: list[str] = []
        subject: list[str] = []
        partners: list[str] = []
        between = re.search(r"\bbetween\s+", s[trig.start() :])
        if between:
            at = sentence.start + trig.start() + between.end()
            parties = self.objects(at, sentence.end)
        else:
            subject = self.subject(sentence, abs_verb)
            if (
                subject
                and re.search(r"\b(?:was|were|been|being|is|are)\s+$", prefix)
                and re.match(r"\s*(?:[\w-]+\s+){0,6}?by\s+", s[trig.end() :])
            ):
                subject = []  # "The IDA grant agreement was signed by A and B": the signers follow "by"
            if not subject and re.search(
                r"\b(?:it|they|the company|the firm|the two)\b", prefix, re.IGNORECASE
            ):
                subject = [] if anaphoric else self.previous_subject(sentence)
            parties.extend(subject)
            link = r"with|by|from" if kind == "contract" else r"with|by"
            # "signed during a visit by a delegation": the visitors are not the signatories
            with_m = re.search(rf"\b(?<!visit )(?<!trip )(?<!led )(?:{link})\s+", s[trig.start() :])
            if with_m:
                at = sentence.start + trig.start() + with_m.end()
                stop = re.search(
                    r"\s+(?:to|on|for|that|which|in|at|under|during|worth)\s+|[;.]|,\s+(?!and\b)",
                    self.text[at : sentence.end],
                )
                end = self._past_names(at + stop.start() if stop else sentence.end)
                partners = [k for k in self.objects(at, end) if k not in parties]
                parties.extend(partners)
        if not parties and not anaphoric:
            parties = self._signing_people(sentence, abs_verb)
        if not parties and not anaphoric:
            parties = self._country_parties(sentence, abs_verb, sentence.start + trig.end())
        if not parties:
            parties = self._listed_signers(sentence, sentence.start + trig.end())
        # "NIA signs MOU with Kazakhstan; results to be reported in Busan in November": the
        # clause after a semicolon is about something else
        semicolon = s.find(";", trig.end())
        clause_end = sentence.start + (semicolon if semicolon >= 0 else len(s))
        dates = [d for d in self.dates(sentence, "past") if d.start < clause_end]
        when = _nearest(dates, abs_verb)
        place = self._place(
            Sentence(sentence.start, clause_end, s[: clause_end - sentence.start], sentence.paragraph),
            abs_verb,
        )
        topics = _topics(self.text[abs_verb : sentence.end])
        rule = "en.agreement.partnered" if trig.group("partner") else "en.agreement.signed"
        # "A, B and C signed separate MOUs with D": one agreement per pair
        if len(subject) > 1 and partners and re.search(r"\b(?:separate|separately|respectively|each)\b", s):
            groups = [[one, *partners] for one in subject]
        else:
            groups = [parties]
        for group in groups:
            self._record_agreement(sentence, group, kind, strength, anaphoric, when, place, topics, rule)

    def _record_agreement(
        self,
        sentence: Sentence,
        parties: list[str],
        kind: str,
        strength: int,
        anaphoric: bool,
        when: DateHit | None,
        place: str | None,
        topics: list[str],
        rule: str,
    ) -> None:
        rec = self._merge_agreement(parties, anaphoric, kind, strength, when)
        if rec is None:
            if not parties and (kind != "declaration" or anaphoric):
                return
            # a declaration adopted by "ministers from N nations" keeps its slot until a later
            # sentence names the signers; one that never gets them is dropped
            rec = AgreementRec(kind=kind, parties=list(parties), strength=strength)
            self.agreements.append(rec)
        elif not anaphoric and strength > rec.strength:
            rec.kind, rec.strength = kind, strength
        for key in parties:
            if key not in rec.parties:
                rec.parties.append(key)
        if rec.date is None and when is not None:
            rec.date = when.value
        if rec.place is None and place is not None:
            rec.place = place
        rec.topics.extend(t for t in topics if t not in rec.topics)
        rec.themes.extend(t for t in self.themes(sentence.start, sentence.end) if t not in rec.themes)
        rec.evidence.append(self.evidence(sentence, rule, 0.85 if parties else 0.6))

    def _merge_agreement(
        self, parties: list[str], anaphoric: bool, kind: str, strength: int, when: DateHit | None
    ) -> AgreementRec | None:
        if not self.agreements:
            return None
        if not parties:
            return self.agreements[-1] if anaphoric or len(self.agreements) == 1 else None
        if anaphoric:
            unsigned = next((r for r in reversed(self.agreements) if not r.parties and r.kind == kind), None)
            if unsigned is not None:
                return unsigned
        for rec in reversed(self.agreements):
            if set(parties) != set(rec.parties):
                continue
            if anaphoric:
                return rec
            # the same signatories may conclude two documents: a contract after an earlier MOU
            same_kind = rec.kind == kind or strength < 3 or rec.strength < 3
            same_date = when is None or rec.date is None or rec.date == when.value
            if same_kind and same_date:
                return rec
        if anaphoric:
            for rec in reversed(self.agreements):
                if set(parties) <= set(rec.parties):
                    return rec
        return None

    def _signing_people(self, sentence: Sentence, verb_at: int) -> list[str]:
        """'Khoa and Seoul Vice Mayor Kim signed a letter of intent': officials sign for the bodies they belong to.

        Only when every signer before the verb has a known affiliation, so a half-known pair is not guessed.
        """
        lead = self.text[sentence.start : verb_at]
        signers: list[str] = []
        for person in self.ents.people.values():
            words = person.name.split()
            forms = {person.name, words[0], words[-1]}
            at = min(
                (m.start() for f in forms if len(f) > 2 for m in re.finditer(rf"\b{re.escape(f)}\b", lead)),
                default=-1,
            )
            if at < 0:
                continue
            if person.affiliation is None:
                return []
            signers.append(person.affiliation)
        return list(dict.fromkeys(signers)) if len(signers) > 1 else []

    def _country_parties(self, sentence: Sentence, verb_at: int, verb_end: int) -> list[str]:
        """A country that signs with no organization named for it stands for its government."""
        out: list[str] = []
        with_m = re.search(r"\bwith\s+", self.text[verb_end : sentence.end])
        with_end = verb_end
        if with_m:
            stop = re.search(
                r"\s+(?:to|on|for|that|which|in|at|under|during)\s+|[;.]|,\s+(?!and\b)",
                self.text[verb_end + with_m.end() : sentence.end],
            )
            with_end = (
                verb_end + with_m.end() + (stop.start() if stop else sentence.end - verb_end - with_m.end())
            )
        mentions = [m for m in self.ents.countries_in(sentence.start, verb_at)]
        mentions += self.ents.countries_in(verb_end + with_m.end(), with_end) if with_m else []
        for m in mentions:
            after = self.text[m.end : m.end + 12]
            if re.match(r"^(?:'s|’s)", after) or m.text in self.ents._demonyms:
                continue
            if re.search(r"\b(?:in|at|from)\s+$", self.text[max(0, m.start - 6) : m.start]):
                continue
            org = self.ents.government_for(m.key, m.text, m.start)
            if org.key not in out:
                out.append(org.key)
        return out

    def _background_agreement(self, sentence: Sentence) -> None:
        """'builds on a 2021 memorandum between A and B': a dated earlier agreement told as a noun phrase.

        The year (or an explicit 'earlier'/'existing') is what makes it concluded; an undated
        'a memorandum between A and B' may still be under negotiation.
        """
        s = sentence.text
        m = re.search(
            r"\b(?:an?|the|its|their)\s+(?:(?P<year>(?:19|20)\d{2})\s+|(?P<past>earlier|existing|previous)\s+)"
            r"(?:[\w-]+\s+){0,2}?(?P<noun>" + _AGREEMENT_NOUN.pattern + r")\s+between\s+",
            s,
        )
        if m is None or re.search(r"\b(?:negotiat\w*|draft|proposed|planned|will|would)\b", s[: m.start()]):
            return
        at = sentence.start + m.end()
        stop = re.search(
            r"\s+(?:on|to|for|that|which|in|at|under|during)\s+|[;.]", self.text[at : sentence.end]
        )
        parties = self.objects(at, at + stop.start() if stop else sentence.end)
        if len(parties) < 2:
            return
        kind, strength = _agreement_kind(m.group("noun"), "")
        year = m.group("year")
        when = (
            DateHit(sentence.start + m.start("year"), sentence.start + m.end("year"), year, None)
            if year
            else None
        )
        topics = _topics(s[m.end() :])
        self._record_agreement(
            sentence, parties, kind, strength, False, when, None, topics, "en.agreement.background"
        )

    def _past_names(self, end: int) -> int:
        """A clause cut at 'for' or 'on' ends after the name that word belongs to ('Fund for X')."""
        for m in self.ents.org_mentions:
            if m.start < end < m.end:
                return m.end
        return end

    def _listed_signers(self, sentence: Sentence, verb_end: int) -> list[str]:
        """'signed by ministers of A, B and C': each listed country signs through its government."""
        by = re.match(
            r"^\s+by\s+(?:the\s+)?(?:ministers|governments|leaders|heads of state|representatives|delegations)"
            r"\s+(?:of|from)\s+",
            self.text[verb_end : sentence.end],
        )
        if by is None:
            return []
        at = verb_end + by.end()
        stop = re.search(r",?\s+(?:who|which|that|to|on|in|at|during)\s+|[;.]", self.text[at : sentence.end])
        end = at + stop.start() if stop else sentence.end
        out: list[str] = []
        for m in self.ents.countries_in(at, end):
            named = next((o for o in self.ents.orgs.values() if o.government and o.country == m.key), None)
            org = named or self.ents.government_for(m.key, m.text, m.start)
            if org.key not in out:
                out.append(org.key)
        return out

    def _place(self, sentence: Sentence, after: int) -> str | None:
        best: str | None = None
        for m in self.ents.sites_in(sentence.start, sentence.end):
            before = self.text[max(sentence.start, m.start - 8) : m.start]
            if not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", before):
                continue
            site = self.ents.sites[m.key]
            if best is None or site.kind in ("building", "venue"):
                best = m.key
            if site.kind in ("building", "venue"):
                break
        return best

    # -- events -----------------------------------------------------------------------------

    def find_events(self) -> None:
        for sentence in self.ents.sentences:
            handled: list[tuple[int, int]] = []
            for m in _HOST_TRIGGER.finditer(sentence.text):
                self._hosted(sentence, m)
                handled.append((m.start(), m.end()))
                break
            for m in _EVENT_NOUN.finditer(sentence.text):
                self._event_noun(sentence, m, bool(handled))
            generic = re.search(
                r"\b(?:the|this)\s+(?:[\w-]+\s+){0,2}?(?:event|gathering|session)\b", sentence.text
            )
            attending = re.search(
                r"\b(?:attend|attended|attending|take part|took part|taking part|participate|participated)\b",
                sentence.text,
            )
            recent = bool(self.events) and any(
                e.end >= sentence.start - 400 for e in self.events[-1].evidence
            )
            listed = recent and len(self._participants(sentence)[0]) > 1
            if (
                (generic or ((attending or listed) and recent))
                and self.events
                and not _EVENT_NOUN.search(sentence.text)
            ):
                self._event_details(sentence, self.events[-1])
            if recent and not _EVENT_NOUN.search(sentence.text):
                self._anaphoric_hosts(sentence, self.events[-1])
        for sentence in self.ents.sentences:
            self._facility_launch(sentence)
        self._dates_from_signings()
        self.events = [e for e in self.events if e.start is not None or e.name is not None]

    def _anaphoric_hosts(self, sentence: Sentence, event: EventRec) -> None:
        """'The tour, which ran all week, was organised by A and B': hosts of the event just told."""
        m = re.search(
            r"\b[Tt]he\s+(?:tour|trip|visit|event|gathering|programme|program)\b[^.;]*?\b"
            r"(?:was|were|is|are|will\s+be)\s+(?:jointly\s+)?(?:organi[sz]ed|hosted|co-hosted|arranged)\s+by\s+",
            sentence.text,
        )
        if m is None or event.organizers:
            return
        event.organizers = self.objects(sentence.start + m.end(), sentence.end)
        if event.organizers:
            event.participant_organizations = [
                o for o in event.participant_organizations if o not in event.organizers
            ]
            event.evidence.append(self.evidence(sentence, "en.event.anaphoric_hosts", 0.6))

    def _facility_launch(self, sentence: Sentence) -> None:
        """'On Saturday, A launched the X Digital Hub': the dated opening of a named facility is an event.

        Only facility heads count, so a product launch ('launched the Galaxy S24') stays out.
        """
        s = sentence.text
        m = re.search(
            r"\b(?:launched|opened|inaugurated)\s+the\s+((?:[A-Z][\w'’-]*\s+){1,6}"
            r"(?:Hub|Centre|Center|Academy|Campus|Lab|Laboratory|Park))\b",
            s,
        )
        if m is None or self.tense(sentence) == "future" or _EVENT_NOUN.search(s):
            return
        organizers = self.subject(sentence, sentence.start + m.start())
        when = _nearest(self.dates(sentence, "past"), sentence.start + m.start())
        if not organizers or when is None:
            return
        rec = EventRec(kind="other", organizers=organizers, start=when.value, end=when.end_value)
        rec.venues = [
            x.key
            for x in self.ents.sites_in(sentence.start + m.end(), sentence.end)
            if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", self.text[max(0, x.start - 8) : x.start])
        ][:1]
        rec.topics = [f"launch of {m.group(1)}"]
        rec.themes = self.themes(sentence.start, sentence.end)
        rec.evidence.append(self.evidence(sentence, "en.event.facility_launch", 0.6))
        self.events.append(rec)

    def _dates_from_signings(self) -> None:
        """'signed at the X Forum' with no date in that sentence: the forum is on the signing day."""
        for event in self.events:
            if event.start is not None:
                continue
            for rec in self.agreements:
                if rec.date is None or len(rec.date) < 10:
                    continue
                if any(
                    a.start == e.start and re.search(r"\b(?:at|during)\s+the\b", self.text[a.start : a.end])
                    for a in rec.evidence
                    for e in event.evidence
                ):
                    event.start = rec.date
                    break

    def _event_details(self, sentence: Sentence, event: EventRec) -> None:
        """'... attended the two-day event': participants of the event the text just named."""
        countries, orgs = self._participants(sentence)
        event.participant_countries.extend(c for c in countries if c not in event.participant_countries)
        event.participant_organizations.extend(
            o for o in orgs if o not in event.participant_organizations and o not in event.organizers
        )
        if event.start is None:
            when = _nearest(self.dates(sentence), sentence.start)
            if when is not None:
                event.start, event.end = when.value, when.end_value
        event.evidence.append(self.evidence(sentence, "en.event.details", 0.6))

    def _participants(self, sentence: Sentence) -> tuple[list[str], list[str]]:
        s = sentence.text
        countries: list[str] = []
        orgs: list[str] = []
        people = (
            r"(?i:teachers|students|researchers|professionals|journalists|entrepreneurs|nurses|doctors|"
            r"officials|delegates|delegation|delegations|participants|public servants|civil servants|"
            r"engineers|trainees|policymakers|experts|leaders|ministers|representatives|ambassadors|envoys)"
        )
        # "delegations (came) from A, B and C", "ministers of A, B and C": the listed countries take part
        for m in re.finditer(
            people + r"\s+(?:(?:came|come|arrived|travell?ed)\s+)?(?:from|of)\s+([^.;]{2,260})", s
        ):
            seg_start = sentence.start + m.start(1)
            stop = re.search(
                r"\s+(?:to|under|in|on|at|for|who|which|that|also|visited|attended|joined|took|will|are|were|was|"
                r"is|has|have|had|met|arrived|came|gathered|wrapped|[a-z]{3,}ed)\s+(?![A-Z][a-z]+,)",
                m.group(1),
            )
            seg_end = seg_start + (stop.start() if stop else len(m.group(1)))
            for c in self.ents.countries_in(seg_start, seg_end):
                if c.key not in countries:
                    countries.append(c.key)
            if re.match(r"(?i)deleg", m.group(0)):
                # "a delegation from Ho Chi Minh City": a visiting city's delegation speaks for its country
                for x in self.ents.sites_in(seg_start, seg_end):
                    site = self.ents.sites.get(x.key)
                    if site is not None and site.country and site.country not in countries:
                        countries.append(site.country)
            for o in self.orgs_in(seg_start, seg_end):
                if o.key not in orgs:
                    orgs.append(o.key)
        for m in re.finditer(r"([A-Z][a-z]+)\s+(?:government\s+)?(?:" + people[4:], s):
            code = self.ents._demonyms.get(m.group(1))
            if code and code not in countries:
                countries.append(code)
            if code and re.search(r"\s+government\s+", m.group(0)):
                gov = next((o for o in self.ents.orgs.values() if o.government and o.country == code), None)
                if gov is not None and gov.key not in orgs:
                    orgs.append(gov.key)
        # "it brings together staff of ... from A, B and C"
        for m in re.finditer(r"\b(?:brings?|brought|bringing)\s+together\b[^.;]*?\bfrom\s+", s):
            for c in self.ents.countries_in(sentence.start + m.end(), sentence.end):
                if c.key not in countries:
                    countries.append(c.key)
        for m in re.finditer(r"\b(?:attended by|joined by|participation of)\s+", s):
            at = sentence.start + m.end()
            for key in self.objects(at, sentence.end):
                if key not in orgs:
                    orgs.append(key)
        countries.extend(c for c in self._footnoted_countries(sentence) if c not in countries)
        return countries, orgs

    def _footnoted_countries(self, sentence: Sentence) -> list[str]:
        """'officials from 9 countries*' ... '* Ghana, Peru and Fiji': the footnote names who took part."""
        if not _FOOTNOTED_COUNTRIES.search(sentence.text):
            return []
        for line in _FOOTNOTE_LINE.finditer(self.text, sentence.end):
            items = [x for x in re.split(r"\s*,\s*|\s+and\s+", line.group(1).rstrip(" .;")) if x]
            if not all(_LIST_ITEM.fullmatch(x) for x in items):
                continue  # a footnote of prose, not a list of names
            found = self.ents.countries_in(line.start(1), line.end(1))
            if found:
                return unique_keys(found)
        return []

    def _hosted(self, sentence: Sentence, m: re.Match[str]) -> None:
        s = sentence.text
        if re.search(r"\b(?:not|never)\s+$", s[: m.start()]):
            return
        if re.search(r"\bover\s+the\s+(?:next|coming)\s+(?:\w+\s+)?(?:years?|months?)\b", s[m.end() :]):
            return  # "to train 200 engineers over the next three years": a programme's aim, not an event
        verb_at = sentence.start + m.start()
        organizers = self.subject(sentence, verb_at)
        if not organizers and re.search(r"\b(?:it|they)\s+(?:\w+\s+){0,2}$", s[: m.start()]):
            organizers = self.previous_subject(sentence)
        joined = re.search(r"\bjoined\s+", s[: m.start()])
        if joined:
            at = sentence.start + joined.end()
            organizers += [k for k in self.objects(at, verb_at) if k not in organizers]
        if not organizers:
            return
        kind = _event_kind_near(sentence, self.ents)
        countries, orgs = self._participants(sentence)
        venues = [
            x.key
            for x in self.ents.sites_in(sentence.start, sentence.end)
            if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", self.text[max(0, x.start - 8) : x.start])
        ]
        dates = self.dates(sentence)
        groups: list[DateHit | None] = list(_distinct_dates(dates, self.text)) or [None]
        for when in groups:
            rec = EventRec(kind=kind or "training", kind_default=kind is None, organizers=list(organizers))
            rec.participant_countries = list(countries)
            rec.participant_organizations = [o for o in orgs if o not in organizers]
            rec.venues = list(venues)
            if when is not None:
                rec.start, rec.end = when.value, when.end_value
            rec.themes = self.themes(sentence.start, sentence.end)
            rec.evidence.append(self.evidence(sentence, "en.event.hosted", 0.7))
            self._add_event(rec, definite=False)

    def _event_noun(self, sentence: Sentence, m: re.Match[str], hosted: bool) -> None:
        s = sentence.text
        noun = m.group("noun")
        low = noun.lower()
        before = s[: m.start()]
        after = s[m.end() :]
        if re.search(
            r"\b(?:signing|press|news|earnings|investor|launch)\s+$", before, re.IGNORECASE
        ) and not re.match(r"(?i)launch ceremony", noun):
            return
        if _SERIES_BEFORE.search(before) or (_SERIES_ORDINAL.search(before) and _SERIES_AFTER.match(after)):
            return  # "the second of four training courses this year" tells of a series, not one more event
        if low == "conference" and re.match(r"^\s+calls?\b", after):
            return  # "told analysts on a conference call": a phone call, not a conference
        if re.match(r"^['’]s\s", after):
            return  # "the forum's recommendations": something of an event told elsewhere
        if low == "meeting" and re.search(r"\b(?:are|is|were|was|be|been|will be)\s+$", before):
            return  # "officials are meeting in Bangkok this week": the verb, not a meeting of its own
        if (
            low in ("talks", "discussions", "sessions")
            and re.search(r"\bday\s+of\s+$", before)
            and self.events
        ):
            # "Delegations from A and B joined the first day of talks": the sittings of the event told
            self._event_details(sentence, self.events[-1])
            return
        if noun.islower() and _APPOSITIVE_EVENT.search(before):
            return  # "the APEC Digital Trust Forum 2025, a meeting on data flows": the same event described
        if noun.islower() and re.search(
            r"\b(?:cooperat\w*|collaborat\w*|work together|partner\w*)\s+(?:on|in)\s+[^.;:]*$", before
        ):
            return  # "to cooperate on assessments and joint training": a field of the agreement
        if low in ("training",) and re.match(
            r"^\s+(?:centre|center|institute|facility|materials?|module|programme|program)\b", after
        ):
            return
        if re.search(r"\b(?:every year|each year|annually|since \d{4}|regularly)\b", s) and not re.search(
            r"\b(?:this year|last year|on \d|in (?:January|February|March|April|May|June|July|August|September|"
            r"October|November|December))",
            s,
        ):
            return
        abs_noun = (sentence.start + m.start(), sentence.start + m.end())
        if any(o.start <= abs_noun[0] and abs_noun[1] <= o.end for o in self.ents.org_mentions):
            return  # "Pacific Islands Forum" names a body, not a meeting
        if re.match(
            r"(?i)^\s+(?:centre|center|institute|facility|materials?|module|programme|program)\b", after
        ):
            return
        kind = _EVENT_KIND.get(re.sub(r"\s+", " ", low), "other")
        if (
            low.endswith("ceremony")
            and not re.search(
                r"(?i)\b(?:launch|opening|inauguration|inaugural|anniversary)\s+$", before + " "
            )
            and not re.search(
                r"(?i)(?:launch|opening|inauguration|inaugural|anniversary|commemorat|ground-?breaking)", noun
            )
        ):
            return
        name = _event_name(s, m)
        abs_start = sentence.start + m.start()
        organizers: list[str] = []
        if name is not None:
            name_at = sentence.start + s.index(name, max(0, m.start() - len(name)))
            organizers = unique_keys(self.orgs_in(name_at, name_at + len(name)))[:1]
        else:
            near = self.orgs_in(max(sentence.start, abs_start - 40), abs_start)
            if (near and re.fullmatch(r"(?:\s+[a-zA-Z-]+){0,2}\s+", self.text[near[-1].end : abs_start])) or (
                near and self.text[near[-1].end : abs_start] == " "
            ):
                organizers = [near[-1].key]
        named_organizers = bool(organizers)
        # "hosted by A and co-organised by B": every by-phrase names a host
        by_phrases = list(
            re.finditer(
                r"\b(?:hosted|organi[sz]ed|co-hosted|co-organi[sz]ed|sponsored|convened|run|held)\s+"
                r"(?:jointly\s+)?by\s+",
                after,
            )
        )
        by = by_phrases[0] if by_phrases else None
        for phrase in by_phrases:
            at = sentence.start + m.end() + phrase.end()
            organizers += [k for k in self.objects(at, sentence.end) if k not in organizers]
        active = None
        for v in re.finditer(
            r"\b(?:hosts|hosted|host|held|holds|hold|organi[sz]e[sd]?|organi[sz]ing|"
            r"co-host(?:s|ed)?|co-organi[sz]e[sd]?|convened|convenes|opened|opens|plans|planned|arranges|arranged|"
            r"run|runs|ran)\b",
            s,
        ):
            relative = v.start() >= m.end() and bool(
                # "a workshop on data centres that ITU and PITA co-organized": a topic may come first
                re.fullmatch(
                    r"(?:\s+on\s+[^,;]{1,60}?)?,?\s+(?:that|which)\s+(?:[\w&()-]+\s+){1,10}",
                    s[m.end() : v.start()],
                )
            )
            if relative and not re.search(r"\b(?:was|were|is|are|be|been)\s+$", s[m.end() : v.start()]):
                active = v  # "the forum, which A and B co-hosted at ...": the clause names the hosts
                break
            if re.match(r"^\s*(?:by|on|in|at|from|during|for|to)\b", s[v.end() :]):
                continue  # a participle ("held during", "hosted by") does not name its subject as host
            if v.end() <= m.start():
                if re.search(r"[;:]|\b(?:that|which|while|but)\b", s[v.end() : m.start()]):
                    continue
                active = v
            elif re.search(r"^,?\s+(?:that|which)\s+", s[m.end() : v.start()]) or re.fullmatch(
                r",?\s+(?:that|which)\s+[^,;]*", s[m.end() : v.start()]
            ):
                active = v
                break
        if active is not None and not by:
            verb_at = sentence.start + active.start()
            organizers += [k for k in self.subject(sentence, verb_at) if k not in organizers]
            chaired = re.search(
                r"\b(?:co-chair|chair|lead|convene|set up|form|establish|create)(?:s|ed)?\s+(?:a|an|the)\s+"
                r"(?:[\w-]+\s+){0,3}?(?:committee|council|board|group|task force|panel|commission)\s*,\s*"
                r"(?:which|that)\s+[^,;]*$",
                s[: active.start()],
            )
            if not organizers and chaired:
                # "A and B will co-chair a committee, which is to hold its first meeting": the chairs convene it
                organizers = self.subject(sentence, sentence.start + chaired.start())
            through = re.match(
                r"^\s+(?:through|with|together with|jointly with)\s+", s[active.end() :]
            ) or re.search(
                r"\b(?:co-organi[sz]ed|co-hosted|organi[sz]ed|held|hosted)\s+(?:jointly\s+)?(?:with|together with)\s+"
                r"|\b(?:in partnership|in cooperation|in collaboration|jointly|together)\s+with\s+",
                s[active.end() :],
            )
            if through:
                at = sentence.start + active.end() + through.end()
                organizers += [k for k in self.objects(at, sentence.end) if k not in organizers]
        # "The meeting was hosted by A": hosts found in a by-phrase still describe the meeting told before
        definite = bool(re.search(r"(?i)\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}$", before)) and (
            not organizers or (bool(by) and not named_organizers and active is None and name is None)
        )
        if not organizers and low in ("talks", "meeting", "dialogue", "policy dialogue"):
            organizers = self._talks_sides(sentence, m.end())
        # "will sign next week, following talks on Tuesday": the talks are already over
        past = re.search(r"\b(?:following|after)\s+(?:[\w-]+\s+){0,3}$", before)
        dates = [
            d
            for d in self.dates(sentence, "past" if past else None)
            if not _UNTIL.search(self.text[max(sentence.start, d.start - 12) : d.start])
            and not (d.start > abs_start and _PROGRAMME_BETWEEN.search(self.text[abs_start : d.start]))
            and not (d.start > abs_start and _OTHER_HAPPENING.search(self.text[abs_start : d.start]))
        ]
        when = _nearest(dates, abs_start) or self._day_of_event(s)
        if when is None and low == "launch ceremony":
            # the ceremony is the dated launch told before; its hosts, if this sentence names none
            when, launchers = self._launch_told(sentence)
            organizers = organizers or launchers
        countries, part_orgs = self._participants(sentence)
        venues = [
            x.key
            for x in self.ents.sites_in(sentence.start, sentence.end)
            if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", self.text[max(0, x.start - 8) : x.start])
        ]
        rec = EventRec(kind=kind, kind_default=False, name=name, organizers=organizers)
        if when is not None:
            rec.start, rec.end = when.value, when.end_value
            if when.end_value is None:
                rec.start, rec.end = _closing_day_span(before, when.value)
            until = self._until(sentence, abs_start) if rec.end is None and name is not None else None
            if until is not None and rec.start is not None and until > rec.start:
                rec.end = until  # "opened yesterday for the X Forum, which runs through August 23"
        elif name is not None:
            rec.until = self._until(sentence, abs_start)
        rec.participant_countries = countries
        rec.participant_organizations = [o for o in part_orgs if o not in organizers]
        rec.venues = venues
        rec.themes = self.themes(sentence.start, sentence.end)
        rec.evidence.append(self.evidence(sentence, "en.event.named" if name else "en.event.noun", 0.7))
        self._add_event(rec, definite=definite)

    def _until(self, sentence: Sentence, after: int) -> str | None:
        """'The X Course, which runs until 1 November': the closing day of a course dated elsewhere."""
        # the closing day may lie after publication even in a past-tense story, so no tense is assumed
        for d in self.dates(sentence, "unknown"):
            if d.start > after and _UNTIL.search(self.text[max(sentence.start, d.start - 12) : d.start]):
                return d.value
        return None

    def _day_of_event(self, s: str) -> DateHit | None:
        """'On the opening day, A held talks with B': a day counted within the dated event told before."""
        m = re.search(r"(?i)\b(?:on|during)\s+the\s+(opening|first|closing|final|last)\s+day\b", s)
        told = next((e for e in reversed(self.events) if e.start and len(e.start) == 10), None)
        if m is None or told is None or told.start is None:
            return None
        closing = m.group(1).lower() in ("closing", "final", "last")
        if closing and not told.end:
            return None
        day = told.end if closing else told.start
        return DateHit(0, 0, day or told.start, None)

    def _launch_told(self, sentence: Sentence) -> tuple[DateHit | None, list[str]]:
        """'A and B on Monday launched a programme ... The launch ceremony was held at ...':
        the ceremony is the dated launch the story told before."""
        for other in reversed(self.ents.sentences):
            if other.start >= sentence.start:
                continue
            verb = re.search(r"\blaunched\b", other.text)
            if verb is None:
                continue
            verb_at = other.start + verb.start()
            when = _nearest(self.dates(other, "past"), verb_at)
            return when, self.subject(other, verb_at) if when else []
        return None, []

    def _talks_sides(self, sentence: Sentence, noun_end: int) -> list[str]:
        """'talks in Nairobi on Tuesday between A and B': the two sides hold the talks."""
        between = re.match(r"^[^.;]{0,50}?\bbetween\s+", sentence.text[noun_end:])
        if between is None:
            return []
        at = sentence.start + noun_end + between.end()
        return self.objects(at, sentence.end)

    def _add_event(self, rec: EventRec, definite: bool) -> None:
        target: EventRec | None = None
        for old in reversed(self.events):
            if rec.name and old.name and (rec.name.endswith(old.name) or old.name.endswith(rec.name)):
                target = old
                break
            if rec.name and old.name:
                continue  # two differently named events are two events, even on one day
            if rec.start is None and rec.organizers and set(rec.organizers) <= set(old.organizers):
                target = old
                break
            if (
                rec.start is not None
                and old.start == rec.start
                and set(rec.organizers) <= set(old.organizers)
                # hostless talks on a forum's opening day are a meeting of their own, not the forum
                and (rec.organizers or rec.kind == old.kind or rec.kind != "meeting")
            ):
                target = old
                break
        if target is None and rec.start is not None and rec.organizers and not rec.name:
            # same day, same kind, a host in common: the story telling more about one event
            target = next(
                (
                    o
                    for o in reversed(self.events)
                    if o.start == rec.start and o.kind == rec.kind and set(o.organizers) & set(rec.organizers)
                ),
                None,
            )
        if target is None and definite and rec.start is not None:
            target = next(
                (o for o in reversed(self.events) if o.kind == rec.kind and o.start == rec.start), None
            )
        if target is None and definite:
            target = next((o for o in reversed(self.events) if o.kind == rec.kind and o.start is None), None)
            target = target or next((o for o in reversed(self.events) if o.kind == rec.kind), None)
        if target is None and rec.start is not None and not rec.name:
            # a headline's undated, hostless "course" is the course the story then dates
            target = next(
                (
                    o
                    for o in reversed(self.events)
                    if o.start is None
                    and o.kind == rec.kind
                    and not o.name
                    and (not rec.organizers or set(o.organizers) <= set(rec.organizers))
                ),
                None,
            )
        if target is None and rec.name and rec.start is not None:
            # "APEC digital trust forum opens" in the headline, then "the APEC Digital Trust Forum 2025"
            target = next(
                (
                    o
                    for o in self.events
                    if o.start is None
                    and o.name is None
                    and o.kind == rec.kind
                    and (set(o.organizers) <= set(rec.organizers) or set(rec.organizers) <= set(o.organizers))
                ),
                None,
            )
        if target is None and rec.name:
            target = self._told_just_before(rec)
        if target is None:
            self.events.append(rec)
            return
        if (target.kind_default and not rec.kind_default) or (rec.name and target.name is None):
            # a name's head noun ("... Meeting") says more than a loose mention ("the forum")
            target.kind, target.kind_default = rec.kind, False
        if rec.name and (
            target.name is None or (len(rec.name) > len(target.name) and target.name in rec.name)
        ):
            target.name = rec.name
        if target.start is None and rec.start is not None:
            target.start, target.end = rec.start, rec.end
        elif (
            target.start
            and rec.start
            and len(rec.start) > len(target.start)
            and rec.start.startswith(target.start)
        ):
            # "in Korea this week for a course" ... "the course opened on Monday": the day says more
            target.start, target.end = rec.start, rec.end or target.end
        elif target.end is None and rec.end is not None and rec.start == target.start:
            target.end = rec.end  # "opened a course on Monday" ... "the course, held from 14 to 18 October"
        if target.end is None and rec.start is None and target.start and (rec.until or "") > target.start:
            target.end = rec.until  # "began a course on Monday" ... "The X Course runs until 1 November"
        for attr in ("organizers", "participant_countries", "participant_organizations", "venues", "themes"):
            have: list[str] = getattr(target, attr)
            have.extend(x for x in getattr(rec, attr) if x not in have)
        target.evidence.extend(rec.evidence)

    def _told_just_before(self, rec: EventRec) -> EventRec | None:
        """'Officials began a course on Monday. The X Course, which runs until ...': the name comes
        in the next sentence, so the unnamed course just told is the named one."""
        if not self.events or not rec.evidence:
            return None
        old = self.events[-1]
        if old.name is not None or old.kind != rec.kind:
            return None
        here = rec.evidence[0].start
        previous = [x for x in self.ents.sentences if x.end <= here]
        if not previous:
            return None
        told = previous[-1].start
        return old if any(e.start == told for e in old.evidence) else None

    # -- projects ---------------------------------------------------------------------------

    def find_projects(self) -> None:
        for sentence in self.ents.sentences:
            for name, start in _project_names(sentence, self.ents):
                self._project(sentence, name, start)
        self._contracted_builds()

    def _contracted_builds(self) -> None:
        """'won a contract with B to build a land registry platform': the thing built is a project of the contractor."""
        for rec in self.agreements:
            if rec.kind != "contract" or not rec.parties:
                continue
            for ev in rec.evidence:
                span = self.text[ev.start : ev.end]
                m = re.search(
                    r"\bto\s+(?:build|develop|deploy|construct|establish|set up|roll out|install)\s+(?:a|an|the)\s+"
                    r"((?:[a-z][\w-]*\s+){1,4}(?:platform|system|network|portal|data cent(?:re|er)))\b",
                    span,
                )
                if m is None:
                    continue
                name = m.group(1)
                key = re.sub(r"\W+", "", name.casefold())
                if any(re.sub(r"\W+", "", p.names[0].casefold()) == key for p in self.projects):
                    continue
                project = ProjectRec(names=[name], operators=[rec.parties[0]], partners=list(rec.parties[1:]))
                project.themes = self.themes(ev.start, ev.end)
                project.evidence.append(Evidence(ev.start, ev.end, "en.project.contracted", 0.6))
                self.projects.append(project)

    def _project(self, sentence: Sentence, name: str, start: int) -> None:
        end = start + len(name)
        operators: list[str] = []
        before = self.text[max(sentence.start, start - 90) : start]
        poss = re.search(
            r"(?:\bthe\s+([a-z]+)|(\S+))(?:'s|’s)\s+(?:[a-z-]+\s+){0,3}(?:programme|program|project|initiative|"
            r"fund|platform|scheme)\s*,?\s*(?:the\s+)?$",
            before,
        )
        if poss:
            if poss.group(1):
                owner = self.ents.resolve_anaphor(poss.group(1), start)
                operators = [owner.key] if owner else []
            else:
                owner_at = start - len(before) + poss.start(2) + len(poss.group(2))
                mention = self.ents.mention_ending_at(owner_at)
                operators = [mention.key] if mention else []
        by = re.match(
            r"^,?\s+(?:run|operated|implemented|led|managed|launched|carried out|funded)\s+by\s+",
            self.text[end : sentence.end],
        )
        if by and not operators:
            operators = self.objects(end + by.end(), sentence.end)
        if not operators:
            for rec in self.agreements:
                if any(e.start == sentence.start for e in rec.evidence):
                    operators = list(rec.parties)
                    break
        if not operators:
            operators = self.subject(sentence, start)
        inside = self.orgs_in(start, end)
        if not operators and inside:
            operators = [inside[0].key]
        if (
            not operators
            and self.agreements
            and re.match(r"(?i)^the\s+(?:project|programme|program)\b", sentence.text)
        ):
            # "The project, dubbed ...": the project the signatories just agreed on (not one told later)
            told = [a for a in self.agreements if any(ev.start < sentence.start for ev in a.evidence)]
            operators = list(told[-1].parties) if told else []
        partners: list[str] = []
        for fm in re.finditer(
            r"\b(?:funding|financing|support|grants?)\s+from\s+|\b(?:funded|financed|backed)\s+by\s+",
            sentence.text,
        ):
            at = sentence.start + fm.end()
            partners += [
                k for k in self.objects(at, sentence.end) if k not in operators and k not in partners
            ]
        sites = [m.key for m in self.ents.sites_in(start, end)]
        countries: list[str] = []
        for key in sites:
            code = self.ents.sites[key].country
            if code and code not in countries:
                countries.append(code)
        countries += [c.key for c in self.ents.countries_in(start, end) if c.key not in countries]
        start_date = None
        launch = re.search(r"\b(?:launched|started|began|opened|inaugurated|kicked off)\b", sentence.text)
        if launch:
            after_launch = [
                d for d in self.dates(sentence, "past") if d.start >= sentence.start + launch.start()
            ]
            start_date = after_launch[0].value if after_launch else None
        key = re.sub(r"\W+", "", name.casefold())
        project = next((p for p in self.projects if re.sub(r"\W+", "", p.names[0].casefold()) == key), None)
        if project is None:
            project = ProjectRec(names=[name])
            self.projects.append(project)
        project.funders.extend(p for p in partners if p not in project.funders)
        for attr, values in (
            ("operators", operators),
            ("partners", partners),
            ("sites", sites),
            ("countries", countries),
        ):
            have: list[str] = getattr(project, attr)
            have.extend(v for v in values if v not in have)
        project.start = project.start or start_date
        project.themes.extend(t for t in self.themes(sentence.start, sentence.end) if t not in project.themes)
        project.evidence.append(self.evidence(sentence, "en.project.named", 0.7))


# --- records ---------------------------------------------------------------------------------


@dataclass
class AgreementRec:
    kind: str
    parties: list[str]
    strength: int = 1
    date: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class EventRec:
    kind: str
    kind_default: bool = False
    name: str | None = None
    organizers: list[str] = field(default_factory=list)
    participant_countries: list[str] = field(default_factory=list)
    participant_organizations: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    # "runs until 1 November" on an undated mention: the end of the same event dated elsewhere
    until: str | None = None
    topics: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ProjectRec:
    names: list[str]
    operators: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    funders: list[str] = field(default_factory=list)
    start: str | None = None
    themes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


# --- patterns ------------------------------------------------------------------------------

# Press releases capitalize the document ("a Memorandum of Understanding", "the Loan Agreement").
_AGREEMENT_NOUN = re.compile(
    r"\b(?:[Mm]emorand(?:um|a) of (?:[Uu]nderstanding|[Cc]ooperation|[Aa]greement)|[Mm]emorandum|MoUs?|MOUs?|"
    r"[Ll]etters? of [Ii]ntent|LOI|LoI|[Rr]ecords? of [Dd]iscussions?|"
    r"[Aa]greements?|(?:sub)?[Cc]ontracts?|deals?|partnerships?|[Dd]eclarations?|[Aa]ccords?|pacts?|"
    r"[Aa]rrangements?|(?<=the )document)\b"
)
_AGREEMENT_TRIGGER = re.compile(
    r"\b(?:(?:signed|signs|sign|signing|inked|inks|concluded|concludes|sealed|seals|struck|strikes|"
    r"entered into|enters into|formed|forms|agreed on|adopted|adopts|exchanged|clinched|won|wins)\b"
    r"(?=(?:[^.;]|(?<=\d)\.(?=\d)){0,60}?" + _AGREEMENT_NOUN.pattern + r")"  # "a PHP 2.1-billion contract"
    r"|(?:(?<=\bwas )|(?<=\bwere )|(?<=\bbeen )|(?<=\bis )|(?<=\bare ))(?:signed|inked|concluded|sealed)\b"
    r"|(?P<partner>(?:ha(?:ve|s|d)\s+)?partnered|teamed up|teams up|team up|joined hands|join hands|joins hands))"
)
_HOST_TRIGGER = re.compile(
    r"\b(?:hosted|hosts|will host|received|will receive|receive|welcomed|will welcome|trained|will train|"
    r"to train|train|invited)\s+(?:[\w-]+\s+){0,4}?(?:officials|delegation|delegates|participants|"
    r"public servants|civil servants|engineers|trainees|policymakers|students)\b"
)
# "officials from 9 countries*": the asterisk points to a footnote listing the countries
_FOOTNOTED_COUNTRIES = re.compile(r"\bfrom\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\s+countries\*")
_FOOTNOTE_LINE = re.compile(r"(?m)^[ \t]*\*(?!\*)[ \t]*(\S[^\n]*?)[ \t]*$")
# one listed name: "Ghana", "the Philippines", "Papua New Guinea"
_LIST_ITEM = re.compile(r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:and\s+|of\s+|the\s+)?[A-Z][\w'’.-]*){0,4}")
# "the second of four courses", "one of several training workshops": a series, not one more event
_SERIES_BEFORE = re.compile(
    r"(?i)\b(?:one|first|second|third|fourth|fifth|sixth|last|latest|\d+(?:st|nd|rd|th))\s+(?:of|in)\s+"
    r"(?:a\s+series\s+of\s+|the\s+)?(?:several|many|multiple|\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"a\s+number\s+of)\s+(?:[\w-]+\s+){0,2}$"
)
# "the second course of four this year" (but "the first meeting of 20 ministers" is one meeting)
_SERIES_ORDINAL = re.compile(
    r"(?i)\b(?:first|second|third|fourth|fifth|sixth|last|final|\d+(?:st|nd|rd|th))\s+$"
)
_SERIES_AFTER = re.compile(
    r"(?i)^\s+of\s+(?:several|many|\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?=\s*(?:[,.;)]|$)|\s+(?:this|that|next|in|planned|scheduled|held|to)\b)"
)
# "runs through Friday": the date closes the event, it does not open it
_UNTIL = re.compile(r"\b(?:through|until|till|to)\s+$")
# "the course is part of the X Programme launched in 2021": a later date there dates the programme
_PROGRAMME_BETWEEN = re.compile(
    r"(?i)\b(?:programme|program|project|initiative)\b[^.;]*\b(?:launched|started|began|established|founded|"
    r"set up|created)\s+(?:in\s+|on\s+)?$"
)
# "... rebuilding after the typhoon hit the island in 2021": a date in a clause about another happening
_OTHER_HAPPENING = re.compile(r"\b(?:after|since|when|before)\s+(?:\S+\s+){1,4}?(?:hit|struck|[a-z]{2,}ed)\b")
_EVENT_KIND = {
    "workshop": "workshop",
    "conference": "conference",
    "symposium": "conference",
    "congress": "conference",
    "forum": "forum",
    "seminar": "seminar",
    "webinar": "seminar",
    "training": "training",
    "course": "training",
    "training course": "training",
    "study tour": "study_tour",
    "study visit": "study_tour",
    "exhibition": "exhibition",
    "expo": "exhibition",
    "trade fair": "exhibition",
    "meeting": "meeting",
    "talks": "meeting",
    "summit": "meeting",
    "dialogue": "meeting",
    "policy dialogue": "meeting",
}
_EVENT_NOUN = re.compile(
    r"(?i)\b(?P<noun>workshop|conference|symposium|congress|forum|seminar|webinar|training course|training|"
    r"course|study tour|study visit|exhibition|expo|trade fair|meeting|talks|summit|policy dialogue|dialogue|"
    r"(?:launch|opening|inauguration|inaugural|anniversary|commemorative|groundbreaking|ground-breaking)"
    r"\s+ceremony)\b(?!s\b|-)"
)


def _signing_clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence, or its clauses where ", and" opens a second signing: "The grant agreement was
    signed by A and B in November, and C and D signed an agreement last month"."""
    s = sentence.text
    cuts = [
        m.end()
        for m in re.finditer(r",\s+and\s+(?=[^,;]*?" + _AGREEMENT_TRIGGER.pattern + ")", s)
        if _AGREEMENT_TRIGGER.search(s, 0, m.start())
    ]
    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(s)]
    return [
        Sentence(sentence.start + a, sentence.start + b, s[a:b], sentence.paragraph)
        for a, b in itertools.pairwise(bounds)
    ]


def _agreement_kind(noun: str, verb: str) -> tuple[str, int]:
    low = noun.lower()
    if re.search(r"memorand|mou", low):
        return "mou", 3
    if "intent" in low or low == "loi":
        return "letter_of_intent", 3
    if re.search(r"contract|deal", low):
        return "contract", 3
    if "declaration" in low:
        return "declaration", 3
    if "partnership" in low:
        return "partnership", 2
    if low:
        return ("partnership", 1) if re.search(r"partner|team|hands", verb) else ("agreement", 2)
    return "partnership", 1


_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
# "wrapped up a five-day study tour on Friday": the date is the last day of a stated duration
_CLOSING = re.compile(
    r"\b(?:wrapped up|wraps up|concluded|concludes|ended|ends|closed|closes|completed|completes|finished)\s+"
    r"(?:a|an|the|its|their|his|her)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)-day\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _closing_day_span(before: str, day: str) -> tuple[str, str | None]:
    m = _CLOSING.search(before)
    if m is None or len(day) != 10:
        return day, None
    n = m["n"].lower()
    days = int(n) if n.isdigit() else _NUMBER_WORDS[n]
    last = date.fromisoformat(day)
    return (last - timedelta(days=days - 1)).isoformat(), day


def _event_kind_near(sentence: Sentence, ents: Entities) -> str | None:
    for m in _EVENT_NOUN.finditer(sentence.text):
        at = sentence.start + m.start()
        if any(o.start <= at < o.end for o in ents.org_mentions):
            continue
        return _EVENT_KIND.get(m.group("noun").lower(), "other")
    return None


def _event_name(s: str, m: re.Match[str]) -> str | None:
    noun = m.group("noun")
    if not noun[0].isupper():
        return None
    words = re.findall(r"[\w'’.-]+|\S", s[: m.start()])
    name_words: list[str] = []
    for w in reversed(words):
        if (
            w
            and (w[0].isupper() or w[0].isdigit() or re.match(r"^[a-z]{1,2}-[A-Z]", w))
            and w not in ("The", "A", "An")
        ):
            name_words.insert(0, w)
            continue
        break
    if not name_words:
        return None
    name = " ".join([*name_words, noun])
    after = re.match(r"^\s+(\d{4})\b", s[m.end() :])
    if after:
        name += " " + after.group(1)
    elif (topic := _NAMED_TOPIC.match(s[m.end() :])) and topic.group(1) not in _CALENDAR_WORDS:
        name += topic.group(0)  # "Regional Workshop on Digital Public Infrastructure"
    return name if name in s else None


_APPOSITIVE_EVENT = re.compile(
    r"(?:Forum|Summit|Conference|Workshop|Seminar|Meeting|Congress|Symposium|Dialogue|Expo|Week)(?:\s+\d{4})?"
    r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}$"
)
# "... Workshop on Digital Public Infrastructure": a capitalized topic belongs to the event's name
_NAMED_TOPIC = re.compile(
    r"\s+(?:on|for)\s+(?:the\s+)?([A-Z][\w-]*|\d+[A-Za-z][\w-]*)(?:\s+(?:(?:and|of|for|&)\s+)?(?:[A-Z][\w-]*|\d+[A-Za-z][\w-]*))*"
)
_CALENDAR_WORDS = (
    MONTHS
    | WEEKDAYS
    | frozenset(["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"])
)


def _nearest(dates: Sequence[DateHit], at: int) -> DateHit | None:
    if not dates:
        return None
    return min(dates, key=lambda d: (abs(d.start - at), d.start < at))


def _distinct_dates(dates: Sequence[DateHit], text: str) -> list[DateHit]:
    """Dates that name separate occurrences: 'in March 2010 and again in June 2011'."""
    if not dates:
        return []
    out = [dates[0]]
    for d in dates[1:]:
        gap = text[out[-1].end : d.start]
        if re.search(r"\band\b|,", gap) and len(gap) < 40 and d.value != out[-1].value:
            out.append(d)
    return out


def _topics(span: str) -> list[str]:
    out: list[str] = []
    for m in re.finditer(
        r"\b(?:on|covering|in the (?:fields?|areas?) of|to cooperate on|to work together on)\s+(?:the\s+)?"
        r"([a-zA-Z][\w -]{2,60}?)(?=[,.;]|\s+(?:and to|with|in|at|by|which|that|to)\b|$)",
        span,
    ):
        phrase = m.group(1).strip()
        if phrase and not re.match(
            r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
            r"February|March|April|May|June|July|August|September|October|November|"
            r"December|\d)",
            phrase,
        ):
            out.append(phrase)
    return out[:5]


_PROJECT_EXCLUDE = re.compile(
    r"\b(?:Strategy|Policy|Vision|Deal|Agenda|Law|Act|(?<!Master )Plan|Arrangement|Agreement|Memorandum|Contract)\b"
    r"(?!.*\b[Pp]roject$)"
)
# Single-word platform names written as a prefix plus a capital ("e-Mongolia", "m-Health"), when the text
# presents them as a public service: "X, the government services app launched in 2020"
_PREFIXED_PLATFORM = re.compile(
    r"\b((?:[a-z]{1,2}-)[A-Z][\w-]*)\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:app|application|platform|portal|system|service)\b"
)
_PUBLIC_SERVICE = re.compile(r"\b(?:government|public|national|citizens?|civil|state)\b")


def _project_names(sentence: Sentence, ents: Entities) -> list[tuple[str, int]]:
    s = sentence.text
    out: list[tuple[str, int]] = []
    patterns = (
        r"\bthe\s+((?:[A-Z][\w-]*\s+)(?:[\w-]+\s+){0,4}?(?:project|programme|program|initiative))\b",
        # "Master's Program": a possessive inside the name; "Eco Delta Smart City": a named smart-city development
        r"((?:(?:[a-z]{1,2}-)?[A-Z][\w-]*(?:['’]s)?\s+|of\s+|for\s+|and\s+){1,8}?(?:Project|Programme|Program|"
        r"Initiative|Fund|Facility|Platform|Academy|Scholarship|Master\s+Plan|Smart\s+City(?!\s+[A-Z])|Cable(?!\s+(?:[A-Z]|&))))\b",
        # "the Digital Skills for All (DSA) programme": the name before its acronym
        r"((?:[A-Z][\w-]*\s+|of\s+|for\s+|and\s+){1,8}?[A-Z][\w-]*)\s*\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s+"
        r"(?:programme|program|project|initiative|scheme)\b",
        # a thing built or run, then its name: "the facility, dubbed Harbour Data Centre"
        r"\b(?:facility|project|programme|program|centre|center|complex|platform|park|hub|campus|plant|network|"
        r"system|cable)\s*,?\s+(?:dubbed|named|called|known\s+as)\s+(?:the\s+)?((?:[A-Z][\w-]*\s+){0,6}[A-Z][\w-]*)",
        # money drawn from a named partnership is a financing facility: "$3 million from the Digital Partnership"
        r"(?:million|billion|grant|loan|funding|financing|credit)\b[^.;]{0,30}?\bfrom\s+(?:the\s+)?"
        r"(?:[\w-]+(?:'s|’s)\s+)?((?:[A-Z][\w-]*\s+){1,4}Partnership)\b",
        r"\b(Academy\s+of(?:\s+(?:[A-Z][\w-]*|and|for|of|in))*\s+[A-Z][\w-]*)",
        r"\b(Digital\s+Island(?:\s+[A-Z][\w-]*)+)",
    )
    for pattern in patterns:
        for m in re.finditer(pattern, s):
            name = m.group(1).strip()
            words = name.split()
            # "ADB-backed Te Vaka Cable": a compound modifier in front is not part of the name
            modifier = [
                i for i, w in enumerate(words) if re.search(r"-(?:backed|funded|financed|led|supported)$", w)
            ]
            if modifier:
                words = words[modifier[-1] + 1 :]
            while words and (
                words[0] in ("The", "A", "An", "of", "for", "and")
                or words[0].islower()
                or re.search(
                    r"['’]s$", words[0]
                )  # "LH's Global Programme": the owner is not part of the name
            ):
                words.pop(0)
            if len(words) > 1 and words[-1].islower() and all(w[0].isupper() for w in words[:-1]):
                words.pop()  # "the Sahel Schools project": the proper name is what precedes the common noun
            name = " ".join(words)
            if len(words) < 2 or _PROJECT_EXCLUDE.search(name):
                continue
            start = sentence.start + m.start(1) + m.group(1).index(name)
            where = re.match(
                r"^\s+(?:for|in)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)",
                s[start - sentence.start + len(name) :],
            )
            if (
                where
                and words[-1] in ("Project", "Programme", "Program")
                and ents.country_code(where.group(1))
            ):
                name = s[
                    start - sentence.start : start - sentence.start + len(name) + where.end()
                ]  # "... Project for Laos"
            if ents.org_by_name(name) is not None:
                continue
            if any(o.start <= start and start + len(name) < o.end for o in ents.org_mentions):
                continue  # "Ghana Investment Fund for ...": the front of a longer organization's name
            caps = [w for w in words if w[0].isupper()]
            if all(ents.org_by_name(w) or ents.country_code(w) for w in caps):
                continue  # "the KOICA programme": an organization's programme without a name of its own
            if any(
                start < s0 + ln and s0 < start + len(name) for _, s0, ln in ((n, st, len(n)) for n, st in out)
            ):
                continue
            out.append((name, start))
    for m in _PREFIXED_PLATFORM.finditer(s):
        if _PUBLIC_SERVICE.search(m.group(0)) and ents.org_by_name(m.group(1)) is None:
            out.append((m.group(1), sentence.start + m.start(1)))
    return out
