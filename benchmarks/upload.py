"""Benchmark uploads: resource_create with a multipart CSV, validated by Frictionless on the
server, against `frictionless validate` of the same files in the same run.

    .venv/bin/python benchmarks/upload.py [--sizes 10,100] [--backend sqlite|postgresql]
                                          [--repeat 3] [--seed 1]

Generates realistic Vietnamese CSVs (and one 10 MB variant with invalid cells) with a Table
Schema in a temporary directory, runs the real server (`opendata serve`) on a free 127.0.0.1
port, uploads each file with httpx streaming it from disk, and samples the server's RSS every
50 ms. See benchmarks/README.md for how to read the table.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench_databases import database_url, postgres_unreachable

BIN = Path(sys.executable).parent  # the venv's bin: opendata and frictionless live here
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_ENV = "OPENDATA_BENCH_DATABASE_URL"
HOST = "127.0.0.1"
API = "/api/3/action/"
MB = 1024 * 1024

RATIO_TARGET = 1.2  # server upload+validate time / `frictionless validate` time
RSS_TARGET_MB = 200.0  # peak RSS growth of the server, for files of >= 100 MB
PROBE_TARGET_MS = 1000.0  # "other requests keep answering" while a file is validated
RSS_INTERVAL = 0.05
PROBE_INTERVAL = 0.25

# Hard time limits (seconds): every wait stops at its event or its limit, whichever is first.
RUN_TIME_LIMIT = 570.0
SERVER_START_LIMIT = 90.0  # the first start loads datasets/ into the empty catalog
STEP_TIME_LIMIT = 240.0  # one upload, or one `frictionless validate`
CLI_TIME_LIMIT = 60.0  # `opendata user add` / `user token add`

# ---------------------------------------------------------------------------------------------
# The files: a register of household businesses per commune (hộ kinh doanh), as a district
# office exports it. Commune codes keep their leading zeros; text has Vietnamese diacritics.
# ---------------------------------------------------------------------------------------------

DISTRICTS = [
    ("213", "Thành phố Bắc Giang", ["Phường Trần Phú", "Phường Ngô Quyền", "Phường Hoàng Văn Thụ",
                                    "Phường Xương Giang", "Phường Dĩnh Kế", "Xã Song Mai",
                                    "Xã Tân Mỹ", "Xã Đồng Sơn"]),
    ("215", "Huyện Yên Thế", ["Thị trấn Phồn Xương", "Xã Đồng Tiến", "Xã Canh Nậu",
                              "Xã Tam Hiệp", "Xã Hồng Kỳ", "Xã Đồng Lạc"]),
    ("216", "Huyện Tân Yên", ["Thị trấn Cao Thượng", "Xã Ngọc Thiện", "Xã Quế Nham",
                              "Xã Việt Lập", "Xã Liên Chung", "Xã Hợp Đức"]),
    ("217", "Huyện Lạng Giang", ["Thị trấn Vôi", "Thị trấn Kép", "Xã Tân Dĩnh", "Xã Hương Sơn",
                                 "Xã Quang Thịnh", "Xã Nghĩa Hòa"]),
    ("218", "Huyện Lục Nam", ["Thị trấn Đồi Ngô", "Xã Bảo Đài", "Xã Cẩm Lý", "Xã Huyền Sơn",
                              "Xã Lục Sơn", "Xã Phương Sơn"]),
    ("219", "Huyện Lục Ngạn", ["Thị trấn Chũ", "Xã Phượng Sơn", "Xã Quý Sơn", "Xã Hồng Giang",
                               "Xã Biển Động", "Xã Tân Hoa", "Xã Nghĩa Hồ"]),
    ("220", "Huyện Sơn Động", ["Thị trấn An Châu", "Xã Dương Hưu", "Xã Vân Sơn", "Xã Lệ Viễn",
                               "Xã Tuấn Đạo"]),
    ("221", "Huyện Yên Dũng", ["Thị trấn Nham Biền", "Thị trấn Tân An", "Xã Lãng Sơn",
                               "Xã Tiến Dũng", "Xã Đồng Phúc"]),
    ("222", "Thị xã Việt Yên", ["Phường Bích Động", "Phường Nếnh", "Xã Minh Đức",
                                "Xã Thượng Lan", "Xã Vân Trung"]),
    ("223", "Huyện Hiệp Hòa", ["Thị trấn Thắng", "Xã Đoan Bái", "Xã Hoàng Vân", "Xã Mai Đình",
                               "Xã Châu Minh", "Xã Hùng Sơn"]),
]  # fmt: skip
VILLAGES = ["Thôn Đông", "Thôn Tây", "Thôn Trung", "Thôn Hạ", "Thôn Thượng", "Tổ dân phố số 3",
            "Tổ dân phố số 7", "Bản Đồng Rì", "Thôn Cầu Mới", "Khu phố Minh Khai",
            "Thôn Nội Ninh", "Thôn Giữa"]  # fmt: skip
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Thân", "Giáp", "Hà", "Chu", "Nông"]  # fmt: skip
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hữu", "Ngọc", "Thanh", "Xuân", "Bảo"]
GIVEN = ["Hương", "Hùng", "Lan", "Tuấn", "Dũng", "Hạnh", "Phương", "Thắng", "Nga", "Việt",
         "Thủy", "Long", "Quyết", "Huyền", "Nghĩa", "Điệp", "Ánh", "Khánh", "Trường",
         "Yến"]  # fmt: skip
TRADES = [
    ("Bán lẻ hàng tạp hóa", "Cửa hàng tạp hóa"),
    ("Kinh doanh vải thiều và nông sản", "Đại lý nông sản"),
    ("Dịch vụ ăn uống", "Quán ăn"),
    ("Sửa chữa xe máy", "Tiệm sửa xe"),
    ("Bán lẻ vật liệu xây dựng", "Cửa hàng vật liệu xây dựng"),
    ("Kinh doanh thuốc bảo vệ thực vật", "Đại lý vật tư nông nghiệp"),
    ("Dịch vụ cắt tóc, gội đầu", "Salon tóc"),
    ("Sản xuất mì Chũ", "Cơ sở sản xuất mì"),
    ("Bán lẻ điện thoại, máy tính", "Cửa hàng điện thoại"),
    ("Kinh doanh gạo, lương thực", "Đại lý gạo"),
    ("Nhà nghỉ, dịch vụ lưu trú", "Nhà nghỉ"),
    ("May mặc", "Xưởng may"),
]
STATUSES = ["Đang hoạt động", "Đang hoạt động", "Đang hoạt động", "Tạm ngừng kinh doanh",
            "Đã chấm dứt hoạt động"]  # fmt: skip
NOTES = ["", "", "", "", "", "Đã cập nhật địa chỉ theo đơn vị hành chính mới từ 01/7/2025",
         "Chuyển đổi từ hộ kinh doanh lên doanh nghiệp", "Bổ sung ngành nghề năm 2024",
         "Thay đổi chủ hộ, ghi theo giấy chứng nhận mới"]  # fmt: skip
COLUMNS = ["ma_ho_kinh_doanh", "ten_ho_kinh_doanh", "chu_ho", "ma_huyen", "ten_huyen", "ma_xa",
           "ten_xa", "dia_chi", "nganh_nghe", "so_lao_dong", "von_kinh_doanh_trieu_dong",
           "dien_tich_m2", "ngay_dang_ky", "trang_thai", "ghi_chu"]  # fmt: skip


def table_schema() -> dict[str, Any]:
    """The Table Schema the steward gives with the file (ckanext-validation's `schema`)."""

    def field(name: str, type_: str, title: str, **constraints: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"name": name, "type": type_, "title": title}
        if constraints:
            out["constraints"] = constraints
        return out

    return {
        "fields": [
            field("ma_ho_kinh_doanh", "string", "Mã hộ kinh doanh", required=True,
                  pattern=r"20A8\d{7}"),
            field("ten_ho_kinh_doanh", "string", "Tên hộ kinh doanh", required=True),
            field("chu_ho", "string", "Chủ hộ", required=True),
            field("ma_huyen", "string", "Mã huyện", required=True, pattern=r"\d{3}"),
            field("ten_huyen", "string", "Tên huyện"),
            field("ma_xa", "string", "Mã xã", required=True, pattern=r"0\d{4}"),
            field("ten_xa", "string", "Tên xã"),
            field("dia_chi", "string", "Địa chỉ"),
            field("nganh_nghe", "string", "Ngành nghề kinh doanh"),
            field("so_lao_dong", "integer", "Số lao động", minimum=0),
            field("von_kinh_doanh_trieu_dong", "number", "Vốn kinh doanh (triệu đồng)",
                  minimum=0),
            field("dien_tich_m2", "number", "Diện tích mặt bằng (m²)"),
            field("ngay_dang_ky", "date", "Ngày đăng ký", required=True),
            field("trang_thai", "string", "Trạng thái", enum=sorted(set(STATUSES))),
            field("ghi_chu", "string", "Ghi chú"),
        ],
        "missingValues": [""],
    }  # fmt: skip


# One kind of invalid cell each; every defective row gets exactly one, so the expected error
# count is the number of defective rows. (column, bad value): the mistakes stewards make.
DEFECTS: list[tuple[str, str]] = [
    ("ma_xa", "7204"),  # Excel dropped the leading zero: pattern
    ("so_lao_dong", "mười hai"),  # a number in words: type
    ("ngay_dang_ky", "31/02/2024"),  # a day that does not exist, not ISO: type
    ("von_kinh_doanh_trieu_dong", "1.250,5"),  # Vietnamese decimal comma: type
    ("trang_thai", "Hoạt động"),  # not in the list: enum
    ("chu_ho", ""),  # missing: required
    ("so_lao_dong", "-3"),  # minimum
]
DEFECT_SHARE = 0.002


@dataclass
class Communes:
    rows: list[tuple[str, str, str, str]]  # (district code, district, commune code, commune)

    @classmethod
    def build(cls) -> Communes:
        rows = []
        code = 7201
        for district_code, district, communes in DISTRICTS:
            for commune in communes:
                rows.append((district_code, district, f"{code:05d}", commune))
                code += 3
            code += 20
        return cls(rows)


@dataclass
class CsvFile:
    label: str
    path: Path
    rows: int  # data rows, without the header
    defects: int  # invalid cells written (each one Frictionless error)
    sha256: str = ""

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def expect_valid(self) -> bool:
        return self.defects == 0


def _row(rng: random.Random, communes: Communes, number: int) -> list[str]:
    district_code, district, commune_code, commune = rng.choice(communes.rows)
    trade, shop = rng.choice(TRADES)
    owner = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"
    registered = date(2010, 1, 1) + timedelta(days=rng.randrange(5800))
    return [
        f"20A8{number:07d}",
        f"{shop} {owner.split()[-1]}",
        owner,
        district_code,
        district,
        commune_code,
        commune,
        f"Số {rng.randint(1, 320)}, {rng.choice(VILLAGES)}, {commune}, {district}",
        trade,
        str(rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 12, 25])),
        f"{rng.randint(20, 9000) + rng.randint(0, 99) / 100:.2f}",
        f"{rng.randint(8, 600) + rng.randint(0, 9) / 10:.1f}",
        registered.isoformat(),
        rng.choice(STATUSES),
        rng.choice(NOTES),
    ]


