"""The command line: options in, ``check_file`` called, the report printed, an exit status out.

The only module that knows click and rich's consoles, with ``cli_help``, which says the help and click's
errors in the language of the run; everything it does goes through the library.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime, time
from enum import IntEnum
from functools import partial
from typing import IO, TYPE_CHECKING, Any

import click
from rich.console import Console

from listcheck.address_check import check_addresses
from listcheck.bounce_check import check_bounces
from listcheck.bounces.decide import DecisionRules
from listcheck.bounces.history import HistoryStore
from listcheck.cli_help import Command, Group, Option, option, speak_as_asked
from listcheck.errors import InputError, UsageError
from listcheck.file_check import check_file
from listcheck.messages import LANGUAGES, percent, say
from listcheck.reading.contacts import read_domain_list
from listcheck.reports.bounce_html import render_bounce_html
from listcheck.reports.html import render_html
from listcheck.reports.report import Report
from listcheck.reports.terminal import render_addresses, render_report
from listcheck.reports.terminal_bounces import render_bounces
from listcheck.reports.terminal_progress import RunProgress
from listcheck.reports.terminal_resume import render_resume
from listcheck.resume_check import answer_resume
from listcheck.settings import DnsSettings, OutputSettings, PolicySettings, ReadingSettings
from listcheck.version import __version__
from listcheck.writing.bounce_files import output_paths
from listcheck.writing.outputs import refuse_overwriting_input, write_text

if TYPE_CHECKING:
    from listcheck.dask_check import ClusterSettings


class ExitStatus(IntEnum):
    """Exit statuses (CONTRACT.md, Exit status)."""

    OK = 0
    FAIL_OVER = 1
    NOT_ALL_VALID = 1  # listcheck address: some address is not valid
    NOT_ALL_YES = 1  # listcheck resume: some address may not be mailed again, or it cannot be told
    BAD_OPTIONS = 2
    BAD_INPUT = 3
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # what a shell reports for a program killed by SIGPIPE


_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


class _CheckByDefault(Group):
    """``listcheck contactos.csv`` is ``listcheck check contactos.csv`` (CONTRACT.md, Command)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_CheckByDefault, help_key="help.listcheck", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="listcheck", message="%(prog)s %(version)s", cls=Option,
                      help_key="help.version")
def cli() -> None:
    """``listcheck``: its help, and every option's, is said from the catalogue (``help.*`` keys)."""


@cli.command(cls=Command, help_key="help.check")
@click.argument("input_path", metavar="INPUT")
@option("-c", "--column", metavar="NAME", help_key="help.check.column")
@option("-o", "--out-dir", metavar="DIR", help_key="help.check.out_dir")
@option("--clean", "clean_path", metavar="PATH", help_key="help.check.clean")
@option("--rejected", "rejected_path", metavar="PATH", help_key="help.check.rejected")
@option("--no-dns", is_flag=True, help_key="help.no_dns")
@option("--nameserver", multiple=True, metavar="HOST[:PORT]", help_key="help.nameserver")
@option("--dns-timeout", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
        metavar="SECONDS", help_key="help.dns_timeout")
@option("--dns-concurrency", type=click.IntRange(min=1), default=64, show_default=True, metavar="N",
        help_key="help.check.dns_concurrency")
@option("--no-cache", is_flag=True, help_key="help.no_cache")
@option("--fix-typos", is_flag=True, help_key="help.check.fix_typos")
@option("--known-domains", metavar="FILE", help_key="help.check.known_domains")
@option("--suppress", multiple=True, metavar="FILE", help_key="help.check.suppress")
@option("--history", metavar="PATH", help_key="help.check.history")
@option("--as-of", metavar="DATE", help_key="help.check.as_of")
@option("--allow-domains", metavar="FILE", help_key="help.check.allow_domains")
@option("--strict", is_flag=True, help_key="help.check.strict")
@option("--reject", "reject_reasons", multiple=True, metavar="REASON[,REASON]", help_key="help.check.reject")
@option("--keep", "keep_reasons", multiple=True, metavar="REASON[,REASON]", help_key="help.check.keep")
@option("--annotate", is_flag=True, help_key="help.check.annotate")
@option("--safe-formulas", is_flag=True, help_key="help.check.safe_formulas")
@option("--report-json", metavar="PATH", help_key="help.check.report_json")
@option("--report-html", metavar="PATH", help_key="help.check.report_html")
@option("--client", metavar="NAME", help_key="help.check.client")
@option("--fail-over", type=click.FloatRange(0, 100), metavar="PERCENT", help_key="help.check.fail_over")
@option("--encoding", metavar="NAME", help_key="help.check.encoding")
@option("--encoding-errors", type=click.Choice(["strict", "keep", "replace"]), default="strict", show_default=True,
        help_key="help.check.encoding_errors")
