"""Every sentence exists in English and Spanish, says the same things in both, and a Spanish run
speaks Spanish: in the terminal report, the HTML report and the listcheck_detail column."""

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from listcheck import Reason, check_file
from listcheck.cli import cli
from listcheck.messages import (
    LANGUAGES,
    MESSAGES,
    default_language,
    placeholders,
    plural_category,
    say_count,
    speaking,
    syntax_detail,
)
from listcheck.reasons import Status
from listcheck.reports.html import render_html
from listcheck.settings import OutputSettings, PolicySettings

SOURCE = Path(__file__).resolve().parents[1] / "src" / "listcheck"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "contactos.csv"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_in_both_languages_with_the_same_blanks(key):
    sentences = MESSAGES[key]
    assert set(sentences) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(sentences)}"
    # A counted sentence has one form per plural category its language uses, each naming {count}.
    forms = {lang: sentences[lang] if isinstance(sentences[lang], dict) else {"": sentences[lang]}
             for lang in LANGUAGES}
    assert len({isinstance(sentences[lang], dict) for lang in LANGUAGES}) == 1, f"{key}: counted in one language only"
    blanks = {frozenset(placeholders(text)) for lang in LANGUAGES for text in forms[lang].values()}
    assert len(blanks) == 1, f"{key} names different values: {blanks}"
    for lang in LANGUAGES:
        assert all(text.strip() for text in forms[lang].values()), key
        if isinstance(sentences[lang], dict):
            needed = {plural_category(lang, count) for count in range(200)}
            assert set(sentences[lang]) == needed, f"{key} in {lang}: forms {set(sentences[lang])}, needs {needed}"
            assert "count" in next(iter(blanks)), key


@pytest.mark.parametrize(("lang", "counts"), [
    ("en", {"one": [1], "other": [0, 2, 11, 21, 101]}),
    ("uk", {"one": [1, 21, 101], "few": [2, 3, 4, 22, 104], "many": [0, 5, 11, 12, 14, 25, 111]}),
])
def test_plural_rules_pick_the_form_the_language_uses(lang, counts):
    assert {form: [plural_category(lang, n) for n in numbers] for form, numbers in counts.items()} == {
        form: [form] * len(numbers) for form, numbers in counts.items()}


def test_a_count_is_said_in_its_form_and_written_as_the_language_writes_numbers():
    assert [say_count("rows", n) for n in (1, 2, 12345)] == ["1 row", "2 rows", "12,345 rows"]
    with speaking("es"):
        assert [say_count("rows", n) for n in (1, 12345)] == ["1 fila", "12\u202f345 filas"]


def test_every_message_the_code_asks_for_exists():
    asked = set()
    for path in SOURCE.rglob("*.py"):
        asked |= set(re.findall(r"""(?:say|say_count|unknown_answer)\(\s*["']([a-z_.]+)["']""",
                                path.read_text(encoding="utf-8")))
    # Keys built from names: reasons, statuses, outputs, how the column was found, options.
    asked |= {f"reason.{reason.code}" for reason in Reason} | {f"status.{status.value}" for status in Status}
    asked |= {f"output.{name}" for name in ("clean", "rejected")} | {f"output.{name}_file" for name in ("clean", "rejected")}
    asked |= {f"report.found_by_{how}" for how in ("header", "content", "option")}
    asked |= {f"html.option.{name}" for name in ("strict", "fix_typos", "annotate", "safe_formulas")}
    missing = asked - set(MESSAGES)
    assert not missing, f"asked for but not written: {sorted(missing)}"
    assert len(asked) > 60


def test_the_language_follows_the_locale():
    assert default_language({"LANG": "es_MX.UTF-8"}) == "es"
    assert default_language({"LC_ALL": "es_ES", "LANG": "en_US.UTF-8"}) == "es"
    assert default_language({"LC_ALL": "", "LANG": "uk_UA.UTF-8"}) == "en"
    assert default_language({}) == "en"


def test_email_validator_sentences_come_in_spanish():
    with speaking("es"):
        assert syntax_detail("The email address contains invalid characters before the @-sign: SPACE.") == \
            "La dirección tiene caracteres no válidos antes de la @: ESPACIO."
        assert syntax_detail("Something new the library says.").startswith("La dirección no tiene una forma válida")
    assert syntax_detail("Anything.") == "Anything."


def rejected_details(folder: Path) -> list[str]:
    text = (folder / "contactos.rejected.csv").read_bytes().decode("cp1252")
    return [row["listcheck_detail"] for row in csv.DictReader(io.StringIO(text), delimiter=";")]


