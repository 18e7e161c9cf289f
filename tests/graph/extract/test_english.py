"""English extraction rules, one family at a time, over small fakes of the reference data and dates.

The example sentences are written for these tests; the facts in them are invented or public.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from graph.extract._en_text import split_sentences
from graph.extract.english import EnglishExtractor, extract_english
from graph.model import Article, Extraction, Organization

# --- fakes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeEntry:
    iri: str
    category: str
    kind: str
    names: tuple[str, ...]
    country: str | None = None
    part_of: str | None = None
    within: str | None = None
    demonyms: tuple[str, ...] = ()


ENTRIES = (
    FakeEntry(
        "id:kr", "country", "country", ("South Korea", "Korea"), "KR", demonyms=("Korean", "South Korean")
    ),
    FakeEntry("id:rw", "country", "country", ("Rwanda",), "RW", demonyms=("Rwandan",)),
    FakeEntry("id:ke", "country", "country", ("Kenya",), "KE", demonyms=("Kenyan",)),
    FakeEntry("id:gh", "country", "country", ("Ghana",), "GH", demonyms=("Ghanaian",)),
    FakeEntry("id:vn", "country", "country", ("Vietnam", "Viet Nam"), "VN", demonyms=("Vietnamese",)),
    FakeEntry("id:un", "organization", "international", ("United Nations", "UN")),
    FakeEntry("id:wb", "organization", "international", ("World Bank",)),
    FakeEntry("id:naver", "organization", "company", ("Naver",), "KR"),
    FakeEntry("id:navercloud", "organization", "company", ("Naver Cloud",), "KR", part_of="id:naver"),
    FakeEntry("id:kigali", "site", "city", ("Kigali",), "RW"),
    FakeEntry("id:busan", "site", "city", ("Busan",), "KR"),
)


class FakeGazetteer:
    def names(self, category: str | None = None) -> Iterator[tuple[str, FakeEntry]]:
        for entry in ENTRIES:
            if category in (None, entry.category):
                for name in entry.names:
                    yield name, entry

    def lookup(self, name: str, category: str | None = None) -> list[FakeEntry]:
        return [e for n, e in self.names(category) if n.casefold() == name.casefold()]

    def by_iri(self, iri: str) -> FakeEntry | None:
        return next((e for e in ENTRIES if e.iri == iri), None)

    def find_all(self, text: str, category: str | None = None) -> list[tuple[int, int, FakeEntry]]:
        hits: list[tuple[int, int, FakeEntry]] = []
        for name, entry in sorted(self.names(category), key=lambda x: -len(x[0])):
            for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?!\w)", text):
                if not any(s < m.end() and m.start() < e for s, e, _ in hits):
                    hits.append((m.start(), m.end(), entry))
        return sorted(hits, key=lambda h: h[0])


@dataclass(frozen=True)
class FakeDate:
    start: int
    end: int
    text: str
    value: str
    end_value: str | None = None
    kind: str = "point"


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
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
}
_MONTH = "(" + "|".join(_MONTHS) + ")"


def fake_dates(text: str, published: date | None, language: str, tense: str = "unknown") -> list[FakeDate]:
    """Only the forms these tests use: '3 March 2021', 'from 10 to 14 May 2021', 'May 2015', 'Tuesday'."""
    out: list[FakeDate] = []
    for m in re.finditer(rf"\bfrom (\d{{1,2}}) to (\d{{1,2}}) {_MONTH} (\d{{4}})", text):
        month, year = _MONTHS[m.group(3)], int(m.group(4))
        out.append(
            FakeDate(
                m.start(),
                m.end(),
                m.group(0),
                f"{year}-{month:02d}-{int(m.group(1)):02d}",
                f"{year}-{month:02d}-{int(m.group(2)):02d}",
                "range",
            )
        )
    for m in re.finditer(rf"\b(\d{{1,2}}) {_MONTH} (\d{{4}})", text):
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(
                FakeDate(
                    m.start(),
                    m.end(),
                    m.group(0),
                    f"{m.group(3)}-{_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}",
                )
            )
    for m in re.finditer(rf"\b{_MONTH} (\d{{4}})", text):
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(FakeDate(m.start(), m.end(), m.group(0), f"{m.group(2)}-{_MONTHS[m.group(1)]:02d}"))
    for m in re.finditer(r"\bTuesday\b", text):
        out.append(FakeDate(m.start(), m.end(), m.group(0), "2021-03-02"))
    return sorted(out, key=lambda d: d.start)


THEMES = (
    ("smart-city", re.compile(r"smart cit(?:y|ies)", re.I)),
    ("e-government", re.compile(r"e-government", re.I)),
)


def run(text: str, published: date = date(2021, 3, 5)) -> Extraction:
    article = Article(text=text, title=text.split("\n")[0], language="en", published=published)
    return EnglishExtractor(FakeGazetteer(), fake_dates, THEMES).extract(article)


def org(ex: Extraction, name: str) -> Organization:
    found = [o for o in ex.organizations if name in o.names]
    assert found, f"no organization named {name!r} in {[o.names for o in ex.organizations]}"
    return found[0]


def org_names(ex: Extraction) -> list[list[str]]:
    return [o.names for o in ex.organizations]


# --- sentences -------------------------------------------------------------------------------


def test_sentences_survive_abbreviations_and_decimals() -> None:
    text = (
        "Headline about a deal\n\n"
        "Dr. Ahn Min-jun of Acme Corp. told the U.S. delegation on Jan. 5 that output rose 3.5 percent. "
        "The visitors left for St. Louis on Friday. Talks resume next week!"
    )
    spans = [s.text for s in split_sentences(text)]
    assert spans == [
        "Headline about a deal",
        "Dr. Ahn Min-jun of Acme Corp. told the U.S. delegation on Jan. 5 that output rose 3.5 percent.",
        "The visitors left for St. Louis on Friday.",
        "Talks resume next week!",
    ]
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


# --- organizations ---------------------------------------------------------------------------


def test_ministry_name_runs_through_of_and_but_stops_before_the_next_body() -> None:
    ex = run("Talks in Kigali\n\nRwanda's Ministry of ICT and Innovation and the World Bank met on Monday.")
    ministry = org(ex, "Ministry of ICT and Innovation")
    assert ministry.kind == "government"
    assert ministry.country == "RW"
    assert org(ex, "World Bank").kind == "international"
    assert org(ex, "World Bank").iri == "id:wb"


def test_alias_pair_joins_the_acronym_and_later_mentions() -> None:
    ex = run(
        "LH expands abroad\n\n"
        "The Korea Land and Housing Corporation (LH) builds homes. Later this year LH will open an office."
    )
    lh = org(ex, "LH")
    assert lh.names == ["Korea Land and Housing Corporation", "LH"]
    assert lh.kind == "company"
    assert lh.country == "KR"
    assert "KR" not in [c.code for c in ex.countries]  # "Korea" only inside the proper name


def test_acronym_first_alias_pair() -> None:
    ex = run(
        "News\n\nThe deal involves GIZ (Deutsche Gesellschaft fur Internationale Zusammenarbeit) this year."
    )
    assert org(ex, "GIZ").names == ["GIZ", "Deutsche Gesellschaft fur Internationale Zusammenarbeit"]


def test_short_form_of_a_university_and_possessives_are_resolved() -> None:
    ex = run(
        "Campus news\n\nEwha Womans University opened a lab with Naver. Ewha said Naver's engineers would teach there."
    )
    ewha = org(ex, "Ewha Womans University")
    assert ewha.names == ["Ewha Womans University", "Ewha"]
    assert ewha.kind == "academic"
    assert org(ex, "Naver").names == ["Naver"]  # "Naver's" is stripped


def test_national_government_from_demonym() -> None:
    ex = run("Aid news\n\nThe Kenyan government thanked Korean donors.")
    gov = org(ex, "Kenyan government")
    assert (gov.kind, gov.country, gov.names) == ("government", "KE", ["Kenyan government"])
    assert sorted(c.code for c in ex.countries) == ["KE", "KR"]


def test_unit_under_a_possessive_parent_and_under_an_anaphor() -> None:
    ex = run(
        "Research news\n\n"
        "Seoul Science University said the university's Urban Data Institute will lead the study, "
        "while Naver's Cloud Solutions Division supplies servers."
    )
    parent = org(ex, "Seoul Science University")
    institute = org(ex, "Urban Data Institute")
    assert institute.part_of == parent.key
    assert institute.kind == "academic"
    division = org(ex, "Cloud Solutions Division")
    assert division.part_of == org(ex, "Naver").key
    assert division.kind == "company"


def test_regional_body_of_a_parent_is_a_unit() -> None:
    ex = run(
        "News\n\nThe Asia Digital Skills Centre (ADSC), a regional institute of the United Nations, trains staff."
    )
    assert org(ex, "ADSC").part_of == org(ex, "United Nations").key
    assert org(ex, "ADSC").kind == "international"


def test_descriptive_titles_are_not_organizations() -> None:
    ex = run("Visit\n\nMinister of Youth and ICT Paula Ingabire met the Rwandan government team.")
    assert not any("Minister" in n for names in org_names(ex) for n in names)
    assert [p.name for p in ex.people] == ["Paula Ingabire"]


def test_companies_listed_after_such_as() -> None:
    ex = run("Market\n\nRival makers such as Orbitel, Zenfone Mobility and QTX cut prices.")
    assert org_names(ex) == [["Orbitel"], ["Zenfone Mobility"], ["QTX"]]
    assert {o.kind for o in ex.organizations} == {"company"}


def test_name_after_a_describing_noun() -> None:
    ex = run("Deal\n\nKigali-based mobile operator Nyota Telecom Rwanda grew fast.")
    assert org(ex, "Nyota Telecom Rwanda").kind == "company"


# --- sites -----------------------------------------------------------------------------------


def test_sites_from_reference_data_locatives_islands_and_headquarters() -> None:
    ex = run(
        "Signing\n\n"
        "The memorandum was signed in Bandung at the Naver headquarters. "
        "Batam, on Riau island, hosts a data hub. Busan is busy."
    )
    by_name = {s.names[0]: s for s in ex.sites}
    assert set(by_name) == {"Bandung", "Naver headquarters", "Batam", "Riau", "Busan"}
    assert by_name["Naver headquarters"].kind == "building"
    assert by_name["Naver headquarters"].country == "KR"
    assert by_name["Riau"].kind == "island"
    assert by_name["Batam"].within == by_name["Riau"].key
    assert by_name["Busan"].iri == "id:busan"


def test_place_inside_an_organization_name_is_not_a_site() -> None:
    ex = run("News\n\nKigali Polytechnic University won an award.")
    assert ex.sites == []


# --- people ----------------------------------------------------------------------------------


def test_people_by_title_apposition_and_possessive_title() -> None:
    ex = run(
        "Partnership\n\n"
        "Jane Mwangi, chief executive of the Savanna Data Foundation, praised the plan. "
        "President Amara Diallo attended. Naver's Vice President Lee Soo-min spoke.\n\n"
        "By John Carter"
    )
    people = {p.name: p for p in ex.people}
    assert set(people) == {"Jane Mwangi", "Amara Diallo", "Lee Soo-min"}
    assert people["Jane Mwangi"].role == "chief executive"
    assert people["Jane Mwangi"].affiliation == org(ex, "Savanna Data Foundation").key
    assert people["Amara Diallo"].role == "President"
    assert people["Lee Soo-min"].affiliation == org(ex, "Naver").key


# --- agreements ------------------------------------------------------------------------------


def test_signed_mou_with_partner_date_place_topics_and_themes() -> None:
    ex = run(
        "Deal\n\nNaver signed a memorandum of understanding with the Kenyan government on 3 March 2021 "
        "in Kigali to cooperate on smart city services."
    )
    [agreement] = ex.agreements
    assert agreement.kind == "mou"
    assert agreement.parties == [org(ex, "Naver").key, org(ex, "Kenyan government").key]
    assert agreement.date == "2021-03-03"
    assert agreement.place == ex.sites[0].key
    assert agreement.topics == ["smart city services"]
    assert agreement.themes == ["smart-city"]
    assert agreement.evidence[0].rule == "en.agreement.signed"


def test_reporting_day_is_not_the_signing_date() -> None:
    ex = run("Deal\n\nNaver said Tuesday it had signed a contract with the World Bank.")
    [agreement] = ex.agreements
    assert (agreement.kind, agreement.date) == ("contract", None)


def test_planned_signings_are_not_agreements() -> None:
    ex = run(
        "Plans\n\nNaver will sign an MoU with the World Bank. The World Bank plans to sign a deal with Naver."
    )
    assert ex.agreements == []


def test_partnership_and_a_later_sentence_that_dates_it() -> None:
    ex = run(
        "Tie-up\n\nThe Savanna Data Foundation has partnered with the World Bank to train coders. "
        "The agreement was signed on 1 March 2021 in Busan."
    )
    [agreement] = ex.agreements
    assert agreement.kind == "partnership"
    assert agreement.date == "2021-03-01"
    assert ex.sites[agreement.place is not None and 0].names == ["Busan"]
    assert len(agreement.evidence) == 2


def test_between_parties_and_letter_of_intent() -> None:
    ex = run("LOI\n\nA letter of intent was signed between Naver and the United Nations in May 2020.")
    [agreement] = ex.agreements
    assert agreement.kind == "letter_of_intent"
    assert set(agreement.parties) == {org(ex, "Naver").key, org(ex, "United Nations").key}
    assert agreement.date == "2020-05"


def test_country_as_signatory_stands_for_its_government() -> None:
    ex = run("Accord\n\nRwanda and Ghana signed an agreement on digital ID in May 2020.")
    [agreement] = ex.agreements
    names = sorted(o.names[0] for o in ex.organizations if o.key in agreement.parties)
    assert names == ["Ghana", "Rwanda"]
    assert {o.kind for o in ex.organizations} == {"government"}


# --- events ----------------------------------------------------------------------------------


def test_hosted_workshop_with_range_participants_and_venue() -> None:
    ex = run(
        "Workshop\n\nThe Korea Land and Housing Corporation (LH) will host a smart city workshop "
        "from 10 to 14 May 2021 in Busan for officials from Rwanda and Kenya."
    )
    [event] = ex.events
    assert event.kind == "workshop"
    assert event.name is None
    assert event.organizers == [org(ex, "LH").key]
    assert (event.start, event.end) == ("2021-05-10", "2021-05-14")
    assert event.participant_countries == ["RW", "KE"]
    assert [s.names[0] for s in ex.sites if s.key in event.venues] == ["Busan"]


def test_named_event_takes_its_organizer_from_the_name() -> None:
    ex = run("Forum\n\nEngineers gathered at the Naver Robotics Summit on 2 June 2021 in Busan.")
    [event] = ex.events
    assert (event.kind, event.name, event.start) == ("meeting", "Naver Robotics Summit", "2021-06-02")
    assert event.organizers == [org(ex, "Naver").key]


def test_one_event_per_dated_occurrence_of_a_hosted_delegation() -> None:
    ex = run("History\n\nThe World Bank hosted officials from Ghana in May 2015 and again in April 2017.")
    assert [(e.start, e.participant_countries) for e in ex.events] == [
        ("2015-05", ["GH"]),
        ("2017-04", ["GH"]),
    ]


def test_organizers_by_clause_and_a_later_definite_mention_with_dates() -> None:
    ex = run(
        "Course\n\nIt is part of a course that the World Bank and Ewha Womans University are organising. "
        "The course runs from 10 to 14 May 2021."
    )
    [event] = ex.events
    assert event.kind == "training"
    assert event.organizers == [org(ex, "World Bank").key, org(ex, "Ewha Womans University").key]
    assert event.start == "2021-05-10"


def test_undated_generic_mentions_and_signing_ceremonies_are_not_events() -> None:
    ex = run(
        "Ceremony\n\nThe World Bank offers capacity-building workshops. "
        "Naver and the World Bank held a signing ceremony on 3 March 2021."
    )
    assert ex.events == []


# --- projects --------------------------------------------------------------------------------


def test_named_project_with_operators_from_the_agreement_and_its_site() -> None:
    ex = run(
        "Deal\n\nNaver signed an MoU with the World Bank to work together on the Kigali smart city project."
    )
    [project] = ex.projects
    assert project.names == ["Kigali smart city project"]
    assert project.operators == [org(ex, "Naver").key, org(ex, "World Bank").key]
    assert [s.names[0] for s in ex.sites if s.key in project.sites] == ["Kigali"]
    assert project.countries == ["RW"]


def test_programme_named_academy_with_possessive_operator() -> None:
    ex = run(
        "Training\n\nThe Asia Digital Skills Centre (ADSC) trains officials. Staff use the centre's flagship "
        "programme, the Academy of Data Skills for Public Leaders, every year."
    )
    [project] = ex.projects
    assert project.names == ["Academy of Data Skills for Public Leaders"]
    assert project.operators == [org(ex, "ADSC").key]


def test_fund_is_a_project_and_strategies_are_not() -> None:
    ex = run("Money\n\nThe World Bank runs the Pacific Digital Fund under its Digital Economy Strategy.")
    assert [p.names for p in ex.projects] == [["Pacific Digital Fund"]]


# --- negative articles and robustness --------------------------------------------------------


def test_product_launch_yields_no_cooperation_facts() -> None:
    ex = run(
        "Orbitel unveils new phone\n\n"
        "Orbitel Electronics said Tuesday it will launch its Nova 5 phone in Kenya next month. "
        "The launch event drew reporters, and rival QTX sued Orbitel over a patent."
    )
    assert (ex.agreements, ex.events, ex.projects) == ([], [], [])
    assert org(ex, "Orbitel Electronics").names == ["Orbitel Electronics", "Orbitel"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "((((", "Ministry", "A. B. C.", "é" * 50, "2021 2022"])
def test_odd_input_does_not_raise(text: str) -> None:
    ex = run(text)
    assert ex.article.text == text


def test_evidence_spans_are_sentences_of_the_text() -> None:
    text = "Deal\n\nNaver signed an MoU with the World Bank on 3 March 2021. Other news followed."
    ex = run(text)
    evidence = ex.agreements[0].evidence[0]
    assert text[evidence.start : evidence.end] == "Naver signed an MoU with the World Bank on 3 March 2021."
    assert 0.0 <= evidence.confidence <= 1.0


def test_default_extractor_uses_the_project_reference_data() -> None:
    article = Article(
        text="Tie-up\n\nThe World Bank signed an MoU with the Rwandan government in Kigali on 4 May 2021.",
        title="Tie-up",
        language="en",
        published=date(2021, 5, 10),
    )
    ex = extract_english(article)
    [agreement] = ex.agreements
    assert agreement.date == "2021-05-04"
    assert len(agreement.parties) == 2
    assert "RW" in [c.code for c in ex.countries]


# --- later rules -----------------------------------------------------------------------------


def test_separate_mous_give_one_agreement_per_pair_and_list_members_are_firms() -> None:
    ex = run(
        "Deals\n\nNaver, Orbitel Networks and Zenfone Mobility signed separate MOUs with the World Bank in May 2020."
    )
    bank = org(ex, "World Bank").key
    pairs = sorted(
        sorted(org(ex, n).key for n in ("World Bank", name))
        for name in ("Naver", "Orbitel Networks", "Zenfone Mobility")
    )
    assert sorted(sorted(a.parties) for a in ex.agreements) == pairs
    assert all(bank in a.parties and a.kind == "mou" for a in ex.agreements)
    assert org(ex, "Zenfone Mobility").kind == "company"


def test_contract_won_from_a_client_and_an_earlier_mou_stay_two_agreements() -> None:
    ex = run(
        "Win\n\nOrbitel Networks has won a contract worth $5 million from the Kenyan government. "
        "Orbitel Networks previously signed an MOU with the Kenyan government in May 2020."
    )
    assert [(a.kind, a.date) for a in ex.agreements] == [("contract", None), ("mou", "2020-05")]
    assert ex.agreements[0].parties == ex.agreements[1].parties


def test_bare_group_name_is_the_short_form_of_its_one_listed_firm() -> None:
    ex = run("Results\n\nNaver Cloud grew fast. Naver said profits rose.")
    assert org_names(ex) == [["Naver Cloud", "Naver"]]


def test_named_parent_is_kept_apart_from_its_unit() -> None:
    ex = run("Results\n\nNaver Cloud, the computing arm of Naver Corp., grew fast.")
    cloud, parent = org(ex, "Naver Cloud"), org(ex, "Naver Corp.")
    assert cloud.part_of == parent.key
    assert parent.names == ["Naver Corp."]


def test_country_complement_ends_the_name_and_gives_the_country() -> None:
    ex = run("Talks\n\nNaver met the Ministry of Digital Economy of the Republic of Kenya on Tuesday.")
    ministry = org(ex, "Ministry of Digital Economy")
    assert (ministry.kind, ministry.country) == ("government", "KE")


def test_the_two_ministries_operate_the_project_they_signed_for() -> None:
    ex = run(
        "Plan\n\nThe Ministry of Digital Economy of Kenya signed an MOU with the World Bank on 3 March 2021. "
        "The two sides will launch the Nairobi Data Exchange project next year."
    )
    [project] = ex.projects
    assert project.names == ["Nairobi Data Exchange project"]
    assert set(project.operators) == set(ex.agreements[0].parties)


def test_co_organizers_and_attendees_named_in_the_next_sentence() -> None:
    ex = run(
        "KT signs MOU with Savanna Data Foundation on AI education\n\n"
        "Naver will hold a seminar on 20 June 2021 in Kigali, co-organized with the World Bank and the "
        "Korean Embassy. Teachers and students from Rwanda and Ghana are expected to attend."
    )
    assert org(ex, "Savanna Data Foundation").names == ["Savanna Data Foundation"]  # "on AI" is a topic
    assert org(ex, "Korean Embassy").kind == "government"
    [event] = ex.events
    assert event.organizers == [org(ex, n).key for n in ("Naver", "World Bank", "Korean Embassy")]
    assert (event.kind, event.start, event.participant_countries) == ("seminar", "2021-06-20", ["RW", "GH"])
