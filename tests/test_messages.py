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
