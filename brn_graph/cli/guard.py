"""The command line's front door: tidy the arguments, and tell every mistake in one or two lines.

:func:`normalise_argv` moves global options written after the command (``rank --lang en``) in
front of it, matches choice values without regard to case (``--format JSON``) and refuses an
unknown command with suggestions. :func:`usage_message` turns the usage errors of the pinned
Typer (which raises its own vendored click exceptions, not ``click``'s) into a message in the
chosen language. Nothing here prints; :mod:`brn_graph.cli` does.
"""

from __future__ import annotations

import difflib
import enum
import os
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from typer._click import exceptions as click_errors

from brn_graph.config import LANGUAGES, Language
from brn_graph.errors import BrnGraphError
from brn_graph.i18n.catalogue import text

#: Options of the top-level group that may also follow the command.
GLOBAL_OPTIONS = ("--data", "--lang", "--store", "--wide", "--columns", "--excel", "--strict")


@dataclass
class CliUsageError(Exception):
    """A usage mistake found before Typer parses: message key, its values and the command."""

    key: str
    values: dict[str, object]
    command: str | None = None
    suggestions: tuple[str, ...] = ()


def chosen_language(
    argv: Sequence[str], environ: typing.Mapping[str, str] | None = None
) -> Language:
    """The language of messages: ``--lang`` anywhere on the line, else ``BRN_GRAPH_LANG``, else da.

    >>> chosen_language(["rank", "--lang", "EN"])
    'en'
    >>> chosen_language(["--lang=xx"], {})
    'da'
    """
    env = os.environ if environ is None else environ
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value: str | None = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None:
            for lang in LANGUAGES:
                if value.casefold() == lang:
                    return lang
    fallback = env.get("BRN_GRAPH_LANG", "da").casefold()
    return next((lang for lang in LANGUAGES if lang == fallback), "da")


def choices_of(param: Any) -> tuple[str, ...]:
    """The allowed values of an enum or ``Literal`` option (empty for free values)."""
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    return _choices(annotation)


