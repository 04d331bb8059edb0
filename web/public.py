"""What every answer the public can reach carries alike: the proxy it may stand behind, and
the security headers every response is sent with."""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from meetings.settings import base_url, proxy_hops
from web.safe_html import markdown_html

#: The Content-Security-Policy of every page: nothing inline, nothing from elsewhere.
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
}
#: The one page that needs a script of its own inline: Swagger UI's start-up script, allowed
#: by its hash (and Swagger UI sets styles inline as it draws the document).
SWAGGER_UI_ENDPOINT = "api-docs.openapi_swagger_ui"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def policy(**overrides: str) -> str:
    """The Content-Security-Policy header's value, with some directives replaced."""
    return "; ".join(f"{name} {value}" for name, value in {**CSP, **overrides}.items())


def source_hash(text: str | bytes) -> str:
    """A CSP source allowing exactly this inline script or style: 'sha256-...'."""
    data = text.encode() if isinstance(text, str) else text
    return f"'sha256-{base64.b64encode(hashlib.sha256(data).digest()).decode()}'"


def _security_headers(response: Response) -> Response:
    headers = response.headers
    if "Content-Security-Policy" not in headers:
        headers["Content-Security-Policy"] = _policy_for(response)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _policy_for(response: Response) -> str:
    if request.endpoint != SWAGGER_UI_ENDPOINT or response.direct_passthrough:
        return policy()
    scripts = [source_hash(s) for s in _INLINE_SCRIPT.findall(response.get_data())]
    return policy(
        **{"script-src": " ".join(["'self'", *scripts]), "style-src": "'self' 'unsafe-inline'"}
    )


def register(app: Flask) -> None:
    """Check the settings at start-up, trust X-Forwarded-* only from configured proxies,
    send the security headers on every response, and give templates the one safe way to
    show Markdown: `{{ text | markdown }}`."""
    base_url()
    hops = proxy_hops()
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )
    app.after_request(_security_headers)
    app.add_template_filter(markdown_html, "markdown")
