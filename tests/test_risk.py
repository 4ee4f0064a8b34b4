"""Risk signals and sending policy: throwaway and role mailboxes, suppression lists, --strict,
--reject and --keep."""

from pathlib import Path

import pytest

from listcheck import Reason, Status, check_address, check_file
from listcheck.checks.risk import DisposableDomains, role_of
from listcheck.checks.suppression import load_suppression_lists
from listcheck.settings import PolicySettings


@pytest.mark.parametrize(("local", "role"), [
    ("info", "info"), ("INFO", "info"), ("info2", "info"), ("info+web", "info"), ("ventas", "ventas"),
    ("ventas.madrid", "ventas"), ("soporte-tecnico", "soportetecnico"), ("soporte.madrid", "soporte"), ("no-reply", "noreply"), ("no_reply", "noreply"),
    ("do-not-reply", "donotreply"), ("mailer-daemon", "mailerdaemon"), ("rrhh", "rrhh"),
    ("administracion", "administracion"), ("facturacion", "facturacion"), ("contato", "contato"),
    ("vendas", "vendas"), ("prodazhi", "prodazhi"), ("buhgalteria", "buhgalteria"), ("postmaster", "postmaster"),
    # People, whatever their job or their name's first letters.
    ("infoteca.juan", None), ("juan.ventas", None), ("ana", None), ("salesforce.admin", None),
    ("adminta", None), ("marta.info", None),
])
def test_role_local_parts(local, role):
    assert role_of(local) == role


