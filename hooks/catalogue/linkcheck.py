"""Are the catalogue's outside links alive? The engine half of scripts/check_links.py.

Every URL field of every entry (``source``, ``sources``, ``apply_url``, ``enrol_url``,
``publication_url``, a problem's ``reported[].url``: whatever the schemas mark with
``x-url``) is requested once, however many entries cite it, with httpx:

- concurrently (``concurrency`` requests at once), but politely: one request at a time
  per host and at least ``host_delay`` seconds between two requests to the same host;
- HEAD first, then GET where a server does not answer HEAD properly (403, 404, 405,
  501: many official sites answer HEAD wrongly);
- each request with a ``timeout`` (seconds) and up to ``retries`` retries, with a
  growing pause, after a timeout, a dropped connection, 429 or a 5xx answer (a
  ``Retry-After`` in seconds is honoured up to 30 s);
- redirects followed one by one, so that a permanent move (301, 308) is told apart
  from a temporary one (302, 303, 307), which official sites use for sessions.

Verdicts (``Outcome.kind``) and what an editor is told (problem codes in problems.py):

=============  =====================================================  ===============
kind           when                                                   code, severity
=============  =====================================================  ===============
ok             2xx, after temporary redirects only                    (none)
moved          a permanent redirect to another address                link-moved, warning
suspicious     the address with a path ends on the site's home page   link-suspicious, warning
dead           404 or 410                                             link-dead, error
unreachable    no answer, reset, TLS or DNS failure, 5xx, other 4xx   link-unreachable, warning
=============  =====================================================  ===============

Only «dead» is an error: a site that is down for an hour or refuses robots must not
block an editor's pull request, but the weekly run lists it.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from .model import Catalogue, Pos, walk_marked
from .problems import Problem, field_name, problem

Kind = Literal["ok", "moved", "suspicious", "dead", "unreachable"]
USER_AGENT = "municipal-catalogue-linkcheck/1.0 (weekly check of the catalogue's source links)"
MAX_REDIRECTS = 10
RETRY_STATUSES = {429, 500, 502, 503, 504}
HEAD_REFUSED = {403, 404, 405, 501}


@dataclass(frozen=True)
class Link:
    """One URL as written in one entry's field."""
    url: str
    pos: Pos
    field: str


@dataclass(frozen=True)
class Outcome:
    """What requesting a URL gave: the verdict, the last HTTP status (None when the
    server never answered), the address it ended on, and a Russian detail."""
    kind: Kind
    status: int | None
    final_url: str
    detail: str = ""


def links(catalogue: Catalogue) -> list[Link]:
    """Every URL in every entry's front matter, with its position, in catalogue order."""
    found: list[Link] = []
    for entry in catalogue:
        root = {"type": "object", "properties": entry.spec.properties}
        for path, schema, value in walk_marked(root, entry.data):
            if "x-url" in schema and isinstance(value, str) and value.strip():
                found.append(Link(value.strip(), entry.at(*path), field_name(path)))
    return found


