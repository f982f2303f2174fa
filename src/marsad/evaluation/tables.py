"""Rich tables for the evaluation figures (summarise()'s output)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

# (label, path into a figures dict)
MAIN_ROWS = [
    ("paragraphs", ("n_docs",)),
    ("actors P", ("actors", "p")),
    ("actors R", ("actors", "r")),
    ("actors F1", ("actors", "f")),
    ("casualties (status, count) P", ("casualties", "p")),
    ("casualties (status, count) R", ("casualties", "r")),
    ("casualties (status, count) F1", ("casualties", "f")),
    ("casualty R with victims' side right", ("casualties", "side_r")),
    ("places (overlap, <=161 km) P", ("places", "p")),
    ("places (overlap, <=161 km) R", ("places", "r")),
    ("places (overlap, <=161 km) F1", ("places", "f")),
    ("place exact GeoNames id R", ("places", "id_r")),
    ("place detection R", ("places", "detection_r")),
    ("gold facts in an event at the right place", ("facts_in_event_at_right_place",)),
    ("events: paragraphs with gold events", ("events", "n_docs")),
    ("events: gold / predicted", ("events", "n_gold"), ("events", "n_pred")),
    ("events P", ("events", "p")),
    ("events R", ("events", "r")),
    ("events F1", ("events", "f")),
    ("event type right (matched)", ("events", "type_acc")),
    ("fatalities exact (matched, gold stated)", ("events", "fatalities_acc")),
    ("gold event actor named by its event", ("events", "actor_named_r")),
    ("found event names a gold actor", ("events", "actor_named_of_found")),
    ("gold event actor named in paragraph", ("events", "actor_in_paragraph_r")),
]

GROUP_COLUMNS = [
    ("docs", ("n_docs",)),
    ("act P", ("actors", "p")),
    ("act R", ("actors", "r")),
    ("act F1", ("actors", "f")),
    ("cas P", ("casualties", "p")),
    ("cas R", ("casualties", "r")),
    ("cas F1", ("casualties", "f")),
    ("side R", ("casualties", "side_r")),
    ("pla F1", ("places", "f")),
    ("id R", ("places", "id_r")),
    ("ev F1", ("events", "f")),
    ("ev type", ("events", "type_acc")),
    ("ev fatal", ("events", "fatalities_acc")),
    ("ev actor", ("events", "actor_named_r")),
]

SPLIT_NAMES = {"tune": "TUNE", "heldout": "HELDOUT", "all": "ALL"}


def _get(fig: dict, path: tuple) -> object:
    value: object = fig
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _shown(paths: list[tuple], with_events: bool) -> bool:
    return with_events or paths[0][0] != "events"


def main_table(scope: str, by_split: dict, splits: list[str]) -> Table:
    table = Table(title=f"{scope}: {', '.join(SPLIT_NAMES[s] for s in splits)}", title_justify="left")
    table.add_column("figure")
    for split in splits:
        table.add_column(SPLIT_NAMES[split], justify="right")
    with_events = any(by_split[split]["events"] for split in splits)
    for label, *paths in (row for row in MAIN_ROWS if _shown(row[1:], with_events)):
        cells = [" / ".join(_cell(_get(by_split[split], p)) for p in paths) for split in splits]
        table.add_row(label, *cells)
    return table


def group_table(scope: str, grouping: str, by_split: dict, splits: list[str]) -> Table:
    table = Table(title=f"{scope} by {grouping}", title_justify="left")
    table.add_column(grouping)
    table.add_column("split")
    with_events = any(by_split[split]["events"] for split in splits)
    columns = [(name, path) for name, path in GROUP_COLUMNS if _shown([path], with_events)]
    for name, _ in columns:
        table.add_column(name, justify="right")
    groups = list(dict.fromkeys(g for split in splits for g in by_split[split][f"by_{grouping}"]))
    for group in groups:
        for i, split in enumerate(splits):
            fig = by_split[split][f"by_{grouping}"].get(group, {})
            table.add_row(group if i == 0 else "", SPLIT_NAMES[split], *(_cell(_get(fig, p)) for _, p in columns),
                          end_section=i == len(splits) - 1)
    return table


def print_report(results: dict, splits: list[str], groupings: list[str], console: Console | None = None) -> None:
    console = console or Console(width=None if Console().is_terminal else 160)
    for scope, by_split in results.items():
        console.print(main_table(scope, by_split, splits))
        for grouping in groupings:
            console.print(group_table(scope, grouping, by_split, splits))
        for split in splits:
            errors = by_split[split]["casualty_errors"]
            listed = ", ".join(f"{cause} {n}" for cause, n in errors.items()) or "none"
            console.print(f"{scope} casualty errors ({SPLIT_NAMES[split]}): {listed}")
        console.print()
