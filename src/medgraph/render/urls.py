"""Which strings from the graph may become a link: absolute http and https URLs, nothing else.

An IRI or URL in the graph is data like any other: ``javascript:alert(1)``, ``data:text/html,...``
and ``file:///etc/passwd`` are all valid IRIs, and as an ``href`` the first runs a script when a
reader clicks it. So every URL-valued field (code IRIs, unit IRIs, identifier links, a work's web
address) goes through :func:`web_href` before a page links it; a value it refuses is shown as
plain text. Escaping does not help here: an escaped ``javascript:`` URL is still one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})

# Browsers drop tabs and newlines anywhere in a URL and trim spaces and control characters at
# its ends, so "java\tscript:" runs as "javascript:". An IRI holds none of these: refuse them.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def web_href(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host, else None (show it as text)."""
    if not value or _INVISIBLE.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return None
    return value
