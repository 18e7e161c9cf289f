"""Stable identity of an article: the same story ingested twice gets the same IRI.

An article with a URL is named by its URL, so a corrected version (new text, same
URL) replaces the old one; without a URL the normalized text is all there is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from graph.model import Article

ARTICLE_BASE = "https://w3id.org/digicoop/id/article/"

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|share)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def normalize_url(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped.

    http and https name the same story, so the scheme is folded to https.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "https"
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or str(port) in _DEFAULT_PORTS.values() else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def normalize_text(text: str) -> str:
    """NFKC with every run of whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalized text: what dco:contentHash records."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def article_slug(article: Article) -> str:
    if article.url and urlsplit(article.url.strip()).netloc:
        digest = hashlib.sha256(normalize_url(article.url).encode("utf-8")).hexdigest()
    else:
        digest = content_hash(article.text)
    return digest[:16]


def article_iri(article: Article) -> str:
    """``https://w3id.org/digicoop/id/article/<16 hex>`` from the URL, else from the text."""
    return ARTICLE_BASE + article_slug(article)
