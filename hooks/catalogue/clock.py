"""The build date: statuses are computed from it, so builds are reproducible."""
from __future__ import annotations

import datetime as dt
import os


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else today (UTC)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()
