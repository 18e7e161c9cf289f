"""ontology/namespace.py is generated from the Turtle and matches it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from ontology import NS, ONTOLOGY, THEME
from ontology.namespace import DCO
from ontology.namespace import THEME as THEME_NS

ROOT = Path(__file__).resolve().parents[2]


def load_generator() -> ModuleType:
    path = ROOT / "scripts" / "gen_namespace.py"
    spec = importlib.util.spec_from_file_location("gen_namespace", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_namespace", module)
    spec.loader.exec_module(module)
    return module


def test_committed_module_is_what_the_generator_writes() -> None:
    generator = load_generator()
    committed = (ROOT / "ontology" / "namespace.py").read_text(encoding="utf-8")
    assert generator.render() == committed, "run: python scripts/gen_namespace.py"


def test_generated_module_is_ruff_formatted() -> None:
    pytest.importorskip("ruff", reason="ruff is a dev dependency (pip install -e .[dev])")
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--stdin-filename", "ontology/namespace.py", "-"],
        input=load_generator().render(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_mode_agrees() -> None:
    assert load_generator().main(["--check"]) == 0


def test_generator_reads_the_turtle(tmp_path: Path) -> None:
    turtle = tmp_path / "extra.ttl"
    turtle.write_text(
        ONTOLOGY.read_text(encoding="utf-8")
        + "\n<https://w3id.org/digicoop/ontology#Hackathon> a <http://www.w3.org/2002/07/owl#Class> ;"
        + ' <http://www.w3.org/2000/01/rdf-schema#label> "hackathon"@en .\n',
        encoding="utf-8",
    )
    text = load_generator().render(turtle)
    assert "    Hackathon: URIRef  # hackathon\n" in text
    assert text == load_generator().render(turtle)  # deterministic


def test_every_declared_term_is_in_the_namespace() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    kinds = [OWL.Class, RDFS.Datatype, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty]
    terms = {str(s) for kind in kinds for s in onto.subjects(RDF.type, kind) if str(s).startswith(NS)}
    assert len(terms) > 80
    for term in terms:
        assert getattr(DCO, term[len(NS) :]) == URIRef(term)


def test_terms_are_iris_in_the_dco_namespace() -> None:
    assert DCO.Agreement == URIRef("https://w3id.org/digicoop/ontology#Agreement")
    assert DCO.party == URIRef(NS + "party")
    assert THEME_NS["smart-city"] == URIRef(THEME + "smart-city")


def test_undefined_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = DCO.SomethingUndefined
    with pytest.raises(AttributeError):
        _ = DCO.agreement  # terms are case-sensitive: the class is DCO.Agreement