def write_csv(path: Path, target_bytes: int, seed: int, defects: bool) -> CsvFile:
    """Rows until the file reaches `target_bytes`; CRLF line ends, as Excel writes them."""
    rng = random.Random(seed)
    communes = Communes.build()
    positions = {name: i for i, name in enumerate(COLUMNS)}
    written = 0
    bad = 0
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        while written < target_bytes:
            batch = []
            for _ in range(1000):
                rows += 1
                row = _row(rng, communes, rows)
                if defects and rng.random() < DEFECT_SHARE:
                    column, value = rng.choice(DEFECTS)
                    row[positions[column]] = value
                    bad += 1
                batch.append(row)
            writer.writerows(batch)
            written = handle.tell()
    label = f"{target_bytes // MB} MB{' invalid' if defects else ''}"
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(MB):
            digest.update(chunk)
    return CsvFile(label, path, rows, bad, digest.hexdigest())


def make_files(directory: Path, sizes: list[int], seed: int) -> list[CsvFile]:
    files = []
    for size in sizes:
        files.append(write_csv(directory / f"ho-kinh-doanh-{size}mb.csv", size * MB, seed, False))
    # The invalid variant: 10 MB, a different seed so it is not a prefix of the valid file.
    files.append(write_csv(directory / "ho-kinh-doanh-10mb-loi.csv", 10 * MB, seed + 1, True))
    return files


