"""Serve on loopback, as a static host would: a built site (PDFs, tests, benchmark), or
any request handler (tests of the link checker)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_handler(handler, port: int = 0):
    """Yield the base address (http://127.0.0.1:PORT) of a server using handler (a
    request handler class or factory), served until the block ends: on `port`, or on a
    free port if it is 0."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serve(site_dir: Path, handler: type[QuietHandler] = QuietHandler):
    """Yield the base address of site_dir, served until the block ends."""
    return serve_handler(functools.partial(handler, directory=str(site_dir)))
