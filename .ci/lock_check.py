"""Fail when a pin of requirements*.txt is missing from its lock (run `make lock`).

The locks (requirements.lock, requirements-dev.lock) are compiled by pip-tools from the
top-level pins, which people edit; a pin changed without `make lock` would otherwise go
unnoticed, since installs read only the locks.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;#]+)", re.M)


def pins(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    found = {}
    for included in re.findall(r"^-r\s+(\S+)", text, re.M):
        found |= pins(path.parent / included)
    for name, version in PIN.findall(text):
        found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


def stale() -> list[str]:
    problems = []
    for source, lock in [("requirements.txt", "requirements.lock"),
                         ("requirements-dev.txt", "requirements-dev.lock")]:  # fmt: skip
        locked = pins(ROOT / lock)
        for name, version in pins(ROOT / source).items():
            if locked.get(name) != version:
                problems.append(f"{lock}: {name}=={version} of {source} is not locked")
    return problems


if __name__ == "__main__":
    problems = stale()
    print("\n".join(problems) or "Locks: every pin of requirements*.txt is locked.")
    sys.exit(1 if problems else 0)