# ---------------------------------------------------------------------------------------------
# Memory: the RSS of a process, sampled in a thread
# ---------------------------------------------------------------------------------------------

try:
    import psutil
except ImportError:  # the fallback reads /proc; say so once
    psutil = None


def rss_note() -> str:
    if psutil is not None:
        return f"RSS read with psutil {psutil.__version__}"
    return ("NOTE: psutil is not installed in this venv; RSS is read from /proc/<pid>/status "
            "(VmRSS). `.venv/bin/pip install psutil` to use it.")  # fmt: skip


def read_rss(pid: int) -> int | None:
    """Resident set size in bytes (None when the process is gone)."""
    if psutil is not None:
        try:
            return int(psutil.Process(pid).memory_info().rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def read_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a running process, all its threads (None when gone)."""
    if psutil is not None:
        try:
            times = psutil.Process(pid).cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return None
        return float(times.user + times.system)
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    """User + system CPU seconds of this process's children that have been waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class RssSampler:
    """Samples a process's RSS every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = RSS_INTERVAL) -> None:
        self.pid = pid
        self.interval = interval
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = read_rss(self.pid)
            if rss is not None:
                self.samples.append(rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self._stop.set()
        self._thread.join(5)

    @property
    def peak(self) -> int:
        return max(self.samples, default=0)


def settled_rss(pid: int, seconds: float = 0.5) -> int:
    """The median of a few samples over `seconds`: the baseline before an upload."""
    samples = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rss = read_rss(pid)
        if rss is not None:
            samples.append(rss)
        time.sleep(RSS_INTERVAL)
    return int(statistics.median(samples)) if samples else 0


# ---------------------------------------------------------------------------------------------
# The server, `opendata serve`, in its own process
# ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    base: str
    process: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.process.pid


@contextmanager
def served(env: dict[str, str], log_path: Path) -> Iterator[Server]:
    """`opendata serve` on a free loopback port; stopped (and waited for) on exit."""
    import httpx

    port = free_port()
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [str(BIN / "opendata"), "serve", "--host", HOST, "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://{HOST}:{port}"
        deadline = time.monotonic() + SERVER_START_LIMIT
        with httpx.Client(base_url=base, trust_env=False, timeout=5) as client:
            while True:
                try:
                    if client.get(API + "site_read").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None:
                    tail = log_path.read_text(errors="replace").splitlines()[-15:]
                    raise RuntimeError(
                        f"the server exited ({process.returncode}):\n" + "\n".join(tail)
                    )
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the server did not answer within {SERVER_START_LIMIT}s")
                time.sleep(0.1)
        yield Server(base, process)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def run_cli(args: list[str], env: dict[str, str]) -> str:
    """Run `opendata ...`; its stdout (raise with its stderr on failure)."""
    done = subprocess.run(
        [str(BIN / "opendata"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=CLI_TIME_LIMIT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"opendata {args[0]} {args[1]} failed: {done.stderr.strip()}")
    return done.stdout


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self, cap: float) -> float:
        left = self.end - time.monotonic()
        if left <= 5:
            raise TimeoutError(f"the run reached its {RUN_TIME_LIMIT:.0f} s limit")
        return min(cap, left)


class Prober:
    """GET site_read every PROBE_INTERVAL s on its own connection while a file is validated:
    the server must keep answering other requests (issue 3, item 6)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.latencies: list[float] = []
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import httpx

        with httpx.Client(base_url=self.base, trust_env=False, timeout=10) as client:
            client.get(API + "site_read")
            while not self._stop.is_set():
                before = time.perf_counter()
                try:
                    ok = client.get(API + "site_read").status_code == 200
                except httpx.HTTPError:
                    ok = False
                self.latencies.append(time.perf_counter() - before)
                self.failures += not ok
                self._stop.wait(PROBE_INTERVAL)

    def __enter__(self) -> Prober:
        self._thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self._stop.set()
        self._thread.join(15)

    @property
    def worst_ms(self) -> float:
        return max(self.latencies, default=0.0) * 1000


@dataclass
class Result:
    """One file's runs on one server: medians of the times, the worst RSS growth."""

    file: CsvFile
    upload_seconds: list[float] = field(default_factory=list)  # resource_create, end to end
    validation_seconds: list[float] = field(default_factory=list)  # the report's stats.seconds
    cli_seconds: list[float] = field(default_factory=list)  # `frictionless validate`
    upload_cpu: list[float] = field(default_factory=list)  # server CPU seconds per upload
    cli_cpu: list[float] = field(default_factory=list)  # the CLI's CPU seconds
    baseline_rss: list[int] = field(default_factory=list)  # server RSS before each upload
    peak_rss: list[int] = field(default_factory=list)  # server RSS peak during each upload
    cli_peak_rss: int = 0
    status: str = "-"
    report_errors: int | None = None
    report_partial: bool | None = None
    cli_valid: bool | None = None
    cli_errors: int | None = None
    probe_worst_ms: float = 0.0
    probe_failures: int = 0
    probe_count: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def upload(self) -> float:
        return statistics.median(self.upload_seconds) if self.upload_seconds else math.nan

    @property
    def validation(self) -> float:
        return statistics.median(self.validation_seconds) if self.validation_seconds else math.nan

    @property
    def cli(self) -> float:
        return statistics.median(self.cli_seconds) if self.cli_seconds else math.nan

    @property
    def ratio(self) -> float:
        return self.upload / self.cli

    @property
    def cpu_ratio(self) -> float:
        if not self.upload_cpu or not self.cli_cpu:
            return math.nan
        return statistics.median(self.upload_cpu) / statistics.median(self.cli_cpu)

    @property
    def growths(self) -> list[int]:
        return [peak - base for base, peak in zip(self.baseline_rss, self.peak_rss, strict=True)]

    @property
    def growth(self) -> int:
        return max(self.growths, default=0)


def api_call(client: Any, name: str, data: dict[str, Any], token: str) -> dict[str, Any]:
    response = client.post(API + name, json=data, headers={"Authorization": token})
    body = response.json()
    if response.status_code != 200 or not body.get("success"):
        raise RuntimeError(f"{name} answered {response.status_code}: {body.get('error')}")
    return body["result"]


def upload(
    client: Any, token: str, package_id: str, test_file: CsvFile, schema_text: str, timeout: float
) -> dict[str, Any]:
    """resource_create with a multipart body; httpx streams the open file in 64 kB chunks."""
    import httpx

    fields = {
        "package_id": package_id,
        "name": f"Hộ kinh doanh ({test_file.label})",
        "format": "CSV",
        "schema": schema_text,
    }
    with test_file.path.open("rb") as handle:
        try:
            response = client.post(
                API + "resource_create",
                data=fields,
                files={"upload": (test_file.path.name, handle, "text/csv")},
                headers={"Authorization": token},
                timeout=timeout,
            )
        except httpx.TimeoutException:
            raise TimeoutError(f"{test_file.path.name}: no answer in {timeout:.0f} s") from None
    body = response.json()
    if response.status_code != 200 or not body.get("success"):
        raise RuntimeError(f"resource_create answered {response.status_code}: {body.get('error')}")
    return body["result"]


def check_upload(client: Any, token: str, created: dict[str, Any], result: Result) -> None:
    """Read the resource and its report back; note anything that is not as sent."""
    sent = result.file
    shown = api_call(client, "resource_show", {"id": created["id"]}, token)
    result.status = str(shown.get("validation_status"))
    if created.get("validation_status") != shown.get("validation_status"):
        result.problems.append("resource_create and resource_show disagree on the status")
    if int(shown.get("size") or -1) != sent.size:
        result.problems.append(f"stored size {shown.get('size')} != {sent.size}")
    if shown.get("hash") != sent.sha256:
        result.problems.append("the stored hash is not the sha256 of the file sent")
    validation = api_call(client, "resource_validation_show", {"resource_id": created["id"]},
                          token)  # fmt: skip
    report = validation.get("report") or {}
    stats = report.get("stats") or {}
    result.report_errors = stats.get("errors")
    result.report_partial = report.get("partial")
    result.validation_seconds.append(float(stats.get("seconds") or math.nan))
    if stats.get("rows") != sent.rows:
        result.problems.append(f"the report checked {stats.get('rows')} rows of {sent.rows}")


def leftovers(env: dict[str, str]) -> list[str]:
    """Files in the server's staging directory and TMPDIR (there should be none)."""
    staging = Path(env["OPENDATA_DATA_DIR"]) / "resources" / ".staging"
    found = sorted(p.name for p in staging.iterdir()) if staging.is_dir() else []
    return found + sorted(p.name for p in Path(env["TMPDIR"]).iterdir())


# An error in the CLI's table starts a line with its row number (wrapped lines leave it blank).
_ERROR_LINE = re.compile(r"^│\s*\d+\s*│", re.MULTILINE)


def run_frictionless(
    files_dir: Path, test_file: CsvFile, result: Result, deadline: Deadline
) -> None:
    """`frictionless validate --schema schema.json <file>` in the files' directory, timed,
    with its RSS sampled as the server's is. Exit status 0 means valid."""
    output = files_dir / f"{test_file.path.stem}.frictionless.txt"
    with output.open("wb") as out:
        cpu_before = children_cpu()
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(BIN / "frictionless"), "validate", "--schema", "schema.json", test_file.path.name],
            cwd=files_dir,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            with RssSampler(process.pid) as sampler:
                code = process.wait(deadline.left(STEP_TIME_LIMIT))
        except subprocess.TimeoutExpired:
            raise TimeoutError(f"frictionless validate {test_file.path.name}: too slow") from None
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(5)
        result.cli_seconds.append(time.perf_counter() - started)
        result.cli_cpu.append(children_cpu() - cpu_before)
    result.cli_peak_rss = max(result.cli_peak_rss, sampler.peak)
    result.cli_valid = code == 0
    text = output.read_text(encoding="utf-8", errors="replace")
    result.cli_errors = len(_ERROR_LINE.findall(text))