def _choices(annotation: Any) -> tuple[str, ...]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(str(m.value) for m in annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        found: list[str] = []
        for arg in typing.get_args(annotation):
            found.extend(_choices(arg))
        return tuple(found)
    return ()


def _base_type(param: Any) -> Any:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else annotation
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    return annotation


def normalise_argv(group: Any, argv: Sequence[str]) -> list[str]:
    """``argv`` as Typer should see it: global options first, choice values in their own case.

    Raises :class:`CliUsageError` for an unknown command.
    """
    global_params = {opt: p for p in group.params for opt in p.opts}
    head, i = _take_options(argv, 0, global_params, stop_at_positional=True)
    if i >= len(argv):
        return _fold_choices(head, global_params)
    name = argv[i]
    commands: dict[str, Any] = dict(group.commands)
    if name not in commands:
        folded = [c for c in commands if c.casefold() == name.casefold()]
        if len(folded) != 1:
            raise CliUsageError(
                "doors.cli.unknown_command",
                {"name": name},
                suggestions=tuple(difflib.get_close_matches(name, list(commands), n=3, cutoff=0.5)),
            )
        name = folded[0]
    command = commands[name]
    # Options only: an argument's "opts" is its name, which a value may equal (``explain
    # cluster ...``).
    own = {
        opt: p
        for p in command.params
        if getattr(p, "param_type_name", "") == "option"
        for opt in (*p.opts, *p.secondary_opts)
    }
    moved: list[str] = []
    kept: list[str] = []
    rest = list(argv[i + 1 :])
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            kept.extend(rest[j:])
            break
        option = arg.partition("=")[0] if arg.startswith("--") else arg
        if option in GLOBAL_OPTIONS and option not in own:
            flag = global_params[option].is_flag
            width = 1 if flag or "=" in arg or j + 1 >= len(rest) else 2
            moved.extend(rest[j : j + width])
            j += width
            continue
        if option in own and not own[option].is_flag and "=" not in arg and j + 1 < len(rest):
            kept.extend(rest[j : j + 2])
            j += 2
            continue
        kept.append(arg)
        j += 1
    return [
        *_fold_choices([*head, *moved], global_params),
        name,
        *_fold_choices(kept, own),
    ]


def _take_options(
    argv: Sequence[str], start: int, params: dict[str, Any], *, stop_at_positional: bool
) -> tuple[list[str], int]:
    taken: list[str] = []
    i = start
    while i < len(argv):
        arg = argv[i]
        option = arg.partition("=")[0]
        if not arg.startswith("-") and stop_at_positional:
            break
        param = params.get(option)
        if param is not None and not param.is_flag and "=" not in arg and i + 1 < len(argv):
            taken.extend(argv[i : i + 2])
            i += 2
            continue
        if not arg.startswith("-"):
            break
        taken.append(arg)
        i += 1
    return taken, i


def _fold_choices(tokens: list[str], params: dict[str, Any]) -> list[str]:
    """Choice values matched without regard to case: ``--format JSON`` is ``--format json``."""
    out = list(tokens)
    for k, arg in enumerate(out):
        option, eq, value = arg.partition("=")
        param = params.get(option)
        if param is None or param.is_flag:
            continue
        if eq:
            out[k] = f"{option}={_fold(value, choices_of(param))}"
        elif k + 1 < len(out):
            out[k + 1] = _fold(out[k + 1], choices_of(param))
    return out


def _fold(value: str, choices: tuple[str, ...]) -> str:
    matches = [c for c in choices if c.casefold() == value.casefold()]
    return matches[0] if len(matches) == 1 else value


def usage_message(exc: Exception, lang: Language) -> tuple[str, str]:
    """The message and the hint for a usage error raised by Typer's parser."""
    ctx = getattr(exc, "ctx", None)
    command = _command_name(ctx)
    hint = text("doors.cli.hint_help", lang, command=command)
    if not command:
        hint = text("doors.cli.hint_commands", lang)
    if isinstance(exc, click_errors.NoArgsIsHelpError):
        return text("doors.cli.no_command", lang), text("doors.cli.hint_commands", lang)
    if isinstance(exc, click_errors.NoSuchOption):
        message = text("doors.cli.unknown_option", lang, name=exc.option_name)
        if exc.possibilities:
            names = ", ".join(sorted(exc.possibilities))
            message += "; " + text("doors.cli.did_you_mean", lang, names=names)
        return message, hint
    if isinstance(exc, click_errors.BadOptionUsage):
        return text("doors.cli.option_needs_value", lang, name=exc.option_name), hint
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        if param is not None and getattr(param, "param_type_name", "") == "option":
            return text("doors.cli.missing_option", lang, name=param.opts[0]), hint
        name = (param.name or "?").upper() if param is not None else "?"
        return text("doors.cli.missing_argument", lang, name=name), hint
    if isinstance(exc, click_errors.BadParameter):
        return _bad_parameter(exc, lang), hint
    detail = str(getattr(exc, "message", exc))
    if detail.startswith("Missing command"):
        return text("doors.cli.no_command", lang), text("doors.cli.hint_commands", lang)
    extra = re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", detail)
    if extra:
        return text("doors.cli.extra_argument", lang, value=extra.group(1)), hint
    return text("doors.cli.usage", lang, detail=detail), hint


def _bad_parameter(exc: Any, lang: Language) -> str:
    param = exc.param
    if param is None:
        return text("doors.cli.usage", lang, detail=exc.message)
    name = (
        param.opts[0] if getattr(param, "param_type_name", "") == "option" else param.name.upper()
    )
    choices = choices_of(param)
    if choices:
        found = re.search(r"'([^']*)' is not one of", str(exc.message))
        if found:
            return text(
                "doors.cli.bad_choice",
                lang,
                name=name,
                value=found.group(1),
                choices=", ".join(choices),
            )
        return text("doors.cli.bad_choice_novalue", lang, name=name, choices=", ".join(choices))
    base = _base_type(param)
    bounds = _bounds(param, lang)
    if base is int:
        return text("doors.cli.bad_integer", lang, name=name, bounds=bounds)
    if base is float:
        return text("doors.cli.bad_number", lang, name=name, bounds=bounds)
    return text("doors.cli.bad_value", lang, name=name)


def _bounds(param: Any, lang: Language) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return text("doors.cli.bound_range", lang, low=low, high=high)
    if low is not None:
        return text("doors.cli.bound_min", lang, value=low)
    if high is not None:
        return text("doors.cli.bound_max", lang, value=high)
    return ""


def _command_name(ctx: Any) -> str:
    if ctx is None or ctx.parent is None:
        return ""
    return str(ctx.info_name or "")


def library_message(exc: BrnGraphError, lang: Language) -> tuple[str, str | None]:
    """A library error told in ``lang``, and no hint: the error renders itself.

    There is one way to word a library error, :meth:`BrnGraphError.render`; the CLI and the
    API both use it, so a message (and its suggestions) reads the same at every door.
    """
    return exc.render(lang), None
