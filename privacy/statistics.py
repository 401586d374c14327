"""Public statistics: aggregates that apps register, published with small cells hidden.

Apps declare series in their own `statistics.py` (autodiscovered like `personal_data.py`),
so that privacy never imports them. A cell counting fewer than MIN_CELL items is
suppressed: shown as "fewer than 5" and left out of the chart, because a count of one or
two can point at a person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MIN_CELL = 5


@dataclass(frozen=True)
class Statistic:
    key: str
    title: str
    description: str
    compute: Callable[[], list[tuple[str, int]]]  # (label, count), in display order


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None when suppressed

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Chart:
    statistic: Statistic
    cells: list[Cell]

    @property
    def maximum(self) -> int:
        return max((c.count for c in self.cells if c.count is not None), default=0)

    ROW = 10  # height of one bar's row in the SVG's units
    BAR_WIDTH = 300

    @property
    def height(self) -> int:
        return self.ROW * len(self.cells)

    def bars(self) -> list[dict]:
        """Return each cell with its geometry in the SVG chart (label column, then bars)."""
        top = self.maximum or 1
        return [
            {
                "cell": cell,
                "y": i * self.ROW,
                "width": round((cell.count or 0) * self.BAR_WIDTH / top),
            }
            for i, cell in enumerate(self.cells)
        ]


_statistics: dict[str, Statistic] = {}


def register(statistic: Statistic) -> Statistic:
    if statistic.key in _statistics:
        raise ValueError(f"Statistic {statistic.key} is registered twice.")
    _statistics[statistic.key] = statistic
    return statistic


def suppress(rows: list[tuple[str, int]]) -> list[Cell]:
    """Return the rows as cells, hiding every count under MIN_CELL."""
    return [Cell(label, count if count >= MIN_CELL else None) for label, count in rows]


def published() -> list[Chart]:
    return [Chart(s, suppress(s.compute())) for s in _statistics.values()]