def measure_file(
    env: dict[str, str],
    workdir: Path,
    token: str,
    package_id: str,
    test_file: CsvFile,
    warmup: CsvFile,
    schema_text: str,
    repeat: int,
    deadline: Deadline,
) -> Result:
    """On a freshly started server, warmed up with one small upload: `repeat` times, upload
    the file (RSS sampled, site_read probed) and then run `frictionless validate` on it, so
    both see the same machine load."""
    import httpx

    result = Result(test_file)
    files_dir = test_file.path.parent
    with (
        served(env, workdir / "server.log") as server,
        httpx.Client(base_url=server.base, trust_env=False, timeout=30) as client,
    ):
        upload(client, token, package_id, warmup, schema_text, deadline.left(60))
        for _ in range(repeat):
            result.baseline_rss.append(settled_rss(server.pid))
            timeout = deadline.left(STEP_TIME_LIMIT)
            with RssSampler(server.pid) as sampler, Prober(server.base) as prober:
                cpu_before = read_cpu(server.pid) or 0.0
                started = time.perf_counter()
                created = upload(client, token, package_id, test_file, schema_text, timeout)
                result.upload_seconds.append(time.perf_counter() - started)
                result.upload_cpu.append((read_cpu(server.pid) or math.nan) - cpu_before)
            result.peak_rss.append(max(sampler.peak, result.baseline_rss[-1]))
            result.probe_worst_ms = max(result.probe_worst_ms, prober.worst_ms)
            result.probe_failures += prober.failures
            result.probe_count += len(prober.latencies)
            check_upload(client, token, created, result)
            run_frictionless(files_dir, test_file, result, deadline)
    left = leftovers(env)
    if left:
        result.problems.append(f"temporary files left behind: {', '.join(left[:5])}")
    return result