@option("--sheet", metavar="NAME", help_key="help.check.sheet")
@option("--delimiter", metavar="CHAR", help_key="help.check.delimiter")
@option("--header/--no-header", "has_header", default=None, help_key="help.check.header")
@option("--skip-rows", type=click.IntRange(min=0), metavar="N", help_key="help.check.skip_rows")
# Eager, so that it speaks for the rest of parsing: --help and the errors of the other options.
@option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
        callback=speak_as_asked, help_key="help.check.lang")
@option("--engine", type=click.Choice(["dask"]), default=None, help_key="help.check.engine")
@option("--scheduler", metavar="ADDRESS", help_key="help.check.scheduler")
@option("--workers", type=click.IntRange(min=1), metavar="N", help_key="help.check.workers")
@option("-q", "--quiet", is_flag=True, help_key="help.check.quiet")
@click.pass_context
def check(
    ctx: click.Context, input_path: str, column: str | None, out_dir: str | None, clean_path: str | None,
    rejected_path: str | None, no_dns: bool, nameserver: tuple[str, ...], dns_timeout: float, dns_concurrency: int,
    no_cache: bool, fix_typos: bool, known_domains: str | None,
    suppress: tuple[str, ...], history: str | None, as_of: str | None, allow_domains: str | None, strict: bool,
    reject_reasons: tuple[str, ...], keep_reasons: tuple[str, ...], annotate: bool, safe_formulas: bool, report_json: str | None,
    report_html: str | None, client: str | None, fail_over: float | None,
    encoding: str | None, encoding_errors: str, sheet: str | None, delimiter: str | None, has_header: bool | None,
    skip_rows: int | None, engine: str | None, scheduler: str | None, workers: int | None, quiet: bool,
) -> None:
    """``listcheck check``; it speaks the language --lang asked for, else the locale's (help ``help.check``)."""
    # One display for the whole run, on a terminal only: logs and pipes get none.
    progress = RunProgress(Console(file=sys.stderr)) if sys.stderr.isatty() and not quiet else None
    try:
        with _exits_for(ctx):
            if report_json == "-" and report_html == "-":
                raise UsageError(say("usage.two_reports_to_stdout"))
            output = OutputSettings(out_dir=out_dir, clean=clean_path, rejected=rejected_path, annotate=annotate,
                                    safe_formulas=safe_formulas)
            reports = [path for path in (report_json, report_html) if path not in (None, "-")]
            cluster = _cluster(engine, scheduler, workers)
            # A report must not replace the input, an output or the other report. A cluster's run knows
            # which files a glob names and how its outputs are named, so it checks there.
            if reports and cluster is None:
                refuse_overwriting_input(None if input_path == "-" else input_path, *output.paths(input_path),
                                         *reports)
            run = check_file if cluster is None else partial(_check_with_dask, cluster=cluster, reports=reports)
            report = run(
                input_path,
                reading=ReadingSettings(
                    column=column, encoding=encoding, encoding_errors=encoding_errors,
                    delimiter=_DELIMITER_NAMES.get(delimiter.lower(), delimiter) if delimiter else None,
                    has_header=has_header, sheet=sheet, skip_rows=skip_rows),
                dns=None if no_dns else DnsSettings(nameservers=nameserver, timeout=dns_timeout,
                                                    concurrency=dns_concurrency, cache=not no_cache),
                policy=PolicySettings(
                    strict=strict, fix_typos=fix_typos, reject=_codes(reject_reasons), keep=_codes(keep_reasons),
                    known_domains=tuple(read_domain_list(known_domains)) if known_domains else (),
                    allow_domains=tuple(read_domain_list(allow_domains)) if allow_domains else (), suppress=suppress,
                    history=history, as_of=_moment(as_of) if as_of else None),
                output=output, progress=progress, stdin=sys.stdin.buffer,
            )
    finally:
        if progress is not None:
            progress.stop()

    json_to_stdout = "-" in (report_json, report_html)  # then the human report goes to stderr
    crossed = fail_over is not None and report.rejected_percent > fail_over
    try:
        if report_json is not None:
            _write_report(report.to_json(), report_json)
        if report_html is not None:
            _write_report(render_html(report, client=client), report_html)
        if not quiet:
            _print_report(report, fail_over if crossed else None, to_stderr=json_to_stdout)
        elif crossed and fail_over is not None:  # a CI step that fails says why, even when quiet
            click.echo(_fail_over_line(report, fail_over), err=True)
    except BrokenPipeError:
        _silence(sys.stdout, sys.stderr)
        ctx.exit(ExitStatus.BROKEN_PIPE)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    ctx.exit(ExitStatus.FAIL_OVER if crossed else ExitStatus.OK)


