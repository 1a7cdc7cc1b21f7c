"""What every measurement returns, and how a run is judged and printed.

A measurement is a function `measure(context) -> list[Result]`. A result carries its own floor (what
the bare machine does for the same work, measured in the same run) and its target, so a slow or noisy
machine moves both sides and the ratio holds.
"""

from __future__ import annotations

import json
import operator
from dataclasses import asdict, dataclass
from pathlib import Path

COMPARATORS = {">=": operator.ge, "<=": operator.le, "==": operator.eq}


@dataclass
class Result:
    """One line of bench/results.json.

    `target` reads like "ratio >= 0.30" or "value <= 50": the quantity judged ("ratio" or "value"),
    a comparator and the bound. `ok` is computed from them, never set by hand.
    """

    name: str
    value: float
    unit: str
    floor: float | None
    ratio: float | None
    target: str
    ok: bool = False

    def __post_init__(self):
        self.value = round(float(self.value), 4)
        self.floor = None if self.floor is None else round(float(self.floor), 4)
        self.ratio = None if self.ratio is None else round(float(self.ratio), 4)
        self.ok = judge(self)


def judge(result: Result) -> bool:
    quantity, comparator, bound = result.target.split()
    measured = result.ratio if quantity == "ratio" else result.value
    if measured is None:
        return False
    return COMPARATORS[comparator](measured, float(bound))


def throughput(name: str, ours: float, floor: float, *, minimum_ratio: float, unit: str = "req/s") -> Result:
    """Ours against the floor, higher is better: ratio = ours / floor."""
    return Result(name, ours, unit, floor, ours / floor if floor else None, f"ratio >= {minimum_ratio:.2f}")


def slowdown(name: str, ours: float, floor: float, *, maximum_ratio: float, unit: str = "ms") -> Result:
    """Ours against the floor, lower is better: ratio = ours / floor (1.0 = as fast as the floor)."""
    return Result(name, ours, unit, floor, ours / floor if floor else None, f"ratio <= {maximum_ratio:.2f}")


def at_most(name: str, value: float, bound: float, unit: str) -> Result:
    return Result(name, value, unit, None, None, f"value <= {bound:g}")


def at_least(name: str, value: float, bound: float, unit: str) -> Result:
    return Result(name, value, unit, None, None, f"value >= {bound:g}")


def write(results: list[Result], path: Path) -> None:
    path.write_text(json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False) + "\n")


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


def table(results: list[Result]) -> str:
    """The results as a Markdown table (printed, and pasted into README.md)."""
    lines = [
        "| measurement | value | unit | floor | ratio | target | ok |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {_number(r.value)} | {r.unit} | {_number(r.floor)} | {_number(r.ratio)} "
            f"| {r.target} | {'yes' if r.ok else '**NO**'} |"
        )
    return "\n".join(lines)
