"""The front's connections: read by one selector thread, answered by a fixed pool of workers.

A thread-per-connection server lets every open connection hold a thread and a file descriptor
for as long as its client likes: a thousand idle connections use up the descriptors and lock
everyone else out. Here a connection holds a thread only while its request is answered:

- the selector thread reads each connection without blocking until the request's head and its
  body (``Content-Length``, at most :data:`MAX_BODY`) are complete, then hands the whole request
  to a worker (:attr:`FrontServer.workers` threads), which never waits on the client to read;
- a request must arrive within :attr:`FrontServer.request_within` seconds of its first byte
  (408 otherwise); a kept-alive connection may stay silent :attr:`FrontServer.idle_within` s;
- at most :attr:`FrontServer.max_connections` connections are open, and never more than half
  the process's file descriptors (the rest stay free for the engine, its restarts and the query
  checks): one more closes the connection that has been silent the longest (one without a
  partial request first);
- a worker writes the answer with a socket time-out (:attr:`FrontServer.write_within`), so a
  client that stops reading frees its worker.

The request handler (:mod:`medgraph.serve.front`) reads the request from memory
(:attr:`Connection.request`) and says whether to keep the connection (:attr:`Connection.keep`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import queue
import re
import resource
import selectors
import socket
import socketserver
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_BODY", "Connection", "FrontServer", "SocketWriter"]

MAX_BODY = 1 << 20
"""Largest request body accepted (1 MiB): a SPARQL query, not an upload."""
MAX_HEAD = 64 << 10
"""Largest request line plus headers accepted (64 KiB)."""

_HEAD_END = re.compile(rb"\n\r?\n")


@dataclass(eq=False)
class Connection:
    """One client connection and the bytes read from it that no worker has taken yet."""

    sock: socket.socket
    address: Any
    since: float
    buffer: bytearray = field(default_factory=bytearray)
    first_byte: float | None = None
    """When the first byte of the request being read arrived (None: between requests)."""
    request: bytes = b""
    """The complete request (head and body) a worker answers."""
    close_after: bool = False
    """Close once this request is answered (its body was refused unread)."""
    keep: bool = False
    """Set by the handler: the client wants the connection kept for another request."""
    continued: bool = False


class SocketWriter(io.BufferedIOBase):
    """A file-like writer straight to the socket (``sendall`` under the socket's time-out)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._sock.sendall(data)
        with memoryview(data) as view:
            return view.nbytes


def _raise_descriptor_limit(wanted: int = 4096) -> None:
    """Raise the soft limit on open files towards ``wanted`` (never above the hard limit)."""
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def _descriptor_limit() -> int:
    """The soft limit on open files now (read each time: it can be changed from outside)."""
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ValueError, OSError):
        return 1024
    return 1 << 20 if soft == resource.RLIM_INFINITY else int(soft)