@cli.command(cls=Command, help_key="help.address")
@click.argument("texts", metavar="TEXT...", nargs=-1, required=True)
@option("--no-dns", is_flag=True, help_key="help.no_dns")
@option("--nameserver", multiple=True, metavar="HOST[:PORT]", help_key="help.nameserver")
@option("--dns-timeout", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
        metavar="SECONDS", help_key="help.dns_timeout")
@option("--no-cache", is_flag=True, help_key="help.no_cache")
@option("--report-json", metavar="PATH", help_key="help.address.report_json")
@option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
        callback=speak_as_asked, help_key="help.address.lang")
@click.pass_context
def address(ctx: click.Context, texts: tuple[str, ...], no_dns: bool, nameserver: tuple[str, ...],
            dns_timeout: float, no_cache: bool, report_json: str | None) -> None:
    """``listcheck address``; it speaks as ``check`` does (help ``help.address``)."""
    try:
        report = check_addresses(list(texts), dns=None if no_dns else DnsSettings(
            nameservers=nameserver, timeout=dns_timeout, cache=not no_cache))
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    _show_answers(ctx, report.to_dict(), lambda console: render_addresses(report, console), report_json)
    ctx.exit(ExitStatus.OK if report.all_valid else ExitStatus.NOT_ALL_VALID)


@cli.command(cls=Command, help_key="help.bounces")
@click.argument("sources", metavar="SOURCE...", nargs=-1)
@option("-o", "--out-dir", default=".", metavar="DIR", help_key="help.bounces.out_dir")
@option("--history", metavar="PATH", help_key="help.bounces.history")
@option("--as-of", metavar="DATE", help_key="help.bounces.as_of")
@option("--soft-limit", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
        help_key="help.bounces.soft_limit")
@option("--soft-days", type=click.IntRange(min=0), default=14, show_default=True, metavar="DAYS",
        help_key="help.bounces.soft_days")
@option("--report-json", metavar="PATH", help_key="help.bounces.report_json")
@option("--report-html", metavar="PATH", help_key="help.bounces.report_html")
@option("--client", metavar="NAME", help_key="help.check.client")
@option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
        callback=speak_as_asked, help_key="help.bounces.lang")
