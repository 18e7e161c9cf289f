"""A synthetic cooperation graph in digicoop's vocabulary, of any size, the same for the same seed.

Countries and organizations (Korean and English names) sit in the reference graph; each
article gets its own named graph holding the article, one to three facts (agreements with
parties and dates, events, projects) and an evidence node per fact, as the extractor would
write them. Generation streams N-Quads, so 1M triples (issue 6) needs no more memory than 100k.

    info = write_nquads(Path("data.nq"), size=100_000, seed=7)
    info.triples, info.labels_ko[:3], info.countries[:3]

``reference_graph`` names the graph of the countries and organizations: a served store replaces
its own reference graph with the shipped reference data at start, so a dataset meant for
``digicoop serve`` (benchmarks/scale.py) puts them in a graph of their own, as ``digicoop load``
of an organization list would.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

BASE = "https://w3id.org/digicoop/"
DCO = BASE + "ontology#"
ID = BASE + "id/"
GRAPH_REFERENCE = BASE + "graph/reference"
GRAPH_ARTICLE = BASE + "graph/article/"
THEME = BASE + "theme/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# (ISO alpha-2, Korean name, English name): partner countries common in the Korean press.
COUNTRIES = [
    ("KR", "한국", "South Korea"),
    ("VN", "베트남", "Vietnam"),
    ("ID", "인도네시아", "Indonesia"),
    ("PH", "필리핀", "Philippines"),
    ("TH", "태국", "Thailand"),
    ("MY", "말레이시아", "Malaysia"),
    ("KH", "캄보디아", "Cambodia"),
    ("LA", "라오스", "Laos"),
    ("MM", "미얀마", "Myanmar"),
    ("MN", "몽골", "Mongolia"),
    ("UZ", "우즈베키스탄", "Uzbekistan"),
    ("KZ", "카자흐스탄", "Kazakhstan"),
    ("KG", "키르기스스탄", "Kyrgyzstan"),
    ("BD", "방글라데시", "Bangladesh"),
    ("IN", "인도", "India"),
    ("NP", "네팔", "Nepal"),
    ("LK", "스리랑카", "Sri Lanka"),
    ("RW", "르완다", "Rwanda"),
    ("KE", "케냐", "Kenya"),
    ("ET", "에티오피아", "Ethiopia"),
    ("TZ", "탄자니아", "Tanzania"),
    ("GH", "가나", "Ghana"),
    ("NG", "나이지리아", "Nigeria"),
    ("EG", "이집트", "Egypt"),
    ("MA", "모로코", "Morocco"),
    ("SA", "사우디아라비아", "Saudi Arabia"),
    ("AE", "아랍에미리트", "United Arab Emirates"),
    ("TR", "튀르키예", "Türkiye"),
    ("PY", "파라과이", "Paraguay"),
    ("PE", "페루", "Peru"),
    ("CO", "콜롬비아", "Colombia"),
    ("CL", "칠레", "Chile"),
    ("EC", "에콰도르", "Ecuador"),
    ("GT", "과테말라", "Guatemala"),
    ("US", "미국", "United States"),
    ("GB", "영국", "United Kingdom"),
    ("FR", "프랑스", "France"),
    ("DE", "독일", "Germany"),
    ("JP", "일본", "Japan"),
    ("CN", "중국", "China"),
]

# (Korean field word, English field words, acronym letters)
FIELDS = [
    ("정보통신", "Information and Communications", "IC"),
    ("디지털", "Digital", "D"),
    ("전자정부", "E-Government", "EG"),
    ("인공지능", "Artificial Intelligence", "AI"),
    ("스마트시티", "Smart City", "SC"),
    ("데이터", "Data", "DT"),
    ("사이버보안", "Cybersecurity", "CS"),
    ("원격의료", "Telemedicine", "TM"),
    ("농업기술", "Agricultural Technology", "AT"),
    ("교통", "Transport", "T"),
    ("우주항공", "Aerospace", "AS"),
    ("반도체", "Semiconductor", "SM"),
    ("핀테크", "Fintech", "FT"),
    ("교육정보", "Education Informatics", "EI"),
    ("조달", "Procurement", "P"),
    ("통신", "Telecommunications", "TC"),
]

# (Korean suffix, English head, organization class, acronym letter)
SUFFIXES = [
    ("진흥원", "Promotion Agency", "GovernmentAgency", "PA"),
    ("연구원", "Research Institute", "ResearchInstitute", "RI"),
    ("공사", "Corporation", "Company", "C"),
    ("재단", "Foundation", "NGO", "F"),
    ("협회", "Association", "NGO", "A"),
    ("위원회", "Commission", "GovernmentAgency", "CM"),
    ("대학교", "University", "University", "U"),
    ("청", "Agency", "GovernmentAgency", "AG"),
    ("기구", "Organization", "InternationalOrganization", "O"),
    ("은행", "Bank", "Company", "B"),
]

THEMES = [
    "smart-city",
    "e-government",
    "digital-inclusion",
    "connectivity",
    "ai",
    "data",
    "cybersecurity",
    "e-learning",
    "telemedicine",
    "smart-farming",
    "fintech",
    "e-procurement",
    "cloud",
    "5g",
    "digital-identity",
    "capacity-building",
]
AGREEMENT_KINDS = ["MOU", "CooperationAgreement", "PartnershipAgreement", "LetterOfIntent", "Contract"]
EVENT_KINDS = ["Workshop", "Conference", "Forum", "Seminar", "Training", "Meeting"]
PUBLISHERS = ["디지털타임스", "전자신문", "연합뉴스", "Korea Herald", "Korea Times", "정책브리핑"]


@dataclass
class DatasetInfo:
    """What was generated, with names and codes the benchmark queries can ask about."""

    triples: int = 0
    organizations: int = 0
    articles: int = 0
    agreements: int = 0
    events: int = 0
    projects: int = 0
    labels_ko: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _text(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def _org_name(index: int) -> tuple[str, str, str, str, str]:
    """Korean name, English name, class, acronym and home country of organization ``index``.

    Names are unique: country x field x suffix, then an ordinal once those run out.
    """
    # The country varies fastest, so that every country has organizations even in a small graph.
    code, country_ko, country_en = COUNTRIES[index % len(COUNTRIES)]
    rest = index // len(COUNTRIES)
    suffix = SUFFIXES[rest % len(SUFFIXES)]
    rest //= len(SUFFIXES)
    fld = FIELDS[rest % len(FIELDS)]
    ordinal = rest // len(FIELDS)
    ko = f"{country_ko} {fld[0]}{suffix[0]}"
    en = f"{country_en} {fld[1]} {suffix[1]}"
    acronym = f"{code}{fld[2]}{suffix[3]}"
    if ordinal:
        ko = f"제{ordinal + 1} {ko}"
        en = f"{en} No. {ordinal + 1}"
        acronym = f"{acronym}{ordinal + 1}"
    return ko, en, suffix[2], acronym, code


def _reference(organizations: int, graph: str = GRAPH_REFERENCE) -> Iterator[ox.Quad]:
    ref = _iri(graph)
    for code, ko, en in COUNTRIES:
        node = _iri(f"{ID}country/{code}")
        yield ox.Quad(node, _iri(RDF_TYPE), _iri(DCO + "Country"), ref)
        for name, lang in ((ko, "ko"), (en, "en")):
            yield ox.Quad(node, _iri(RDFS_LABEL), _text(name, lang), ref)
            yield ox.Quad(node, _iri(SKOS + "prefLabel"), _text(name, lang), ref)
        yield ox.Quad(node, _iri(DCO + "isoAlpha2"), _text(code), ref)
    for i in range(organizations):
        ko, en, cls, acronym, code = _org_name(i)
        node = _iri(f"{ID}org/o{i}")
        yield ox.Quad(node, _iri(RDF_TYPE), _iri(DCO + cls), ref)
        for name, lang in ((ko, "ko"), (en, "en")):
            yield ox.Quad(node, _iri(RDFS_LABEL), _text(name, lang), ref)
            yield ox.Quad(node, _iri(SKOS + "prefLabel"), _text(name, lang), ref)
        yield ox.Quad(node, _iri(SKOS + "altLabel"), _text(acronym), ref)
        yield ox.Quad(node, _iri(DCO + "acronym"), _text(acronym), ref)
        yield ox.Quad(node, _iri(DCO + "homeCountry"), _iri(f"{ID}country/{code}"), ref)


class _Article:
    """Quads of one article's named graph."""

    def __init__(self, index: int, rng: random.Random, organizations: int, info: DatasetInfo) -> None:
        self.slug = f"a{index}"
        self.node = _iri(f"{ID}article/{self.slug}")
        self.graph = _iri(GRAPH_ARTICLE + self.slug)
        self.rng = rng
        self.organizations = organizations
        self.info = info
        self.quads: list[ox.Quad] = []
        self.published = date(2010, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        self.facts = 0

    def add(self, s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, _iri(p), o, self.graph))

    def org(self) -> ox.NamedNode:
        node = _iri(f"{ID}org/o{self.rng.randrange(self.organizations)}")
        self.add(self.node, SCHEMA + "mentions", node)
        return node

    def country(self) -> ox.NamedNode:
        node = _iri(f"{ID}country/{self.rng.choice(COUNTRIES)[0]}")
        self.add(self.node, SCHEMA + "mentions", node)
        return node

    def day(self) -> ox.Literal:
        return _typed((self.published - timedelta(days=self.rng.randrange(10))).isoformat(), "date")

    def themes(self, fact: ox.NamedNode) -> str:
        theme = self.rng.choice(THEMES)
        self.add(fact, DCO + "theme", _iri(THEME + theme))
        return theme

    def evidence(self, fact: ox.NamedNode, sentence: str) -> None:
        node = _iri(f"{ID}evidence/{self.slug}-{self.facts}")
        start = self.rng.randrange(50, 2000)
        self.add(node, RDF_TYPE, _iri(DCO + "Evidence"))
        self.add(node, "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject", fact)
        self.add(node, PROV + "wasDerivedFrom", self.node)
        self.add(node, DCO + "sentence", _text(sentence))
        self.add(node, DCO + "startOffset", _typed(str(start), "integer"))
        self.add(node, DCO + "endOffset", _typed(str(start + len(sentence)), "integer"))
        self.add(node, DCO + "rule", _text(f"ko.synthetic.{self.rng.randrange(12)}"))
        self.add(node, DCO + "confidence", _typed(f"0.{self.rng.randrange(50, 99)}", "decimal"))
        self.add(fact, DCO + "evidence", node)
        self.add(fact, PROV + "wasDerivedFrom", self.node)

    def fact(self, kind: str) -> ox.NamedNode:
        self.facts += 1
        return _iri(f"{ID}{kind}/{self.slug}-{self.facts}")

    def agreement(self) -> None:
        fact = self.fact("agreement")
        self.add(fact, RDF_TYPE, _iri(DCO + self.rng.choice(AGREEMENT_KINDS)))
        parties = [self.org() for _ in range(self.rng.choice((2, 2, 2, 3)))]
        for party in parties:
            self.add(fact, DCO + "party", party)
        self.add(fact, DCO + "signedOn", self.day())
        theme = self.themes(fact)
        self.add(fact, RDFS_LABEL, _text(f"{theme} 협력 양해각서", "ko"))
        self.add(fact, DCO + "topic", _text(f"{theme} 분야 협력", "ko"))
        self.evidence(fact, f"양 기관은 {theme} 분야 협력을 위한 업무협약을 체결했다.")
        self.info.agreements += 1

    def event(self) -> None:
        fact = self.fact("event")
        self.add(fact, RDF_TYPE, _iri(DCO + self.rng.choice(EVENT_KINDS)))
        self.add(fact, DCO + "organizer", self.org())
        for _ in range(self.rng.randrange(1, 5)):
            self.add(fact, DCO + "participantCountry", self.country())
        self.add(fact, DCO + "participantOrganization", self.org())
        start = self.day()
        self.add(fact, DCO + "startDate", start)
        self.add(fact, DCO + "endDate", start)
        theme = self.themes(fact)
        self.add(fact, SCHEMA + "name", _text(f"{self.published.year} {theme} 워크숍", "ko"))
        self.evidence(fact, f"{theme} 역량강화 워크숍이 열렸다.")
        self.info.events += 1

    def project(self) -> None:
        fact = self.fact("project")
        self.add(fact, RDF_TYPE, _iri(DCO + "Project"))
        self.add(fact, DCO + "operator", self.org())
        self.add(fact, DCO + "partner", self.org())
        self.add(fact, DCO + "projectCountry", self.country())
        theme = self.themes(fact)
        self.add(fact, RDFS_LABEL, _text(f"{theme} 시범사업", "ko"))
        self.add(fact, DCO + "service", _text(f"{theme} 서비스", "ko"))
        self.add(fact, DCO + "startDate", _typed(str(self.published.year), "gYear"))
        self.evidence(fact, f"{theme} 시범사업을 추진한다.")
        self.info.projects += 1

    def build(self) -> list[ox.Quad]:
        self.add(self.node, RDF_TYPE, _iri(DCO + "Article"))
        self.add(self.node, SCHEMA + "headline", _text(f"디지털 협력 소식 {self.slug}", "ko"))
        self.add(self.node, SCHEMA + "datePublished", _typed(self.published.isoformat(), "date"))
        self.add(self.node, SCHEMA + "inLanguage", _text("ko"))
        self.add(self.node, DCO + "publisherName", _text(self.rng.choice(PUBLISHERS)))
        self.add(self.node, SCHEMA + "url", _typed(f"https://news.example/{self.slug}", "anyURI"))
        for _ in range(self.rng.randrange(1, 4)):
            self.rng.choice((self.agreement, self.agreement, self.event, self.project))()
        return self.quads


