"""Typo detection: what it corrects, and above all what it leaves alone."""

import pytest

from listcheck import Reason, Status, check_address, check_file
from listcheck.checks.typos import DomainKnowledge, load_mail_domains
from listcheck.judge import judge_cells
from listcheck.policy import Policy
from listcheck.settings import PolicySettings

KNOWLEDGE = DomainKnowledge()

MUST_NOT_FLAG = [
    # The hard pairs: real domains one or two edits from a bigger one.
    "ymail.com", "mail.com", "email.com", "gmail.com", "me.com", "mac.com", "hotmail.co.uk", "yahoo.com.mx",
    "sat.gob.mx", "gob.mx", "tramites.gob.es", "hey.com", "proton.me", "i.ua", "ya.ru", "comcast.com",
    "anything.comcast.com", "gmx.fr", "gmx.es", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "ukr.net", "meta.ua",
    "email.ua", "tut.by", "yandex.kz", "rambler.ru", "telefonica.net", "movistar.es", "prodigy.net.mx",
    "terra.com.br", "uol.com.br", "live.com.mx", "hotmail.com.ar", "outlook.es", "yahoo.es", "hotmail.es",
    # Domains we do not know, near nothing or near something only by a short name.
    "empresa.es", "ucm.es", "unam.mx", "correo.ugr.es", "alumnos.upm.es", "juntadeandalucia.es", "mail.es",
    "ao.com", "gm.com", "web.es",
    # Real domains that a looser corrector flags (found in review).
    "yahoo.com.co", "yahoo.com.pe", "yahoo.cl", "yahoo.com.tr", "yahoo.co.id", "yahoo.dk", "yahoo.pl",
    "yandex.com.tr", "zohomail.in", "proton.ch", "fastmail.us", "movistar.com.ar", "movistar.cl", "telefonica.com",
    "verizon.com", "vodafone.de", "vodafone.it", "tiscali.cz", "wanadoo.fr", "foxmail.com", "mozmail.com",
    "interia.eu", "inbox.eu", "prodigy.net", "tata.com", "hive.com", "uno.com", "host.com", "aol.it",
    "tierra.es", "live.es", "example.co", "example.com.co", "example.cm",
    "example.ne", "kicksend.com", "con-artists.com", "hanmail.net", "chengmail.net", "dogmail.net",
]


@pytest.mark.parametrize("domain", MUST_NOT_FLAG)
def test_must_not_flag(domain):
    assert KNOWLEDGE.suggest(domain) is None


SUGGESTIONS = [
    # Names: swapped, dropped, doubled, wrong letters.
    ("gmial.com", "gmail.com"), ("gamil.com", "gmail.com"), ("gmaill.com", "gmail.com"), ("gnail.com", "gmail.com"),
    ("hotamil.com", "hotmail.com"), ("htomali.com", "hotmail.com"), ("hotmial.es", "hotmail.es"),
    ("outlok.es", "outlook.es"), ("yaho.es", "yahoo.es"), ("yhao.com", "yahoo.com"), ("icloud.co", "icloud.com"),
    ("googlemial.com", "googlemail.com"), ("yandx.ru", "yandex.ru"), ("rambler.ry", "rambler.ru"),
    # Top-level domains that do not exist.
    ("hotmail.con", "hotmail.com"), ("gmail.cmo", "gmail.com"), ("gmail.c0m", "gmail.com"), ("gmail.ocm", "gmail.com"),
    ("gmail.vom", "gmail.com"), ("gmail.xom", "gmail.com"), ("ukr.nte", "ukr.net"), ("mail.ry", "mail.ru"),
    ("yahoo.com.mxg", "yahoo.com.mx"), ("empresa.con", "empresa.com"), ("empresa.co.ul", "empresa.co.uk"),
    # Brands under a suffix their provider lacks.
    ("gmail.co", "gmail.com"), ("gmail.es", "gmail.com"), ("gmail.cm", "gmail.com"), ("gmail.om", "gmail.com"),
    ("hotmail.co", "hotmail.com"), ("outlook.co", "outlook.com"), ("outlook.net", "outlook.com"),
    ("comcast.nry", "comcast.net"), ("hotmail.mx", "hotmail.com.mx"), ("yahoo.ar", "yahoo.com.ar"),
    ("hotmail.con.mx", "hotmail.com.mx"), ("hotmail.ess", "hotmail.es"),
    # A stray label and a misplaced dot.
    ("gmail.com.co", "gmail.com"), ("gmail.com.com", "gmail.com"), ("gmailc.om", "gmail.com"),
    ("comcastn.et", "comcast.net"),
]


@pytest.mark.parametrize(("domain", "expected"), SUGGESTIONS)
def test_suggestions(domain, expected):
    assert KNOWLEDGE.suggest(domain) == expected


@pytest.mark.parametrize("domain", ["empresa.ry", "gemail.com", "a.zzzz"])
def test_ties_and_far_misses_give_no_suggestion(domain):
    assert KNOWLEDGE.suggest(domain) is None


