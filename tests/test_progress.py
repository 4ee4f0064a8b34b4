"""One progress display for the whole run, on a terminal only: what the run tells it, and that a
terminal gets it while a pipe or a log gets nothing."""

import os
import pty
import subprocess
import sys

from listcheck import DnsSettings, OutputSettings, check_file
from listcheck.engines import streaming


def write_list(path, rows: int) -> None:
    path.write_text("email,nombre\n" + "".join(f"persona{i}@correo-mx.es,Ana\n" for i in range(rows)),
                    encoding="utf-8")


def stages(steps):
    """The stages in the order they came, each once."""
    return list(dict.fromkeys(step.stage for step in steps))


def test_an_offline_run_tells_rows_judged_then_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(streaming, "BATCH_ROWS", 10_000)
    source = tmp_path / "lista.csv"
    write_list(source, 60_000)  # six batches, two read ahead of the one written
    steps = []
    check_file(str(source), dns=None, output=OutputSettings(out_dir=str(tmp_path)), progress=steps.append,
               parallel=False)
    assert stages(steps) == ["judging", "writing"]
    judging = [step for step in steps if step.stage == "judging"]
    assert [step.done for step in judging] == [10_000 * batch for batch in range(1, 7)]
    assert [step.fraction for step in judging] == sorted(step.fraction for step in judging)
    assert judging[-1].fraction == 1.0 and 0 < judging[0].fraction < 1
    assert [(step.stage, step.fraction) for step in steps[-2:]] == [("writing", 0.0), ("writing", 1.0)]


def test_a_run_with_dns_tells_reading_then_domains_then_judging(tmp_path, dns_server):
    source = tmp_path / "lista.csv"
    write_list(source, 10)
    steps = []
    check_file(str(source), dns=DnsSettings(nameservers=(dns_server.address,), cache=False),
               output=OutputSettings(out_dir=str(tmp_path)), progress=steps.append)
    assert stages(steps) == ["reading", "dns", "judging", "writing"]
    dns = [step for step in steps if step.stage == "dns"]
    assert dns[-1].done == 1 and dns[-1].fraction == 1.0  # one domain asked


def run_listcheck(arguments, *, terminal: bool) -> str:
    """What listcheck writes to stderr, a terminal's or a pipe's."""
    command = [sys.executable, "-m", "listcheck", *arguments]
    if not terminal:
        return subprocess.run(command, capture_output=True, text=True, check=True).stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: listcheck has finished
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait() == 0
    os.close(leader)
    return seen.decode("utf-8", errors="replace")


def test_a_terminal_sees_the_run_progress_and_a_pipe_sees_none(tmp_path):
    source = tmp_path / "lista.csv"
    write_list(source, 150_000)
    arguments = ["check", str(source), "--no-dns", "--no-cache", "-o", str(tmp_path)]
    on_terminal = run_listcheck(arguments, terminal=True)
    assert "Checking" in on_terminal and " rows" in on_terminal
    assert "Checking" not in run_listcheck(arguments, terminal=False)
    assert run_listcheck([*arguments, "-q"], terminal=True) == ""  # quiet means quiet
