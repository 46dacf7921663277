"""Validation engine vs `frictionless validate` on the same large CSV: time and memory.

    .venv/bin/python benchmarks/upload_engine.py [--sizes 10 100] [--repeat 1] [--dir DIR]

For each size a UTF-8 Vietnamese CSV is generated in a temporary folder (streamed, not held in
memory); then, alternately, Frictionless' CLI and `catalog.services.tabular.validate_file`
(each in a fresh process, timed from outside: start-up and imports included for both)
validate it. Printed per size: wall and CPU seconds of both, the ratio engine / Frictionless
(target <= 1.2), and the engine's peak RSS growth over its RSS after imports (target
< 200 MB). The machine's other load shows in wall time; CPU time is the steadier figure.

The engine does more than the CLI: it scans the whole file once first (encoding, NFC, line
ends; only a file that is not clean UTF-8 NFC gets a normalised copy) and infers its schema
from 10,000 rows, not 100.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Đặng Quốc Khánh"]
TONES = "\u0300\u0301\u0303\u0309\u0323"
PLACES = ["Phường Trần Phú", "Xã Dĩnh Trì", "Thị trấn Chũ", "Xã Nghĩa Phương", "Xã Tân Sỏi"]


def _cp1258_table(text: str) -> dict[int, str]:
    """For each character Windows-1258 lacks: its precomposed base letter plus tone mark."""
    table = {}
    for char in set(text):
        try:
            char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in TONES)
            table[ord(char)] = (
                unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tones
            )
    return table


def generate(path: Path, size_mb: int, encoding: str = "utf-8") -> int:
    """A CSV of about `size_mb` MB in `encoding` ("utf-8" or "cp1258"); returns its rows."""
    rng = random.Random(size_mb)
    target = size_mb * 1024 * 1024
    table = _cp1258_table("".join(NAMES + PLACES) + "Ghi chú số")
    rows = 0

    def encode(text: str) -> bytes:
        if encoding == "cp1258":
            return text.translate(table).encode("cp1258")
        return text.encode(encoding)

    with open(path, "wb") as out:
        out.write(encode("id,ma_xa,ho_ten,dia_chi,ngay_sinh,thu_nhap,ty_le,ghi_chu\n"))
        while out.tell() < target:
            batch = []
            for _ in range(1000):
                rows += 1
                batch.append(
                    f"{rows},{rng.randint(7000, 7400):05d},{rng.choice(NAMES)},"
                    f"{rng.choice(PLACES)},19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d},{rng.randint(0, 10**8)},{rng.random():.4f},"
                    f"Ghi chú số {rows}\n"
                )
            out.write(encode("".join(batch)))
    return rows


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def child(path: str, workdir: str) -> None:
    """Run the engine once in this process and print its figures as JSON."""
    sys.path.insert(0, str(REPO))
    import frictionless  # noqa: F401  (imports are not the engine's growth)

    from catalog.services.tabular import (
        resources,  # noqa: F401
        validate_file,
    )

    base = _status_kb("VmRSS:")
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = validate_file(Path(path), format="csv", workdir=Path(workdir))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = _status_kb("VmHWM:")
    if outcome.normalized_path:
        outcome.normalized_path.unlink()
    figures = {
        "wall": wall,
        "cpu": cpu,
        "rss_base_mb": base / 1024,
        "rss_peak_mb": peak / 1024,
        "status": outcome.status,
        "rows": outcome.report["stats"]["rows"],
    }
    print(json.dumps(figures))


def run_cli(path: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run(  # a relative path: Frictionless refuses absolute ones as unsafe
        [sys.executable, "-m", "frictionless", "validate", path.name],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        cwd=path.parent,
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "valid": done.returncode == 0}


def run_engine(path: Path, workdir: Path) -> dict:
    """The engine in a fresh process, timed from outside like the CLI (start-up included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(workdir)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["inner_wall"], figures["inner_cpu"] = figures["wall"], figures["cpu"]
    figures["wall"] = wall
    figures["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100], help="MB, e.g. 10 100")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--encodings", nargs="+", default=["utf-8"], help="utf-8 and/or cp1258 (Windows-1258)"
    )
    parser.add_argument("--dir", type=Path, default=None, help="where to write the files")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        results = []
        for size, encoding in [(s, e) for s in args.sizes for e in args.encodings]:
            path = folder / f"bench-{size}mb-{encoding}.csv"
            rows = generate(path, size, encoding)
            cli_runs, engine_runs = [], []
            for _ in range(args.repeat):
                cli_runs.append(run_cli(path))
                engine_runs.append(run_engine(path, folder))
            cli = {k: statistics.median(r[k] for r in cli_runs) for k in ("wall", "cpu")}
            ours = {k: statistics.median(r[k] for r in engine_runs) for k in ("wall", "cpu")}
            growth = max(r["rss_peak_mb"] - r["rss_base_mb"] for r in engine_runs)
            label = f"{size}MB {encoding}"
            results.append((label, rows, cli, ours, growth, cli_runs[0], engine_runs[0]))
            path.unlink()

    print(f"{'file':>12} {'rows':>9} | {'frictionless CLI':>18} | {'engine':>18} | "
          f"{'ratio wall':>10} {'ratio cpu':>9} | {'RSS growth':>10}")  # fmt: skip
    print(f"{'':>12} {'':>9} | {'wall s':>8} {'cpu s':>9} | {'wall s':>8} {'cpu s':>9} |")
    verdict = True
    for label, rows, cli, ours, growth, cli_run, engine_run in results:
        ratio_wall = ours["wall"] / cli["wall"]
        ratio_cpu = ours["cpu"] / cli["cpu"]
        print(
            f"{label:>12} {rows:>9} | {cli['wall']:>8.1f} {cli['cpu']:>9.1f} | "
            f"{ours['wall']:>8.1f} {ours['cpu']:>9.1f} | {ratio_wall:>10.2f} {ratio_cpu:>9.2f} |"
            f" {growth:>7.0f} MB   (CLI valid: {cli_run['valid']}, engine: "
            f"{engine_run['status']}, {engine_run['rows']} rows)"
        )
        verdict = verdict and ratio_wall <= 1.2 and growth < 200
    print("targets (ratio <= 1.2, RSS growth < 200 MB):", "met" if verdict else "NOT met")


if __name__ == "__main__":
    main()
