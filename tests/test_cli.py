"""The command line: every exit status, the exact lines users read, streams and formats."""

import json
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from listcheck import __version__
from listcheck.cli import cli

DATA = Path(__file__).parent / "data"
LIST = "email;nombre\r\nana@correo.es;Ana\r\nsin-arroba.correo.es;Luis\r\n;Eva\r\nANA@correo.es;Ana bis\r\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("lista.csv").write_bytes(LIST.encode("utf-8"))
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_exit_0_writes_both_outputs(folder):
    result = run("check", "lista.csv", "--no-dns")
    assert result.exit_code == 0, result.output
    assert Path("lista.clean.csv").read_bytes() == b"email;nombre\r\nana@correo.es;Ana\r\n"
    rejected = Path("lista.rejected.csv").read_text("utf-8").splitlines()
    assert rejected[0] == ("email;nombre;listcheck_row;listcheck_status;listcheck_reason;listcheck_detail;"
                           "listcheck_suggestion")
    assert [line.split(";")[2:5] for line in rejected[1:]] == [
        ["3", "invalid", "missing_at"], ["4", "invalid", "empty"], ["5", "valid", "duplicate"]]
    assert "Read 4 rows" in result.stdout and result.stderr == ""


def test_version():
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"listcheck {__version__}\n")


def test_exit_1_when_fail_over_is_crossed_and_outputs_are_still_written(folder):
    result = run("check", "lista.csv", "--no-dns", "--fail-over", "50")
    assert result.exit_code == 1
    assert "75.0% of the rows were rejected, over --fail-over 50%." in result.stdout
    assert Path("lista.clean.csv").exists() and Path("lista.rejected.csv").exists()


def test_fail_over_not_crossed(folder):
    assert run("check", "lista.csv", "--no-dns", "--fail-over", "75").exit_code == 0


@pytest.mark.parametrize(("args", "line"), [
    (["check", "lista.csv", "--bogus"], "Error: No such option '--bogus'."),
    (["check", "lista.csv", "--fail-over", "150"],
     "Error: Invalid value for '--fail-over': 150.0 is not in the range 0<=x<=100."),
    (["check", "lista.csv", "--column", "correo"],
     "Error: --column 'correo' is not a column of this file; it has 'email', 'nombre'"),
    (["check", "lista.csv", "--clean", "lista.csv"],
     "Error: the output 'lista.csv' is the input file; listcheck never overwrites its input"),
    (["check", "lista.csv", "--report-json", "lista.csv"],
     "Error: the output 'lista.csv' is the input file; listcheck never overwrites its input"),
    (["check", "lista.csv", "--report-json", "lista.clean.csv"],
     "Error: 'lista.clean.csv' is given for two outputs; each output needs its own path"),
    (["check", "lista.csv", "--clean", "x.csv", "--rejected", "x.csv"],
     "Error: 'x.csv' is given for two outputs; each output needs its own path"),
    (["check", "lista.csv", "--encoding", "klingon"], "Error: --encoding 'klingon' is not an encoding Python knows"),
    (["check", "lista.csv", "--delimiter", "ab"], "Error: --delimiter must be one character, got 'ab'"),
    (["check", "lista.csv", "--known-domains", "nope.txt"],
     "Error: cannot read the domain list 'nope.txt': 'nope.txt' does not exist"),
    (["check", "lista.csv", "--nameserver", "127.0.0.1:99999"],
     "Error: --nameserver '127.0.0.1:99999' is not HOST[:PORT] (the port is not 1 to 65535)"),
    (["check", "lista.csv", "--nameserver", "[::1]:x"], ("Error: --nameserver '[::1]:x' is not HOST[:PORT] (the port is "
                                                         "not 1 to 65535)")),
    (["check", "lista.csv", "--dns-timeout", "0"],
     "Error: Invalid value for '--dns-timeout': 0.0 is not in the range x>0."),
    (["check", "lista.csv", "--suppress", "bounces.csv"], "Error: --suppress 'bounces.csv': 'bounces.csv' does not exist"),
    (["check", "lista.csv", "--reject", "role"],
     ("Error: --reject 'role' is not a reason code; the codes are empty, missing_at, syntax, multiple_addresses, "
     "special_use_domain, unknown_tld, domain_not_found, null_mx, no_mail_server, suppressed, non_ascii_local_part, "
     "typo_domain, disposable, role_account, duplicate, dns_unknown")),
    (["check", "lista.csv", "--reject", "role_account", "--keep", "disposable,role_account"],
     "Error: --keep and --reject: role_account cannot be both kept and rejected"),
])
def test_exit_2_bad_options(folder, args, line):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == line
    assert Path("lista.csv").read_bytes() == LIST.encode("utf-8")
    assert not Path("lista.clean.csv").exists()


