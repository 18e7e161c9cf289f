"""Projections and analytics over a small hand-made knowledge graph (and the example articles)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import networkx as nx
import pytest
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef

from graph import network as N
from graph.store import Store, open_store

ID = "https://w3id.org/digicoop/id/"
DCO = "https://w3id.org/digicoop/ontology#"
THEME = "https://w3id.org/digicoop/theme/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "http://schema.org/"


def org(slug: str) -> str:
    return f"{ID}org/{slug}"


def country(code: str) -> str:
    return f"{ID}country/{code}"


def small_graph() -> Graph:
    """Alpha and Beta (KR) sign two MOUs; Beta and Gamma (RW) run a project in Kigali; Delta (VN)
    and Alpha meet at an event in 2019 with Laos taking part; Epsilon stands alone in an event."""
    g = Graph()

    def add(s: str, p: str, o: object) -> None:
        g.add((URIRef(s), URIRef(p), o if isinstance(o, Literal) else URIRef(str(o))))

    for slug, name_en, name_ko, home in (
        ("alpha", "Alpha Telecom", "알파텔레콤", "KR"),
        ("beta", "Beta Agency", "베타청", "KR"),
        ("gamma", "Gamma Ministry", None, "RW"),
        ("delta", "Delta Corp", None, "VN"),
        ("epsilon", "Epsilon Lab", None, "KR"),
    ):
        add(org(slug), str(RDF.type), DCO + "Company")
        g.add((URIRef(org(slug)), SKOS.prefLabel, Literal(name_en, lang="en")))
        if name_ko:
            g.add((URIRef(org(slug)), SKOS.prefLabel, Literal(name_ko, lang="ko")))
        add(org(slug), DCO + "homeCountry", country(home))
    for code in ("KR", "RW", "VN", "LA"):
        add(country(code), str(RDF.type), DCO + "Country")
        g.add((URIRef(country(code)), SKOS.prefLabel, Literal(f"Country {code}", lang="en")))
    add(f"{ID}site/kigali", str(RDF.type), DCO + "City")
    g.add((URIRef(f"{ID}site/kigali"), SKOS.prefLabel, Literal("Kigali", lang="en")))
    add(f"{ID}site/kigali", DCO + "inCountry", country("RW"))
    article = f"{ID}article/a1"
    add(article, str(RDF.type), DCO + "Article")
    g.add((URIRef(article), URIRef(SCHEMA + "headline"), Literal("Alpha and Beta sign")))
    g.add((URIRef(article), URIRef(SCHEMA + "datePublished"), Literal("2022-05-02", datatype=XSD.date)))
    for i, date in ((1, "2021-03-04"), (2, "2022")):
        a = f"{ID}agreement/a1-{i}"
        add(a, str(RDF.type), DCO + "MOU")
        add(a, DCO + "party", org("alpha"))
        add(a, DCO + "party", org("beta"))
        g.add(
            (
                URIRef(a),
                URIRef(DCO + "signedOn"),
                Literal(date, datatype=XSD.gYear if len(date) == 4 else XSD.date),
            )
        )
        add(a, DCO + "theme", THEME + "smart-city")
        add(a, PROV + "wasDerivedFrom", article)
    p = f"{ID}project/a1-1"
    add(p, str(RDF.type), DCO + "Project")
    add(p, DCO + "operator", org("beta"))
    add(p, DCO + "partner", org("gamma"))
    add(p, DCO + "projectSite", f"{ID}site/kigali")
    add(p, DCO + "theme", THEME + "e-government")
    add(p, PROV + "wasDerivedFrom", article)  # undated: dated by its article, 2022-05-02
    e = f"{ID}event/a1-1"
    add(e, str(RDF.type), DCO + "Forum")
    add(e, DCO + "organizer", org("alpha"))
    add(e, DCO + "participantOrganization", org("delta"))
    add(e, DCO + "participantCountry", country("LA"))
    g.add((URIRef(e), URIRef(DCO + "startDate"), Literal("2019-06", datatype=XSD.gYearMonth)))
    add(e, PROV + "wasDerivedFrom", article)
    lone = f"{ID}event/a1-2"
    add(lone, str(RDF.type), DCO + "Workshop")
    add(lone, DCO + "organizer", org("epsilon"))
    return g


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    s.replace_graph("https://w3id.org/digicoop/graph/article/a1", small_graph())
    yield s
    s.close()


@pytest.fixture(scope="module")
def snapshot(store: Store) -> N.Snapshot:
    return N.load_snapshot(store)


def test_snapshot_reads_facts_members_and_names(snapshot: N.Snapshot) -> None:
    assert len(snapshot.facts) == 5
    mou = snapshot.facts[f"{ID}agreement/a1-1"]
    assert (mou.type, mou.kind, mou.date) == ("agreement", "mou", "2021-03-04")
    assert mou.members["party"] == {org("alpha"), org("beta")}
    assert snapshot.facts[f"{ID}project/a1-1"].date == "2022-05-02"  # from the article
    assert snapshot.facts[f"{ID}event/a1-1"].kind == "forum"
    alpha = snapshot.entities[org("alpha")]
    assert (alpha.name_en, alpha.name_ko, alpha.country) == ("Alpha Telecom", "알파텔레콤", country("KR"))
    assert snapshot.entities[country("RW")].type == "country"


def test_organization_projection_weights_edges_by_shared_facts(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations")
    assert set(g) == {org(s) for s in ("alpha", "beta", "gamma", "delta", "epsilon")}
    ab = g.edges[org("alpha"), org("beta")]
    assert ab["weight"] == 2
    assert ab["relation"] == "agreement"
    assert sorted(ab["facts"]) == [f"{ID}agreement/a1-1", f"{ID}agreement/a1-2"]
    assert ab["dates"] == ["2021-03-04", "2022"]
    assert g.edges[org("beta"), org("gamma")]["relation"] == "project"
    assert g.edges[org("alpha"), org("delta")]["relation"] == "event"
    assert g.degree(org("epsilon")) == 0
    assert g.graph["facts"][f"{ID}agreement/a1-1"]["article_path"] == "/articles/a1"
    assert g.nodes[org("alpha")]["path"] == "/entities/org/alpha"


def test_country_projection_goes_through_home_and_participant_countries(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "countries")
    assert g.has_edge(country("KR"), country("RW"))  # Beta (KR) with Gamma (RW) and Kigali
    assert g.has_edge(country("KR"), country("VN"))  # Alpha (KR) with Delta (VN) at the forum
    assert g.has_edge(country("VN"), country("LA"))  # Laos took part in the forum
    assert not g.has_edge(country("RW"), country("VN"))


def test_organization_site_and_full_projections(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations+sites")
    assert g.edges[org("beta"), f"{ID}site/kigali"]["relation"] == "site"
    assert g.has_edge(org("alpha"), org("beta"))
    full = N.project(snapshot, "full")
    assert full.nodes[f"{ID}project/a1-1"]["type"] == "project"
    assert full.edges[f"{ID}project/a1-1", org("gamma")]["roles"] == ["partner"]
    assert full.has_edge(org("gamma"), country("RW"))
    assert not any(n.startswith(f"{ID}article/") for n in full)


def test_filters_by_theme_country_dates_and_weight(snapshot: N.Snapshot) -> None:
    themed = N.project(snapshot, "organizations", N.Filters(theme="e-government"))
    assert set(themed.edges()) == {(org("beta"), org("gamma"))} or set(themed.edges()) == {
        (org("gamma"), org("beta"))
    }
    laos = N.project(snapshot, "organizations", N.Filters(country="la"))
    assert {frozenset(e) for e in laos.edges()} == {frozenset((org("alpha"), org("delta")))}
    in_2019 = N.project(snapshot, "organizations", N.Filters(date_from="2019", date_to="2019-12"))
    assert {frozenset(e) for e in in_2019.edges()} == {frozenset((org("alpha"), org("delta")))}
    from_2022 = N.project(snapshot, "organizations", N.Filters(date_from="2022-01-01"))
    assert from_2022.edges[org("alpha"), org("beta")]["weight"] == 1  # the 2022 MOU only
    heavy = N.project(snapshot, "organizations", N.Filters(min_weight=2))
    assert set(heavy) == {org("alpha"), org("beta")}


def test_unknown_kind_is_refused(snapshot: N.Snapshot) -> None:
    with pytest.raises(ValueError, match="unknown network kind"):
        N.project(snapshot, "people")  # type: ignore[arg-type]


def test_ego_network_by_depth(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations")
    assert set(N.ego(g, org("gamma"), 1)) == {org("gamma"), org("beta")}
    assert set(N.ego(g, org("gamma"), 2)) == {org("gamma"), org("beta"), org("alpha")}
    assert len(N.ego(g, org("nobody"), 1)) == 0


def test_centrality_handles_disconnected_graphs(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations")
    c = N.centrality(g)
    assert c[org("epsilon")] == {"degree": 0.0, "betweenness": 0.0, "eigenvector": 0.0}
    assert max(c, key=lambda n: c[n]["betweenness"]) in {org("alpha"), org("beta")}
    assert all(0 <= v <= 1 for m in c.values() for v in m.values())
    two = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    assert N.centrality(two)["d"]["eigenvector"] > N.centrality(two)["a"]["eigenvector"]


def test_communities_are_stable() -> None:
    g = nx.barbell_graph(5, 0)
    first, second = N.communities(g), N.communities(g)
    assert first == second
    assert first[0] == first[4] != first[9]


def test_paths_carry_their_facts(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations")
    paths = N.k_shortest_paths(g, org("gamma"), org("delta"), k=2)
    assert len(paths) == 1
    steps = paths[0]
    assert [s.source for s in steps] == [org("gamma"), org("beta"), org("alpha")]
    assert {f["iri"] for f in steps[1].facts} == {f"{ID}agreement/a1-1", f"{ID}agreement/a1-2"}
    assert N.k_shortest_paths(g, org("gamma"), org("epsilon")) == []


def test_network_by_year_and_top_lists(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations")
    years = N.by_year(g)
    assert sorted(years) == [2019, 2021, 2022]
    assert years[2022].edges[org("alpha"), org("beta")]["weight"] == 1
    assert set(years[2019].edges()) in ({(org("alpha"), org("delta"))}, {(org("delta"), org("alpha"))})
    assert N.top_pairs(g, 1)[0][2] == 2
    assert N.top_themes(g) == [("smart-city", 2), ("e-government", 1)]


def test_strongest_keeps_the_focus(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations")
    assert N.strongest(g, 2) == [org("beta"), org("alpha")] or N.strongest(g, 2) == [
        org("alpha"),
        org("beta"),
    ]
    assert N.strongest(g, 2, keep=[org("epsilon")])[0] == org("epsilon")


def test_focus_resolves_ids_iris_and_names(store: Store) -> None:
    assert N.resolve_focus(store, "org/alpha") == org("alpha")
    assert N.resolve_focus(store, org("beta")) == org("beta")
    assert N.resolve_focus(store, "alpha telecom") == org("alpha")  # label lookup in the store
    assert N.resolve_focus(store, "알파텔레콤") == org("alpha")
    assert N.resolve_focus(store, 'x" } DROP ALL #') is None  # quoted, not injected
    assert N.resolve_focus(store, "KT") == org("kt")  # the reference data knows KT


def test_exports_are_valid_graphml_gexf_and_json(snapshot: N.Snapshot) -> None:
    g = N.project(snapshot, "organizations")
    graphml = ET.fromstring(N.to_graphml(g))
    assert graphml.tag.endswith("graphml")
    back = nx.read_graphml(__import__("io").BytesIO(N.to_graphml(g)))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.edges[org("alpha"), org("beta")]["weight"] == 2
    assert ET.fromstring(N.to_gexf(g)).tag.endswith("gexf")
    data = N.node_link(g)
    assert json.loads(json.dumps(N.node_link(N.project(snapshot, "full"))))["links"]
    assert {n["id"] for n in data["nodes"]} == set(g)
    assert len(data["links"]) == g.number_of_edges()
