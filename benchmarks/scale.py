"""5M rows of Parquet on a local Dask cluster of 2 workers, against the one-process run: times, ratio, memory.

    python benchmarks/scale.py [--rows 5000000] [--rounds 3] [--workers 2] [--files 25] [--data DIR]
                               [--frame] [--profile] [--timeout 1800] [--retries 0]

The contact table is generated once (seeded) and kept in ``--data`` (by default a folder of the
system's temporary folder named after the rows, files and seed), as Parquet, ``--files`` files of
two row groups each (one Dask partition a file: 25 partitions of 200,000 rows for 5M), and as one
CSV file of the same rows. Columns nombre, apellidos, email, ciudad, alta (a date as text); the
addresses as a Spanish list holds them: two thirds at the big providers, the rest at company
domains (about 6% of the rows as many distinct domains, a few big, most with a handful of rows),
each person's address once, then planted: ~3% repeats of an earlier row with other capitals or
spaces (most from another file, so another partition), ~1% misspelled providers (gmial.com,
hotmial.com...), ~1.5% invalid cells (empty or null, no @, spaces, two @...), role mailboxes at
companies, throwaway domains, display names.

Contenders take turns (one-process, Dask, one-process, Dask...), ``--rounds`` times, each run in a
process of its own started from this small one, so that imports and the cluster's start count:

- one-process: ``listcheck check contacts.csv --no-dns -q`` (the normal run: the engine forks its
  judging worker for a big file). This is the baseline, for it is what a user runs without a
  cluster; the one-process engine reads CSV, not Parquet, so it reads the same rows as CSV;
- dask: ``listcheck check contacts.parquet --engine dask --no-dns -q`` on a local cluster of
  ``--workers`` processes of one thread, as ``--workers 2`` starts it (LocalCluster, processes,
  no dashboard), but started by the run's process itself and handed over with ``--scheduler``, so
  that each worker can be asked its peak resident memory (``getrusage``) at the end;
- with ``--frame``, also ``check_frame`` on the pandas frame read from Parquet (one process, no
  worker), its two outputs written as Parquet files: the library's other one-process way.

Each run reports the wall time seen from here (process start to exit) and its own (the report's
``elapsed_seconds``); memory as the peak resident set (``ru_maxrss``) of each process: for the
one-process run the main process and its judging worker, whose peak counts the pages it shares
with the main process since the fork, so their sum overstates; for Dask, the client process (which
holds the scheduler too) and every worker. The peak PSS of each run's whole process tree (a shared
page counted once, sampled every quarter second) is given beside, to compare the totals fairly.

After each round the two JSON reports must agree: rows (all of them), destinations, reasons,
statuses, the domains with the most rows; and the output files must hold the rows the reports
say. The run exits with status 1 when they do not. With ``--profile``, one more Dask run (not
counted in the times) says where its time goes: the steps seen from the client and the workers'
busy time per kind of task (Dask's task stream).

A run that takes longer than ``--timeout`` seconds is taken for hung: its threads' stacks are
printed and it is stopped with its cluster; ``--retries`` runs a failed contender again (each
failure is printed and counted in the summary).

Machines are noisy: read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

GENERATOR = 2  # bump when the generated table changes, so that a cached one is made again
SEED = 17

# Display form and the ASCII form an address uses.
FIRST_NAMES = ["José", "María", "Antonio", "Carmen", "Manuel", "Ana", "Francisco", "Isabel", "David", "Laura",
               "Juan", "Lucía", "Javier", "Marta", "Daniel", "Cristina", "Carlos", "Elena", "Miguel", "Paula",
               "Alejandro", "Sara", "Rafael", "Raquel", "Pablo", "Rosa", "Sergio", "Pilar", "Jorge", "Beatriz",
               "Alberto", "Silvia", "Luis", "Nuria", "Fernando", "Patricia", "Álvaro", "Irene", "Adrián",
               "Andrea", "Diego", "Mónica", "Rubén", "Sonia", "Iván", "Alba", "Óscar", "Noelia", "Andrés",
               "Eva", "Ramón", "Marina", "Víctor", "Lorena", "Enrique", "Natalia", "Íñigo", "Ainhoa", "Jordi",
               "Montserrat", "Xabier", "Begoña", "Hugo", "Claudia", "Martín", "Julia", "Gonzalo", "Inés"]
SURNAMES = ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
            "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso",
            "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano",
            "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín",
            "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo", "Santos", "Lozano",
            "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego", "Vidal", "León", "Márquez",
            "Herrera", "Peña", "Flores", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Diez", "Caballero",
            "Reyes", "Nieto", "Aguilar", "Pascual", "Santana", "Herrero", "Lorenzo", "Montero", "Hidalgo",
            "Giménez", "Ibáñez", "Ferrer", "Durán", "Santiago", "Benítez", "Mora", "Vicente", "Vargas", "Arias",
            "Carmona", "Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Moya", "Soler", "Parra",
            "Esteban", "Bravo", "Gallardo", "Rojas", "Etxeberria", "Puig", "Aguirre", "Quintana", "Bermúdez"]
CITIES = [("Madrid", 16), ("Barcelona", 11), ("Valencia", 6), ("Sevilla", 5), ("Zaragoza", 4), ("Málaga", 4),
          ("Murcia", 3), ("Palma", 3), ("Las Palmas de Gran Canaria", 2), ("Bilbao", 3), ("Alicante", 3),
          ("Córdoba", 2), ("Valladolid", 2), ("Vigo", 2), ("Gijón", 2), ("L'Hospitalet de Llobregat", 1),
          ("A Coruña", 2), ("Vitoria-Gasteiz", 1), ("Granada", 2), ("Elche", 1), ("Oviedo", 1), ("Pamplona", 1),
          ("Santander", 1), ("San Sebastián", 1), ("Salamanca", 1), ("Burgos", 1), ("Albacete", 1),
          ("Logroño", 1), ("Badajoz", 1), ("Huelva", 1), ("Cádiz", 1), ("Tarragona", 1), ("León", 1),
          ("Girona", 1), ("Lleida", 1), ("Toledo", 1), ("Cáceres", 1), ("Jaén", 1), ("Almería", 1), ("", 4)]
# Providers and their share of all rows (the rest: company domains).
PROVIDERS = [("gmail.com", 30), ("hotmail.com", 9), ("hotmail.es", 7), ("yahoo.es", 4), ("outlook.es", 4),
             ("outlook.com", 2.5), ("yahoo.com", 1.5), ("icloud.com", 1.5), ("live.com", 1), ("telefonica.net", 1),
             ("msn.com", 0.5), ("movistar.es", 0.4), ("orange.es", 0.4), ("gmx.es", 0.4), ("terra.es", 0.4),
             ("protonmail.com", 0.3), ("ya.com", 0.2), ("me.com", 0.2), ("live.com.mx", 0.2),
             ("hotmail.com.ar", 0.2), ("yahoo.com.mx", 0.2)]
TYPOS = {"gmail.com": ["gmial.com", "gmal.com", "gmail.co", "gmai.com", "gmail.cm", "gamil.com", "gmail.con"],
         "hotmail.com": ["hotmial.com", "hotmal.com", "hotmail.co", "hotamil.com"],
         "hotmail.es": ["hotmial.es", "hotmal.es", "hotmail.e"],
         "yahoo.es": ["yaho.es", "yahooo.es"], "outlook.es": ["outlok.es", "outllook.es"],
         "outlook.com": ["outlok.com"], "icloud.com": ["iclod.com"]}
THROWAWAY = ["mailinator.com", "yopmail.com", "guerrillamail.com", "10minutemail.com", "trashmail.com",
             "sharklasers.com"]
ROLES = ["info", "contacto", "administracion", "ventas", "comercial", "rrhh", "facturacion", "admin", "soporte",
         "pedidos", "recepcion", "oficina", "marketing", "hola", "gerencia", "compras"]
COMPANY_WORDS = ["grupo", "talleres", "construcciones", "asesoria", "clinica", "hoteles", "transportes",
                 "inmobiliaria", "distribuciones", "consultoria", "estudio", "despacho", "abogados", "farmacia",
                 "autoescuela", "ferreteria", "panaderia", "academia", "ingenieria", "logistica", "seguros",
                 "gestoria", "dental", "optica", "viajes", "muebles", "electricidad", "fontaneria", "reformas",
                 "bodegas", "aceites", "conservas", "textil", "calzados", "joyeria", "veterinaria", "imprenta",
                 "servicios", "suministros", "instalaciones"]
SYLLABLES = ["ba", "be", "ca", "ce", "da", "di", "fa", "ga", "go", "la", "le", "lo", "ma", "me", "mi", "na", "no",
             "pa", "pe", "ra", "re", "ri", "sa", "so", "ta", "te", "to", "va", "vi", "za", "mar", "sol", "ter",
             "tec", "nor", "sur", "gal", "val", "bel", "cor"]
TLDS = [("es", 45), ("com", 35), ("net", 6), ("eu", 3), ("org", 3), ("cat", 2), ("com.es", 2), ("info", 2),
        ("biz", 1), ("com.mx", 1)]
# Shares of the rows changed after each person's address is made (the rest stay as made).
PLANTED = [("repeat", 0.03), ("typo", 0.01), ("invalid", 0.015), ("role", 0.015), ("throwaway", 0.005),
           ("display", 0.003), ("case", 0.01)]


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _weights(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], Any]:
    import numpy as np

    values = [value for value, _ in pairs]
    weights = np.array([weight for _, weight in pairs], dtype=float)
    return values, weights / weights.sum()


def _company_domains(count: int, rng: Any) -> list[str]:
    """``count`` distinct, plausible company domains."""
    tlds, shares = _weights([(tld, weight) for tld, weight in TLDS])
    cores = [_ascii(name) for name in SURNAMES] + [_ascii(city) for city, _ in CITIES if city]
    found: dict[str, None] = {}
    while len(found) < count:
        word = rng.choice(COMPANY_WORDS) if rng.random() < 0.6 else ""
        if rng.random() < 0.5:
            core = rng.choice(cores).replace(" ", "").replace("'", "")
        else:
            core = "".join(rng.choice(SYLLABLES, size=rng.integers(2, 4)))
        extra = rng.choice(["", "", "", "sl", "sa", "online", "madrid", "bcn", str(rng.integers(1, 99))])
        sep = "-" if rng.random() < 0.25 else ""
        name = sep.join(part for part in (word, core) if part) + extra
        found[f"{name}.{tlds[rng.choice(len(tlds), p=shares)]}"] = None
    return list(found)


def generate(folder: Path, rows: int, files: int, seed: int) -> None:
    """The table, as ``files`` Parquet files of two row groups and as one CSV file, and its manifest."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    parquet = folder / "contacts.parquet"
    parquet.mkdir(parents=True)
    companies = _company_domains(max(500, rows * 6 // 100), rng)
    # A few big companies, most with a handful of rows.
    company_p = 1.0 / np.arange(60, 60 + len(companies)) ** 0.9
    company_p /= company_p.sum()
    providers, provider_p = _weights(PROVIDERS)
    provider_share = sum(weight for _, weight in PROVIDERS) / 100
    cities, city_p = _weights(CITIES)
    firsts = [(name, _ascii(name)) for name in FIRST_NAMES]
    surnames = [(name, _ascii(name).replace(" ", "")) for name in SURNAMES]
    plan_names = [name for name, _ in PLANTED]
    plan_p = np.array([share for _, share in PLANTED] + [1 - sum(share for _, share in PLANTED)])
    seen: set[str] = set()
    pool: list[str] = []  # addresses of earlier files, sampled, to repeat
    planted = dict.fromkeys([*plan_names, "repeat_across_files", "null"], 0)
    used_domains: set[str] = set()
    schema = pa.schema([(name, pa.string()) for name in ("nombre", "apellidos", "email", "ciudad", "alta")])
    csv_options = pacsv.WriteOptions(quoting_style="needed", quoting_header="none")
    bounds = np.linspace(0, rows, files + 1).astype(int)
    with pacsv.CSVWriter(folder / "contacts.csv", schema, write_options=csv_options) as csv_writer:
        for number in range(files):
            count = int(bounds[number + 1] - bounds[number])
            first = rng.integers(0, len(firsts), count).tolist()
            one = rng.integers(0, len(surnames), count).tolist()
            two = rng.integers(0, len(surnames), count).tolist()
            pattern = rng.choice(7, size=count, p=[0.3, 0.2, 0.12, 0.14, 0.08, 0.08, 0.08]).tolist()
            digits = rng.integers(1, 100, count).tolist()
            years = rng.integers(1950, 2008, count).tolist()
            at_provider = (rng.random(count) < provider_share).tolist()
            provider = rng.choice(len(providers), size=count, p=provider_p).tolist()
            company = rng.choice(len(companies), size=count, p=company_p).tolist()
            plan = rng.choice(len(plan_p), size=count, p=plan_p).tolist()
            city = rng.choice(len(cities), size=count, p=city_p).tolist()
            days = rng.integers(0, 14 * 365, count).tolist()
            picks = rng.random(count).tolist()
            variants = rng.integers(0, 1_000_000, count).tolist()
            start = np.datetime64("2012-01-01")
            dates = [str(start + day) for day in days]
            made: list[str | None] = []
            names: list[str] = []
            families: list[str] = []
            for i in range(count):
                name, local_name = firsts[first[i]]
                surname, local_surname = surnames[one[i]]
                second, local_second = surnames[two[i]]
                kind = pattern[i]
                if kind == 0:
                    local = f"{local_name}.{local_surname}"
                elif kind == 1:
                    local = f"{local_name}{local_surname}{digits[i]}"
                elif kind == 2:
                    local = f"{local_name[0]}{local_surname}{local_second}"
                elif kind == 3:
                    local = f"{local_name}.{local_surname}.{local_second}"
                elif kind == 4:
                    local = f"{local_name}_{local_surname}{years[i]}"
                elif kind == 5:
                    local = f"{local_name}{local_surname[:3]}{years[i] % 100:02d}"
                else:
                    local = f"{local_surname}.{local_name}{digits[i]}"
                domain = providers[provider[i]] if at_provider[i] else companies[company[i]]
                address = f"{local}@{domain}"
                serial = 1
                while address in seen:  # one address a person: a taken one gets a number, as providers ask
                    serial += 1
                    address = f"{local}{serial}@{domain}"
                seen.add(address)
                what = plan_names[plan[i]] if plan[i] < len(plan_names) else ""
                variant = variants[i]
                if what == "repeat" and (pool or made):
                    if pool and (picks[i] < 0.85 or not made):
                        address = pool[variant % len(pool)]
                        planted["repeat_across_files"] += 1
                    else:
                        earlier = [one_made for one_made in made[-5000:] if one_made]
                        address = earlier[variant % len(earlier)] if earlier else address
                    shape = variant % 10
                    if shape < 3:
                        address = address.upper()
                    elif shape < 6:
                        at = address.index("@") if "@" in address else 0
                        address = address[:at].title() + address[at:]
                    elif shape < 7:
                        address = f" {address} "
                elif what == "typo":  # people misspell the big providers' names
                    typed = TYPOS[domain] if domain in TYPOS else TYPOS["gmail.com" if variant % 3 else "hotmail.com"]
                    address = f"{local}@{typed[variant % len(typed)]}"
                elif what == "invalid":
                    shape = variant % 9
                    address = [None, "", f"{local}{domain}", f"{local_name} {local_surname}@{domain}",
                               f"{local}@@{domain}", f"{local}@", f"@{domain}", f"{local}..x@{domain}",
                               f"6{variant:08d}"][shape]
                    if shape == 0:
                        planted["null"] += 1
                elif what == "role":  # a company's mailbox
                    address = f"{ROLES[variant % len(ROLES)]}@{companies[company[i]]}"
                elif what == "throwaway":
                    address = f"{local}@{THROWAWAY[variant % len(THROWAWAY)]}"
                elif what == "display":
                    address = f"{name} {surname} <{address}>"
                elif what == "case":
                    address = address.capitalize() if variant % 2 else f"{address} "
                else:
                    what = ""
                if what:
                    planted[what] += 1
                if address and "@" in address:
                    used_domains.add(address.rpartition("@")[2].strip(" >").lower())
                made.append(address)
                names.append(name)
                families.append(f"{surname} {second}")
            table = pa.table({"nombre": names, "apellidos": families, "email": pa.array(made, pa.string()),
                              "ciudad": [cities[c] for c in city],
                              "alta": [date if picks[i] > 0.01 else "" for i, date in enumerate(dates)]},
                             schema=schema)
            pq.write_table(table, parquet / f"part-{number:05d}.parquet", row_group_size=(count + 1) // 2)
            csv_writer.write_table(table)
            # Some of this file's addresses, to repeat in later files.
            sample = rng.choice(count, size=min(count, 20_000), replace=False).tolist()
            pool.extend(address for address in (made[j] for j in sample) if address and "@" in address)
    import dask.dataframe as dd

    manifest = {"generator": GENERATOR, "rows": rows, "files": files, "seed": seed,
                "partitions": dd.read_parquet(str(parquet)).npartitions, "company_domains": len(companies),
                "distinct_domains": len(used_domains), "planted": planted,
                "seconds": round(time.perf_counter() - started, 1),
                "csv_mib": (folder / "contacts.csv").stat().st_size / 2**20,
                "parquet_mib": sum(path.stat().st_size for path in parquet.iterdir()) / 2**20}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))


def prepared(folder: Path, rows: int, files: int, seed: int) -> dict[str, Any]:
    """The manifest of the table in ``folder``, generated first (in a process of its own) unless it is there."""
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest: dict[str, Any] = json.loads(manifest_path.read_text())
        if (manifest["generator"], manifest["rows"], manifest["files"], manifest["seed"]) == (
                GENERATOR, rows, files, seed):
            manifest["cached"] = True
            return manifest
    # Not in this process: a child's peak resident memory starts at this process's own.
    subprocess.run([sys.executable, __file__, "--phase", "generate", "--data", str(folder), "--rows", str(rows),
                    "--files", str(files), "--seed", str(seed)], check=True)
    manifest = json.loads(manifest_path.read_text())
    manifest["cached"] = False
    return manifest


# --- in each contender's process ---------------------------------------------------------------

class TreeMemory:
    """Samples, every quarter second, the PSS of this process and all its descendants; keeps the peak."""

    def __init__(self) -> None:
        import threading

        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mib

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            self.peak_mib = max(self.peak_mib, sum(_pss_mib(pid) for pid in _tree(os.getpid())))

    @staticmethod
    def rss_mib(pid: int) -> float:
        return _status_kib(pid, "VmRSS:") / 1024


def _tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listed:
                for child in listed.read().split():
                    found += _tree(int(child))
    except OSError:
        pass
    return found


def _pss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith(field))
    except (OSError, StopIteration):
        return 0