@option("-q", "--quiet", is_flag=True, help_key="help.bounces.quiet")
@click.pass_context
def bounces(ctx: click.Context, sources: tuple[str, ...], out_dir: str, history: str | None, as_of: str | None,
            soft_limit: int, soft_days: int, report_json: str | None, report_html: str | None, client: str | None,
            quiet: bool) -> None:
    """``listcheck bounces``; it speaks as ``check`` does (help ``help.bounces``)."""
    if not sources and history is None:
        raise click.UsageError(say("usage.bounces_sources"))
    if report_json == "-" and report_html == "-":
        raise click.UsageError(say("usage.two_reports_to_stdout"))
    with _exits_for(ctx):
        rules = DecisionRules(soft_limit=soft_limit, soft_days=soft_days, as_of=_moment(as_of) if as_of else None)
        outputs = [*output_paths(out_dir).values(), *(path for path in (report_json, report_html)
                                                      if path not in (None, "-"))]
        for source in sources:  # the user's bounces are never overwritten, nor one output by another
            refuse_overwriting_input(None if source == "-" or os.path.isdir(source) else source, *outputs)
        report = check_bounces(list(sources), rules=rules, out_dir=out_dir, stdin=sys.stdin.buffer, history=history)
    try:
        if report_json is not None:
            _write_report(report.to_json(), report_json)
        if report_html is not None:
            _write_report(render_bounce_html(report, client=client), report_html)
        if not quiet:
            _print(lambda console: render_bounces(report, console), to_stderr="-" in (report_json, report_html))
    except BrokenPipeError:
        _silence(sys.stdout, sys.stderr)
        ctx.exit(ExitStatus.BROKEN_PIPE)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    ctx.exit(ExitStatus.OK)


_DATE_ONLY = re.compile(r"\d{4}-?\d{2}-?\d{2}")


@cli.command(cls=Command, help_key="help.resume")
@click.argument("addresses", metavar="ADDRESS...", nargs=-1, required=True)
@option("--history", metavar="PATH", help_key="help.resume.history")
@option("--from", "sources", multiple=True, metavar="SOURCE", help_key="help.resume.from")
@option("--lift", is_flag=True, help_key="help.resume.lift")
@option("--note", metavar="TEXT", help_key="help.resume.note")
@option("--by", metavar="NAME", default="", help_key="help.resume.by")
@option("--as-of", metavar="DATE", help_key="help.bounces.as_of")
@option("--soft-limit", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
        help_key="help.bounces.soft_limit")
@option("--soft-days", type=click.IntRange(min=0), default=14, show_default=True, metavar="DAYS",
        help_key="help.bounces.soft_days")
@option("--no-dns", is_flag=True, help_key="help.no_dns")
@option("--nameserver", multiple=True, metavar="HOST[:PORT]", help_key="help.nameserver")
@option("--dns-timeout", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
        metavar="SECONDS", help_key="help.dns_timeout")
@option("--report-json", metavar="PATH", help_key="help.resume.report_json")
@option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
        callback=speak_as_asked, help_key="help.bounces.lang")
@click.pass_context
def resume(ctx: click.Context, addresses: tuple[str, ...], history: str | None, sources: tuple[str, ...], lift: bool,
           note: str | None, by: str, as_of: str | None, soft_limit: int, soft_days: int, no_dns: bool,
           nameserver: tuple[str, ...], dns_timeout: float, report_json: str | None) -> None:
    """``listcheck resume``: may we mail these addresses again? (help ``help.resume``)."""
    if (history is None) == (not sources):
        raise click.UsageError(say("usage.resume_events"))
    if lift and (history is None or not note):
        raise click.UsageError(say("usage.resume_lift"))
    with _exits_for(ctx):
        rules = DecisionRules(soft_limit=soft_limit, soft_days=soft_days, as_of=_moment(as_of) if as_of else None)
        dns = None if no_dns else DnsSettings(nameservers=nameserver, timeout=dns_timeout)
        with ExitStack() as stack:
            store = stack.enter_context(HistoryStore.open(history)) if history is not None else None
            report = answer_resume(list(addresses), history=store, sources=sources, dns=dns, rules=rules, lift=lift,
                                   note=note or "", by=by, stdin=sys.stdin.buffer)
    _show_answers(ctx, report.to_dict(), lambda console: render_resume(report, console), report_json)
    ctx.exit(ExitStatus.OK if report.all_yes else ExitStatus.NOT_ALL_YES)


