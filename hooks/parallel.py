"""Work done by a forked process while the build goes on: the machine's second core.

MkDocs renders and writes pages one after another in one process. hooks/site.py
hands part of the work (half of the catalogue's pages, the open data, calendars
and feeds) to a child forked once everything is known, and waits for it at the
end of the build; the child's error fails the build.

Fork only: the child starts with the whole build in memory and needs nothing
sent to it. Where fork is unsafe (another thread is running, as under
`mkdocs serve`) or unavailable (Windows), or when CATALOGUE_PARALLEL=0, nothing
is forked and the caller does the work itself. Imports nothing from MkDocs.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

ENV_SWITCH = "CATALOGUE_PARALLEL"   # "0": everything in one process


def possible() -> bool:
    return (os.environ.get(ENV_SWITCH, "1") != "0" and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


Report = Callable[[Any], None]


@dataclass
class ForkedJob:
    _running: list[Any] = field(default_factory=list)   # [process, receiving end]
    _ended: list[str | None] = field(default_factory=list)   # the child's last word, once read

    def start(self, work: Callable[[Report], str | None]) -> bool:
        """Run ``work`` in a forked child; it may ``report`` values to the parent on
        the way (see ``receive``) and returns an error message or None. False when
        nothing was started (see ``possible``)."""
        self._running.clear()
        self._ended.clear()
        if not possible():
            return False
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(work, send), daemon=True)
        process.start()
        send.close()
        self._running[:] = [process, receive]
        return True

    @property
    def started(self) -> bool:
        return bool(self._running)

    def receive(self) -> tuple[Any, str | None]:
        """The child's next report (value, None); or (None, error) when it ended
        without one: its error message, or None if it finished its work."""
        kind, payload = self._next()
        if kind == "report":
            return payload, None
        self._ended[:] = [payload]
        return None, payload or "процесс сборки завершился, ничего не сообщив"

    def finish(self) -> str | None:
        """Wait for the child: its error message, or None when it did its work."""
        if not self._running:
            return None
        while not self._ended:
            kind, payload = self._next()
            if kind == "done":
                self._ended[:] = [payload]
        error = self._ended.pop()
        process, _ = self._running
        self._running.clear()
        process.join()
        return error

    def _next(self) -> tuple[str, Any]:
        process, receive = self._running
        try:
            return receive.recv()
        except EOFError:
            return "done", (f"процесс сборки {process.pid} завершился без ответа "
                            f"(код {process.exitcode})")


def _child(work: Callable[[Report], str | None], send: Any) -> None:
    try:
        error = work(lambda value: send.send(("report", value)))
    except BaseException:  # noqa: BLE001 - any failure must reach the parent's build
        error = traceback.format_exc()
    send.send(("done", error))
    send.close()
