"""The SHACL shapes: each one is exercised by a conforming and a violating example.

tests/ontology/shape_cases/<ShapeName>/valid.ttl must conform to every shape;
tests/ontology/shape_cases/<ShapeName>/invalid.ttl must break <ShapeName> and no other shape.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib.term import Node

from graph.validate import validate
from ontology import NS, ONTOLOGY, SHAPES, shapes_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
DCOSH = Namespace("https://w3id.org/digicoop/shapes#")
DCO = Namespace(NS)
CASES = Path(__file__).parent / "shape_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def node_shapes() -> set[str]:
    return {
        str(s)[len(DCOSH) :]
        for s in shapes_graph().subjects(RDF.type, SH.NodeShape)
        if str(s).startswith(DCOSH)
    }


def parts_of(shape: URIRef) -> set[Node]:
    """The shape and every node reachable from it in the shapes graph (its property shapes, lists...)."""
    shapes = shapes_graph()
    seen: set[Node] = {shape}
    queue: deque[Node] = deque([shape])
    while queue:
        for obj in shapes.objects(queue.popleft()):
            if obj not in seen and (obj, None, None) in shapes:
                seen.add(obj)
                queue.append(obj)
    return seen


def test_every_node_shape_has_a_case_folder_and_every_folder_a_shape() -> None:
    assert set(CASE_NAMES) == node_shapes()
    for name in CASE_NAMES:
        assert (CASES / name / "valid.ttl").is_file()
        assert (CASES / name / "invalid.ttl").is_file()


@pytest.mark.parametrize("name", CASE_NAMES)
def test_valid_example_conforms(name: str) -> None:
    report = validate(Graph().parse(CASES / name / "valid.ttl", format="turtle"))
    assert report.conforms, report.messages


@pytest.mark.parametrize("name", CASE_NAMES)
def test_invalid_example_breaks_its_shape_and_only_it(name: str) -> None:
    report = validate(Graph().parse(CASES / name / "invalid.ttl", format="turtle"))
    assert not report.conforms
    assert report.violations
    own = parts_of(DCOSH[name])
    strays = [v.message for v in report.violations if v.source_shape not in own]
    assert strays == []


def test_every_class_is_covered_by_a_shape() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    targeted = set(shapes_graph().objects(None, SH.targetClass))
    uncovered = []
    for cls in onto.subjects(RDF.type, OWL.Class):
        if not str(cls).startswith(NS):
            continue
        ancestors = set(onto.transitive_objects(cls, RDFS.subClassOf))  # includes cls itself
        if not ancestors & targeted:
            uncovered.append(cls)
    assert uncovered == []


def test_shapes_use_only_terms_the_ontology_declares() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(NS)}
    used = {node for triple in Graph().parse(SHAPES, format="turtle") for node in triple}
    used_dco = {node for node in used if isinstance(node, URIRef) and str(node).startswith(NS)}
    assert used_dco, "shapes.ttl should constrain dco: terms"
    assert sorted(used_dco - declared) == []


def test_ontology_and_themes_alone_conform() -> None:
    # validate() merges the ontology and theme scheme into the data, so the themes are checked too.
    assert validate(Graph()).conforms


def test_a_shape_violation_names_the_node_and_property() -> None:
    report = validate(Graph().parse(CASES / "AgreementShape" / "invalid.ttl", format="turtle"))
    assert (
        "ag:koica-rwanda-2024-mou dco:party: An agreement has at least one dco:party, an organization."
        in report.messages
    )
