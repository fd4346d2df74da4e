#!/usr/bin/env python3
"""Build the offline edition and publish it with the site (`make offline`).

    python scripts/offline.py                  # site/ with downloads/catalogue-offline.zip
    python scripts/offline.py --site public    # the same into public/
    python scripts/offline.py --zip-only --zip /tmp/catalogue-offline.zip

1. `OFFLINE=true mkdocs build --strict` into a temporary folder: Material's offline
   plugin (mkdocs.yml) makes pages and search work from file:// (no directory
   URLs, the search index inlined as a script, search through iframe-worker,
   which hooks/site.py serves from our own copy instead of unpkg.com);
2. zip it as catalogue-offline/… into build/catalogue-offline.zip (--zip): file
   order and times are fixed (SOURCE_DATE_EPOCH if set), so the same site gives
   the same archive;
3. unless --zip-only, build the site as usual with CATALOGUE_OFFLINE_ZIP pointing
   at the archive: the build copies it to downloads/catalogue-offline.zip and the
   «Открытые данные» page links it.

Every build would otherwise take twice as long, so only this script (and the
deploy job, which runs `make offline` instead of `make site`) makes the archive.
CATALOGUE_CONTENT and SOURCE_DATE_EPOCH are passed on to both builds.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = "catalogue-offline"                   # the folder inside the archive
ZIP_EPOCH_MIN = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)   # ZIP cannot go earlier


def _build(out: Path, **env: str) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    done = subprocess.run(cmd, cwd=ROOT, env=environ)
    if done.returncode != 0:
        raise SystemExit(f"сборка не удалась: {' '.join(cmd)}")


def _stamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = (dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc) if epoch
            else ZIP_EPOCH_MIN)
    when = max(when, ZIP_EPOCH_MIN)
    return when.year, when.month, when.day, when.hour, when.minute, when.second


def make_zip(site: Path, target: Path) -> Path:
    """Zip the built site as catalogue-offline/…, reproducibly."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = _stamp()
    files = sorted(p for p in site.rglob("*") if p.is_file())
    tmp = target.with_name(target.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{TOP}/{path.relative_to(site).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)
    return target


def build_offline_zip(target: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="catalogue-offline-") as tmp:
        site = Path(tmp) / TOP
        _build(site, OFFLINE="true")
        return make_zip(site, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Офлайн-версия сайта одним архивом")
    parser.add_argument("--zip", default=str(ROOT / "build" / "catalogue-offline.zip"),
                        help="куда положить архив (по умолчанию build/catalogue-offline.zip)")
    parser.add_argument("--site", default=str(ROOT / "site"),
                        help="куда собрать сайт со ссылкой на архив (по умолчанию site/)")
    parser.add_argument("--zip-only", action="store_true",
                        help="только архив, без сборки основного сайта")
    args = parser.parse_args(argv)
    archive = build_offline_zip(Path(args.zip).resolve())
    print(f"{archive}: {archive.stat().st_size // 1024} КБ")
    if not args.zip_only:
        _build(Path(args.site).resolve(), OFFLINE="false", CATALOGUE_OFFLINE_ZIP=str(archive))
        print(f"{args.site}: сайт со ссылкой downloads/catalogue-offline.zip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
