"""SELECT results as light cells, and their four SPARQL results serializations.

Capping a SELECT at the row limit means cutting the solutions before they are written,
so the formats are written here rather than by the engine.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
RESULT_TYPES = (JSON, XML, CSV, TSV)


class Cell(NamedTuple):
    """One bound value: kind is "uri", "bnode" or "literal"."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None


Solution = dict[str, Cell]


def to_rdflib(cell: Cell) -> Node:
    if cell.kind == "uri":
        return URIRef(cell.value)
    if cell.kind == "bnode":
        return BNode(cell.value)
    if cell.lang:
        return Literal(cell.value, lang=cell.lang)
    if cell.datatype and cell.datatype != XSD_STRING:
        return Literal(cell.value, datatype=URIRef(cell.datatype))
    return Literal(cell.value)


def from_json_term(term: dict[str, str]) -> Cell:
    kind = term["type"]
    if kind in ("literal", "typed-literal"):
        return Cell("literal", term["value"], term.get("datatype"), term.get("xml:lang"))
    return Cell("bnode" if kind == "bnode" else "uri", term["value"])


def _nt_string(value: str) -> str:
    return (
        '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    )


def _nt(cell: Cell) -> str:
    if cell.kind == "uri":
        return f"<{cell.value}>"
    if cell.kind == "bnode":
        return f"_:{cell.value}"
    text = _nt_string(cell.value).replace("\t", "\\t")
    if cell.lang:
        return f"{text}@{cell.lang}"
    if cell.datatype and cell.datatype != XSD_STRING:
        return f"{text}^^<{cell.datatype}>"
    return text


def _json_term(cell: Cell) -> dict[str, str]:
    if cell.kind != "literal":
        return {"type": cell.kind, "value": cell.value}
    term = {"type": "literal", "value": cell.value}
    if cell.lang:
        term["xml:lang"] = cell.lang
    elif cell.datatype and cell.datatype != XSD_STRING:
        term["datatype"] = cell.datatype
    return term


def _xml_term(cell: Cell) -> str:
    if cell.kind == "uri":
        return f"<uri>{escape(cell.value)}</uri>"
    if cell.kind == "bnode":
        return f"<bnode>{escape(cell.value)}</bnode>"
    attrs = ""
    if cell.lang:
        attrs = f" xml:lang={quoteattr(cell.lang)}"
    elif cell.datatype and cell.datatype != XSD_STRING:
        attrs = f" datatype={quoteattr(cell.datatype)}"
    return f"<literal{attrs}>{escape(cell.value)}</literal>"


def serialize(variables: Sequence[str], rows: Iterable[Solution], media_type: str) -> bytes:
    if media_type == JSON:
        doc = {
            "head": {"vars": list(variables)},
            "results": {"bindings": [{k: _json_term(v) for k, v in row.items()} for row in rows]},
        }
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    if media_type == XML:
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>" for k, v in row.items()]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode()
    if media_type == CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(
                [
                    ("_:" + row[v].value if row[v].kind == "bnode" else row[v].value) if v in row else ""
                    for v in variables
                ]
            )
        return buf.getvalue().encode()
    if media_type == TSV:
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join(_nt(row[v]) if v in row else "" for v in variables) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"not a SPARQL results media type: {media_type}")


def boolean(value: bool, media_type: str) -> bytes:
    if media_type == XML:
        text = "true" if value else "false"
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        ).encode()
    if media_type in (CSV, TSV):
        return (b"true" if value else b"false") + b"\n"
    return json.dumps({"head": {}, "boolean": value}).encode()
