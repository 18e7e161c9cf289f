"""Named queries: every ``.rq`` file in a folder is a query users run by name, with parameters.

As in grlc, a variable written ``?_name`` is a parameter ``name``; ``?_name_iri`` takes an IRI
(or a digicoop id such as ``org/koica``, ``country/KR``, ``theme/ai``), ``?_name_integer`` a whole
number, anything else a plain string. A parameter written ``?__name`` (two underscores) is
optional: left out, the variable stays unbound. Values enter the text as escaped RDF terms,
never as raw text, and only where the lexer saw a variable (never inside strings, IRIs or
comments).

The comment block at the top of a file describes it::

    # title: Agreements by country
    # description: Agreements with a party based in a country, newest first.
    # param country: ISO 3166-1 alpha-2 code of the country [default: KR]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, NotFound, QueryError
from graph.search import iri_of_id
from graph.store._sparql import query_form, tokens

_PARAM_VAR = re.compile(r"^[?$](__?)([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)$")
_HEADER = re.compile(r"^#\s*(title|description|param)\b\s*([A-Za-z0-9_]*)\s*:\s*(.*)$")
_DEFAULT = re.compile(r"\s*\[default:\s*([^\]]*)\]\s*$")
_IRI = re.compile(r"^(?:https?://|urn:)[^<>\"{}|^`\\\x00-\x20]+$")
_ID = re.compile(r"^[a-z]+/[A-Za-z0-9._\-%]+$")
_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")
_TYPES = ("iri", "integer")
MAX_VALUE = 500
# relative to the working directory, as the service's examples folder is
DEFAULT_FOLDER = Path("examples/queries")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str  # iri, integer or string
    required: bool
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: list[Parameter]
    sparql: str


def _split(var: str) -> tuple[str, str, bool] | None:
    """(parameter name, type, required) of a parameter variable; None for an ordinary one."""
    m = _PARAM_VAR.match(var)
    if not m:
        return None
    optional, body = m.group(1) == "__", m.group(2)
    base, _, suffix = body.rpartition("_")
    if base and suffix in _TYPES:
        return base, suffix, not optional
    return body, "string", not optional


def parse(name: str, text: str) -> NamedQuery:
    title, description = name.replace("_", " ").replace("-", " "), ""
    docs: dict[str, tuple[str, str | None]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue
        key, param, value = m.group(1), m.group(2), m.group(3).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        elif param:
            d = _DEFAULT.search(value)
            docs[param] = (_DEFAULT.sub("", value).strip(), d.group(1).strip() if d else None)
    params: dict[str, Parameter] = {}
    for tok in tokens(text):
        found = _split(tok.value) if tok.kind == "var" else None
        if found and found[0] not in params:
            pname, ptype, required = found
            # the header may name the parameter (country) or its variable (country_iri)
            doc, default = docs.get(pname) or docs.get(tok.value.lstrip("?$_"), ("", None))
            params[pname] = Parameter(pname, ptype, required and default is None, default, doc)
    return NamedQuery(name, title, description, list(params.values()), text)


def load(folder: Path = DEFAULT_FOLDER) -> dict[str, NamedQuery]:
    """The SELECT queries of ``folder`` by name (file name without ``.rq``), sorted by name."""
    out: dict[str, NamedQuery] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if _NAME.match(path.stem) and query_form(text) == "SELECT":
            out[path.stem] = parse(path.stem, text)
    return out


def get(name: str, folder: Path = DEFAULT_FOLDER) -> NamedQuery:
    queries = load(folder)
    if name not in queries:
        raise NotFound(f"No named query '{name[:80]}'; GET /queries lists them.")
    return queries[name]


def literal(value: str) -> str:
    """``value`` as a SPARQL string literal, every character that could end it escaped."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def term(param: Parameter, value: str) -> str:
    """The RDF term ``value`` stands for as ``param``; InputError when it cannot be one."""
    value = value.strip()
    if len(value) > MAX_VALUE:
        raise InputError(f"The value of '{param.name}' is too long.")
    if param.type == "iri":
        if _ID.match(value) and not value.startswith(("http", "urn")):
            value = iri_of_id(value)
        if not _IRI.match(value):
            raise InputError(f"'{param.name}' needs an IRI (https://...) or an id such as org/koica.")
        return f"<{value}>"
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value):
            raise InputError(f"'{param.name}' needs a whole number.")
        return value
    return literal(value)


def bind(query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with its parameters filled from ``values`` (defaults where missing)."""
    terms: dict[str, str] = {}
    for p in query.parameters:
        value = values.get(p.name)
        if value is None or value == "":
            value = p.default
        if value is None:
            if p.required:
                raise InputError(f"The query '{query.name}' needs the parameter '{p.name}'.")
            continue
        terms[p.name] = term(p, value)
    parts: list[str] = []
    last = 0
    for tok in tokens(query.sparql):
        found = _split(tok.value) if tok.kind == "var" else None
        if found and found[0] in terms:
            parts.append(query.sparql[last : tok.start])
            parts.append(terms[found[0]])
            last = tok.end
    parts.append(query.sparql[last:])
    text = "".join(parts)
    if query_form(text) != "SELECT":
        raise QueryError(f"The query '{query.name}' is not a SELECT once its parameters are filled.")
    return text