def _moment(text: str) -> datetime:
    """``--as-of``: a date means the end of that day in UTC, so the day's own events count; a moment
    without a zone is UTC."""
    try:
        if _DATE_ONLY.fullmatch(text):
            return datetime.combine(date.fromisoformat(text), time.max, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(say("usage.as_of", value=text)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _show_answers(ctx: click.Context, answers: dict[str, object], draw: Callable[[Console], None],
                  report_json: str | None) -> None:
    """The JSON of ``address`` or ``resume`` where asked, and the answers on the terminal unless the
    JSON went to standard output."""
    try:
        if report_json is not None:
            _write_report(json.dumps(answers, ensure_ascii=False, indent=2) + "\n", report_json)
        if report_json != "-":
            _print(draw, to_stderr=False)
    except BrokenPipeError:
        _silence(sys.stdout, sys.stderr)
        ctx.exit(ExitStatus.BROKEN_PIPE)
    except UsageError as error:
        raise click.UsageError(str(error)) from None


@contextmanager
def _exits_for(ctx: click.Context) -> Iterator[None]:
    """A run that cannot go on, said in one line with its exit status: an option that cannot work (2),
    input that cannot be read (3), Ctrl-C (130). Bad addresses and bounces are results, never these."""
    try:
        yield
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except InputError as error:
        click.echo(say("error.prefix") + str(error), err=True)
        ctx.exit(ExitStatus.BAD_INPUT)
    except KeyboardInterrupt:
        click.echo(say("error.interrupted"), err=True)
        ctx.exit(ExitStatus.INTERRUPTED)


class _ReportConsole(Console):
    """A console that lets a closed pipe (``listcheck check ... | head``) end the run with its own status."""

    def on_broken_pipe(self) -> None:
        # Rich exits with status 1 here, which reads as "--fail-over crossed"; the caller decides.
        self.quiet = True
        raise BrokenPipeError


def _print_report(report: Report, crossed_fail_over: float | None, *, to_stderr: bool) -> None:
    def draw(console: Console) -> None:
        render_report(report, console)
        if crossed_fail_over is not None:
            console.print(_fail_over_line(report, crossed_fail_over))

    _print(draw, to_stderr=to_stderr)


def _print(draw: Callable[[Console], None], *, to_stderr: bool) -> None:
    """Draw on the terminal with rich; where the stream is not a terminal (or ``NO_COLOR`` is set),
    as plain text without the spaces rich pads lines with, so logs and diffs stay clean."""
    stream = sys.stderr if to_stderr else sys.stdout
    plain = bool(os.environ.get("NO_COLOR"))
    console = _ReportConsole(file=stream, highlight=False, force_terminal=False if plain else None)
    if console.is_terminal:
        draw(console)
        return
    with console.capture() as captured:
        draw(console)
    stream.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    stream.flush()


def _fail_over_line(report: Report, limit: float) -> str:
    # The share as the report writes it: 66.7% in English, 66,7 % in Spanish.
    return say("report.fail_over", percent=percent(report.destinations["rejected"], report.input.rows),
               limit=f"{limit:g}")


def _cluster(engine: str | None, scheduler: str | None, workers: int | None) -> ClusterSettings | None:
    """Where ``--engine dask`` runs; None for this process. The cluster options need the engine."""
    if engine is None:
        for name, value in (("--scheduler", scheduler), ("--workers", workers)):
            if value is not None:
                raise UsageError(say("usage.cluster_without_engine", option=name))
        return None
    if scheduler is not None and workers is not None:
        raise UsageError(say("usage.scheduler_and_workers"))
    from listcheck.dask_check import ClusterSettings

    return ClusterSettings(scheduler=scheduler, workers=workers)


def _check_with_dask(path: str, *, cluster: ClusterSettings, stdin: object, **settings: Any) -> Report:
    """``dask_check.check_with_dask``, imported only for a run that asks for it (Dask is slow to import)."""
    from listcheck.dask_check import check_with_dask

    return check_with_dask(path, cluster=cluster, **settings)


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Reason codes given as ``a,b`` and repeated options, in one list."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _write_report(text: str, path: str) -> None:
    """A report to its file, or to standard output for ``-``."""
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text(path, text)


def _silence(*streams: IO[str]) -> None:
    """Point streams whose reader went away at /dev/null, so the interpreter's last flush does not fail."""
    for stream in streams:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        # Without standalone mode click returns the code given to ctx.exit instead of exiting.
        status = cli.main(args=argv, prog_name="listcheck", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo(say("error.interrupted"), err=True)
        return ExitStatus.INTERRUPTED
    return int(status or ExitStatus.OK)


if __name__ == "__main__":
    sys.exit(main())
