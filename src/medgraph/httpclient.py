"""A bounded HTTP client for SPARQL endpoints and graph stores.

SPARQLWrapper still composes every request medgraph sends to an endpoint (the protocol's
``query``/``update`` and ``default-graph-uri`` parameters, content types, credentials), but it
sends them with :func:`urllib.request.urlopen`, and that cannot be made safe through its API:

- it follows redirects to any host, carrying the ``Authorization`` header along, and to
  ``ftp://`` addresses;
- its time-out bounds each socket operation, not the answer: one byte every half second keeps
  a query alive for ever;
- it reads whatever the server sends: an endless chunked answer fills memory.

So this module does the transport, with these rules:

- only ``http`` and ``https``; no user name or password in the address (credentials come from
  the environment or ``~/.netrc``), and an address is never shown with one;
- a redirect is followed only to the same scheme, host and port, and only when the request can
  be repeated as it was (GET, or 307/308); anything else is an :class:`EndpointRedirected`
  error naming where the endpoint pointed;
- every exchange (name lookup, connection, request, answer) runs under a watchdog and ends at
  its deadline, however slowly the server drips;
- an answer larger than ``MEDGRAPH_MAX_ANSWER_BYTES`` (default 256 MiB) is cut off with an
  :class:`EndpointGarbage` error; nothing is decompressed.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message

from medgraph.errors import EndpointError, ExitCode, InputError, QueryError

__all__ = [
    "DEFAULT_MAX_ANSWER_BYTES",
    "Answer",
    "EndpointGarbage",
    "EndpointHTTPError",
    "EndpointRedirected",
    "EndpointTimeout",
    "EndpointUnreachable",
    "check_endpoint_url",
    "max_answer_bytes",
    "redact",
    "request",
]

DEFAULT_MAX_ANSWER_BYTES = 256 * 1024 * 1024
"""The largest answer read from an endpoint unless ``MEDGRAPH_MAX_ANSWER_BYTES`` says more."""

_REDIRECTS = {301, 302, 303, 307, 308}
_MAX_REDIRECTS = 5
_ERROR_BODY_BYTES = 64 * 1024  # enough for a one-line hint; an endless error page is cut
_CHUNK = 64 * 1024


class EndpointUnreachable(EndpointError):
    """Nothing answered at the address (refused, unknown host, network down)."""

    exit_code = ExitCode.ENDPOINT


class EndpointRedirected(EndpointError):
    """The endpoint redirected somewhere medgraph does not follow (another host or scheme)."""

    exit_code = ExitCode.ENDPOINT


class EndpointTimeout(EndpointError):
    """The endpoint did not answer within the time-out."""

    exit_code = ExitCode.ENDPOINT_TIMEOUT


class EndpointHTTPError(EndpointError):
    """The endpoint answered with an HTTP error status."""

    exit_code = ExitCode.ENDPOINT_HTTP

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class EndpointGarbage(EndpointError):
    """The endpoint answered with something that is not what was asked for."""

    exit_code = ExitCode.ENDPOINT_GARBAGE


@dataclass(frozen=True)
class Answer:
    """A 2xx answer, read whole."""

    url: str
    status: int
    headers: Message = field(repr=False)
    body: bytes = field(repr=False)


def redact(url: str) -> str:
    """``url`` with any user name and password replaced by ``***``, for messages."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "(an address that does not parse)"
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