@pytest.mark.parametrize(("make", "line"), [
    (None, "Error: 'nope.csv' does not exist"),
    (b"", "Error: the file is empty"),
    (b"Nombre,Telefono\nAna,600111222\n",
     "Error: no column holds email addresses: no header names one and no cell contains @ (name it with --column)"),
])
def test_exit_3_unreadable_input(folder, make, line):
    if make is not None:
        Path("nope.csv").write_bytes(make)
    result = run("check", "nope.csv", "--no-dns")
    assert result.exit_code == 3
    assert result.stderr == line + "\n" and "Traceback" not in result.output


def test_exit_3_for_a_folder(folder):
    Path("carpeta").mkdir()
    result = run("check", "carpeta")
    assert (result.exit_code, result.stderr) == (3, "Error: 'carpeta' is a folder, not a file\n")


def test_exit_3_wrong_encoding_names_the_line(folder):
    Path("latin.csv").write_bytes("email\nana@correo.es\njosé@correo.es\n".encode("cp1252"))
    result = run("check", "latin.csv", "--encoding", "utf-8")
    assert result.exit_code == 3
    assert result.stderr == ("Error: line 3 is not valid utf-8 (byte 0xe9) "
                             "(name the file's real encoding with --encoding)\n")


def test_stdin_writes_to_the_working_folder(folder):
    result = run("check", "-", "--no-dns", input="ana@correo.es\nmal\n")
    assert result.exit_code == 0
    assert Path("stdin.clean.csv").read_text() == "ana@correo.es\n"
    assert Path("stdin.rejected.csv").read_text().splitlines()[1].startswith("mal,2,invalid,missing_at,")


def test_json_to_stdout_moves_the_human_report_to_stderr(folder):
    result = run("check", "lista.csv", "--no-dns", "--report-json", "-")
    report = json.loads(result.stdout)
    assert set(report) >= {"input", "outputs", "counts", "reasons", "destinations", "corrections", "warnings",
                           "dns", "elapsed_seconds"}
    assert report["destinations"] == {"clean": 1, "rejected": 3}
    assert "→ rejected" in result.stderr


def test_json_warnings_are_objects_with_a_stable_code(folder):
    Path("ragged.csv").write_text("email,nombre\nana@correo.es,Ana,extra\nluis@correo.es\n")
    result = run("check", "ragged.csv", "--no-dns", "--report-json", "-", "--lang", "es")
    warnings = json.loads(result.stdout)["warnings"]
    assert [warning["code"] for warning in warnings] == ["long_rows", "short_rows"]
    assert warnings[0]["message"] == "1 fila tiene más campos que el encabezado; los campos de más se conservaron."
    assert all(set(warning) == {"code", "message"} for warning in warnings)