def _csv_rows(path: Path) -> int:
    """Data rows of a CSV output (no cell of these tables holds a line break)."""
    if not path.exists():
        return -1
    lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(2**24):
            lines += block.count(b"\n")
    return lines - 1


def _parquet_rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    if not folder.is_dir():
        return -1
    return sum(pq.read_metadata(part).num_rows for part in sorted(folder.glob("*.parquet")))


def run_one_process(source: Path, out: Path, report: Path) -> dict[str, Any]:
    import resource

    sampler = TreeMemory()
    from listcheck.cli import main

    status = main(["check", str(source), "--no-dns", "-q", "-o", str(out), "--report-json", str(report)])
    tree = sampler.stop()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the judging worker, reaped
    return {"status": status, "main_mib": own, "worker_mib": worker, "tree_pss_mib": tree,
            "clean_rows": _csv_rows(out / "contacts.clean.csv"), "rejected_rows": _csv_rows(out / "contacts.rejected.csv")}


def _worker_memory() -> dict[str, float]:
    import resource

    return {"pid": os.getpid(), "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "now_mib": _status_kib(os.getpid(), "VmRSS:") / 1024}


def run_dask(source: Path, out: Path, report: Path, workers: int) -> dict[str, Any]:
    import logging
    import resource
    import warnings

    sampler = TreeMemory()
    started = time.perf_counter()
    from distributed import Client, LocalCluster

    # Another cluster on this machine holds the scheduler's HTTP port: it takes another, and says so.
    warnings.filterwarnings("ignore", message="Port .* is already in use")
    from listcheck.cli import main

    # As engines.cluster.dask_client starts it for --workers N.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        cluster_seconds = time.perf_counter() - started
        status = main(["check", str(source), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                       "--no-dns", "-q", "-o", str(out), "--report-json", str(report)])
        with Client(cluster) as client:
            memory = client.run(_worker_memory)
        tree = sampler.stop()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"status": status, "client_mib": own, "workers": sorted(memory.values(), key=lambda one: one["pid"]),
            "tree_pss_mib": tree, "cluster_seconds": cluster_seconds,
            "clean_rows": _parquet_rows(out / "contacts.clean.parquet"),
            "rejected_rows": _parquet_rows(out / "contacts.rejected.parquet")}