def check_endpoint_url(url: str) -> None:
    """Refuse an address that is not ``http(s)://host...`` or that holds credentials."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise QueryError(f"{redact(url)!r} is not an http(s) endpoint address") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise QueryError(f"{redact(url)!r} is not an http(s) endpoint address")
    if parts.username is not None or parts.password is not None:
        raise QueryError(
            f"{redact(url)}: the address holds a user name or password; medgraph takes "
            "credentials only from MEDGRAPH_SPARQL_USER and MEDGRAPH_SPARQL_PASSWORD or "
            "~/.netrc, never from the command line. Give the address without them"
        )


def max_answer_bytes() -> int:
    """The size limit of one answer: ``MEDGRAPH_MAX_ANSWER_BYTES`` or 256 MiB."""
    raw = os.environ.get("MEDGRAPH_MAX_ANSWER_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_ANSWER_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise InputError(f"MEDGRAPH_MAX_ANSWER_BYTES must be a number of bytes, not {raw!r}")
    return int(raw)


def _origin(parts: urllib.parse.SplitResult) -> tuple[str, str, int]:
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class _Exchange:
    """One request and its answer, run in a worker thread so that a watchdog can end it."""

    def __init__(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: Mapping[str, str],
        max_bytes: int,
    ) -> None:
        self.method, self.url, self.body, self.headers = method, url, body, headers
        self.max_bytes = max_bytes
        self.connection: http.client.HTTPConnection | None = None
        self.result: tuple[int, str, Message, bytes] | None = None
        self.error: BaseException | None = None

    def _connect(
        self, parts: urllib.parse.SplitResult, timeout: float
    ) -> tuple[http.client.HTTPConnection, str]:
        """The connection (through a proxy when the environment names one) and request path."""
        host, port = parts.hostname or "", parts.port
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        proxy = urllib.request.getproxies().get(parts.scheme)
        if proxy and not urllib.request.proxy_bypass(host):
            proxy_parts = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
            proxy_host, proxy_port = proxy_parts.hostname or "", proxy_parts.port or 8080
            if parts.scheme == "https":
                connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                    proxy_host, proxy_port, timeout=timeout, context=ssl.create_default_context()
                )
                connection.set_tunnel(host, port)
            else:
                connection = http.client.HTTPConnection(proxy_host, proxy_port, timeout=timeout)
                path = urllib.parse.urlunsplit(parts._replace(fragment=""))
        elif parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                host, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        return connection, path

    def run(self, timeout: float) -> None:
        try:
            self.result = self._run(timeout)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            self.error = exc

    def _run(self, timeout: float) -> tuple[int, str, Message, bytes]:
        parts = urllib.parse.urlsplit(self.url)
        connection, path = self._connect(parts, timeout)
        self.connection = connection
        try:
            connection.putrequest(self.method, path, skip_accept_encoding=True)
            for name, value in self.headers.items():
                connection.putheader(name, value)
            if self.body is not None:
                connection.putheader("Content-Length", str(len(self.body)))
            connection.endheaders(self.body)
            response = connection.getresponse()
            wanted = 200 <= response.status < 300  # else only a message or a Location matters
            limit = self.max_bytes if wanted else _ERROR_BODY_BYTES
            length = response.getheader("Content-Length", "")
            if wanted and length.isdigit() and int(length) > limit:
                raise _too_big(self.url, limit)
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read1(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    if not wanted:
                        break  # the start of an error page is all the message needs
                    raise _too_big(self.url, limit)
                chunks.append(chunk)
            return response.status, response.reason, response.msg, b"".join(chunks)
        finally:
            connection.close()

    def stop(self) -> None:
        """End the exchange from outside: shut the socket so that a blocked read returns."""
        connection = self.connection
        sock = getattr(connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _too_big(url: str, limit: int) -> EndpointGarbage:
    return EndpointGarbage(
        f"{redact(url)}: the answer is larger than {limit:,} bytes; medgraph stopped reading "
        "(raise MEDGRAPH_MAX_ANSWER_BYTES if the answer is meant to be that big)"
    )


def _timeout(url: str, timeout: float) -> EndpointTimeout:
    return EndpointTimeout(f"{redact(url)}: no answer within {timeout:g} s (raise --timeout?)")


def _classify(url: str, exc: BaseException, timeout: float) -> EndpointError:
    """The endpoint error for what went wrong in an exchange."""
    shown = redact(url)
    if isinstance(exc, EndpointError):
        return exc
    if isinstance(exc, TimeoutError | socket.timeout):
        return _timeout(url, timeout)
    if isinstance(exc, socket.gaierror):
        return EndpointUnreachable(f"{shown}: cannot reach the endpoint (unknown host)")
    if isinstance(exc, http.client.RemoteDisconnected):
        return EndpointUnreachable(
            f"{shown}: cannot reach the endpoint (it closed the connection without answering)"
        )
    if isinstance(exc, http.client.IncompleteRead):
        return EndpointGarbage(f"{shown}: the answer ended before it was complete")
    if isinstance(exc, http.client.HTTPException):
        return EndpointGarbage(f"{shown}: the answer is not HTTP ({type(exc).__name__})")
    if isinstance(exc, ssl.SSLError):
        return EndpointUnreachable(f"{shown}: cannot reach the endpoint (TLS: {exc.reason})")
    if isinstance(exc, OSError):
        return EndpointUnreachable(
            f"{shown}: cannot reach the endpoint ({exc.strerror or type(exc).__name__})"
        )
    raise exc


def _exchange(
    method: str,
    url: str,
    body: bytes | None,
    headers: Mapping[str, str],
    *,
    deadline: float,
    timeout: float,
    max_bytes: int,
) -> tuple[int, str, Message, bytes]:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout(url, timeout)
    exchange = _Exchange(method, url, body, headers, max_bytes)
    worker = threading.Thread(
        target=exchange.run, args=(remaining,), name="medgraph-http", daemon=True
    )
    worker.start()
    try:
        worker.join(remaining)
    except BaseException:  # a signal in the waiting thread (Ctrl-C, SIGTERM): end the exchange
        exchange.stop()
        raise
    if worker.is_alive():
        exchange.stop()
        raise _timeout(url, timeout)
    if exchange.error is not None:
        raise _classify(url, exchange.error, timeout) from None
    assert exchange.result is not None
    return exchange.result


def request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float,
    deadline: float | None = None,
    max_bytes: int | None = None,
) -> Answer:
    """Send one request and read the whole answer, within ``timeout`` seconds in all (or by
    ``deadline``, a :func:`time.monotonic` time, when that comes first).

    Returns a 2xx answer; raises :class:`EndpointHTTPError` (with ``status``) for 4xx/5xx and
    the other endpoint errors for everything else. See the module docstring for the rules.
    """
    check_endpoint_url(url)
    end = time.monotonic() + timeout
    end = min(end, deadline) if deadline is not None else end
    limit = max_bytes if max_bytes is not None else max_answer_bytes()
    sent_headers = dict(headers or {})
    origin = _origin(urllib.parse.urlsplit(url))
    current = url
    for _hop in range(_MAX_REDIRECTS + 1):
        status, reason, answer_headers, answer = _exchange(
            method, current, body, sent_headers, deadline=end, timeout=timeout, max_bytes=limit
        )
        if status in _REDIRECTS:
            current = _redirect_target(current, status, answer_headers, method, origin)
            continue
        if status >= 400:
            raise _http_error(current, status, reason, answer)
        return Answer(current, status, answer_headers, answer)
    raise EndpointRedirected(f"{redact(url)}: more than {_MAX_REDIRECTS} redirects; gave up")


def _redirect_target(
    current: str, status: int, headers: Message, method: str, origin: tuple[str, str, int]
) -> str:
    """Where a redirect points, when medgraph may follow it; otherwise the error that says so."""
    location = headers.get("Location")
    if not location:
        raise EndpointGarbage(f"{redact(current)}: HTTP {status} redirect without a Location")
    target = urllib.parse.urljoin(current, location.strip())
    try:
        parts = urllib.parse.urlsplit(target)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise EndpointGarbage(f"{redact(current)}: HTTP {status} to an invalid address") from None
    shown = redact(target)
    if parts.scheme not in {"http", "https"}:
        raise EndpointRedirected(
            f"{redact(current)}: the endpoint redirects (HTTP {status}) to {shown}; medgraph "
            "follows only http(s) redirects on the same host"
        )
    if _origin(parts) != origin or parts.username is not None or parts.password is not None:
        raise EndpointRedirected(
            f"{redact(current)}: the endpoint redirects (HTTP {status}) to {shown}, another "
            "host, scheme or port; medgraph does not follow it (credentials and queries stay "
            "with the address you gave). If you trust that address, use it instead"
        )
    if method not in {"GET", "HEAD"} and status not in {307, 308}:
        raise EndpointRedirected(
            f"{redact(current)}: the endpoint answers {method} with a redirect (HTTP {status}) "
            f"to {shown}, which would drop the request's content; use that address instead"
        )
    return target


def _http_error(url: str, status: int, reason: str, body: bytes) -> EndpointHTTPError:
    lines = body[:300].decode("utf-8", "replace").strip().splitlines()
    hint = f": {lines[0][:200]}" if lines else ""
    return EndpointHTTPError(
        f"{redact(url)}: the endpoint answered HTTP {status} {reason}{hint}", status=status
    )
