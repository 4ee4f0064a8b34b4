"""Shared fixtures: no test writes to the user's cache folder, and DNS servers on 127.0.0.1."""

import pytest

from .dns_server import SilentServer, ZoneResolver, ZoneServer

# The zone of the deliverability tests: the resolver check's canaries, then one domain per case of
# issue 4.
ZONE = """
gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.
outlook.com. 300 IN MX 10 outlook-com.olc.protection.outlook.com.
yandex.ru. 300 IN MX 10 mx.yandex.ru.
correo-mx.es. 300 IN MX 10 mx.correo-mx.es.
sin-correo.es. 300 IN MX 0 .
solo-a-publica.es. 300 IN A 93.184.215.14
solo-a-privada.es. 300 IN A 10.1.2.3
solo-aaaa.es. 300 IN AAAA 2606:4700::6810:84e5
solo-txt.es. 300 IN TXT "v=spf1 -all"
alias-correo.es. 300 IN CNAME correo-mx.es.
aparcado.es. 300 IN A 93.184.215.20
aparcado.es. 300 IN TXT "v=spf1 -all"
web-con-spf.es. 300 IN A 93.184.215.21
web-con-spf.es. 300 IN TXT "v=spf1 include:_spf.proveedor.net -all"
"""
REFUSED_ZONE = "rechazada.es"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LISTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def dns_server():
    with ZoneServer(ZoneResolver(ZONE, refused=(REFUSED_ZONE,))) as server:
        yield server


@pytest.fixture
def partial_server():
    """A resolver that serves only part of the namespace: it refuses .ru, as some national and
    corporate resolvers do."""
    with ZoneServer(ZoneResolver(ZONE, refused=(REFUSED_ZONE, "ru"))) as server:
        yield server


@pytest.fixture
def rewriting_server():
    """An ISP's resolver that answers an A question for a name that does not exist with the address of
    its search page."""
    with ZoneServer(ZoneResolver(ZONE, rewrite_to="93.184.215.99")) as server:
        yield server


@pytest.fixture
def nxdomain_server():
    with ZoneServer(ZoneResolver("", nxdomain_everything=True)) as server:
        yield server


@pytest.fixture
def silent_server():
    with SilentServer() as server:
        yield server


@pytest.fixture(scope="session")
def dask_cluster():
    """A real local Dask cluster of two worker processes, shared by the tests that run on one (each
    run's tasks are its own, so they do not meet). Its ``scheduler_address`` is what ``--scheduler`` takes."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster


@pytest.fixture
def dask_client(dask_cluster):
    """A client of the shared cluster, the default scheduler of ``dask.compute`` while the test runs."""
    from distributed import Client

    with Client(dask_cluster) as client:
        yield client
