"""Fail when a module is over MAX_MODULE_LINES or a function over MAX_FUNCTION_LINES.

Issue 20's limits, checked by `make lint`. Migrations and demo data (demo.py) are
generated or declarative and do not count.
"""

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
SKIPPED_DIRS = {".venv", "node_modules", "migrations", "staticfiles", "media", ".git"}
SKIPPED_NAMES = {"demo.py"}


def python_files(root: Path):
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if SKIPPED_DIRS.isdisjoint(parts) and path.name not in SKIPPED_NAMES:
            yield path


def too_long(root: Path) -> list[str]:
    found = []
    for path in python_files(root):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(root)
        if (lines := len(text.splitlines())) > MAX_MODULE_LINES:
            found.append(f"{name}: {lines} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text, filename=str(name))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(
                        f"{name}:{node.lineno} {node.name}: {length} lines "
                        f"(at most {MAX_FUNCTION_LINES})"
                    )
    return found


if __name__ == "__main__":
    problems = too_long(Path(__file__).resolve().parent.parent)
    print("\n".join(problems) or "Sizes: every module and function within the limits.")
    sys.exit(1 if problems else 0)