def test_role_accounts_stay_in_the_clean_file_by_default(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("email\nventas@empresa.es\nana@empresa.es\n")
    report = check_file(str(source), dns=None)
    assert report.destinations == {"clean": 2, "rejected": 0} and report.counts["risky"] == 1


@pytest.mark.parametrize(("domain", "listed"), [
    ("mailinator.com", "mailinator.com"), ("yopmail.com", "yopmail.com"), ("inbox.mailinator.com", "mailinator.com"),
    ("gmail.com", None), ("empresa.es", None),
])
def test_disposable_domains_match_subdomains(domain, listed):
    assert DisposableDomains().provider_of(domain) == listed


def test_allow_domains_override_the_disposable_list(tmp_path):
    allowed = DisposableDomains(allow_domains=["mailinator.com"])
    assert allowed.provider_of("mailinator.com") is None and allowed.provider_of("x.mailinator.com") is None
    source = tmp_path / "lista.csv"
    source.write_text("email\nqa@mailinator.com\n")
    (tmp_path / "permitidos.txt").write_text("mailinator.com\n")
    assert check_file(str(source), dns=None).reasons["disposable"] == 1
    assert check_file(str(source), dns=None, policy=PolicySettings(allow_domains=("mailinator.com",))).reasons["disposable"] == 0


def test_free_provider_flag_in_detail_and_report(tmp_path):
    assert check_address("ana@gmail.com").free_provider
    assert check_address("ana@gmail.com").detail == "A free or personal mail provider (Google)."
    assert not check_address("ana@empresa.es").free_provider
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@gmail.com\nluis@ukr.net\neva@empresa.es\n")
    assert check_file(str(source), dns=None).to_dict()["free_provider_rows"] == 2


# Bounce files in three shapes: a platform's cleaned-members export, a generic event export, a plain list.
MAILCHIMP_CLEANED = (
    '"Email Address","First Name","Last Name",MEMBER_RATING,OPTIN_TIME,CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,CLEAN_CAMPAIGN_ID\n'
    'rebotada@correo.es,Ana,Pérez,1,"2024-01-02 10:00:00","2024-03-01 09:00:00","Boletín marzo",abc123\n'
)
GENERIC_EVENTS = (
    "email,type,code,date\n"
    "dura@correo.es,hard,5.1.1,2024-03-01\n"
    "blanda@correo.es,soft,4.2.2,2024-03-01\n"
    "llena@correo.es,bounce,452 4.2.2 mailbox full,2024-03-02\n"
    "queja@correo.es,complaint,,2024-03-03\n"
    "baja@correo.es,unsubscribe,,2024-03-04\n"
    "codigo@correo.es,bounce,550 5.1.1 user unknown,2024-03-05\n"
)
PLAIN_LIST = "nunca@correo.es\nOTRA@Correo.ES\n"


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_suppression_files_of_three_shapes(tmp_path):
    suppressions = load_suppression_lists([
        write(tmp_path, "cleaned.csv", MAILCHIMP_CLEANED), write(tmp_path, "eventos.csv", GENERIC_EVENTS),
        write(tmp_path, "lista.txt", PLAIN_LIST),
    ])
    assert sorted(suppressions.sources) == ["baja@correo.es", "codigo@correo.es", "dura@correo.es",
                                            "nunca@correo.es", "otra@correo.es", "queja@correo.es",
                                            "rebotada@correo.es"]
    assert suppressions.temporary == 2
    assert [(w.code, w.message) for w in suppressions.warnings] == [
        ("temporary_bounces", ("2 addresses in eventos.csv did not suppress: their bounces were temporary (a full "
                               "mailbox, a server down) or the sender's own problem, worth another try."))]


def test_suppressed_rows_are_rejected_and_not_asked_of_dns(tmp_path):
    bounces = write(tmp_path, "eventos.csv", GENERIC_EVENTS)
    source = tmp_path / "lista.csv"
    source.write_text("email,nombre\nDura@correo.es,Ana\nblanda@correo.es,Luis\nnueva@correo.es,Eva\n")
    report = check_file(str(source), dns=None, policy=PolicySettings(suppress=(bounces,)))
    assert report.reasons["suppressed"] == 1 and report.destinations == {"clean": 2, "rejected": 1}
    line = (tmp_path / "lista.rejected.csv").read_text().splitlines()[1]
    assert line == ('Dura@correo.es,Ana,2,invalid,suppressed,"On the suppression list eventos.csv: it bounced, '
                    'complained or unsubscribed before. Never mail it.",')
    assert report.to_dict()["suppression"] == {"files": ["eventos.csv"], "addresses": 4,
                                               "temporary_bounces_skipped": 2}


def test_a_suppressed_typo_is_found_by_what_was_typed(tmp_path):
    bounces = write(tmp_path, "rebotes.txt", "ana@gmial.com\n")
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@gmial.com\n")
    report = check_file(str(source), dns=None, policy=PolicySettings(fix_typos=True, suppress=(bounces,)))
    assert report.reasons["suppressed"] == 1 and report.corrections == []


@pytest.mark.parametrize(("policy", "clean", "rejected"), [
    (PolicySettings(), ["ventas@empresa.es", "ana@empresa.es"], ["ana@mailinator.com", "luis@gmial.com"]),
    (PolicySettings(strict=True), ["ana@empresa.es"], ["ventas@empresa.es", "ana@mailinator.com", "luis@gmial.com"]),
    (PolicySettings(reject=("role_account",)), ["ana@empresa.es"], ["ventas@empresa.es", "ana@mailinator.com", "luis@gmial.com"]),
    (PolicySettings(keep=("disposable",)), ["ventas@empresa.es", "ana@mailinator.com", "ana@empresa.es"], ["luis@gmial.com"]),
    (PolicySettings(strict=True, keep=("role_account",)), ["ventas@empresa.es", "ana@empresa.es"],
     ["ana@mailinator.com", "luis@gmial.com"]),
    (PolicySettings(fix_typos=True), ["ventas@empresa.es", "ana@empresa.es", "luis@gmail.com"], ["ana@mailinator.com"]),
    (PolicySettings(fix_typos=True, reject=("typo_domain",)), ["ventas@empresa.es", "ana@empresa.es"],
     ["ana@mailinator.com", "luis@gmial.com"]),
])
def test_policy_switches(tmp_path, policy, clean, rejected):
    source = tmp_path / "lista.csv"
    source.write_text("email\nventas@empresa.es\nana@mailinator.com\nana@empresa.es\nluis@gmial.com\n")
    check_file(str(source), dns=None, policy=policy)
    assert (tmp_path / "lista.clean.csv").read_text().splitlines()[1:] == clean
    assert [line.split(",")[0] for line in (tmp_path / "lista.rejected.csv").read_text().splitlines()[1:]] == rejected


def test_keep_duplicate_keeps_repeats(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@empresa.es\nANA@empresa.es\n")
    check_file(str(source), dns=None, policy=PolicySettings(keep=("duplicate",)))
    assert (tmp_path / "lista.clean.csv").read_text() == "email\nana@empresa.es\nANA@empresa.es\n"


def test_statuses_of_the_risk_reasons():
    assert check_address("ana@mailinator.com").status is Status.RISKY
    assert Reason.SUPPRESSED.status is Status.INVALID


def test_a_corrected_row_that_is_rejected_shows_what_was_typed(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@gmial.com\n")
    report = check_file(str(source), dns=None, policy=PolicySettings(fix_typos=True, reject=("typo_domain",)))
    line = (tmp_path / "lista.rejected.csv").read_text().splitlines()[1]
    assert line.startswith("ana@gmial.com,2,risky,typo_domain,") and line.endswith(",ana@gmail.com")
    assert report.corrections == []