class _Hosts:
    """One request at a time per host, ``delay`` seconds apart."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.locks: dict[str, asyncio.Lock] = {}
        self.last: dict[str, float] = {}

    async def wait(self, host: str) -> asyncio.Lock:
        lock = self.locks.setdefault(host, asyncio.Lock())
        await lock.acquire()
        pause = self.last.get(host, -1e9) + self.delay - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)
        return lock

    def done(self, host: str, lock: asyncio.Lock) -> None:
        self.last[host] = time.monotonic()
        lock.release()


async def _request(client: httpx.AsyncClient, hosts: _Hosts, method: str, url: str,
                   retries: int, backoff: float) -> httpx.Response:
    """One request with retries; raises httpx.HTTPError when every try failed."""
    host = urlsplit(url).netloc.lower()
    for attempt in range(retries + 1):
        lock = await hosts.wait(host)
        try:
            response = await client.request(method, url)
        except httpx.HTTPError:
            if attempt == retries:
                raise
            response = None
        finally:
            hosts.done(host, lock)
        if response is not None and (response.status_code not in RETRY_STATUSES
                                     or attempt == retries):
            return response
        pause = backoff * (2 ** attempt)
        if response is not None:
            retry_after = response.headers.get("retry-after", "")
            if retry_after.isdigit():
                pause = min(float(retry_after), 30.0)
        await asyncio.sleep(pause)
    raise AssertionError("unreachable")  # the loop returns or raises


def _is_home(url: str) -> bool:
    return urlsplit(url).path in ("", "/") and not urlsplit(url).query


async def check_url(client: httpx.AsyncClient, hosts: _Hosts, url: str, *,
                    retries: int = 2, backoff: float = 1.0) -> Outcome:
    """Request ``url`` (HEAD, else GET), follow redirects one by one, give a verdict."""
    method, current, permanent = "HEAD", url, False
    try:
        for _ in range(MAX_REDIRECTS + 1):
            response = await _request(client, hosts, method, current, retries, backoff)
            if method == "HEAD" and response.status_code in HEAD_REFUSED:
                method = "GET"
                response = await _request(client, hosts, method, current, retries, backoff)
            if response.is_redirect and "location" in response.headers:
                permanent = permanent or response.status_code in (301, 308)
                current = urljoin(current, response.headers["location"])
                continue
            break
        else:
            return Outcome("unreachable", response.status_code, current,
                           f"больше {MAX_REDIRECTS} перенаправлений подряд")
    except httpx.TimeoutException:
        return Outcome("unreachable", None, current, "сайт не ответил вовремя")
    except httpx.HTTPError as exc:
        return Outcome("unreachable", None, current, f"соединение не удалось ({_why(exc)})")
    status = response.status_code
    if status in (404, 410):
        return Outcome("dead", status, current, f"страница не найдена (код {status})")
    if status >= 400:
        return Outcome("unreachable", status, current, f"сайт ответил ошибкой (код {status})")
    if current != url and _is_home(current) and not _is_home(url):
        return Outcome("suspicious", status, current, "ссылка ведёт на главную страницу сайта")
    if permanent and current != url:
        return Outcome("moved", status, current, "страница переехала")
    return Outcome("ok", status, current)


def _why(exc: Exception) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "сайт не принимает соединение или адрес не найден"
    if isinstance(exc, (httpx.ReadError, httpx.RemoteProtocolError)):
        return "сайт оборвал соединение"
    return "сетевая ошибка"


async def check_urls(urls: list[str], *, concurrency: int = 8, host_delay: float = 1.0,
                     timeout: float = 15.0, retries: int = 2, backoff: float = 1.0,
                     verify: bool = True) -> dict[str, Outcome]:
    """Outcomes of distinct URLs. ``timeout`` and delays are in seconds."""
    hosts = _Hosts(host_delay)
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, limits=limits,
                                 headers={"User-Agent": USER_AGENT}, verify=verify) as client:
        async def one(url: str) -> tuple[str, Outcome]:
            async with gate:
                return url, await check_url(client, hosts, url, retries=retries,
                                            backoff=backoff)
        results = await asyncio.gather(*(one(u) for u in dict.fromkeys(urls)))
    return dict(results)


def check_urls_sync(urls: list[str], **options: float | int | bool) -> dict[str, Outcome]:
    """``check_urls`` from synchronous code, in a thread of its own: its event loop never
    meets one the caller may already run (a test process that used Playwright has one)."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, check_urls(urls, **options)).result()  # type: ignore[arg-type]


def problems_for(found: list[Link], outcomes: dict[str, Outcome]) -> list[Problem]:
    """A located problem for every link whose outcome is not «ok»."""
    out: list[Problem] = []
    for link in found:
        o = outcomes.get(link.url)
        if o is None or o.kind == "ok":
            continue
        if o.kind == "dead":
            out.append(problem(link.pos, "link-dead", f"{o.detail}: {link.url} — найдите, "
                               f"где теперь эти сведения, и замените ссылку", link.field))
        elif o.kind == "moved":
            out.append(problem(link.pos, "link-moved", f"{o.detail}: {link.url} ведёт на "
                               f"{o.final_url} — замените ссылку новым адресом", link.field,
                               "warning"))
        elif o.kind == "suspicious":
            out.append(problem(link.pos, "link-suspicious", f"{o.detail}: {link.url} ведёт "
                               f"на {o.final_url}, а не на страницу со сведениями — проверьте "
                               f"ссылку", link.field, "warning"))
        else:
            code = f" (код {o.status})" if o.status else ""
            out.append(problem(link.pos, "link-unreachable", f"{o.detail}{code}: {link.url} — "
                               f"откройте ссылку в браузере; если сайт работает, ничего "
                               f"делать не нужно", link.field, "warning"))
    return out


__all__ = ["Link", "Outcome", "links", "check_url", "check_urls", "check_urls_sync",
           "problems_for"]
