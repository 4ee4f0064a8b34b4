"""The command line in the language of the run: help pages and click's own usage errors.

click writes its help and its errors in English (its words go through ``gettext``, which finds no
catalogue of listcheck's). Here every help text is a catalogue key, said when the help is shown,
and the words click adds (``Usage:``, ``Options``, ``[default: ...]``, the help and version
options, its usage errors) are said from the catalogue too. In English click's own output is left
exactly as click prints it.

The language is the ambient one (``messages.language``): ``--lang`` is eager and its callback
speaks for the rest of parsing, so it holds for ``--help`` and for the errors of the other options.

>>> with speaking("es"):
...     said(click.NoSuchOption("--colum", possibilities=["--column"]))
"No existe la opción '--colum'. ¿Querías decir '--column'?"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import IO, Any, TypeVar

import click

from listcheck.messages import LANGUAGES, default_language, language, say, speaking

F = TypeVar("F", bound=Callable[..., Any])

# click's section headings and usage pieces, by the English click gives them, and their keys.
_HEADINGS = {"Options": "help.options", "Commands": "help.commands"}
_USAGE_PIECES = {"[OPTIONS]": "help.options_metavar", "COMMAND [ARGS]...": "help.command_metavar"}


class Option(click.Option):
    """An option whose help is the catalogue's sentence ``help_key``, said when the help is shown.

    >>> with speaking("es"):
    ...     Option(["--strict"], is_flag=True, help_key="help.check.strict").help
    'Las filas dudosas y sin determinar van al archivo de rechazadas.'
    """

    def __init__(self, param_decls: Sequence[str] | None = None, *, help_key: str, **attrs: Any) -> None:
        self.help_key = help_key
        super().__init__(param_decls, **attrs)

    @property
    def help(self) -> str:
        return say(self.help_key)

    @help.setter
    def help(self, value: str | None) -> None:
        """click sets the help it is given (the version option's English); the catalogue's is said instead."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        spec, text = record
        extra = text[len(self.help):]  # what click adds: "  [default: 5.0; x>0]"
        return spec, self.help + extra.replace("[default: ", f"[{say('help.default')}: ", 1)


def option(*param_decls: str, help_key: str, **attrs: Any) -> Callable[[F], F]:
    """``click.option`` for an :class:`Option`: ``@option("--strict", is_flag=True, help_key="help.check.strict")``."""
    return click.option(*param_decls, cls=Option, help_key=help_key, **attrs)


def speak_as_asked(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang``'s callback (an eager option): the command speaks ``value``, else the locale's
    language, from here on: the rest of parsing, its errors, ``--help`` and the run."""
    ctx.with_resource(speaking(value or default_language()))
    return value


class _Formatter(click.HelpFormatter):
    """click's help formatter, with click's words (``Usage:``, the section headings) said."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{say('help.usage')} " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(say(_HEADINGS[name]) if name in _HEADINGS else name):
            yield


class _Context(click.Context):
    formatter_class = _Formatter


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class _HelpOption(Option):
    """``-h, --help``, said from the catalogue; it speaks the ``--lang`` given after it too."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__([*names, "listcheck_help"], is_flag=True, expose_value=False, is_eager=True,
                         callback=_show_help, help_key="help.help")

    def handle_parse_result(self, ctx: click.Context, opts: Mapping[str, Any],
                            args: list[str]) -> tuple[Any, list[str]]:
        asked = opts.get("lang")  # --help --lang es: help comes first among the eager options
        if opts.get(self.name or "") and asked in LANGUAGES:
            ctx.with_resource(speaking(asked))
        return super().handle_parse_result(ctx, opts, args)


class SpokenHelp(click.Command):
    """A command whose help page is said in the language of the run: its help is the catalogue's
    ``help_key``, its options' are theirs, and click's words around them are said too."""

    context_class = _Context

    def __init__(self, name: str | None, *, help_key: str, **attrs: Any) -> None:
        self.help_key = help_key
        self._spoken_help_option: _HelpOption | None = None
        super().__init__(name, **attrs)

    @property
    def help(self) -> str:
        return say(self.help_key)

    @help.setter
    def help(self, value: str | None) -> None:
        """click sets the function's docstring; the catalogue's help is said instead."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [say(_USAGE_PIECES[piece]) if piece in _USAGE_PIECES else piece
                for piece in super().collect_usage_pieces(ctx)]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._spoken_help_option is None:  # one object: click orders the eager options by identity
            self._spoken_help_option = _HelpOption(names)
        return self._spoken_help_option


class Group(SpokenHelp, click.Group):
    """A group of commands whose help is said in the language of the run."""


class Command(SpokenHelp):
    """A command that speaks the language of the run in its help and in every usage error, click's
    own included (exit status 2)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # click's parser consumes the list
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            # An option click cannot even parse (an unknown one) fails before --lang's callback runs.
            lang = _lang_on(given) or language()
            ctx.close()  # click closes no context whose parsing failed: the language asked for ends here
            raise SpokenUsageError(error, lang) from error
        except BaseException:  # --help, --version: the page is printed, the language ends here
            ctx.close()
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SpokenUsageError:
            raise
        except click.UsageError as error:
            raise SpokenUsageError(error, language()) from error


def _lang_on(args: Sequence[str]) -> str | None:
    """The language the command line asks for with ``--lang`` (the last one, as click takes it)."""
    asked = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            asked = args[index + 1]
        elif arg.startswith("--lang="):
            asked = arg.partition("=")[2]
    return asked if asked in LANGUAGES else None


class SpokenUsageError(click.UsageError):
    """A usage error shown in the language spoken where it was raised (the command's context is
    gone by the time click shows it); in English, exactly as click shows it."""

    def __init__(self, error: click.UsageError, lang: str) -> None:
        super().__init__(error.message, error.ctx)
        self.error, self.lang = error, lang

    def format_message(self) -> str:
        with speaking(self.lang):
            return said(self.error)

    def show(self, file: IO[Any] | None = None) -> None:
        with speaking(self.lang):
            if self.lang == "en":
                self.error.show(file)
                return
            ctx = self.error.ctx
            if ctx is not None:
                hint = ""
                if ctx.command.get_help_option(ctx) is not None:  # as click does: the longest name, --help
                    option = max(ctx.command.get_help_option_names(ctx), key=len)
                    hint = say("click.try_help", command=ctx.command_path, option=option) + "\n"
                click.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=True, color=ctx.color)
            click.echo(say("error.prefix") + said(self.error), file=file, err=True,
                       color=ctx.color if ctx else None)


# click's English sentences (8.1 to 8.5) that said() translates, as patterns naming their values.
_SENTENCES = [(re.compile(pattern), key) for pattern, key in [
    (r"(?P<value>.+) is not in the range (?P<range>.+)\.", "click.not_in_range"),
    (r"(?P<value>.+) is not one of (?P<choices>.+)\.", "click.not_one_of"),
    (r"(?P<value>.+) is not a valid float(?: range)?\.", "click.not_a_number"),
    (r"(?P<value>.+) is not a valid integer(?: range)?\.", "click.not_an_integer"),
    (r"Option '(?P<name>.+)' requires an argument\.", "click.needs_a_value"),
    (r"Option '(?P<name>.+)' does not take a value\.", "click.takes_no_value"),
    (r"Got unexpected extra argument \((?P<args>.+)\)", "click.extra_argument"),
    (r"Got unexpected extra arguments \((?P<args>.+)\)", "click.extra_arguments"),
]]


def said(error: click.UsageError) -> str:
    """The message of a usage error (after ``Error:``) in the language of the run: listcheck's own
    are already said; click's are said from their fields, or from their English sentence."""
    if language() == "en":
        return error.format_message()
    if isinstance(error, click.NoSuchOption):
        text = say("click.no_such_option", name=error.option_name)
        possibilities = sorted(error.possibilities or [])
        if possibilities:
            quoted = ", ".join(repr(name) for name in possibilities)
            text += " " + say("click.did_you_mean" if len(possibilities) == 1 else "click.did_you_mean_one_of",
                              possibilities=quoted)
        return text
    if isinstance(error, click.MissingParameter) and not error.message:
        kind = error.param_type or (error.param.param_type_name if error.param else "parameter")
        key = {"argument": "click.missing_argument", "option": "click.missing_option"}.get(kind,
                                                                                           "click.missing_parameter")
        return say(key, name=_param_hint(error) or "")
    if isinstance(error, click.BadParameter):
        hint = _param_hint(error)
        message = _sentence(error.message)
        return say("click.invalid_value_for", name=hint, message=message) if hint else \
            say("click.invalid_value", message=message)
    return _sentence(error.message)


def _param_hint(error: click.BadParameter) -> str | None:
    """The name click gives a bad parameter: ``'--fail-over'``, ``'INPUT'``."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx) if error.ctx is not None else None
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(name) for name in hint)


def _sentence(english: str) -> str:
    """One of click's sentences in the language of the run; any other (listcheck's own, already said)
    as it is."""
    for pattern, key in _SENTENCES:
        match = pattern.fullmatch(english)
        if match:
            return say(key, **match.groupdict())
    return english