def run_frame(source: Path, out: Path, report: Path) -> dict[str, Any]:
    """``check_frame`` on the whole table read by pandas, both outputs written as Parquet files."""
    import resource

    sampler = TreeMemory()
    started = time.perf_counter()
    import pandas as pd

    from listcheck import Status, check_frame, rejected_mask
    from listcheck.engines.partitions import address_cells

    frame = pd.read_parquet(source)
    checked = check_frame(frame, column="email")
    mask = rejected_mask(checked, column="email")
    rejected = checked.loc[mask].copy()
    rejected["email"] = address_cells(frame.loc[mask], "email")  # the address as typed, as the engines do
    checked.loc[~mask].drop(columns=[c for c in checked.columns if c.startswith("listcheck_")]).to_parquet(
        out / "contacts.clean.parquet", index=False)
    rejected.to_parquet(out / "contacts.rejected.parquet", index=False)
    reasons = checked["listcheck_reason"].value_counts().to_dict()
    statuses = checked["listcheck_status"].value_counts().to_dict()
    elapsed = time.perf_counter() - started
    report.write_text(json.dumps({
        "input": {"rows": len(checked)}, "elapsed_seconds": elapsed,
        "destinations": {"clean": int((~mask).sum()), "rejected": int(mask.sum())},
        "reasons": {code: int(count) for code, count in reasons.items() if code},
        "counts": {status.value: int(statuses.get(status.value, 0)) for status in Status}}))
    tree = sampler.stop()
    import pyarrow.parquet as pq

    return {"status": 0, "main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_mib": 0.0,
            "tree_pss_mib": tree, "clean_rows": pq.read_metadata(out / "contacts.clean.parquet").num_rows,
            "rejected_rows": pq.read_metadata(out / "contacts.rejected.parquet").num_rows}


