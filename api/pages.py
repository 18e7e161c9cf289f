"""What every HTML page shares: one Jinja environment (autoescaped), the base layout, and the
Content-Security-Policy that keeps article-derived text from ever running as script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")

# Everything is served from this origin; no inline script. pyvis pages need inline styles only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; "
    "form-action 'self'"
)


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render a page with the shared layout and security headers."""
    response = TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def wants_html(request: Request) -> bool:
    """True when the client prefers HTML over JSON or RDF (browsers), by the Accept header."""
    accept = request.headers.get("accept", "")
    if not accept or "text/html" not in accept:
        return False
    html_q = _quality(accept, "text/html")
    other = max(
        (_quality(accept, t) for t in ("application/json", "text/turtle", "application/ld+json")), default=0
    )
    return html_q >= other


def _quality(accept: str, media: str) -> float:
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if fields[0] == media:
            for f in fields[1:]:
                if f.startswith("q="):
                    try:
                        return float(f[2:])
                    except ValueError:
                        return 0.0
            return 1.0
    return 0.0
