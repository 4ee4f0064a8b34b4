"""The keyboard layer of the typo check: keystroke slips on big providers are caught even on short
names, and real domains are left alone."""

import pytest

from listcheck import Reason, Status, check_address
from listcheck.checks.keyboard import neighbours, slip_cost
from listcheck.checks.typos import DomainKnowledge, MailDomain, keyboard_limit

KEYBOARD = DomainKnowledge()
RULES = DomainKnowledge(keyboard=False)

# The misses of issue 18: short or keyboard-near names of major providers.
ISSUE_MISSES = [
    ("mil.ru", "mail.ru"), ("kur.net", "ukr.net"), ("ukr.bet", "ukr.net"), ("fmail.com", "gmail.com"),
    ("tmail.com", "gmail.com"), ("umr.net", "ukr.net"),
]


@pytest.mark.parametrize(("domain", "expected"), ISSUE_MISSES)
def test_the_issues_misses_are_corrected(domain, expected):
    assert KEYBOARD.suggest(domain) == expected
    verdict = check_address(f"ana.lopez@{domain}", knowledge=KEYBOARD)
    assert (verdict.status, verdict.reason, verdict.suggestion) == (
        Status.RISKY, Reason.TYPO_DOMAIN, f"ana.lopez@{expected}")


@pytest.mark.parametrize(("domain", "expected"), ISSUE_MISSES)
def test_the_keyboard_layer_off_gives_the_old_answer(domain, expected):
    assert RULES.suggest(domain) is None


# What the rules alone answered before the keyboard layer, including ties it now breaks (fmail.com).
OLD_ANSWERS = [
    ("gmial.com", "gmail.com"), ("hotmail.con", "hotmail.com"), ("gmailc.om", "gmail.com"), ("yaho.es", "yahoo.es"),
    ("fmail.com", None), ("gemail.com", None), ("j.ua", None), ("liev.com", None), ("empresa.con", "empresa.com"),
    ("empresa.ry", None), ("cloud.com", "icloud.com"),
]


@pytest.mark.parametrize(("domain", "old"), OLD_ANSWERS)
def test_keyboard_off_reproduces_the_rules(domain, old):
    assert RULES.suggest(domain) == old
    assert DomainKnowledge(keyboard=False).suggest(domain) == old


# Real mail domains one slip from a bigger provider: known, so never flagged whatever the layer says.
TRAPS = [
    "mail.com", "email.com", "ymail.com", "me.com", "mac.com", "i.ua", "io.ua", "ya.ru", "bk.ru", "list.ru",
    "inbox.ru", "gmx.com", "gmx.es", "gmx.de", "live.be", "live.fr", "live.es", "love.com", "yahoo.fr", "yahoo.de",
    "yahoo.co.uk", "yahoo.com.co", "yahoo.cl", "yahoo.com.pe", "yahoo.dk", "yahoo.pl", "outlook.fr", "outlook.de",
    "hotmail.fr", "hotmail.it", "hotmail.co.uk", "hotmail.de", "hotmail.be", "yandex.ua", "mail.ua", "email.ua",
    "ua.fm", "meta.ua", "ro.ru", "aol.com",
]


@pytest.mark.parametrize("domain", TRAPS)
def test_real_domains_are_never_flagged(domain):
    assert KEYBOARD.suggest(domain) is None
    assert check_address(f"olena.melnyk@{domain}", knowledge=KEYBOARD).status is Status.VALID


# Unknown domains the keyboard layer must leave alone, and why.
LEFT_ALONE = [
    "hive.com",  # h is far from l: live.com takes one slip only on a four-letter name
    "gmc.com",  # one key from gmx.com, a small provider: no slip on a short name
    "gemail.com",  # an added far key, from gmail.com and email.com alike
    "correo.mil.ru",  # a subdomain of an unknown domain
    "vodafone.de",  # another real suffix: vodafone.es does not travel
    "mail.eu",  # mail is a name under several suffixes: mail.eu may be real
    "metal.ua",  # a letter next to the dot makes another word (meta.ua)
    "rmail.com",  # one key from email.com, two from gmail.com at different popularity: a tie
    "bitmail.com", "joymail.com",  # two slips from hotmail.com, but real: the -mail family is dense
]


@pytest.mark.parametrize("domain", LEFT_ALONE)
def test_what_the_keyboard_layer_leaves_alone(domain):
    assert KEYBOARD.suggest(domain) is None


