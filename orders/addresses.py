"""The city of a delivery address, for the seller's order list.

The list helps a seller choose which order to open without showing the buyer's contact
data (the order page shows them, and records that it did). The city is coarse enough for
that; the street, the house and everything else in the address stay on the order page.

An address is free text, so the city is taken only where it is marked as one («г. Кокшетау»,
«Алматы қ.», «Астана қаласы», «city of Aktau») or where a part of the address is the name
of one of Kazakhstan's larger cities; otherwise nothing is shown rather than a guess.
"""

import re

_MARKED_BEFORE = re.compile(
    r"^(?:г\.|г |гор\.|город |с\.|село |пос\.|посёлок |поселок |пгт\.? |city of )\s*(?P<name>.+)$",
    re.IGNORECASE,
)
_MARKED_AFTER = re.compile(
    r"^(?P<name>.+?)\s+(?:қ\.|қаласы|ауылы|а\.|кенті|city|town|village)$", re.IGNORECASE
)
# Cities whose name alone, as one part of an address, is taken for the city (ru, kk, en).
KNOWN_CITIES = frozenset(
    name.casefold()
    for name in (
        "Астана", "Алматы", "Шымкент", "Караганда", "Қарағанды", "Актобе", "Ақтөбе", "Тараз",
        "Павлодар", "Усть-Каменогорск", "Өскемен", "Семей", "Атырау", "Костанай", "Қостанай",
        "Кызылорда", "Қызылорда", "Уральск", "Орал", "Петропавловск", "Петропавл", "Актау",
        "Ақтау", "Темиртау", "Теміртау", "Туркестан", "Түркістан", "Кокшетау", "Көкшетау",
        "Талдыкорган", "Талдықорған", "Экибастуз", "Екібастұз", "Рудный", "Жезказган",
        "Жезқазған", "Конаев", "Қонаев", "Балхаш", "Балқаш", "Astana", "Almaty", "Shymkent",
        "Karaganda", "Aktobe", "Taraz", "Pavlodar", "Oskemen", "Ust-Kamenogorsk", "Semey",
        "Atyrau", "Kostanay", "Kyzylorda", "Oral", "Uralsk", "Petropavl", "Aktau", "Temirtau",
        "Turkistan", "Kokshetau", "Taldykorgan", "Ekibastuz", "Rudny", "Zhezkazgan", "Konaev",
        "Balkhash",
    )
)  # fmt: skip


def address_city(address: str) -> str:
    """Return the city named in a delivery address, or "" when none is clearly named."""
    for part in (address or "").split(","):
        part = " ".join(part.split())
        if not part:
            continue
        if part.casefold() in KNOWN_CITIES:
            return part
        for pattern in (_MARKED_BEFORE, _MARKED_AFTER):
            match = pattern.match(part)
            if match and not any(ch.isdigit() for ch in match["name"]):
                return match["name"].strip()
    return ""