def run_profile(source: Path, out: Path, workers: int) -> dict[str, Any]:
    """One Dask run through ``check_with_dask``, its steps timed from here and its tasks from the task stream."""
    import logging
    import warnings
    from collections import defaultdict

    warnings.filterwarnings("ignore", message="Port .* is already in use")
    started = time.perf_counter()
    from dask.utils import key_split
    from distributed import Client, LocalCluster, get_task_stream

    from listcheck import dask_check
    from listcheck.dask_check import ClusterSettings, check_with_dask
    from listcheck.engines import dask_frames, partitions
    from listcheck.engines.streaming import ProgressStep
    from listcheck.settings import OutputSettings

    imported = time.perf_counter() - started
    steps: dict[str, float] = defaultdict(float)

    def timed(owner: Any, name: str, step: str) -> None:
        function = getattr(owner, name)

        def measured(*args: Any, **kwargs: Any) -> Any:
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                steps[step] += time.perf_counter() - begun
        setattr(owner, name, measured)

    timed(partitions.Survey, "merged", "survey: merging the partitions' surveys (client)")
    timed(partitions.PartitionJudge, "with_domains", "survey: judging every plain domain once (client)")
    timed(dask_frames.PartitionedCheck, "repeats", "graph: building keys, shuffle and routing (client)")
    timed(dask_frames.PartitionedCheck, "survey", "survey, in all")
    timed(dask_frames.PartitionedCheck, "each", "graph: building the finish tasks, in all (client)")
    measured: dict[str, float] = {}
    report_of = dask_check._report

    def report_measured(path: str, table: Any, outputs: Any, results: Any, width: int, judge: Any,
                        *rest: Any) -> Any:
        import pickle

        begun = time.perf_counter()
        try:
            return report_of(path, table, outputs, results, width, judge, *rest)
        finally:
            ended = time.perf_counter()
            steps["report: merging the partitions' tallies (client)"] += ended - begun
            # Once the run's work is done: what the later tasks' graph carries (the judge, with the table's
            # domains) and what the partitions' last tasks sent back (their tallies).
            pickled = pickle.dumps(judge)
            measured["judge_mib"] = len(pickled) / 2**20
            begun = time.perf_counter()
            pickled = pickle.dumps(results)
            measured["results_mib"] = len(pickled) / 2**20
            measured["results_dumps"] = time.perf_counter() - begun
            begun = time.perf_counter()
            pickle.loads(pickled)
            measured["results_loads"] = time.perf_counter() - begun
            measured["measuring"] = time.perf_counter() - ended
    dask_check._report = report_measured  # type: ignore[assignment]
    moments: dict[str, float] = {}

    def progress(step: ProgressStep) -> None:
        moments.setdefault(f"{step.stage} from", time.perf_counter())
        moments[f"{step.stage} to"] = time.perf_counter()

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        cluster_started = time.perf_counter()
        with Client(cluster) as client, get_task_stream(client) as stream:
            begun = time.perf_counter()
            report = check_with_dask(str(source), cluster=ClusterSettings(scheduler=cluster.scheduler_address),
                                     dns=None, output=OutputSettings(out_dir=str(out)), progress=progress)
            ended = time.perf_counter()
            tasks = stream.data
    busy: dict[tuple[str, str], float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    first_start: dict[str, float] = {}
    last_stop: dict[str, float] = {}
    for task in tasks:
        prefix = key_split(task["key"])
        counts[prefix] += 1
        for part in task["startstops"]:
            busy[(prefix, part["action"])] += part["stop"] - part["start"]
            if part["action"] == "compute":
                first_start[prefix] = min(first_start.get(prefix, part["start"]), part["start"])
                last_stop[prefix] = max(last_stop.get(prefix, part["stop"]), part["stop"])
    origin = min(first_start.values(), default=0.0)
    return {"imports": imported, "cluster": cluster_started - started - imported, "run": ended - begun,
            "rows": report.input.rows, "steps": dict(steps), "measured": measured,
            "moments": {name: at - begun for name, at in sorted(moments.items(), key=lambda item: item[1])},
            "tasks": [{"prefix": prefix, "count": counts[prefix],
                       "compute": busy.get((prefix, "compute"), 0.0),
                       "transfer": sum(seconds for (name, action), seconds in busy.items()
                                       if name == prefix and action != "compute"),
                       "from": first_start.get(prefix, origin) - origin, "to": last_stop.get(prefix, origin) - origin}
                      for prefix in sorted(counts, key=lambda name: first_start.get(name, 0.0))]}


# --- in this process ---------------------------------------------------------------------------

def contender(phase: str, data: Path, out: Path, report: Path, workers: int, timeout: float) -> dict[str, Any]:
    """One run in a process of its own: its wall time from here, and what it measured of itself."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    measured, usage = _child(phase, data, out, report, workers, timeout)
    wall = time.perf_counter() - started
    if measured["status"] != 0:
        raise RunFailed(f"listcheck exited with status {measured['status']}")
    measured["wall"] = wall
    measured["load"] = load  # the machine's load average before the run: other work skews its time
    measured["tree_max_rss_mib"] = usage.ru_maxrss / 1024
    measured["report"] = json.loads(report.read_text())
    return measured


CHILD_FLAGS: list[str] = []  # options of this run that its contenders' processes take too


class RunFailed(Exception):
    """A contender's process failed, or hung and was stopped."""


def _child(phase: str, data: Path, out: Path, report: Path, workers: int, timeout: float) -> tuple[dict[str, Any], Any]:
    """Run a phase in a process of its own (in a session of its own, with its cluster's processes); after
    ``timeout`` seconds it is asked for its threads' stacks (on standard error) and stopped."""
    import signal
    import threading

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    process = subprocess.Popen([sys.executable, __file__, "--phase", phase, "--data", str(data), "--out", str(out),
                                "--report", str(report), "--workers", str(workers), *CHILD_FLAGS],
                               stdout=subprocess.PIPE,
                               start_new_session=True)
    stopped = threading.Event()
    hung = False

    def stop() -> None:
        nonlocal hung
        if stopped.wait(timeout):
            return
        hung = True
        print(f"{phase}: still running after {timeout:.0f} s; its stacks, then it is stopped:", file=sys.stderr,
              flush=True)
        os.kill(process.pid, signal.SIGUSR1)  # faulthandler prints every thread's stack (which may end it)
        time.sleep(5)
        os.killpg(process.pid, signal.SIGKILL)  # its own session: the run's process and its cluster
    watchdog = threading.Thread(target=stop, daemon=True)
    watchdog.start()
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    stopped.set()
    shutil.rmtree(out, ignore_errors=True)  # gigabytes at 5M rows
    if os.waitstatus_to_exitcode(status) != 0:
        code = os.waitstatus_to_exitcode(status)
        raise RunFailed(f"hung, stopped after {timeout:.0f} s" if hung else
                        f"failed with status {code}")
    measured: dict[str, Any] = json.loads(output.decode().strip().splitlines()[-1])
    return measured, usage


COMPARED = ("destinations", "reasons", "counts", "top_domains", "free_provider_rows")


def disagreements(rows: int, runs: dict[str, dict[str, Any]]) -> list[str]:
    """What the runs' reports and outputs do not agree on: empty when all is well."""
    found = []
    base_name, base = next(iter(runs.items()))
    for name, run in runs.items():
        report = run["report"]
        if report["input"]["rows"] != rows:
            found.append(f"{name}: {report['input']['rows']:,} rows read, not {rows:,}")
        if (run["clean_rows"], run["rejected_rows"]) != (report["destinations"]["clean"],
                                                         report["destinations"]["rejected"]):
            found.append(f"{name}: the outputs hold {run['clean_rows']:,} clean and {run['rejected_rows']:,} "
                         f"rejected rows, the report says {report['destinations']}")
        if name == base_name:
            continue
        for field in COMPARED:
            if field not in report:  # check_frame has no report: its counts are compared
                continue
            ours, theirs = base["report"][field], report[field]
            if field == "reasons":
                ours = {code: count for code, count in ours.items() if count}
                theirs = {code: count for code, count in theirs.items() if count}
            if ours != theirs:
                found.append(f"{name} and {base_name} differ in {field}: {_difference(ours, theirs)}")
    return found


def _difference(ours: Any, theirs: Any) -> str:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ", ".join(f"{key}: {ours.get(key)} vs {theirs.get(key)}" for key in sorted(set(ours) | set(theirs))
                         if ours.get(key) != theirs.get(key))
    return f"{str(ours)[:200]} vs {str(theirs)[:200]}"


def _line(name: str, round_number: int, run: dict[str, Any]) -> str:
    own = run["report"]["elapsed_seconds"]
    if name == "dask":
        workers = ", ".join(f"{worker['peak_mib']:,.0f}" for worker in run["workers"])
        memory = (f"client {run['client_mib']:5,.0f} MiB, workers {workers} MiB; tree PSS {run['tree_pss_mib']:5,.0f} MiB; "
                  f"cluster up in {run['cluster_seconds']:.1f} s")
    else:
        memory = (f"main {run['main_mib']:5,.0f} MiB + worker {run['worker_mib']:5,.0f} MiB = "
                  f"{run['main_mib'] + run['worker_mib']:5,.0f} MiB; tree PSS {run['tree_pss_mib']:5,.0f} MiB")
    return (f"  round {round_number}  {name:11} {run['wall']:7.1f} s wall ({own:7.1f} s in listcheck, load before "
            f"{run['load']:.1f})   {memory}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--files", type=int, default=25, help="Parquet files (one Dask partition each)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--data", help="folder for the generated table, kept between runs")
    parser.add_argument("--frame", action="store_true", help="also check_frame on the pandas frame")
    parser.add_argument("--profile", action="store_true", help="one more Dask run, to say where its time goes")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a run may take before it is stopped")
    parser.add_argument("--retries", type=int, default=0, help="run a contender again this many times when it fails")
    parser.add_argument("--phase", choices=("generate", "one", "dask", "frame", "profile"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--report", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.rounds < 1 and not options.profile:
        parser.error("--rounds must be at least 1 (0 only with --profile)")
    folder = Path(options.data) if options.data else Path(tempfile.gettempdir()) / (
        f"listcheck-scale-{options.rows}-{options.files}-s{options.seed}")
    if options.phase == "generate":
        generate(folder, options.rows, options.files, options.seed)
        return
    if options.phase is not None:
        import faulthandler
        import signal

        faulthandler.register(signal.SIGUSR1, all_threads=True)  # for a run that hangs: see _child
        out, report = Path(options.out), Path(options.report)
        if options.phase == "one":
            measured = run_one_process(folder / "contacts.csv", out, report)
        elif options.phase == "dask":
            measured = run_dask(folder / "contacts.parquet", out, report, options.workers)
        elif options.phase == "frame":
            measured = run_frame(folder / "contacts.parquet", out, report)
        else:
            measured = run_profile(folder / "contacts.parquet", out, options.workers) | {"status": 0}
        print(json.dumps(measured))
        return

    begun = time.perf_counter()
    manifest = prepared(folder, options.rows, options.files, options.seed)
    rows = manifest["rows"]
    planted = manifest["planted"]
    print(f"rows: {rows:,} in {manifest['files']} Parquet files ({manifest['parquet_mib']:,.0f} MiB, "
          f"{manifest['partitions']} Dask partitions of ~{rows // manifest['partitions']:,} rows) and one CSV file "
          f"({manifest['csv_mib']:,.0f} MiB); {manifest['distinct_domains']:,} distinct domains; "
          f"{'cached' if manifest['cached'] else 'generated'} in {folder}"
          + ("" if manifest["cached"] else f" ({manifest['seconds']:.0f} s)"))
    print("planted: " + ", ".join(f"{name} {count / rows:.1%}" for name, count in planted.items()
                                  if name not in ("repeat_across_files", "null"))
          + f" (repeats from another file: {planted['repeat_across_files'] / max(1, planted['repeat']):.0%}; "
          f"null cells {planted['null']:,})")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; {options.rounds} rounds, "
          f"each run in a process of its own")
    print("baseline: one-process = listcheck check contacts.csv --no-dns -q (the normal run, with its forked "
          "judging worker), the same rows as CSV")
    print(f"against:  dask = listcheck check contacts.parquet --engine dask --no-dns -q on a local cluster of "
          f"{options.workers} worker processes, 1 thread each")
    names = ["one-process", "dask"] + (["frame"] if options.frame else [])
    phases = {"one-process": "one", "dask": "dask", "frame": "frame"}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    problems: list[str] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="listcheck-scale-out-", dir=folder) as scratch:
        for round_number in range(1, options.rounds + 1):
            this_round = {}
            for name in names:
                for attempt in range(options.retries + 1):
                    try:
                        this_round[name] = contender(phases[name], folder, Path(scratch, name),
                                                     Path(scratch, f"{name}.json"), options.workers, options.timeout)
                        break
                    except RunFailed as error:
                        failures.append(f"round {round_number} {name}: {error}")
                        print(f"  round {round_number}  {name:11} {error}"
                              + ("; run again" if attempt < options.retries else ""), flush=True)
                else:
                    raise SystemExit(f"{name} failed {options.retries + 1} times: {failures[-1]}")
                runs[name].append(this_round[name])
                print(_line(name, round_number, this_round[name]), flush=True)
            found = disagreements(rows, this_round)
            problems += [f"round {round_number}: {problem}" for problem in found]
            report = this_round["one-process"]["report"]
            print(f"  round {round_number}  agree: {'yes' if not found else 'NO'} ({report['input']['rows']:,} rows, "
                  f"{report['destinations']['rejected']:,} rejected, reasons "
                  + ", ".join(f"{code} {count:,}" for code, count in report["reasons"].items() if count) + ")",
                  flush=True)
            for problem in found:
                print(f"    {problem}")
        profile = None
        if options.profile:
            for attempt in range(options.retries + 1):
                try:
                    profile = contender_profile(folder, Path(scratch, "profile"), options.workers, options.timeout)
                    break
                except RunFailed as error:
                    failures.append(f"profile: {error}")
                    print(f"  profile: {error}" + ("; run again" if attempt < options.retries else ""), flush=True)

    summary = print_summary(rows, runs, options.workers, options.frame, problems) if runs["dask"] else "summary: the profile alone"
    if profile is not None:
        print_profile(profile)
    if failures:
        summary += f"; {len(failures)} runs failed and were run again ({'; '.join(failures)})"
    print(f"\n{summary}; benchmark took {(time.perf_counter() - begun) / 60:.1f} min")
    if problems:
        sys.exit(1)


def print_summary(rows: int, runs: dict[str, list[dict[str, Any]]], worker_count: int, frame: bool,
                  problems: list[str]) -> str:
    """Print the medians, the ratio and the peaks; return the one-line summary."""
    print()
    medians = {name: statistics.median(run["wall"] for run in taken) for name, taken in runs.items()}
    for name, taken in runs.items():
        walls = "  ".join(f"{run['wall']:6.1f}" for run in taken)
        own = statistics.median(run["report"]["elapsed_seconds"] for run in taken)
        print(f"{name:11}  median {medians[name]:7.1f} s   ({own:7.1f} s in listcheck)   runs: {walls}   "
              f"{rows / medians[name]:9,.0f} rows/s")
    ratio = medians["dask"] / medians["one-process"]
    print(f"dask / one-process: {ratio:.2f} (below 1: the cluster is faster)")
    if frame:
        print(f"frame / one-process: {medians['frame'] / medians['one-process']:.2f}")
    print("peak memory (ru_maxrss, the highest of the rounds; the judging worker's counts the pages it shares with "
          "main since the fork, so the sums overstate; tree PSS counts a shared page once):")
    one = runs["one-process"]
    print(f"  one-process  main {max(r['main_mib'] for r in one):6,.0f} MiB   judging worker "
          f"{max(r['worker_mib'] for r in one):6,.0f} MiB   sum {max(r['main_mib'] + r['worker_mib'] for r in one):6,.0f} MiB"
          f"   (tree PSS {max(r['tree_pss_mib'] for r in one):6,.0f} MiB)")
    dask_runs = runs["dask"]
    workers = [max(run["workers"][index]["peak_mib"] for run in dask_runs) for index in range(worker_count)]
    print(f"  dask         client {max(r['client_mib'] for r in dask_runs):6,.0f} MiB   "
          + "   ".join(f"worker {index + 1} {peak:6,.0f} MiB" for index, peak in enumerate(workers))
          + f"   sum {max(r['client_mib'] + sum(w['peak_mib'] for w in r['workers']) for r in dask_runs):6,.0f} MiB"
          f"   (tree PSS {max(r['tree_pss_mib'] for r in dask_runs):6,.0f} MiB)")
    for round_number, run in enumerate(dask_runs, start=1):
        print(f"    round {round_number}: " + ", ".join(
            f"worker pid {worker['pid']} peak {worker['peak_mib']:,.0f} MiB (at the end {worker['now_mib']:,.0f} MiB)"
            for worker in run["workers"]))
    if frame:
        print(f"  frame        {max(r['main_mib'] for r in runs['frame']):6,.0f} MiB")
    verdict = "the outputs agree" if not problems else f"{len(problems)} DISAGREEMENTS"
    return (f"summary: {rows:,} rows, dask ({worker_count} workers) {medians['dask']:.1f} s vs one-process "
            f"{medians['one-process']:.1f} s: ratio {ratio:.2f}; peak per dask worker {max(workers):,.0f} MiB, "
            f"one-process main + worker {max(r['main_mib'] + r['worker_mib'] for r in one):,.0f} MiB; {verdict}")


def contender_profile(data: Path, out: Path, workers: int, timeout: float) -> dict[str, Any]:
    profile, _ = _child("profile", data, out, out.with_suffix(".json"), workers, timeout)
    return profile


def print_profile(profile: dict[str, Any]) -> None:
    print(f"\nwhere a dask run's time goes (one more run, check_with_dask, {profile['rows']:,} rows): imports "
          f"{profile['imports']:.1f} s, cluster start {profile['cluster']:.1f} s, check_with_dask {profile['run']:.1f} s")
    moments = profile["moments"]
    print("  stages, seconds into check_with_dask (the first and last progress call of each):  " + ", ".join(
        f"{stage} {moments[stage + ' from']:.1f}-{moments[stage + ' to']:.1f}"
        for stage in dict.fromkeys(name.rsplit(" ", 1)[0] for name in moments)))
    if all(f"{stage} {end}" in moments for stage in ("reading", "judging", "writing") for end in ("from", "to")):
        print(f"  in the client alone, the workers idle: {moments['reading from']:.1f} s opening the table, "
              f"{moments['judging from'] - moments['reading to']:.1f} s from the survey's end to the judging's start "
              f"(domains, graph, its sending), {moments['writing from'] - moments['judging to']:.1f} s from the last "
              f"judging task's end to the results in hand (gather), "
              f"{profile['run'] - moments['writing to'] - profile['measured']['measuring']:.1f} s after the outputs are "
              "in place (report)")
    for step, seconds in profile["steps"].items():
        print(f"  {step:60} {seconds:7.2f} s")
    measured = profile["measured"]
    print(f"  the judge the later tasks' graph carries: {measured['judge_mib']:.1f} MiB pickled; the partitions' "
          f"results sent back: {measured['results_mib']:.1f} MiB pickled, pickled in {measured['results_dumps']:.2f} s "
          f"and unpickled in {measured['results_loads']:.2f} s here (measured after the report, in "
          f"{measured['measuring']:.1f} s of check_with_dask's time)")
    print("  tasks on the workers (busy seconds summed over workers; span from the first task's start):")
    print(f"    {'task':34} {'count':>6} {'compute':>9} {'transfer':>9} {'span':>16}")
    for task in profile["tasks"]:
        print(f"    {task['prefix'][:34]:34} {task['count']:6} {task['compute']:8.1f}s {task['transfer']:8.1f}s "
              f"{task['from']:7.1f}-{task['to']:6.1f} s")


if __name__ == "__main__":
    main()
