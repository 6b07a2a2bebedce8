"""Hostile content in a render fetches nothing: no local files, no internal hosts."""

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agenda.printing.fetcher import BASE_URL, MAX_RESOURCE_BYTES, ResourceRefused, SafeURLFetcher
from agenda.printing.render import render_html
from tests.agenda.pdf_helpers import text_of

# 1x1 transparent PNG
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture(scope="module")
def counting_server():
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_hostile_html_fetches_nothing(counting_server, settings):
    local, hits = counting_server
    html = f"""<!doctype html><html lang="en-GB"><head><title>Hostile</title>
    <link rel="stylesheet" href="{local}/evil.css">
    <link rel="attachment" href="file:///etc/passwd">
    </head><body><h1>Hostile</h1>
    <img src="file:///etc/passwd" alt="">
    <img src="{local}/pixel.png" alt="">
    <img src="http://169.254.169.254/latest/meta-data/" alt="">
    <a href="http://169.254.169.254/">metadata</a>
    <img src="/media-not-served/../../../etc/passwd" alt="">
    <img src="/static/../../../../etc/passwd" alt="">
    <img src="data:text/html,<b>hi</b>" alt="">
    <p>Body text</p></body></html>"""
    rendered = render_html(html)
    assert hits == []
    assert "file:///etc/passwd" in rendered.refused
    assert f"{local}/pixel.png" in rendered.refused
    assert f"{local}/evil.css" in rendered.refused
    assert "http://169.254.169.254/latest/meta-data/" in rendered.refused
    assert any("passwd" in url and url.startswith(BASE_URL) for url in rendered.refused)
    assert "root:" not in text_of(rendered.content)
    assert b"/EmbeddedFile" not in rendered.content


def test_own_static_css_and_small_data_images_are_allowed():
    fetcher = SafeURLFetcher()
    css = fetcher.fetch(f"{BASE_URL}static/css/print.css")
    assert b"@page" in css.read()
    data_url = "data:image/png;base64," + base64.b64encode(PIXEL).decode()
    assert fetcher.fetch(data_url).read() == PIXEL
    assert fetcher.refused == []


def test_media_images_only_and_size_capped(settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "logo.png").write_bytes(PIXEL)
    (settings.MEDIA_ROOT / "report.pdf").write_bytes(b"%PDF-1.4")
    (settings.MEDIA_ROOT / "huge.png").write_bytes(b"0" * (MAX_RESOURCE_BYTES + 1))
    fetcher = SafeURLFetcher()
    assert fetcher.fetch(f"{BASE_URL}media-not-served/logo.png").read() == PIXEL
    for name in ("report.pdf", "huge.png", "missing.png"):
        with pytest.raises(ResourceRefused):
            fetcher.fetch(f"{BASE_URL}media-not-served/{name}")
    with pytest.raises(ResourceRefused):
        fetcher.fetch("data:image/png;base64," + "A" * 200_000)
    assert len(fetcher.refused) == 4
