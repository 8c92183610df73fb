"""Hostile and broken files: the readers end every input in data or a clear ExchangeError, never an
unhandled exception, a hang, or memory beyond a bound.

Mutated real files (.xlsx, .xls, .ods and a .csv made from them: byte flips, truncations, corrupted zip
entries) run in a child process under RLIMIT_AS with an alarm per case; hypothesis feeds arbitrary
bytes in-process. `FUZZ_CASES` (environment) raises the number of mutations for a heavier run
(`make fuzz`).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop_app.exchange.errors import ExchangeError
from desktop_app.exchange.readers import read_workbook

DATA = Path(__file__).parent.parent / "data"
MEMORY_LIMIT_BYTES = 1_500 * 2**20
SECONDS_PER_CASE = 20
CASES_PER_FILE = int(os.environ.get("FUZZ_CASES", "60"))

WORKER = textwrap.dedent('''
    import io, random, resource, signal, sys, tempfile, traceback, zipfile
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
    from desktop_app.exchange.errors import ExchangeError
    from desktop_app.exchange.readers import read_workbook

    class Hang(Exception):
        pass

    def alarm(signum, frame):
        raise Hang()

    signal.signal(signal.SIGALRM, alarm)
    seconds, cases = int(sys.argv[2]), int(sys.argv[3])
    out = Path(tempfile.mkdtemp())

    def mutations(data: bytes, suffix: str, rng: random.Random):
        for case in range(cases):
            kind = case % 4
            buf = bytearray(data)
            if kind == 0:  # byte flips
                for _ in range(rng.randint(1, 40)):
                    buf[rng.randrange(len(buf))] = rng.randrange(256)
            elif kind == 1:  # truncation
                buf = buf[: rng.randrange(1, len(buf))]
            elif kind == 2 and suffix in (".xlsx", ".ods"):  # one zip entry corrupted, the zip itself valid
                source = zipfile.ZipFile(io.BytesIO(data))
                target = io.BytesIO()
                victim = rng.choice(source.namelist())
                with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rewritten:
                    for name in source.namelist():
                        content = bytearray(source.read(name))
                        if name == victim and content:
                            start = rng.randrange(len(content))
                            content[start: start + rng.randint(1, 64)] = bytes(rng.randrange(256) for _ in range(8))
                        rewritten.writestr(name, bytes(content))
                buf = bytearray(target.getvalue())
            else:  # a block repeated or inserted
                at = rng.randrange(len(buf))
                buf[at:at] = buf[rng.randrange(len(buf)):][: rng.randint(1, 4096)] * rng.randint(1, 50)
            yield case, bytes(buf)

    failures = 0
    for source in sys.argv[4:]:
        path = Path(source)
        rng = random.Random(path.name)
        for case, data in mutations(path.read_bytes(), path.suffix, rng):
            target = out / f"case{case}{path.suffix}"
            target.write_bytes(data)
            signal.alarm(seconds)
            try:
                read_workbook(target)
            except ExchangeError:
                pass
            except Hang:
                failures += 1
                print(f"HANG {path.name} case {case}", flush=True)
            except BaseException:
                failures += 1
                print(f"UNHANDLED {path.name} case {case}: {traceback.format_exc()}", flush=True)
            finally:
                signal.alarm(0)
    print(f"done {failures}", flush=True)
''')


def _sources(tmp_path: Path) -> list[Path]:
    csv = tmp_path / "roster.csv"
    csv.write_text("Фамилия;Имя;Дата рождения;Паспорт\nИванов;Иван;01.02.1980;751234567\n"
                   "حداد;نور;1990-03-04;P1234567\n" * 20, encoding="utf-8")
    return [DATA / "roster_calc.xlsx", DATA / "roster.xls", DATA / "roster.ods", csv]


@pytest.mark.posix_only("resource limits and SIGALRM in the reading child")
def test_mutated_real_files_end_in_data_or_a_clear_refusal(tmp_path: Path) -> None:
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    sources = _sources(tmp_path)
    result = subprocess.run([sys.executable, str(script), str(MEMORY_LIMIT_BYTES), str(SECONDS_PER_CASE),
                             str(CASES_PER_FILE), *map(str, sources)], capture_output=True, text=True,
                            timeout=SECONDS_PER_CASE * CASES_PER_FILE * len(sources) + 60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("done 0"), result.stdout[-5000:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv"]))
@example(data=b"\x01\x00\x01\x00\x01", suffix=".xlsx")
@example(data=b"\x00\x01\x00\x01\x00", suffix=".csv")
def test_arbitrary_bytes_end_in_data_or_a_clear_refusal(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        read_workbook(path)
    except ExchangeError as exc:
        assert str(path) in str(exc) or exc.path == str(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"]),
       rest=st.binary(max_size=2048))
@example(prefix=b"\xff\xfe", rest=b"\x00")
@example(prefix=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", rest=b"\x00")
def test_files_with_real_signatures_and_garbage_are_refused_clearly(tmp_path: Path, prefix: bytes,
                                                                    rest: bytes) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(prefix + rest)
    with contextlib.suppress(ExchangeError):
        read_workbook(path)