def test_every_known_domain_is_silent():
    assert [e.domain for e in load_mail_domains() if KNOWLEDGE.suggest(e.domain) is not None] == []


def test_known_domains_of_the_user_are_never_flagged_and_are_targets():
    knowledge = DomainKnowledge(known_domains=["gmaill.es", "academia-lopez.es"])
    assert knowledge.suggest("gmaill.es") is None
    assert knowledge.suggest("academia-lopes.es") == "academia-lopez.es"
    assert KNOWLEDGE.suggest("academia-lopes.es") is None


def test_address_verdict_for_a_typo():
    verdict = check_address("Ana.Perez@Hotmial.com")
    assert (verdict.status, verdict.reason) == (Status.RISKY, Reason.TYPO_DOMAIN)
    assert verdict.suggestion == "Ana.Perez@hotmail.com"
    assert verdict.detail == ("'hotmial.com' looks like a misspelling of 'hotmail.com'. "
                              "Did you mean Ana.Perez@hotmail.com?")


def test_a_missing_tld_is_explained_in_the_detail():
    assert check_address("ana@gmail.con").detail.startswith("'.con' is not a top-level domain; ")


def test_a_reserved_domain_is_never_suggested():
    verdict = check_address("ana@example.con")
    assert verdict.reason is Reason.UNKNOWN_TLD and verdict.suggestion == ""


def test_fix_typos_corrects_and_then_finds_duplicates():
    policy = Policy(fix_typos=True)
    verdicts = judge_cells(["ana@gmail.com", "ana@gmial.com", "luis@hotmail.con"], policy=policy)
    assert [v.address for v in verdicts] == ["ana@gmail.com", "ana@gmial.com", "luis@hotmail.com"]
    assert [v.reason for v in verdicts] == [None, Reason.DUPLICATE, Reason.TYPO_DOMAIN]
    assert verdicts[1].detail == "Corrected to ana@gmail.com, the address of row 2; this row repeats it."
    assert verdicts[1].suggestion == "ana@gmail.com"
    assert verdicts[2].corrected_from == "luis@hotmail.con"


def test_fix_typos_in_a_file_lists_every_correction(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("email,nombre\nana@gmial.com,Ana\nluis@hotmail.con,Luis\neva@correo.es,Eva\n")
    report = check_file(str(source), dns=None, policy=PolicySettings(fix_typos=True))
    assert (tmp_path / "lista.clean.csv").read_text() == (
        "email,nombre\nana@gmail.com,Ana\nluis@hotmail.com,Luis\neva@correo.es,Eva\n")
    assert [(c.row, c.original, c.corrected) for c in report.corrections] == [
        (2, "ana@gmial.com", "ana@gmail.com"), (3, "luis@hotmail.con", "luis@hotmail.com")]
    assert report.to_dict()["corrections"][0] == {"row": 2, "original": "ana@gmial.com", "corrected": "ana@gmail.com"}


def test_without_fix_typos_typos_are_rejected_with_the_suggestion(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@gmial.com\n")
    report = check_file(str(source), dns=None)
    assert report.destinations == {"clean": 0, "rejected": 1} and report.corrections == []
    assert [(t.row, t.address, t.suggestion) for t in report.typos] == [(2, "ana@gmial.com", "ana@gmail.com")]
    line = (tmp_path / "lista.rejected.csv").read_text().splitlines()[1]
    assert line.startswith("ana@gmial.com,2,risky,typo_domain,") and line.endswith(",ana@gmail.com")


def test_each_distinct_domain_is_judged_once():
    knowledge = DomainKnowledge()
    calls = []
    original = knowledge._suggest
    knowledge._suggest = lambda domain: calls.append(domain) or original(domain)
    judge_cells([f"user{i}@gmial.com" for i in range(50)] + ["x@empresa.es"] * 20, knowledge=knowledge)
    assert sorted(calls) == ["empresa.es", "gmial.com"]


def test_known_domains_that_are_already_known_keep_their_provider():
    knowledge = DomainKnowledge(known_domains=["hotmail.com"])
    assert knowledge.suggest("hotmail.co") == "hotmail.com"


def test_domain_list_file(tmp_path):
    from listcheck import UsageError
    from listcheck.reading.contacts import read_domain_list

    good = tmp_path / "propios.txt"
    good.write_text("# nuestros dominios\nAcademia-Lopez.es\n@straße.de\n\nmi-empresa.com.mx.  # con punto final\n")
    assert read_domain_list(str(good)) == ["academia-lopez.es", "xn--strae-oqa.de", "mi-empresa.com.mx"]
    for bad, shown in [("gmail.com,Google", "gmail.com,Google"), ("empresa.con", "empresa.con"),
                       ("ana@empresa.es", "ana@empresa.es"), ("localhost", "localhost")]:
        path = tmp_path / "malo.txt"
        path.write_text(f"bueno.es\n{bad}\n")
        with pytest.raises(UsageError) as raised:
            read_domain_list(str(path))
        assert str(raised.value) == (f"line 2 of '{path}' is not a domain with an existing top-level domain: "
                                     f"'{shown}'")