def cli_floor(files_dir: Path, warmup: CsvFile) -> float:
    """Seconds of `frictionless validate` on a small file: its start-up cost."""
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "frictionless"), "validate", "--schema", "schema.json", warmup.path.name],
        cwd=files_dir,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=CLI_TIME_LIMIT,
        check=False,
    )
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / MB:.0f}"


def _runs(values: list[float], unit: str, scale: float = 1.0, digits: int = 1) -> str:
    return "/".join(f"{value / scale:.{digits}f}" for value in values) + f" {unit}"


def report(results: list[Result]) -> tuple[list[str], bool]:
    lines = [
        f"{'file':<14}{'MB':>6}{'rows':>9}{'upload+val s':>14}{'(val s)':>9}"
        f"{'frictionless s':>16}{'ratio':>7}{'base RSS':>10}{'peak RSS':>10}{'growth':>8}"
        f"{'fl RSS':>8}{'probe ms':>10}{'CPU ratio':>11}  validation_status (errors)",
    ]
    for r in results:
        errors = "" if r.report_errors is None else f" ({r.report_errors})"
        fl = "valid" if r.cli_valid else "invalid" if r.cli_valid is not None else "-"
        fl_errors = "" if r.cli_errors is None else f" ({r.cli_errors})"
        lines.append(
            f"{r.file.label:<14}{r.file.size / MB:>6.1f}{r.file.rows:>9}{r.upload:>14.1f}"
            f"{r.validation:>9.1f}{r.cli:>16.1f}{r.ratio:>7.2f}"
            f"{_mb(min(r.baseline_rss, default=0)):>10}{_mb(max(r.peak_rss, default=0)):>10}"
            f"{_mb(r.growth):>8}{_mb(r.cli_peak_rss):>8}{r.probe_worst_ms:>10.0f}"
            f"{r.cpu_ratio:>11.2f}  "
            f"{r.status}{errors}; frictionless: {fl}{fl_errors}"
        )
        lines.append(
            f"{'':<14}runs: upload {_runs(r.upload_seconds, 's')}, frictionless "
            f"{_runs(r.cli_seconds, 's')}, RSS growth {_runs(r.growths, 'MB', MB, 0)}; CPU: "
            f"server {_runs(r.upload_cpu, 's')}, frictionless {_runs(r.cli_cpu, 's')}"
        )
    lines.append(
        "(medians of the runs; RSS in MB: `growth` is the largest of the runs' peak minus the "
        "RSS before that upload; `fl RSS` is the frictionless CLI's own peak; `CPU ratio`: "
        "the server's CPU seconds during the upload / the CLI's)"
    )
    verdicts: list[str] = []
    ok = True

    def verdict(passed: bool, text: str) -> None:
        nonlocal ok
        ok = ok and passed
        verdicts.append(f"{'PASS' if passed else 'FAIL'}  {text}")

    for r in results:
        name = r.file.label
        verdict(
            r.ratio <= RATIO_TARGET,
            f"{name}: upload+validate / frictionless = {r.upload:.1f} s / {r.cli:.1f} s = "
            f"{r.ratio:.2f} (target <= {RATIO_TARGET}); in CPU time {r.cpu_ratio:.2f}",
        )
        if r.file.size >= 100 * MB:
            verdict(
                r.growth < RSS_TARGET_MB * MB,
                f"{name}: server peak RSS growth {r.growth / MB:.0f} MB "
                f"(target < {RSS_TARGET_MB:.0f} MB)",
            )
        expected = "success" if r.file.expect_valid else "failure"
        verdict(
            r.status == expected and r.cli_valid == r.file.expect_valid,
            f"{name}: validation_status {r.status} (expected {expected}); frictionless says "
            f"{'valid' if r.cli_valid else 'invalid'}",
        )
        if not r.file.expect_valid:
            verdict(
                r.report_errors == r.file.defects == r.cli_errors and not r.report_partial,
                f"{name}: report counts {r.report_errors} errors for {r.file.defects} invalid "
                f"cells written (frictionless CLI: {r.cli_errors}); partial={r.report_partial}",
            )
        verdict(
            r.probe_failures == 0 and r.probe_worst_ms < PROBE_TARGET_MS,
            f"{name}: other requests kept answering: worst site_read {r.probe_worst_ms:.0f} ms "
            f"over {r.probe_count} probes, {r.probe_failures} failed "
            f"(target < {PROBE_TARGET_MS:.0f} ms)",
        )
        for problem in dict.fromkeys(r.problems):
            verdict(False, f"{name}: {problem}")
    return lines + verdicts, ok


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100", help="CSV sizes in MB, comma-separated")
    parser.add_argument("--backend", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--seed", type=int, default=1, help="random seed of the files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per file (medians shown)")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error("--sizes takes whole numbers of MB, e.g. 10,100")
    if not args.sizes or any(size < 1 or size > 500 for size in args.sizes):
        parser.error("--sizes must be between 1 and 500 MB")
    if not 1 <= args.repeat <= 10:
        parser.error("--repeat must be between 1 and 10")
    return args


def _stop(signum: int, _frame: Any) -> None:
    raise SystemExit(f"stopped by signal {signum}")  # unwinds, so the cleanups run


def bench(args: argparse.Namespace, stack: ExitStack, deadline: Deadline) -> tuple[list[str], bool]:
    import httpx

    workdir = Path(tempfile.mkdtemp(prefix="opendata-bench-upload-"))
    stack.callback(shutil.rmtree, workdir, ignore_errors=True)
    files_dir, data_dir, tmp_dir = workdir / "files", workdir / "data", workdir / "tmp"
    for directory in (files_dir, data_dir, tmp_dir):
        directory.mkdir()

    started = time.perf_counter()
    schema = table_schema()
    (files_dir / "schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2),
                                           encoding="utf-8")  # fmt: skip
    files = make_files(files_dir, args.sizes, args.seed)
    warmup = write_csv(files_dir / "warmup.csv", 1, args.seed + 2, False)  # one batch of rows
    print(f"files ({time.perf_counter() - started:.1f} s to write, seed {args.seed}):", flush=True)
    for item in files:
        print(f"  {item.path.name}: {item.size / MB:.1f} MB, {item.rows} rows, "
              f"{item.defects} invalid cells", flush=True)  # fmt: skip

    postgres_url = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES_URL
    if args.backend == "postgresql":
        why = postgres_unreachable(postgres_url)
        if why:
            return [f"FAIL  postgresql: {postgres_url} is unreachable ({why})"], False
    url = stack.enter_context(database_url(args.backend, data_dir, postgres_url))
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENDATA_")}
    env.update(OPENDATA_DATA_DIR=str(data_dir), OPENDATA_DATABASE_URL=url, TMPDIR=str(tmp_dir))
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(key, None)

    run_cli(["user", "add", "bench-admin", "--email", "bench@example.org", "--sysadmin"], env)
    token = run_cli(["user", "token", "add", "bench-admin", "bench"], env).strip().splitlines()[-1]
    schema_text = json.dumps(schema, ensure_ascii=False)
    with (
        served(env, workdir / "server.log") as server,
        httpx.Client(base_url=server.base, trust_env=False, timeout=30) as client,
    ):
        print(f"server: `opendata serve` at {server.base} ({args.backend}); {rss_note()}",
              flush=True)  # fmt: skip
        api_call(client, "organization_create",
                 {"name": "bench-upload", "title": "Phòng Tài chính - Kế hoạch (đo hiệu năng)"},
                 token)  # fmt: skip
        package = api_call(client, "package_create", {
            "name": "ho-kinh-doanh-bench", "title": "Danh sách hộ kinh doanh (dữ liệu mẫu)",
            "owner_org": "bench-upload", "notes": "Dữ liệu mẫu do công cụ đo hiệu năng sinh ra.",
        }, token)  # fmt: skip

    floor = cli_floor(files_dir, warmup)
    results = []
    for item in files:
        print(f"  {item.label}: {args.repeat} x (upload, frictionless validate) ...", flush=True)
        result = measure_file(env, workdir, token, package["id"], item, warmup, schema_text,
                              args.repeat, deadline)  # fmt: skip
        results.append(result)
        print(f"  {item.label}: {_runs(result.upload_seconds, 's')} vs "
              f"{_runs(result.cli_seconds, 's')}", flush=True)  # fmt: skip
    lines, ok = report(results)
    header = [
        "",
        f"== uploads through resource_create ({args.backend}): {args.repeat} runs per file, "
        "each file on a fresh server after one small warm-up upload",
        f"frictionless CLI floor (a {warmup.rows}-row file): {floor:.1f} s; "
        f"RSS sampled every {RSS_INTERVAL * 1000:.0f} ms; site_read probed every "
        f"{PROBE_INTERVAL * 1000:.0f} ms during each upload",
    ]
    return header + lines, ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.perf_counter()
    deadline = Deadline(RUN_TIME_LIMIT)
    with ExitStack() as stack:
        try:
            lines, ok = bench(args, stack, deadline)
        except (TimeoutError, RuntimeError) as exc:
            lines, ok = [f"FAIL  {exc}"], False
    print("\n".join(lines))
    print(f"\ntotal run time {time.perf_counter() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        print("interrupted (temporary files removed, server stopped)", file=sys.stderr)
        raise SystemExit(130) from None
