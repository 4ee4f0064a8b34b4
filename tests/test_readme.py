"""The README says what the code does: its reason table, and its options table, option by option:
every option of ``listcheck check`` is in the table, the defaults it states are the defaults, and
each option, run on a small list, does what its line says."""

import csv
import io
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from listcheck.cli import cli

from .dns_server import CANARIES, WaitsForCompany, ZoneServer
from .landing import ANNOTATIONS

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")


def test_reason_table_is_generated_from_the_code():
    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    from reason_table import reason_table

    assert reason_table() in README


def test_readme_starts_with_the_two_commands_ci_runs():
    commands = re.findall(r"```sh\n(.+)\n```", README)
    assert commands[0].endswith("listcheck check examples/contactos.csv --no-dns")
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text()
    assert commands[1] in ci


def options_table() -> dict[str, str]:
    """Each option of the README's options table (long and short names), with its meaning, in plain text."""
    section = README.split("\n### Options\n", 1)[1].split("\n### ", 1)[0]
    meanings = {}
    for line in section.splitlines()[3:]:  # the title line, the header row and its rule come first
        if not line.startswith("|"):
            break
        first, meaning = [cell.replace("\\|", "|").replace("`", "").strip()
                          for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", first):
            meanings[option] = " ".join(meaning.split())
    return meanings


OPTIONS = options_table()
CHECK = cli.commands["check"]


def test_every_option_of_the_command_is_in_the_options_table():
    """The table holds every option of ``listcheck check --help``, and no other."""
    names = {name for param in CHECK.params if isinstance(param, click.Option)
             for name in param.opts + param.secondary_opts}
    assert "--strict" in names and "-q" in names
    assert sorted(OPTIONS) == sorted(names)


def test_the_defaults_the_table_states_are_the_defaults():
    """A "(default N" in the table is the option's default."""
    stated = {option: re.search(r"\(default (\d+)", meaning).group(1) for option, meaning in OPTIONS.items()
              if re.search(r"\(default (\d+)", meaning)}
    assert stated.keys() == {"--dns-timeout", "--dns-concurrency"}
    defaults = {name: param.default for param in CHECK.params for name in param.opts}
    for option, value in stated.items():
        assert defaults[option] == float(value), option


class Lab:
    """A folder with a list in it (``lista.csv``), and the command line run there."""

    LIST = ("email,nombre\n"
            "ana@correo.es,Ana\n"  # row 2: valid
            "info@empresa.es,Info\n"  # row 3: a role mailbox, risky, kept
            "luis@gmial.com,Luis\n"  # row 4: a typo, rejected
            "mal,Eva\n"  # row 5: no @, rejected
            "ANA@correo.es,Ana bis\n")  # row 6: a duplicate of row 2, rejected

    def __init__(self, folder: Path, request) -> None:
        self.folder, self.request = folder, request
        self.write("lista.csv", self.LIST)

    def fixture(self, name: str):
        return self.request.getfixturevalue(name)

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def run(self, *args: str, input: str | None = None):
        """``listcheck ARGS`` in the lab's folder."""
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    def check(self, *options: str, source: str = "lista.csv", offline: bool = True, status: int = 0):
        """``listcheck check SOURCE [--no-dns] OPTIONS`` with a JSON report: the report, and the
        records of the clean and rejected files (headers included) as the report names them."""
        report_path = self.folder / "report.json"
        report_path.unlink(missing_ok=True)
        result = self.run("check", source, *(["--no-dns"] if offline else []), *options, "--report-json",
                          str(report_path))
        assert result.exit_code == status, result.output
        report = json.loads(report_path.read_text(encoding="utf-8"))
        outputs = [None if report["outputs"][name].endswith(".xlsx") else
                   read_records(Path(report["outputs"][name]), report["input"]["delimiter"] or ",",
                                report["input"]["encoding"]) for name in ("clean", "rejected")]
        return report, *outputs


def read_records(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> list[list[str]]:
    """The records of an output, in the input's encoding (bytes that are not text in it, as they are)."""
    text = path.read_bytes().decode(encoding, errors="surrogateescape")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def first_cells(records: list[list[str]]) -> list[str]:
    return [record[0] for record in records[1:]]


def column(lab: Lab) -> None:
    lab.write("lista.csv", "personal,trabajo\nana@correo.es,mal\nluis@correo.es,peor\n")
    report, _, _ = lab.check()
    assert (report["input"]["email_column"], report["destinations"]["rejected"]) == ("personal", 0)  # detected
    for option in (["-c", "trabajo"], ["--column", "2"]):
        report, _, rejected = lab.check(*option)
        assert report["input"]["email_column"] == "trabajo"
        assert [record[1] for record in rejected[1:]] == ["mal", "peor"] and report["reasons"]["missing_at"] == 2


def out_dir(lab: Lab) -> None:
    report, clean, _ = lab.check("-o", "salida")
    assert report["outputs"] == {"clean": os.path.join("salida", "lista.clean.csv"),
                                 "rejected": os.path.join("salida", "lista.rejected.csv")}
    assert first_cells(clean) == ["ana@correo.es", "info@empresa.es"]
    assert not (lab.folder / "lista.clean.csv").exists()
    lab.check()  # by default, beside the input
    assert (lab.folder / "lista.clean.csv").exists() and (lab.folder / "lista.rejected.csv").exists()
    (lab.folder / "sub").mkdir()
    lab.write("sub/otra.csv", Lab.LIST)
    lab.check(source="sub/otra.csv")
    assert (lab.folder / "sub" / "otra.clean.csv").exists()
    assert lab.run("check", "-", "--no-dns", "-q", input=Lab.LIST).exit_code == 0  # stdin: the working folder
    assert (lab.folder / "stdin.clean.csv").exists()
    assert lab.run("check", "-", "--no-dns", "-q", "--out-dir", "salida", input=Lab.LIST).exit_code == 0
    assert (lab.folder / "salida" / "stdin.rejected.csv").exists()


def clean_and_rejected(lab: Lab) -> None:
    report, _, _ = lab.check("--clean", "buenos.csv", "--rejected", "malos.csv")
    assert report["outputs"] == {"clean": "buenos.csv", "rejected": "malos.csv"}
    assert first_cells(read_records(lab.folder / "buenos.csv")) == ["ana@correo.es", "info@empresa.es"]
    assert first_cells(read_records(lab.folder / "malos.csv")) == ["luis@gmial.com", "mal", "ANA@correo.es"]
    assert not (lab.folder / "lista.clean.csv").exists() and not (lab.folder / "lista.rejected.csv").exists()


DNS_LIST = "email\nana@correo-mx.es\neva@no-existe-nunca.es\n"


def no_dns(lab: Lab) -> None:
    server = lab.fixture("dns_server")
    before = server.resolver.queries
    report, _, _ = lab.check("--nameserver", server.address, "--no-cache")  # --no-dns too
    assert server.resolver.queries == before
    assert report["dns"]["checked"] is False and report["options"]["dns"] is False


def nameserver(lab: Lab) -> None:
    server, silent = lab.fixture("dns_server"), lab.fixture("silent_server")
    lab.write("lista.csv", DNS_LIST)
    before = server.resolver.queries
    report, _, rejected = lab.check("--nameserver", server.address, "--no-cache", offline=False)
    assert server.resolver.queries > before  # this server was asked, and its answers count
    assert report["dns"]["resolver_trusted"] and first_cells(rejected) == ["eva@no-existe-nunca.es"]
    assert report["options"]["nameservers"] == [server.address]
    # Repeatable: the next one is asked when the first does not answer.
    report, _, rejected = lab.check("--nameserver", silent.address, "--nameserver", server.address,
                                    "--dns-timeout", "0.1", "--no-cache", offline=False)
    assert silent.questions and report["dns"]["resolver_trusted"]
    assert first_cells(rejected) == ["eva@no-existe-nunca.es"]


def dns_timeout(lab: Lab) -> None:
    # How long a try waits is not measured here (no test asserts a time); that a try which times out
    # is tried once more, and no more, is: the silent server hears each question of the resolver check
    # (the canaries, asked at once, and the rewriting probe) twice. The second try comes after
    # dnspython's 0.1 s backoff, inside the lifetime of two timeouts.
    silent = lab.fixture("silent_server")
    lab.write("lista.csv", DNS_LIST)
    report, _, _ = lab.check("--nameserver", silent.address, "--dns-timeout", "0.25", "--no-cache", offline=False)
    asked = Counter(name if not name.startswith("listcheck-") else "probe" for name, _ in silent.questions)
    assert asked == {**{canary: 2 for canary in CANARIES}, "probe": 2}
    assert not report["dns"]["resolver_trusted"] and report["destinations"]["rejected"] == 0


def dns_concurrency(lab: Lab) -> None:
    lab.write("lista.csv", "email\n" + "".join(f"ana@empresa{i}.es\n" for i in range(9)))  # three rounds of three
    zone = "".join(f"{name}. 300 IN MX 10 mx.{name}.\n" for name in CANARIES)
    with ZoneServer(WaitsForCompany(zone, width=3, wildcard_mx=True)) as server:
        report, _, _ = lab.check("--nameserver", server.address, "--dns-concurrency", "3", "--dns-timeout", "30",
                                 "--no-cache", offline=False)
    assert server.resolver.most_in_flight == 3  # three at once, never more
    assert report["reasons"]["dns_unknown"] == 0


def no_cache(lab: Lab) -> None:
    server = lab.fixture("dns_server")
    cache_folder = Path(os.environ["LISTCHECK_CACHE_DIR"])  # tests/conftest.py: the test's own folder
    lab.write("lista.csv", DNS_LIST)
    ask = ("--nameserver", server.address)
    lab.check(*ask, "--no-cache", offline=False)
    assert not cache_folder.exists() or not any(cache_folder.iterdir())  # nothing written
    first, _, _ = lab.check(*ask, offline=False)
    second, _, _ = lab.check(*ask, offline=False)
    assert any(cache_folder.iterdir()) and first["dns"]["cache_hits"] == 0 and second["dns"]["cache_hits"] == 2
    third, _, _ = lab.check(*ask, "--no-cache", offline=False)
    assert third["dns"]["cache_hits"] == 0  # nothing read, though the cache holds both domains


def fix_typos(lab: Lab) -> None:
    _, clean, rejected = lab.check()
    assert "luis@gmial.com" in first_cells(rejected)
    report, clean, rejected = lab.check("--fix-typos")
    assert ["luis@gmail.com", "Luis"] in clean and "luis@gmial.com" not in first_cells(rejected)
    assert report["corrections"] == [{"row": 4, "original": "luis@gmial.com", "corrected": "luis@gmail.com"}]
    lab.write("lista.csv", "email\nana(arroba)gmail.com\n")
    report, clean, rejected = lab.check("--fix-typos")
    assert first_cells(clean) == ["ana@gmail.com"] and first_cells(rejected) == []
    assert report["corrections"] == [{"row": 2, "original": "ana(arroba)gmail.com", "corrected": "ana@gmail.com"}]


def known_domains(lab: Lab) -> None:
    lab.write("lista.csv", "email\nana@yaho.es\nluis@miempresaa.es\n")
    lab.write("conocidos.txt", "yaho.es\nmiempresa.es\n")
    _, clean, rejected = lab.check()
    assert first_cells(rejected) == ["ana@yaho.es"] and first_cells(clean) == ["luis@miempresaa.es"]
    report, clean, rejected = lab.check("--known-domains", "conocidos.txt", "--annotate")
    assert first_cells(clean) == ["ana@yaho.es"]  # never flagged
    assert rejected[1][0] == "luis@miempresaa.es" and rejected[1][-1] == "luis@miempresa.es"  # offered
    assert report["reasons"]["typo_domain"] == 1


HARD_BOUNCE = ("From: MAILER-DAEMON@mx.correo.es\nSubject: Undelivered Mail\nDate: Fri, 20 Nov 2026 10:00:00 +0000\n"
               "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
               "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.correo.es\n\n"
               "Final-Recipient: rfc822; ana@correo.es\nAction: failed\nStatus: 5.1.1\n"
               "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n--B--\n")


def history(lab: Lab) -> None:
    lab.write("rebote.eml", HARD_BOUNCE)
    assert lab.run("bounces", "rebote.eml", "--history", "historial.sqlite", "-q", "-o", "salida").exit_code == 0
    report, clean, rejected = lab.check("--history", "historial.sqlite", "--as-of", "2026-12-01")
    assert "ana@correo.es" not in first_cells(clean) and report["reasons"]["suppressed"] == 2  # ana, ANA
    detail = next(row for row in rejected if row[0] == "ana@correo.es")[5]
    assert detail == ("In the bounce history historial.sqlite: hard bounce on 2026-11-20: user unknown (5.1.1). "
                      "Never mail it.")


def as_of(lab: Lab) -> None:
    lab.write("rebote.eml", HARD_BOUNCE)
    lab.run("bounces", "rebote.eml", "--history", "historial.sqlite", "-q", "-o", "salida")
    report, clean, _ = lab.check("--history", "historial.sqlite", "--as-of", "2026-11-19")  # before the bounce
    assert "ana@correo.es" in first_cells(clean) and report["reasons"]["suppressed"] == 0


def suppress(lab: Lab) -> None:
    lab.write("bajas.txt", "ana@correo.es\n")
    lab.write("rebotes.csv", "email,type\nINFO@empresa.es,hard\n")
    report, clean, _ = lab.check("--suppress", "bajas.txt", "--suppress", "rebotes.csv")
    assert first_cells(clean) == []
    assert report["reasons"]["suppressed"] == 3  # ana, her repeat in any case, info
    assert report["suppression"]["files"] == ["bajas.txt", "rebotes.csv"] and report["suppression"]["addresses"] == 2


def allow_domains(lab: Lab) -> None:
    lab.write("lista.csv", "email\ntira@mailinator.com\n")
    lab.write("permitidos.txt", "mailinator.com\n")
    report, _, _ = lab.check()
    assert report["reasons"]["disposable"] == 1 and report["destinations"]["rejected"] == 1
    report, clean, _ = lab.check("--allow-domains", "permitidos.txt")
    assert first_cells(clean) == ["tira@mailinator.com"] and report["counts"]["valid"] == 1


def strict(lab: Lab) -> None:
    _, clean, _ = lab.check()
    assert "info@empresa.es" in first_cells(clean)  # risky, kept by default
    _, clean, rejected = lab.check("--strict")
    assert first_cells(clean) == ["ana@correo.es"] and "info@empresa.es" in first_cells(rejected)
    untrusted = lab.fixture("nxdomain_server")  # every DNS answer unknown
    ask = ("--nameserver", untrusted.address, "--no-cache")
    report, clean, _ = lab.check(*ask, offline=False)
    assert report["counts"]["unknown"] == 2 and first_cells(clean) == ["ana@correo.es", "info@empresa.es"]
    report, clean, _ = lab.check(*ask, "--strict", offline=False)
    assert first_cells(clean) == []  # unknown rows are rejected too


def reject_and_keep(lab: Lab) -> None:
    _, clean, rejected = lab.check("--reject", "role_account")
    assert first_cells(clean) == ["ana@correo.es"] and "info@empresa.es" in first_cells(rejected)
    for keep in (["--keep", "duplicate,typo_domain"], ["--keep", "duplicate", "--keep", "typo_domain"]):
        _, clean, rejected = lab.check(*keep)
        assert first_cells(clean) == ["ana@correo.es", "info@empresa.es", "luis@gmial.com", "ANA@correo.es"]
        assert first_cells(rejected) == ["mal"]


def annotate(lab: Lab) -> None:
    _, clean, rejected = lab.check()
    assert clean[0] == ["email", "nombre"] and rejected[0] == ["email", "nombre", *ANNOTATIONS]
    _, clean, _ = lab.check("--annotate")
    assert clean[0] == ["email", "nombre", *ANNOTATIONS]
    assert clean[1][:5] == ["ana@correo.es", "Ana", "2", "valid", ""]


def report_json(lab: Lab) -> None:
    result = lab.run("check", "lista.csv", "--no-dns", "--report-json", "informe.json")
    report = json.loads((lab.folder / "informe.json").read_text(encoding="utf-8"))
    assert report["destinations"] == {"clean": 2, "rejected": 3} and report["input"]["rows"] == 5
    assert "Read 5 rows" in result.stdout
    result = lab.run("check", "lista.csv", "--no-dns", "--report-json", "-")
    assert json.loads(result.stdout)["destinations"] == report["destinations"]  # stdout is the JSON alone
    assert "Read 5 rows" in result.stderr  # and the human report goes to stderr


def lang(lab: Lab) -> None:
    english = lab.run("check", "lista.csv", "--no-dns", "--lang", "en")
    _, _, rejected_en = lab.check("--lang", "en")
    spanish = lab.run("check", "lista.csv", "--no-dns", "--lang", "es")
    _, _, rejected_es = lab.check("--lang", "es")
    assert "Read 5 rows" in english.stdout and "Leído: 5 filas" in spanish.stdout
    detail = {row[0]: row[-2] for row in rejected_es[1:]}
    assert detail["mal"].startswith("No hay ninguna @ en 'mal'")
    assert {row[0]: row[-2] for row in rejected_en[1:]}["mal"].startswith("There is no @ in 'mal'")
    lab.fixture("monkeypatch").setenv("LANG", "es_ES.UTF-8")  # the default: Spanish when LANG is Spanish
    assert "Leído: 5 filas" in lab.run("check", "lista.csv", "--no-dns").stdout


def sheet(lab: Lab) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Hoja1"
    book.active.append(["email"])
    book.active.append(["ana@correo.es"])
    other = book.create_sheet("Alumnos")
    for row in (["email"], ["luis@correo.es"], ["mal"]):
        other.append(row)
    book.save(lab.folder / "alumnos.xlsx")
    report, _, _ = lab.check(source="alumnos.xlsx")
    assert (report["input"]["sheet"], report["input"]["rows"]) == ("Hoja1", 1)  # the first
    report, _, _ = lab.check("--sheet", "Alumnos", source="alumnos.xlsx")
    assert (report["input"]["sheet"], report["input"]["rows"], report["destinations"]["rejected"]) == ("Alumnos", 2, 1)
    assert report["outputs"]["clean"].endswith("alumnos.clean.xlsx")


def client(lab: Lab) -> None:
    lab.check("--report-html", "informe.html", "--client", "Academia <Excel>")
    page = (lab.folder / "informe.html").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]*Academia &lt;Excel&gt;[^<]*</title>", page)
    assert re.search(r"<h1>[^<]*Academia &lt;Excel&gt;[^<]*</h1>", page)


def report_html(lab: Lab) -> None:
    lab.check("--report-html", "informe.html")
    page = (lab.folder / "informe.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "lista.csv" in page and "<style>" in page
    assert "<script" not in page and "<link" not in page and not re.search(r"""(src|href)\s*=\s*["']?\w+:""", page)


def fail_over(lab: Lab) -> None:
    report, _, _ = lab.check("--fail-over", "59", status=1)  # 3 rows of 5 rejected: 60%
    assert report["destinations"]["rejected"] == 3 and (lab.folder / "lista.clean.csv").exists()  # still written
    lab.check("--fail-over", "60", status=0)  # more than PERCENT, not as many
    quiet = lab.run("check", "lista.csv", "--no-dns", "-q", "--fail-over", "59")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (
        1, "", "60.0% of the rows were rejected, over --fail-over 59%.\n")


def encoding_and_delimiter(lab: Lab) -> None:
    lab.write("lista.csv", "email;nombre\nana@correo.es;José\nmal;María\n".encode("cp1252"))
    report, _, _ = lab.check()
    assert report["input"]["encoding"] == "cp1252"
    report, _, _ = lab.check("--encoding", "cp1251")
    assert report["input"]["encoding"] == "cp1251"
    refused = lab.run("check", "lista.csv", "--no-dns", "--encoding", "utf-8")
    assert refused.exit_code == 3 and "line 2 is not valid utf-8" in refused.stderr
    lab.write("lista.csv", "email;nota\nana@correo.es;a,b\nluis@correo.es;c,d\n")
    report, _, _ = lab.check()
    assert (report["input"]["delimiter"], report["destinations"]["rejected"]) == (";", 0)
    report, _, rejected = lab.check("--delimiter", ",")
    assert report["input"]["delimiter"] == "," and first_cells(rejected) == ["ana@correo.es;a", "luis@correo.es;c"]
    report, _, _ = lab.check("--delimiter", "semicolon")
    assert report["input"]["delimiter"] == ";"


MIXED = "email,nombre\nana@correo.es,José\n".encode() + "luis@correo.es,María\n".encode("cp1252")


def encoding_errors(lab: Lab) -> None:
    lab.write("lista.csv", MIXED)
    refused = lab.run("check", "lista.csv", "--no-dns")
    assert refused.exit_code == 3 and refused.stderr.startswith("Error: line 3 is not valid utf-8")
    lab.check("--encoding-errors", "keep")
    assert (lab.folder / "lista.clean.csv").read_bytes() == MIXED
    lab.check("--encoding-errors", "replace")
    assert (lab.folder / "lista.clean.csv").read_text(encoding="utf-8").splitlines()[2] == "luis@correo.es,Mar\ufffda"


def safe_formulas(lab: Lab) -> None:
    lab.write("lista.csv", 'email,telefono,nota\nana@correo.es,+34 600,=1+1\n@ana,-1,"\tx"\nluis@correo.es,"\rx",@A1\n')
    _, clean, rejected = lab.check()
    assert clean[1:] == [["ana@correo.es", "+34 600", "=1+1"], ["luis@correo.es", "\rx", "@A1"]]
    assert rejected[1][:3] == ["@ana", "-1", "\tx"]
    _, clean, rejected = lab.check("--safe-formulas")
    assert clean[1:] == [["ana@correo.es", "'+34 600", "'=1+1"], ["luis@correo.es", "'\rx", "'@A1"]]
    assert rejected[1][:3] == ["'@ana", "'-1", "'\tx"]


def header(lab: Lab) -> None:
    lab.write("lista.csv", "ana@correo.es,Ana\nluis@correo.es,Luis\n")
    report, _, _ = lab.check()
    assert (report["input"]["header"], report["input"]["rows"]) == (False, 2)  # detected: no header
    report, clean, _ = lab.check("--header")
    assert (report["input"]["header"], report["input"]["rows"]) == (True, 1)
    assert clean == [["ana@correo.es", "Ana"], ["luis@correo.es", "Luis"]]  # the first row as the header
    lab.write("lista.csv", Lab.LIST)
    report, _, rejected = lab.check("--no-header")
    assert (report["input"]["header"], report["input"]["rows"]) == (False, 6)
    assert first_cells(rejected)[0] == "email"  # the header row judged as an address


def quiet(lab: Lab) -> None:
    loud = lab.run("check", "lista.csv", "--no-dns")
    assert "Read 5 rows" in loud.stdout
    for option in ("-q", "--quiet"):
        silent = lab.run("check", "lista.csv", "--no-dns", option)
        assert (silent.exit_code, silent.stdout, silent.stderr) == (0, "", "")
    lab.write("vacio.csv", "")
    failed = lab.run("check", "vacio.csv", "--no-dns", "-q")
    assert (failed.exit_code, failed.stdout, failed.stderr) == (3, "", "Error: the file is empty\n")  # errors still


def skip_rows(lab: Lab) -> None:
    lab.write("lista.csv", "Alumnos 2024\n\nemail,nombre\nana@correo.es,Ana\nmal,Luis\n")
    report, clean, rejected = lab.check()  # detected: the title and the blank row are left out
    assert clean == [["email", "nombre"], ["ana@correo.es", "Ana"]] and report["input"]["rows"] == 2
    assert rejected[1][:3] == ["mal", "Luis", "5"]  # the row number the spreadsheet shows
    assert [warning["code"] for warning in report["warnings"]] == ["title_rows"]
    # A note holding an address is never taken for a title: --skip-rows says what detection cannot.
    lab.write("lista.csv", "Enviada por ana@correo.es\nemail,nombre\nluis@correo.es,Luis\n")
    report, _, _ = lab.check()
    assert (report["input"]["header"], report["input"]["rows"]) == (False, 3)
    report, clean, rejected = lab.check("--skip-rows", "1")
    assert clean == [["email", "nombre"], ["luis@correo.es", "Luis"]] and rejected == [rejected[0]]


def engine(lab: Lab) -> None:
    # A glob of two CSV files is one table on the cluster: a duplicate across the files is found.
    lab.write("parte-1.csv", "email,nombre\nana@correo.es,Ana\nmal,Eva\n")
    lab.write("parte-2.csv", "email,nombre\nANA@correo.es,Ana bis\nluis@correo.es,Luis\n")
    address = lab.fixture("dask_cluster").scheduler_address
    report, clean, rejected = lab.check("--engine", "dask", "--scheduler", address, source="parte-*.csv")
    assert report["outputs"] == {"clean": "parte.clean.csv", "rejected": "parte.rejected.csv"}
    assert first_cells(clean) == ["ana@correo.es", "luis@correo.es"]
    assert [record[:4] for record in rejected[1:]] == [["mal", "Eva", "3", "invalid"], ["ANA@correo.es", "Ana bis", "4", "valid"]]
    # The same list gives the same bytes as a run in this process.
    lab.check("--clean", "aqui.clean.csv", "--rejected", "aqui.rejected.csv")
    lab.check("--engine", "dask", "--scheduler", address)
    assert (lab.folder / "aqui.clean.csv").read_bytes() == (lab.folder / "lista.clean.csv").read_bytes()
    assert (lab.folder / "aqui.rejected.csv").read_bytes() == (lab.folder / "lista.rejected.csv").read_bytes()


def scheduler(lab: Lab) -> None:
    refused = lab.run("check", "lista.csv", "--no-dns", "-q", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[-1].startswith("Error: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")
    without = lab.run("check", "lista.csv", "--no-dns", "-q", "--scheduler", "tcp://127.0.0.1:9")
    assert (without.exit_code, without.stderr.splitlines()[-1]) == (2, "Error: --scheduler needs --engine dask")


def workers(lab: Lab) -> None:
    report, clean, _ = lab.check("--engine", "dask", "--workers", "1")  # a cluster of its own, for the run
    assert first_cells(clean) == ["ana@correo.es", "info@empresa.es"] and report["input"]["rows"] == 5
    without = lab.run("check", "lista.csv", "--no-dns", "-q", "--workers", "2")
    assert (without.exit_code, without.stderr.splitlines()[-1]) == (2, "Error: --workers needs --engine dask")


# (the options, words of their meaning in the README's table, the check that they do that)
EFFECTS = [
    (("-c", "--column"), "the column that holds the addresses (header name or 1-based position)", column),
    (("-o", "--out-dir"), "folder for the outputs (default: the input's folder; the working folder for stdin)",
     out_dir),
    (("--clean", "--rejected"), "explicit output paths", clean_and_rejected),
    (("--no-dns",), "offline: no DNS at all", no_dns),
    (("--nameserver",), "ask this DNS server instead of the system's (repeatable", nameserver),
    (("--dns-timeout",), "two tries per nameserver", dns_timeout),
    (("--dns-concurrency",), "how many DNS lookups run at once", dns_concurrency),
    (("--no-cache",), "do not read or write the DNS cache", no_cache),
    (("--fix-typos",), ("put the corrected address of a misspelled domain, or the repair of a broken one "
                        "(ana(arroba)gmail.com), in the clean file, and list every correction"), fix_typos),
    (("--known-domains",), ("domains that are real for this list's audience (one per line): never flagged, offered "
                            "as corrections"), known_domains),
    (("--suppress",), ("addresses never to mail: a plain list, or a bounce, complaint or unsubscribe export "
                       "(repeatable)"), suppress),
    (("--history",), ("also suppress what a bounce history (listcheck bounces --history) decides to suppress, its "
                      "reason in listcheck_detail"), history),
    (("--as-of",), "decide the history as of this date (its end, UTC) or moment (default: now)", as_of),
    (("--allow-domains",), "domains never treated as throwaway (one per line)", allow_domains),
    (("--strict",), "risky and unknown rows go to the rejected file", strict),
    (("--reject", "--keep"), "send these reasons to the rejected or the clean file (repeatable)", reject_and_keep),
    (("--annotate",), "the clean file gets the listcheck_* columns too", annotate),
    (("--report-json",), "machine-readable report; - is stdout (the human report then goes to stderr)", report_json),
    (("--lang",), "the language of the reports and of listcheck_detail (default: Spanish when LANG is Spanish)",
     lang),
    (("--sheet",), "the sheet of an .xlsx workbook to check (default: the first)", sheet),
    (("--report-html",), "a self-contained HTML report to hand over", report_html),
    (("--client",), "whom the HTML report is for: its title names them", client),
    (("--fail-over",), ("exit 1 when more than PERCENT of the data rows are rejected (outputs are still written; "
                        "with -q, one line on stderr says the percentage and the limit)"), fail_over),
    (("--encoding", "--delimiter"), "override detection", encoding_and_delimiter),
    (("--encoding-errors",), ("refuse the file naming the line (default), carry them through unchanged, or write "
                              "U+FFFD"), encoding_errors),
    (("--safe-formulas",), "put ' before cells starting with =, +, -, @, tab or CR", safe_formulas),
    (("--header", "--no-header"), "whether the first row is a header (default: detected)", header),
    (("--skip-rows",), "rows above the header to leave out", skip_rows),
    (("--engine",), "run on a Dask cluster (pip install 'listcheck[dask]'): the same verdicts", engine),
    (("--scheduler",), "the Dask scheduler to run on, such as tcp://host:8786", scheduler),
    (("--workers",), "a local Dask cluster of N worker processes", workers),
    (("-q", "--quiet"), "no human report; only errors are printed", quiet),
]


def test_every_option_in_the_table_has_its_effect_checked():
    assert sorted(option for options, _, _ in EFFECTS for option in options) == sorted(OPTIONS)


@pytest.mark.parametrize(("options", "says", "effect"), EFFECTS, ids=[" ".join(options) for options, _, _ in EFFECTS])
def test_each_option_does_what_the_readme_says(options, says, effect, tmp_path, monkeypatch, request):
    """The README's line for the option says this, and the option, run on a small list, does it."""
    for option in options:
        assert says in OPTIONS[option], f"the README no longer says of {option}: {says}"
    monkeypatch.chdir(tmp_path)
    effect(Lab(tmp_path, request))