SLIPS = [
    # intended, typed, cost
    ("gmail.com", "fmail.com", 0.5), ("gmail.com", "zmail.com", 1.0),  # near key, far key
    ("ukr.net", "kur.net", 0.5), ("ukr.net", "urk.net", 0.5),  # swapped neighbours
    ("gmail.com", "gmaill.com", 0.5), ("ukr.net", "ukrt.net", 0.5), ("ukr.net", "ukrp.net", 1.0),  # added letters
    ("mail.ru", "mil.ru", 0.75), ("yahoo.com", "yaho.com", 0.5),  # dropped letters, one of a pair cheaper
    ("meta.ua", "metal.ua", 1.0),  # a letter added next to the dot
    ("gmail.com", "gmailc.om", 0.5), ("gmail.com", "gmailcom", 1.0), ("hotmail.com", "hotmail,com", 1.0),  # the dot
]


@pytest.mark.parametrize(("intended", "typed", "cost"), SLIPS)
def test_slip_costs(intended, typed, cost):
    assert slip_cost(intended, typed) == cost


@pytest.mark.parametrize(("key", "near", "far"), [("g", "fhtyvb", "rnu"), ("k", "jliom,", "nu"), ("a", "qwsz", "ex")])
def test_neighbour_substitutions_cost_less_than_far_ones(key, near, far):
    assert neighbours(key) >= set(near)
    word = f"x{key}x"
    for other in near:
        for distant in far:
            assert slip_cost(word, f"x{other}x") < slip_cost(word, f"x{distant}x")


def test_the_limit_grows_with_length_and_popularity():
    assert [keyboard_limit("a" * length, 3) for length in (1, 3, 7, 8)] == [0.5, 0.75, 0.75, 1.0]
    assert [keyboard_limit("abc", popularity) for popularity in (3, 2, 1, 0)] == [0.75, 0.5, 0.25, 0.0]


def knowledge(*entries):
    return DomainKnowledge([MailDomain(domain, provider, popularity=popularity)
                            for domain, provider, popularity in entries])


@pytest.mark.parametrize(("popularity", "near_key"), [(3, "abc.com"), (2, "abc.com"), (1, None), (0, None)])
def test_a_short_name_takes_no_far_key_and_a_near_one_only_if_popular(popularity, near_key):
    # x touches c, p does not. A three-letter name of a small provider takes no slip at all.
    shop = knowledge(("abc.com", "ABC", popularity))
    assert shop.suggest("abx.com") == near_key
    assert shop.suggest("abp.com") is None


def test_a_tie_between_providers_gives_no_suggestion():
    # d touches both e and r: abcdd is one slip from each.
    tied = knowledge(("abcde.com", "Red", 3), ("abcdr.com", "Blue", 3))
    assert tied.suggest("abcdd.com") is None


def test_popularity_breaks_a_tie_between_providers():
    # The same slip from both, Red two levels more popular: Red wins. One level is not enough.
    assert knowledge(("abcde.com", "Red", 3), ("abcdr.com", "Blue", 1)).suggest("abcdd.com") == "abcde.com"
    assert knowledge(("abcde.com", "Red", 3), ("abcdr.com", "Blue", 2)).suggest("abcdd.com") is None
    # tmail.com: one key from gmail.com and from ymail.com; Gmail is far more common.
    assert KEYBOARD.suggest("tmail.com") == "gmail.com"


def test_one_provider_of_several_candidates_is_no_tie():
    # fmail.com: a rules tie between Google, Yahoo and mail.com; a near key of gmail only.
    assert RULES.suggest("fmail.com") is None and KEYBOARD.suggest("fmail.com") == "gmail.com"


def test_a_real_suffix_changes_only_for_a_top_name_under_one_suffix():
    solo = knowledge(("abc.net", "Solo", 3))
    assert solo.suggest("abc.bet") == "abc.net"  # n touches b, and abc lives under .net only
    family = knowledge(("abc.net", "Family", 3), ("abc.es", "Family", 3))
    assert family.suggest("abc.bet") is None  # a family spread over suffixes may have one we do not list
    assert knowledge(("abc.net", "Solo", 2)).suggest("abc.bet") is None


def test_a_users_own_domains_are_targets_and_never_flagged():
    own = DomainKnowledge(known_domains=["ferreteria-lopez.es", "umr.net"])
    assert own.suggest("ferreteria-lopex.es") == "ferreteria-lopez.es"
    assert own.suggest("umr.net") is None
    assert KEYBOARD.suggest("ferreteria-lopex.es") is None


@pytest.mark.parametrize(("known", "neighbour"), [
    ("uam.es", "uma.es"), ("ugr.es", "ugt.es"), ("upv.es", "upc.es"), ("unam.mx", "unan.mx"), ("kpi.ua", "kpu.ua"),
])
def test_a_users_short_domain_does_not_claim_its_real_neighbours(known, neighbour):
    """A school or a company named with --known-domains has short real neighbours (Málaga's uma.es is
    one slip from Madrid's uam.es): the keyboard layer gives it the reach of a small provider."""
    assert DomainKnowledge(known_domains=(known,)).suggest(neighbour) is None
