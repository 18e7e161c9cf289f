"""Whatever text arrives, extraction returns facts, never an exception, and the graph minted
from them conforms to the ontology's shapes."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.extract import extract
from graph.model import Article
from graph.triples import article_graph
from graph.validate import validate

# Korean and English words the rules react to, mixed with arbitrary text, so that the
# generated inputs reach the agreement, event and project rules and not only the tokenizer.
CUES = [
    "KT는",
    "국제이주기구(IOM)와",
    "양해각서를",
    "체결했다.",
    "지난 8일",
    "워크숍을",
    "개최한다.",
    "사업을",
    "행정안전부(장관 홍길동)는",
    "19개국*이",
    "* 가나, 르완다",
    "'",
    "(",
    ")",
    "…",
    "·",
    "\n\n",
    "KOICA signed",
    "a memorandum of understanding with",
    "the World Bank",
    "on Monday",
    "workshop",
    "from 3 to 5 September",
    "in Seoul",
    "project",
    "Minister",
    "(ADB)",
    ",",
    ".",
]
texts = st.lists(st.one_of(st.sampled_from(CUES), st.text(max_size=12)), max_size=40).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, language=st.sampled_from(["ko", "en"]))
def test_extraction_never_raises_and_conforms(text: str, language: str) -> None:
    article = Article(text=text, title=text[:40], language=language, published=date(2024, 5, 17))  # type: ignore[arg-type]
    extraction = extract(article)
    for entity in [*extraction.organizations, *extraction.sites]:
        assert entity.names and all(name.strip() for name in entity.names)
    for evidence in (e for fact in [*extraction.agreements, *extraction.events] for e in fact.evidence):
        assert 0 <= evidence.start <= evidence.end <= len(text)
    report = validate(article_graph(extraction, "https://w3id.org/digicoop/id/article/property-test"))
    assert report.conforms, report.messages
