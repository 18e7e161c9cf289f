"""A small SPARQL lexer for what the store must know before it runs a request.

It answers lexical questions only (which form a query has, which IRIs SERVICE and LOAD
name, where a Modify's WHERE keyword sits) and never evaluates anything. Strings, IRIs,
comments and prefixed names are recognised first, so a keyword inside a literal
(``"SERVICE"``), an IRI or a prefixed name (``ex:SERVICE``) is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import QueryRefused, QuerySyntaxError

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<bnode>_:[\w.\-]*)
  | (?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w:%\\.\-]*[\w:%\-])?)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    value: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        return self.value.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if kind in ("ws", "comment"):
            continue
        out.append(Token(kind, m.group(), m.start(), m.end()))
    return out


def _prefixes(toks: Sequence[Token]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i, tok in enumerate(toks[:-2]):
        if tok.keyword == "PREFIX" and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            found[toks[i + 1].value.rstrip(":")] = toks[i + 2].value[1:-1]
    return found


def _iri_of(tok: Token, prefixes: dict[str, str]) -> str | None:
    if tok.kind == "iri":
        return tok.value[1:-1]
    if tok.kind == "pname":
        prefix, _, local = tok.value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, or None when the text starts with none of them."""
    for tok in tokens(text):
        if tok.keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return tok.keyword
        if tok.keyword not in ("BASE", "PREFIX") and tok.kind not in ("iri", "pname"):
            return None
    return None


def names_dataset(text: str) -> bool:
    """True when the query picks its own dataset with FROM or FROM NAMED."""
    return any(tok.keyword == "FROM" for tok in tokens(text))


def dataset_iris(text: str) -> list[str]:
    """The IRIs a query names after FROM and FROM NAMED."""
    toks = tokens(text)
    prefixes = _prefixes(toks)
    found = []
    for i, tok in enumerate(toks):
        if tok.keyword != "FROM":
            continue
        j = i + 2 if i + 1 < len(toks) and toks[i + 1].keyword == "NAMED" else i + 1
        iri = _iri_of(toks[j], prefixes) if j < len(toks) else None
        if iri is not None:
            found.append(iri)
    return found


def _refused(message: str) -> QueryRefused:
    exc = QueryRefused(message)
    exc.status = 403  # type: ignore[attr-defined]  # not malformed, but not allowed here
    return exc


def check_outbound(text: str, allowed: Sequence[str] = ()) -> None:
    """Refuse SERVICE and LOAD unless they name an allowed IRI (file: IRIs never are).

    The check runs before the engine sees the text, so a refused request makes no outbound
    connection at all.
    """
    toks = tokens(text)
    prefixes = _prefixes(toks)
    allowed_set = set(allowed)
    for i, tok in enumerate(toks):
        if tok.keyword not in ("SERVICE", "LOAD"):
            continue
        j = i + 1
        if j < len(toks) and toks[j].keyword == "SILENT":
            j += 1
        iri = _iri_of(toks[j], prefixes) if j < len(toks) else None
        what = "SERVICE (federated query)" if tok.keyword == "SERVICE" else "LOAD"
        if iri is None:
            raise _refused(f"{what} is only allowed with a fixed IRI that the operator allows.")
        if iri.lower().startswith("file:"):
            raise _refused(f"{what} of local files is not allowed.")
        if iri not in allowed_set:
            raise _refused(f"{what} of <{iri}> is not allowed on this endpoint.")


def add_using(update: str, using: Sequence[str] = (), using_named: Sequence[str] = ()) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri to every Modify operation.

    The protocol forbids combining them with USING or WITH in the request itself.
    """
    if not using and not using_named:
        return update
    toks = tokens(update)
    depth = 0
    inserts: list[int] = []
    previous: Token | None = None
    for tok in toks:
        if tok.value == "{":
            depth += 1
        elif tok.value == "}":
            depth -= 1
        elif depth == 0 and tok.keyword in ("USING", "WITH"):
            raise QueryRefused(
                "The request names graphs both with using-graph-uri/using-named-graph-uri "
                "and with USING or WITH in the update; use one or the other."
            )
        elif depth == 0 and tok.keyword == "WHERE" and not (previous and previous.keyword == "DELETE"):
            inserts.append(tok.start)
        previous = tok
    clause = "".join(f"USING <{g}> " for g in using) + "".join(f"USING NAMED <{g}> " for g in using_named)
    for pos in reversed(inserts):
        update = update[:pos] + clause + update[pos:]
    return update


_POSITION = re.compile(
    r"(?:error at |line |at line )(\d+)(?::|, column |,? col(?:umn)? )(\d+)", re.IGNORECASE
)
_LINE = re.compile(r"\bline (\d+)\b", re.IGNORECASE)


def has_position(engine_message: str) -> bool:
    return bool(_POSITION.search(engine_message) or _LINE.search(engine_message))


def syntax_error(text: str, engine_message: str, what: str = "query") -> QuerySyntaxError:
    """A QuerySyntaxError written for the user: where the syntax broke, quoting their own text."""
    m = _POSITION.search(engine_message)
    if not m:
        only_line = _LINE.search(engine_message)
        if only_line:
            return QuerySyntaxError(f"The SPARQL {what} has a syntax error at line {only_line.group(1)}.")
        return QuerySyntaxError(f"The SPARQL {what} is not valid SPARQL 1.1.")
    line, column = int(m.group(1)), int(m.group(2))
    lines = text.splitlines() or [""]
    near = ""
    if 1 <= line <= len(lines):
        snippet = lines[line - 1][max(column - 21, 0) : column + 20].strip()
        if snippet:
            near = f' near "{snippet}"'
    return QuerySyntaxError(f"The SPARQL {what} has a syntax error at line {line}, column {column}{near}.")
