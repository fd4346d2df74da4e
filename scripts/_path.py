"""Lets the scripts import the engine from hooks/ without installing anything, and
answers in Russian, not with a traceback, on a Python without the packages."""
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

# What validate.py, new.py and rename.py import through the engine (module -> package
# to install), as in pyproject.toml; the pre-commit hook installs only these two
PACKAGES = {"yaml": "PyYAML", "jsonschema": "jsonschema"}
MINIMUM_PYTHON = (3, 11)
_AGAIN = "CATALOGUE_SCRIPT_REEXEC"


def _venv_python() -> Path | None:
    for candidate in (ROOT / ".venv" / "bin" / "python", ROOT / ".venv" / "Scripts" / "python.exe"):
        if candidate.is_file():
            return candidate
    return None


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def require_packages(packages: dict = PACKAGES) -> None:
    """Return when this Python can run the engine. Otherwise run the script again with
    the project's .venv (made by `make deps`) when there is one, or say in Russian what
    to install and exit with status 2."""
    old = sys.version_info < MINIMUM_PYTHON
    missing = [] if old else [name for module, name in packages.items()
                              if not _importable(module)]
    if not old and not missing:
        return
    venv = _venv_python()
    if venv is not None and not os.environ.get(_AGAIN) \
            and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        os.environ[_AGAIN] = "1"
        sys.stdout.flush()
        os.execv(str(venv), [str(venv), sys.argv[0], *sys.argv[1:]])   # does not return
    script = Path(sys.argv[0]).name or "validate.py"
    if old:
        what = (f"нужен Python {'.'.join(map(str, MINIMUM_PYTHON))} или новее, а запущен "
                f"{sys.version.split()[0]}. Установите его (python.org) и запустите снова.")
    else:
        what = (f"не установлены пакеты: {', '.join(missing)}. Установите зависимости одной "
                f"командой из папки проекта:\n    make deps\nили, без make (Windows):\n"
                f"    python -m pip install -e .\nзатем снова: python scripts/{script}")
    print(f"Команда не запущена: {what}", file=sys.stderr)
    sys.exit(2)
