"""Addresses of this site only: where a page may send the person back to.

A "next" parameter or a Referer header comes from the browser, so from anyone: used as a link
or a redirect as it stands, it could lead off the site (an open redirect). Only a path of this
site is kept, without scheme or host; anything else counts as unknown.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import request, url_for

LONGEST = 2048  # an address longer than this is not one of the site's pages


def same_site_path(url: str | None, host: str | None = None) -> str | None:
    """The path and query of ``url`` when it is an address of this site, else None.

    A path ("/assessments/abc?lang=fr") is one; an absolute http(s) URL is one when its host
    is ``host`` (a Referer). A backslash, a space or a control character is refused: browsers
    read "/\\evil.example" as "//evil.example", another site.
    """
    if not url or len(url) > LONGEST:
        return None
    if any(ch == "\\" or ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if host is None or parts.scheme not in ("http", "https") \
                or parts.netloc.lower() != host.lower():
            return None
    path = parts.path
    if not path.startswith("/") or path.startswith("//"):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def way_back() -> str | None:
    """The page of this site the request came from (its Referer), for an error page's link
    back; None when unknown or not worth a link: another site, the home page (linked anyway),
    or the very page that failed to load."""
    back = same_site_path(request.referrer, request.host)
    if back is None or back == url_for("assessments.index"):
        return None
    if request.method == "GET" and unquote(urlsplit(back).path) == request.path:
        return None
    return back