def request_size(buffer: bytearray) -> tuple[int, bool] | int | None:
    """How much of ``buffer`` the first request takes: ``(size, close_after)`` once complete,
    ``None`` while incomplete, or an HTTP status to answer with before closing."""
    match = _HEAD_END.search(buffer, 0, MAX_HEAD + 4)
    if match is None:
        return 431 if len(buffer) > MAX_HEAD else None
    head_end = match.end()
    lengths: list[bytes] = []
    for line in bytes(buffer[:head_end]).split(b"\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            lengths.append(value.strip())
        elif name == b"transfer-encoding":
            return 411
    if not lengths:
        return head_end, False
    if len(set(lengths)) > 1:
        return 400
    if not lengths[0].isdigit() or int(lengths[0]) > MAX_BODY:
        return head_end, True  # the handler answers 413 and the connection closes
    size = head_end + int(lengths[0])
    return (size, False) if len(buffer) >= size else None


def _expects_continue(buffer: bytearray) -> bool:
    match = _HEAD_END.search(buffer, 0, MAX_HEAD + 4)
    head = bytes(buffer[: match.end()]).lower() if match else b""
    return re.search(rb"\nexpect:\s*100-continue", head) is not None


class FrontServer(socketserver.TCPServer):
    """A TCP server whose connections wait without a thread (see the module's docstring)."""

    allow_reuse_address = True
    request_queue_size = 128
    workers = 32
    max_connections = 512
    request_within = 10.0
    idle_within = 30.0
    write_within = 15.0

    def __init__(self, address: tuple[str, int], handler: Any) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self._selector = selectors.DefaultSelector()
        self._jobs: queue.SimpleQueue[Connection | None] = queue.SimpleQueue()
        self._returned: queue.SimpleQueue[Connection] = queue.SimpleQueue()
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        self._wake_out.setblocking(False)
        self._parked: dict[Connection, None] = {}  # waiting for bytes, oldest first
        self._open: set[Connection] = set()
        self._open_lock = threading.Lock()
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accept_paused_until = 0.0
        self._last_sweep = 0.0
        _raise_descriptor_limit()
        super().__init__(address, handler)  # binds: a taken port raises OSError here

    # -- the selector thread ---------------------------------------------------------------

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._stopped.clear()
        self.socket.setblocking(False)
        self._selector.register(self.socket, selectors.EVENT_READ, "listen")
        self._selector.register(self._wake_out, selectors.EVENT_READ, "wake")
        for number in range(self.workers):
            thread = threading.Thread(target=self._work, name=f"front-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)
        try:
            while not self._stop.is_set():
                for key, _ in self._selector.select(min(poll_interval, 0.25)):
                    if key.data == "listen":
                        self._accept()
                    elif key.data == "wake":
                        with contextlib.suppress(OSError):
                            while self._wake_out.recv(4096):
                                pass
                    else:
                        self._read(key.data)
                self._take_back()
                self._sweep()
        finally:
            for _ in self._threads:
                self._jobs.put(None)
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (from another thread) and wait until it has returned."""
        self._stop.set()
        self._wake()
        self._stopped.wait(timeout=10)

    def server_close(self) -> None:
        self._stop.set()
        for connection in list(self._parked):
            self._close(connection)
        with contextlib.suppress(Exception):
            self._selector.close()
        for end in (self._wake_in, self._wake_out):
            end.close()
        super().server_close()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_in.send(b"x")

    def _accept(self) -> None:
        now = time.monotonic()
        if now < self._accept_paused_until:
            return
        for _ in range(64):
            try:
                sock, address = self.socket.accept()
            except BlockingIOError:
                return
            except OSError as exc:
                out_of_room = exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
                if not (out_of_room and self._evict()):
                    self._accept_paused_until = now + 0.1
                return
            room = max(8, min(self.max_connections, _descriptor_limit() // 2))
            with self._open_lock:
                full = len(self._open) >= room
            if full and not self._evict():
                sock.close()  # every connection is being answered: no room for one more
                continue
            sock.setblocking(False)
            connection = Connection(sock, address, now)
            with self._open_lock:
                self._open.add(connection)
            self._park(connection)

    def _park(self, connection: Connection) -> None:
        try:
            self._selector.register(connection.sock, selectors.EVENT_READ, connection)
        except (ValueError, KeyError, OSError):
            self._close(connection)
            return
        self._parked[connection] = None

    def _unpark(self, connection: Connection) -> None:
        self._parked.pop(connection, None)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self._selector.unregister(connection.sock)

    def _evict(self) -> bool:
        """Close the connection silent the longest, preferring one between requests."""
        if not self._parked:
            return False
        idle = [c for c in self._parked if not c.buffer]
        victim = min(idle or self._parked, key=lambda c: c.since)
        self._close(victim)
        return True

    def _read(self, connection: Connection) -> None:
        try:
            data = connection.sock.recv(1 << 16)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(connection)
            return
        if not data:
            self._close(connection)
            return
        now = time.monotonic()
        connection.since = now
        if connection.first_byte is None:
            connection.first_byte = now
        connection.buffer += data
        self._dispatch_if_complete(connection)

    def _dispatch_if_complete(self, connection: Connection) -> None:
        if connection.buffer[:1] in (b"\r", b"\n"):  # empty lines before a request: ignored
            connection.buffer[:] = connection.buffer.lstrip(b"\r\n")
        if not connection.buffer:
            connection.first_byte = None
            return
        verdict = request_size(connection.buffer)
        if verdict is None:
            if not connection.continued and _expects_continue(connection.buffer):
                connection.continued = True
                with contextlib.suppress(OSError):
                    connection.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
            return
        if isinstance(verdict, int):
            self._refuse(connection, verdict)
            return
        size, close_after = verdict
        self._unpark(connection)
        connection.request = bytes(connection.buffer[:size])
        del connection.buffer[:size]
        connection.close_after = close_after
        connection.continued = False
        self._jobs.put(connection)

    def _refuse(self, connection: Connection, status: int) -> None:
        reasons = {400: "Bad Request", 408: "Request Timeout", 411: "Length Required"}
        reason = reasons.get(status, "Request Header Fields Too Large")
        with contextlib.suppress(OSError):
            connection.sock.send(
                f"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode(
                    "ascii"
                )
            )
        self._close(connection)

    def _take_back(self) -> None:
        while True:
            try:
                connection = self._returned.get_nowait()
            except queue.Empty:
                return
            if self._stop.is_set():
                self._close(connection)
                continue
            connection.sock.setblocking(False)
            self._park(connection)
            if connection in self._parked and connection.buffer:
                self._dispatch_if_complete(connection)  # a pipelined request already read

    def _sweep(self) -> None:
        """Close connections whose request is overdue (408) or that stayed silent too long."""
        now = time.monotonic()
        if now - self._last_sweep < 0.2:
            return
        self._last_sweep = now
        for connection in list(self._parked):
            if connection.first_byte is not None:
                if now - connection.first_byte > self.request_within:
                    self._refuse(connection, 408)
            elif now - connection.since > self.idle_within:
                self._close(connection)

    def _close(self, connection: Connection) -> None:
        self._unpark(connection)
        with self._open_lock:
            self._open.discard(connection)
        with contextlib.suppress(OSError):
            connection.sock.close()

    # -- the workers -----------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            connection = self._jobs.get()
            if connection is None:
                return
            keep = False
            try:
                connection.sock.setblocking(True)
                connection.sock.settimeout(self.write_within)
                connection.keep = False
                self.finish_request(connection, connection.address)  # type: ignore[arg-type]
                keep = connection.keep
            except OSError:
                pass  # the client went away or stopped reading
            except Exception as exc:  # noqa: BLE001 - one bad request must not end the worker
                print(
                    f"medgraph serve: error answering {connection.address[0]}: "
                    f"{type(exc).__name__}: {exc}",
                    file=sys.stderr,
                    flush=True,
                )
            if keep and not connection.close_after and not self._stop.is_set():
                now = time.monotonic()
                connection.since = now
                connection.first_byte = now if connection.buffer else None
                self._returned.put(connection)
                self._wake()
            else:
                with self._open_lock:
                    self._open.discard(connection)
                with contextlib.suppress(OSError):
                    connection.sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    connection.sock.close()
