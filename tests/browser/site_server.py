"""Serve a built site under the path of its site_url (``/xxgk/``), as the real host does.

The 404 page uses absolute URLs from site_url (it is served at whatever depth
a dead link had), so it and every page are served under that path here too:
a missing file gets ``404.html`` with status 404, as a web server configured
for MkDocs would answer.  Used by the accessibility tests and by
scripts/lighthouse.py.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: The path of site_url in mkdocs.yml.
SITE_PATH = "/xxgk/"


class _Handler(SimpleHTTPRequestHandler):
    prefix = SITE_PATH

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + route[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser drops requests it no longer needs (a new page, a new query).
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve_site(site: Path, prefix: str = SITE_PATH) -> Iterator[str]:
    """Serve ``site`` under ``prefix`` on 127.0.0.1; yields the site's base URL (ending in ``prefix``)."""
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
