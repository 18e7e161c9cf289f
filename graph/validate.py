"""Check an RDF graph (an article graph, the reference data) against digicoop's SHACL shapes.

The ontology and the theme scheme are merged into a copy of the data before pyshacl runs: SHACL
follows ``rdfs:subClassOf`` only inside the data graph, and pyshacl's own ``ont_graph`` mixing
copies axioms but not the theme concepts that ``dco:theme`` must point to. RDFS inference is left
off because the ontology's ranges would type any object of ``dco:party`` as an organization and so
hide the very mistakes ``sh:class`` is there to catch. See the header of ontology/shapes.ttl.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyshacl
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

from ontology import ontology_graph, shapes_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("http://schema.org/")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which constraint of which shape, and why."""

    focus: Node
    path: Node | None
    value: Node | None
    source_shape: Node
    component: Node
    severity: Node
    message: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    messages: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)


def _with_ontology(data: Graph) -> Graph:
    combined = Graph()
    for prefix, namespace in data.namespace_manager.namespaces():
        combined.bind(prefix, namespace, override=False)
    # Our prefixes last, so messages read dco:party and schema:headline whatever the data bound.
    for prefix, namespace in ontology_graph().namespace_manager.namespaces():
        combined.bind(prefix, namespace, replace=True)
    # rdflib binds schema: to https://schema.org/ by default; digicoop uses http://schema.org/.
    combined.bind("schema", SCHEMA, override=True, replace=True)
    combined += data
    combined += ontology_graph()
    return combined


def _violations(results: Graph) -> list[Violation]:
    def one(result: Node, predicate: URIRef) -> Node:
        value = results.value(result, predicate)
        if value is None:  # SHACL requires it in every result; pyshacl always writes it
            raise ValueError(f"SHACL result without {predicate}")
        return value

    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = results.value(result, SH.resultMessage)
        found.append(
            Violation(
                focus=one(result, SH.focusNode),
                path=results.value(result, SH.resultPath),
                value=results.value(result, SH.value),
                source_shape=one(result, SH.sourceShape),
                component=one(result, SH.sourceConstraintComponent),
                severity=one(result, SH.resultSeverity),
                message=str(message) if message is not None else "",
            )
        )
    return found


def _describe(violation: Violation, names: Graph) -> str:
    def short(node: Node) -> str:
        return node.n3(names.namespace_manager)

    where = short(violation.focus)
    if violation.path is not None:
        where += f" {short(violation.path)}"
    text = f"{where}: {violation.message}"
    # Graph-wide checks report on a class or an article; the node at fault is the value.
    if violation.value is not None and violation.path is None and violation.value != violation.focus:
        text += f" ({short(violation.value)})"
    return text


def validate(data: Graph) -> ValidationReport:
    """Validate ``data`` (left untouched) against ontology/shapes.ttl."""
    combined = _with_ontology(data)
    conforms, results, _text = pyshacl.validate(
        combined,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,  # ``combined`` is already our own copy
    )
    assert isinstance(results, Graph)
    violations = _violations(results)
    messages = sorted({_describe(v, combined) for v in violations})
    return ValidationReport(conforms=bool(conforms), messages=messages, violations=violations)