def test_a_spanish_run_writes_spanish_details_and_reports(tmp_path):
    (tmp_path / "es").mkdir()
    (tmp_path / "en").mkdir()
    with speaking("es"):  # the library speaks the ambient language
        spanish = check_file(str(EXAMPLE), dns=None, output=OutputSettings(out_dir=str(tmp_path / "es")))
    english = check_file(str(EXAMPLE), dns=None, output=OutputSettings(out_dir=str(tmp_path / "en")))
    assert spanish.counts == english.counts  # the same verdicts, in other words
    details = rejected_details(tmp_path / "es")
    assert "La celda de la dirección está vacía. Complétala o borra la fila." in details
    assert any(detail.startswith("La misma dirección que la fila") for detail in details)
    assert "The address cell is empty. Fill it in or delete the row." in rejected_details(tmp_path / "en")
    with speaking("es"):
        html = render_html(spanish)
    assert '<html lang="es">' in html and "Qué se encontró" in html and "Dominio mal escrito" in html
    assert "What was found" not in html


@pytest.mark.parametrize("parallel", [False, True], ids=["here", "in the worker"])
def test_the_library_follows_the_ambient_language_in_the_worker_too(tmp_path, monkeypatch, parallel):
    """The forked worker judges in the language of the block that started it, not in the locale's."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with speaking("es"):
        check_file(str(EXAMPLE), dns=None, output=OutputSettings(out_dir=str(tmp_path)), parallel=parallel)
    details = rejected_details(tmp_path)
    assert "La celda de la dirección está vacía. Complétala o borra la fila." in details
    assert not any(detail.startswith(("The ", "There ")) for detail in details)


def test_without_a_block_the_library_speaks_the_locale(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    check_file(str(EXAMPLE), dns=None, output=OutputSettings(out_dir=str(tmp_path)), parallel=True)
    assert "La celda de la dirección está vacía. Complétala o borra la fila." in rejected_details(tmp_path)


def test_counts_in_warnings_are_written_as_the_language_writes_numbers(tmp_path):
    """Since say_count: '1,200 rows', as the reports write every count (before, '1200 rows')."""
    source = tmp_path / "lista.csv"
    source.write_text("email,nombre\n" + "".join(
        f"ana{i}@correo.es,Ana,extra\n" for i in range(1200)))
    report = check_file(str(source), dns=None)
    assert "1,200 rows have more fields than the header; the extra fields were kept." in map(str, report.warnings)
    with speaking("es"):
        report = check_file(str(source), dns=None)
    assert "1\u202f200 filas tienen más campos que el encabezado; los campos de más se conservaron." in map(str, report.warnings)


def test_the_old_dns_flag_is_refused_plainly(tmp_path):
    with pytest.raises(TypeError, match="dns must be a DnsSettings, or None"):
        check_file(str(EXAMPLE), dns=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("arguments, environment, expected, unexpected", [
    (["--lang", "es"], {}, "Motivos, con hasta 3 filas", "Reasons, with up to"),
    ([], {"LANG": "es_ES.UTF-8"}, "Motivos, con hasta 3 filas", "Reasons, with up to"),
    ([], {"LANG": "en_US.UTF-8"}, "Reasons, with up to 3", "Motivos"),
    (["--lang", "en"], {"LANG": "es_ES.UTF-8"}, "Reasons, with up to 3", "Motivos"),
])
def test_the_terminal_report_speaks_as_asked(tmp_path, arguments, environment, expected, unexpected):
    result = CliRunner(env={"LC_ALL": "", "LC_MESSAGES": "", **environment}).invoke(
        cli, ["check", str(EXAMPLE), "--no-dns", "-o", str(tmp_path), *arguments])
    assert result.exit_code == 0, result.output
    assert expected in result.output and unexpected not in result.output


def test_long_and_unusual_characters_are_said_in_spanish():
    with speaking("es"):
        assert syntax_detail("The email address is too long before the @-sign (1 character too many).") == \
            "La parte antes de la @ es demasiado larga (sobra 1 carácter)."
        assert "ESPACIO DE NO SEPARACIÓN" in syntax_detail(
            "The email address contains invalid characters before the @-sign: NO-BREAK SPACE.")


def test_the_html_report_follows_the_options(tmp_path):
    strict = check_file(str(EXAMPLE), dns=None, policy=PolicySettings(strict=True), output=OutputSettings(out_dir=str(tmp_path)))
    html = render_html(strict)
    role_row = html[html.index("<strong>Role mailbox</strong>"):][:200]
    assert "to the rejected file" in role_row


def test_the_html_report_can_go_to_standard_output(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--no-dns", "-o", str(tmp_path), "--report-html", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    both = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--no-dns", "-o", str(tmp_path), "--report-html", "-",
                                    "--report-json", "-"])
    assert both.exit_code == 2


def test_bad_input_is_refused_in_spanish(tmp_path):
    pdf = tmp_path / "lista.csv"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    spanish = CliRunner().invoke(cli, ["check", str(pdf), "--no-dns", "--lang", "es"])
    assert spanish.exit_code == 3
    assert spanish.output == ("Error: el archivo es un documento PDF, no una tabla: exporta la lista desde su origen "
                              "como CSV\n")
    missing = CliRunner(env={"LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}).invoke(
        cli, ["check", str(tmp_path / "no.csv"), "--no-dns"])
    assert missing.exit_code == 3 and "no existe" in missing.output


def _report_with_dns(tmp_path, **dns):
    from dataclasses import replace

    from listcheck.checks.dns_answers import DnsSummary

    report = check_file(str(EXAMPLE), dns=None, output=OutputSettings(out_dir=str(tmp_path)))
    return replace(report, dns=DnsSummary(checked=True, resolver_trusted=True, **dns))


def _dns_line(report) -> str:
    import io

    from rich.console import Console

    from listcheck.reports.terminal import render_report

    console = Console(file=io.StringIO(), width=200)
    render_report(report, console)
    return next(line for line in console.file.getvalue().splitlines() if line.startswith("DNS: "))


def test_one_dns_query_is_one_query_and_una_consulta(tmp_path):
    report = _report_with_dns(tmp_path, domains=1, queries=1, cache_hits=1, timeouts=1)
    assert _dns_line(report) == "DNS: 1 domain asked, 1 query, 1 answered from the cache, 1 timeout"
    with speaking("es"):
        assert _dns_line(report) == ("DNS: 1 dominio consultado, 1 consulta, 1 respondida desde la caché, "
                                     "1 sin respuesta a tiempo")
        assert "1 dominio consultado, 1 consulta<" in render_html(report)
    assert "1 domain asked, 1 query<" in render_html(report)
    # Several read as they always did.
    report = _report_with_dns(tmp_path, domains=2, queries=5, cache_hits=0, timeouts=3)
    assert _dns_line(report) == "DNS: 2 domains asked, 5 queries, 0 answered from the cache, 3 timeouts"
    with speaking("es"):
        assert _dns_line(report) == ("DNS: 2 dominios consultados, 5 consultas, 0 respondidas desde la caché, "
                                     "3 sin respuesta a tiempo")


@pytest.mark.parametrize(("key", "values", "one", "several"), [
    ("report.typos", {}, "Typo found (1); --fix-typos would correct it",
     "Typos found (3); --fix-typos would correct them"),
    ("report.corrections", {}, "Correction written to the clean file (1)", "Corrections written to the clean file (3)"),
    ("report.typos_more", {}, "... and 1 more, in the rejected file and the JSON report",
     "... and 3 more, all in the rejected file and the JSON report"),
    ("report.suppression", {"files": "b.csv"}, "Suppression: 1 address from b.csv", "Suppression: 3 addresses from b.csv"),
    ("html.typos", {}, "Misspelled domain (1)", "Misspelled domains (3)"),
    ("detail.multiple", {"shown": "a@b.es, c@d.es"}, "The cell holds 1 address (a@b.es, c@d.es).",
     "The cell holds 3 addresses (a@b.es, c@d.es). Put each address on its own row."),
    ("report.reasons_examples", {}, "Reasons, with up to 1 example row each", "Reasons, with up to 3 example rows each"),
    ("html.duplicates", {}, "Repeated address (1 row)", "Repeated addresses (3 rows)"),
    ("html.more_typos", {}, "... and 1 more, in the rejected file and the JSON report.",
     "... and 3 more, all in the rejected file and the JSON report."),
    ("warning.dns_unanswered", {"unanswered": "1"},
     ("DNS could not answer for 1 of 1 domain it was asked about (a timeout or a server failure); it is dns_unknown. "
      "Try again later, or use --nameserver with another resolver."),
     ("DNS could not answer for 1 of the 3 domains it was asked about (timeouts or server failures); they are "
      "dns_unknown. Try again later, or use --nameserver with another resolver.")),
    ("warning.dns_stopped", {"unanswered": "1"},
     ("DNS stopped answering part-way: 1 of 1 domain is dns_unknown. Try again later, or use --nameserver with "
      "another resolver."),
     ("DNS stopped answering part-way: 1 of 3 domains are dns_unknown, most of them not asked. Try again later, or use "
      "--nameserver with another resolver.")),
])
def test_counted_sentences_say_one_thing_in_the_singular(key, values, one, several):
    """One of a thing is said in the singular; several, in the words the reports always used."""
    assert (say_count(key, 1, **values), say_count(key, 3, **values)) == (one, several)


@pytest.mark.parametrize(("key", "values", "one"), [
    ("report.typos", {}, "Errata encontrada (1); --fix-typos la corregiría"),
    ("report.corrections", {}, "Corrección escrita en el archivo limpio (1)"),
    ("html.duplicates", {}, "Dirección repetida (1 fila)"),
    ("report.suppression", {"files": "b.csv"}, "Supresión: 1 dirección de b.csv"),
])
def test_counted_sentences_say_one_thing_in_the_singular_in_spanish(key, values, one):
    with speaking("es"):
        assert say_count(key, 1, **values) == one