def generate(
    size: int, seed: int = 0, info: DatasetInfo | None = None, reference_graph: str = GRAPH_REFERENCE
) -> Iterator[list[ox.Quad]]:
    """Chunks of quads (the reference data, then one article each) until about ``size`` triples."""
    info = info if info is not None else DatasetInfo()
    rng = random.Random(seed)
    # About one organization per 100 triples keeps the mix of facts to names like the real graph.
    info.organizations = max(size // 100, 10)
    reference = list(_reference(info.organizations, reference_graph))
    info.triples = len(reference)
    yield reference
    while info.triples < size:
        quads = _Article(info.articles, rng, info.organizations, info).build()
        info.articles += 1
        info.triples += len(quads)
        yield quads
    sample = random.Random(seed + 1)
    picks = sorted(sample.sample(range(info.organizations), min(64, info.organizations)))
    info.labels_ko = [_org_name(i)[0] for i in picks]
    info.countries = [code for code, _, _ in COUNTRIES]


def write_nquads(path: Path, size: int, seed: int = 0, reference_graph: str = GRAPH_REFERENCE) -> DatasetInfo:
    """Write the dataset to ``path`` as N-Quads and say what it holds."""
    info = DatasetInfo()
    with path.open("wb") as out:
        for chunk in generate(size, seed, info, reference_graph):
            ox.serialize(chunk, out, ox.RdfFormat.N_QUADS)
    return info