def test_a_file_argument_means_check(folder):
    result = CliRunner().invoke(cli, ["lista.csv", "--no-dns", "-o", "bare"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert Path("bare/lista.clean.csv").exists() and Path("bare/lista.rejected.csv").exists()
    assert CliRunner().invoke(cli, ["--no-dns", "lista.csv", "-o", "first"]).exit_code == 0  # options first too


def test_quiet_with_fail_over_crossed_says_why_on_one_line(folder):
    result = run("check", "lista.csv", "--no-dns", "-q", "--fail-over", "30")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "75.0% of the rows were rejected, over --fail-over 30%.\n"


def test_the_fail_over_line_writes_the_share_as_the_language_does(folder):
    result = run("check", "lista.csv", "--no-dns", "-q", "--fail-over", "30", "--lang", "es")
    assert result.stderr == "Se rechazó el 75,0\u00a0% de las filas, más que --fail-over 30%.\n"


def test_the_plain_report_has_no_trailing_spaces(folder):
    result = run("check", "lista.csv", "--no-dns")
    assert result.stdout and all(line == line.rstrip() for line in result.stdout.splitlines())


def test_quiet_prints_nothing(folder):
    result = run("check", "lista.csv", "--no-dns", "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_report_is_plain_text_outside_a_terminal(folder, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" not in run("check", "lista.csv", "--no-dns").stdout


def test_no_color_is_honoured_even_when_colour_is_forced(folder, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    colored = run("check", "lista.csv", "--no-dns").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run("check", "lista.csv", "--no-dns").stdout
    assert "\x1b[" in colored and "\x1b[" not in plain


def test_an_untrusted_resolver_is_said_and_rejects_nobody(folder, nxdomain_server):
    Path("dns.csv").write_text("email\nana@correo-mx.es\n")
    result = run("check", "dns.csv", "--nameserver", nxdomain_server.address)
    assert result.exit_code == 0
    assert "Warning: The DNS resolver cannot be trusted" in result.stdout
    assert Path("dns.clean.csv").read_text() == "email\nana@correo-mx.es\n"


def test_dns_verdicts_reach_the_rejected_file(folder, dns_server):
    Path("dns.csv").write_text("email\nana@correo-mx.es\nluis@no-existe-nunca.es\n")
    result = run("check", "dns.csv", "--nameserver", dns_server.address, "--no-cache", "--report-json", "r.json")
    assert result.exit_code == 0
    assert Path("dns.rejected.csv").read_text().splitlines()[1] == (
        "luis@no-existe-nunca.es,3,invalid,domain_not_found,The domain 'no-existe-nunca.es' does not exist.,")
    dns = json.loads(Path("r.json").read_text())["dns"]
    assert dns == {"checked": True, "resolver_trusted": True, "domains": 2, "queries": 6, "cache_hits": 0,
                   "timeouts": 0}


def test_annotate_and_out_dir(folder):
    result = run("check", "lista.csv", "--no-dns", "--annotate", "-o", "salida")
    assert result.exit_code == 0
    clean = Path("salida/lista.clean.csv").read_text("utf-8").splitlines()
    assert clean == [("email;nombre;listcheck_row;listcheck_status;listcheck_reason;listcheck_detail;"
                     "listcheck_suggestion"), "ana@correo.es;Ana;2;valid;;;"]


def test_explicit_output_paths(folder):
    assert run("check", "lista.csv", "--no-dns", "--clean", "ok.csv", "--rejected", "ko.csv").exit_code == 0
    assert Path("ok.csv").exists() and Path("ko.csv").exists()


def test_delimiter_names_are_accepted(folder):
    Path("tabs.txt").write_text("email\tnombre\nana@correo.es\tAna\n")
    assert run("check", "tabs.txt", "--no-dns", "--delimiter", "tab").exit_code == 0
    assert Path("tabs.clean.csv").read_text() == "email\tnombre\nana@correo.es\tAna\n"


def test_strict_rejects_risky_rows(folder):
    Path("tipos.csv").write_text("email\nana@gmial.com\n")
    assert run("check", "tipos.csv", "--no-dns", "--fix-typos").exit_code == 0
    assert Path("tipos.clean.csv").read_text() == "email\nana@gmail.com\n"
    assert run("check", "tipos.csv", "--no-dns", "--strict", "--rejected", "r.csv").exit_code == 0
    assert Path("tipos.clean.csv").read_text() == "email\n"
    assert Path("r.csv").read_text().splitlines()[1].startswith("ana@gmial.com,2,risky,typo_domain,")


def test_json_report_is_written_whole_beside_the_outputs(folder):
    assert run("check", "lista.csv", "--no-dns", "--report-json", "informe.json").exit_code == 0
    assert json.loads(Path("informe.json").read_text())["input"]["rows"] == 4
    assert not [name for name in os.listdir(".") if name.endswith(".tmp")]


def test_a_closed_pipe_on_the_json_report_ends_with_141(folder):
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "listcheck", "check", "lista.csv", "--no-dns",
                                "--report-json", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 141 and b"Traceback" not in stderr


def test_python_dash_m(folder):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "listcheck", "--version"], check=False, capture_output=True,
                            text=True)
    assert result.stdout == f"listcheck {__version__}\n"


def test_a_closed_pipe_ends_the_run_with_141_and_no_traceback(folder):
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "listcheck", "check", "lista.csv", "--no-dns"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader goes away before the report is printed, like `| head -0`
    stderr = process.stderr.read()
    assert process.wait() == 141
    assert b"Traceback" not in stderr
    assert Path("lista.clean.csv").exists()


SPANISH = {"LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def run_as(env, *args):
    """``listcheck ARGS`` under the locale ``env``, named as a user runs it."""
    return CliRunner(env=env).invoke(cli, list(args), prog_name="listcheck", catch_exceptions=False)


@pytest.mark.parametrize(("env", "args"), [
    (SPANISH, ["check", "--help"]),
    (ENGLISH, ["check", "--lang", "es", "--help"]),
    (ENGLISH, ["check", "--help", "--lang", "es"]),
    (ENGLISH, ["--lang", "es", "-h"]),  # listcheck OPTIONS means listcheck check OPTIONS
], ids=["locale", "lang before help", "lang after help", "bare"])
def test_help_speaks_spanish_under_a_spanish_locale_or_lang_es(env, args):
    result = run_as(env, *args)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Uso: listcheck check [OPCIONES] INPUT"
    assert "Opciones:" in lines and "Options:" not in lines
    assert "  -c, --column NAME               La columna que tiene las direcciones (nombre" in lines
    assert "  -h, --help                      Muestra este mensaje y sale." in lines
    assert "[predeterminado: 64; x>=1]" in result.stdout and "default" not in result.stdout
    # The language asked for ends with the command: what runs next in this process speaks its locale.
    assert run_as(ENGLISH, "check", "--help").stdout.splitlines()[0] == "Usage: listcheck check [OPTIONS] INPUT"


def test_every_help_page_speaks_spanish_and_its_english_is_unchanged():
    """listcheck, check and address in Spanish; in English, word for word as before their texts moved to the
    catalogue."""
    group = run_as(SPANISH, "--help").stdout
    assert group.startswith("Uso: listcheck [OPCIONES] COMANDO [ARGUMENTOS]...\n\n  Limpia una lista de contactos")
    assert "  --version   Muestra la versión y sale.\n" in group and "\nComandos:\n" in group
    address = run_as(SPANISH, "address", "--help").stdout
    assert "  --no-dns                  Sin conexión: nada de DNS.\n" in address
    assert run_as(ENGLISH, "address", "--help").stdout.startswith(
        "Usage: listcheck address [OPTIONS] TEXT...\n\n  Judge one address or a few (TEXT as pasted: 'Ana <ana@gmial.com>'")
    check = run_as(ENGLISH, "check", "--help").stdout
    assert check.startswith("Usage: listcheck check [OPTIONS] INPUT\n\n  Check every address in INPUT (a CSV/TSV file, "
                            "an .xlsx workbook, or - for\n  standard input) and write <stem>.clean.csv and "
                            "<stem>.rejected.csv (.xlsx for\n  a workbook).\n\nOptions:\n")
    assert ("  --dns-timeout SECONDS           How long one try of a DNS lookup may take (two\n"
            "                                  tries per nameserver).  [default: 5.0; x>0]\n") in check
    assert "  -h, --help                      Show this message and exit.\n" in check
    assert run_as(ENGLISH, "--help").stdout == (
        "Usage: listcheck [OPTIONS] COMMAND [ARGS]...\n\n"
        "  Clean an email contact list before importing it into a mailing platform.\n\n"
        "Options:\n  --version   Show the version and exit.\n  -h, --help  Show this message and exit.\n\n"
        "Commands:\n  address  Judge one address or a few (TEXT as pasted: 'Ana...\n"
        "  bounces  Read what bounced, say why, and decide per address: suppress,...\n"
        "  check    Check every address in INPUT (a CSV/TSV file, an .xlsx workbook,...\n"
        "  resume   The support question: the client says it is fixed, may we mail...\n")


def test_every_option_says_its_help_from_the_catalogue():
    from listcheck.cli_help import Option, SpokenHelp
    from listcheck.messages import MESSAGES

    for command in [cli, *cli.commands.values()]:
        assert isinstance(command, SpokenHelp) and command.help_key in MESSAGES
        options = [param for param in command.params if isinstance(param, click.Option)]
        options.append(command.get_help_option(click.Context(command)))
        for option in options:
            assert isinstance(option, Option), (command.name, option.opts)
            assert option.help_key in MESSAGES, option.help_key


@pytest.mark.parametrize(("args", "english", "spanish"), [
    (["check", "lista.csv", "--bogus"], "Error: No such option '--bogus'.", "Error: No existe la opción '--bogus'."),
    (["check", "lista.csv", "--colum", "email"], "Error: No such option '--colum'. Did you mean '--column'?",
     "Error: No existe la opción '--colum'. ¿Querías decir '--column'?"),
    (["check"], "Error: Missing argument 'INPUT'.", "Error: Falta el argumento 'INPUT'."),
    (["address"], "Error: Missing argument 'TEXT...'.", "Error: Falta el argumento 'TEXT...'."),
    (["check", "lista.csv", "--fail-over", "150"],
     "Error: Invalid value for '--fail-over': 150.0 is not in the range 0<=x<=100.",
     "Error: Valor no válido para '--fail-over': 150.0 no está en el intervalo 0<=x<=100."),
    (["check", "lista.csv", "--encoding-errors", "nah"],
     "Error: Invalid value for '--encoding-errors': 'nah' is not one of 'strict', 'keep', 'replace'.",
     "Error: Valor no válido para '--encoding-errors': 'nah' no es ninguno de 'strict', 'keep', 'replace'."),
    (["check", "lista.csv", "otra.csv"], "Error: Got unexpected extra argument (otra.csv)",
     "Error: Sobra un argumento (otra.csv)"),
    (["check", "lista.csv", "--column"], "Error: Option '--column' requires an argument.",
     "Error: La opción '--column' necesita un valor."),
])
def test_click_usage_errors_speak_the_locale_language(folder, args, english, spanish):
    command = args[0]
    in_english = run_as(ENGLISH, *args)
    assert in_english.exit_code == 2 and in_english.stderr.splitlines()[-1] == english
    in_spanish = run_as(SPANISH, *args)
    assert in_spanish.exit_code == 2 and in_spanish.stderr.splitlines()[-1] == spanish
    if "--column" not in args[-1:]:  # click names no command for an option that lacks its value
        assert in_english.stderr == (f"Usage: listcheck {command} [OPTIONS] {'TEXT...' if command == 'address' else 'INPUT'}"
                                     f"\nTry 'listcheck {command} --help' for help.\n\n{english}\n")
        assert in_spanish.stderr.splitlines()[:3] == [
            f"Uso: listcheck {command} [OPCIONES] {'TEXT...' if command == 'address' else 'INPUT'}",
            f"Prueba 'listcheck {command} --help' para ver la ayuda.", ""]
    assert not Path("lista.clean.csv").exists()


@pytest.mark.parametrize("args", [["--lang", "es", "lista.csv", "--fail-over", "150"],
                                  ["lista.csv", "--fail-over", "150", "--lang", "es"],
                                  ["lista.csv", "--lang", "es", "--bogus"]])
def test_lang_es_speaks_spanish_in_click_usage_errors_wherever_it_stands(folder, args):
    result = run_as(ENGLISH, "check", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(("Error: Valor no válido para '--fail-over'",
                                                      "Error: No existe la opción '--bogus'."))
    assert run_as(ENGLISH, "check", "lista.csv", "--bogus").stderr.splitlines()[-1] == "Error: No such option '--bogus'."


def test_listchecks_own_usage_errors_are_framed_in_spanish_with_lang_es(folder):
    result = run_as(ENGLISH, "check", "lista.csv", "--lang", "es", "--delimiter", "ab")
    assert result.exit_code == 2
    assert result.stderr == ("Uso: listcheck check [OPCIONES] INPUT\nPrueba 'listcheck check --help' para ver la "
                             "ayuda.\n\nError: --delimiter tiene que ser un solo carácter, no 'ab'\n")
