"""Benchmark the CKAN Action API over HTTP against a synthetic 10,000-dataset catalog.

    .venv/bin/python benchmarks/api.py [--datasets 10000] [--backends sqlite,postgresql]
                                       [--requests 200] [--seed 1]

For each backend: a fresh database (a SQLite file in a temporary directory, or a new schema in
PostgreSQL), migrated and filled with a catalog that looks like the real one, then the real
app (`create_app`) served by uvicorn in a separate process on 127.0.0.1 and measured with a
keep-alive httpx client. See benchmarks/README.md for how to read the tables.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_databases import database_url, postgres_unreachable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_ENV = "OPENDATA_BENCH_DATABASE_URL"
HOST = "127.0.0.1"
API = "/api/3/action/"
FACET_FIELDS = ["organization", "groups", "tags", "res_format", "license_id"]
SHOW_TARGET_MS = 20.0
FACET_TARGET_MS = 100.0
FILL_BATCH = 500

# Hard time limits (seconds): every loop stops at its count or its limit, whichever is first.
SCENARIO_TIME_LIMIT = 25.0
PAGING_TIME_LIMIT = 90.0
SERVER_START_LIMIT = 30.0
FILL_TIME_LIMIT = 240.0

# ---------------------------------------------------------------------------------------------
# The synthetic catalog
# ---------------------------------------------------------------------------------------------

# The 12 data.gov.vn themes (the site's groups) with subjects typical of each and a weight
# (how often datasets carry the theme).
THEMES: dict[str, tuple[str, str, float, list[str]]] = {
    "nong-nghiep": (
        "Nông nghiệp",
        "Agriculture",
        1.2,
        [
            "diện tích gieo trồng lúa",
            "sản lượng vải thiều",
            "đàn gia súc gia cầm",
            "hợp tác xã nông nghiệp",
            "vùng trồng cây ăn quả",
            "công trình thủy lợi",
        ],
    ),
    "kinh-te-thuong-mai": (
        "Kinh tế, thương mại",
        "Economy and trade",
        1.6,
        [
            "doanh nghiệp đăng ký thành lập",
            "dự án đầu tư trực tiếp nước ngoài",
            "chợ và trung tâm thương mại",
            "khu công nghiệp và cụm công nghiệp",
            "giá trị sản xuất công nghiệp",
            "kim ngạch xuất khẩu",
        ],
    ),
    "giao-duc": (
        "Giáo dục",
        "Education",
        1.0,
        [
            "trường mầm non",
            "trường tiểu học và trung học cơ sở",
            "học sinh trung học phổ thông",
            "giáo viên các cấp học",
            "kết quả thi tốt nghiệp",
            "cơ sở giáo dục nghề nghiệp",
        ],
    ),
    "y-te": (
        "Y tế",
        "Health",
        0.9,
        [
            "cơ sở khám bệnh chữa bệnh",
            "trạm y tế xã phường",
            "nhà thuốc và quầy thuốc",
            "tiêm chủng mở rộng",
            "giường bệnh và nhân lực y tế",
            "bệnh truyền nhiễm",
        ],
    ),
    "lao-dong": (
        "Lao động",
        "Labour",
        0.7,
        [
            "lao động có việc làm",
            "người lao động được đào tạo nghề",
            "tai nạn lao động",
            "trung tâm dịch vụ việc làm",
            "lao động đi làm việc ở nước ngoài",
        ],
    ),
    "moi-truong": (
        "Môi trường",
        "Environment",
        0.8,
        [
            "chất lượng không khí",
            "quan trắc nước mặt",
            "thu gom chất thải rắn",
            "giấy phép khai thác khoáng sản",
            "bảng giá đất",
            "quy hoạch sử dụng đất",
        ],
    ),
    "tai-chinh": (
        "Tài chính",
        "Finance",
        0.8,
        [
            "dự toán ngân sách địa phương",
            "quyết toán ngân sách",
            "thu ngân sách nhà nước",
            "đầu tư công trung hạn",
            "giải ngân vốn đầu tư công",
        ],
    ),
    "nang-luong": (
        "Năng lượng",
        "Energy",
        0.4,
        ["tiêu thụ điện năng", "trạm biến áp", "điện mặt trời mái nhà", "cửa hàng xăng dầu"],
    ),
    "co-so-ha-tang": (
        "Cơ sở hạ tầng",
        "Infrastructure",
        0.8,
        [
            "tuyến đường tỉnh",
            "cầu và bến phà",
            "tuyến xe buýt",
            "bến xe khách",
            "công trình xây dựng được cấp phép",
            "hạ tầng viễn thông",
        ],
    ),
    "xa-hoi": (
        "Xã hội",
        "Society",
        0.9,
        [
            "dân số trung bình",
            "hộ nghèo và cận nghèo",
            "người có công với cách mạng",
            "di tích lịch sử văn hóa",
            "cơ sở lưu trú du lịch",
            "thiết chế văn hóa thể thao",
        ],
    ),
    "cong-nghe": (
        "Công nghệ",
        "Technology",
        0.4,
        [
            "dịch vụ công trực tuyến",
            "chữ ký số",
            "điểm truy cập wifi công cộng",
            "tổ chức khoa học và công nghệ",
        ],
    ),
    "dia-phuong": (
        "Địa phương",
        "Local government",
        1.5,
        [
            "đơn vị hành chính cấp xã",
            "thủ tục hành chính",
            "cán bộ công chức cấp xã",
            "kết quả giải quyết hồ sơ",
            "phản ánh kiến nghị của người dân",
        ],
    ),
}

# Publishing organizations (name, title, weight): after the 2025 merger, plus local bodies.
ORGANIZATIONS: list[tuple[str, str, float]] = [
    ("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh", 2.0),
    ("so-tai-chinh", "Sở Tài chính", 2.0),
    ("so-nong-nghiep-va-moi-truong", "Sở Nông nghiệp và Môi trường", 2.5),
    ("so-cong-thuong", "Sở Công Thương", 1.5),
    ("so-xay-dung", "Sở Xây dựng", 1.5),
    ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo", 1.5),
    ("so-y-te", "Sở Y tế", 1.3),
    ("so-noi-vu", "Sở Nội vụ", 1.2),
    ("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch", 1.0),
    ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ", 1.0),
    ("so-tu-phap", "Sở Tư pháp", 0.6),
    ("so-dan-toc-va-ton-giao", "Sở Dân tộc và Tôn giáo", 0.4),
    ("thanh-tra-tinh", "Thanh tra tỉnh", 0.3),
    ("ban-quan-ly-cac-khu-cong-nghiep", "Ban Quản lý các khu công nghiệp", 0.8),
    ("cuc-thong-ke", "Cục Thống kê tỉnh", 1.8),
    ("bao-hiem-xa-hoi-tinh", "Bảo hiểm xã hội tỉnh", 0.5),
    ("cong-an-tinh", "Công an tỉnh", 0.4),
    ("ubnd-phuong-bac-giang", "UBND phường Bắc Giang", 0.5),
    ("ubnd-xa-luc-ngan", "UBND xã Lục Ngạn", 0.4),
    ("trung-tam-phuc-vu-hanh-chinh-cong", "Trung tâm Phục vụ hành chính công", 0.7),
]

# Who publishes each theme most of the time (the rest is spread over all organizations).
THEME_PUBLISHERS = {
    "nong-nghiep": ["so-nong-nghiep-va-moi-truong"],
    "kinh-te-thuong-mai": ["so-cong-thuong", "so-tai-chinh", "ban-quan-ly-cac-khu-cong-nghiep"],
    "giao-duc": ["so-giao-duc-va-dao-tao"],
    "y-te": ["so-y-te"],
    "lao-dong": ["so-noi-vu", "bao-hiem-xa-hoi-tinh"],
    "moi-truong": ["so-nong-nghiep-va-moi-truong"],
    "tai-chinh": ["so-tai-chinh"],
    "nang-luong": ["so-cong-thuong"],
    "co-so-ha-tang": ["so-xay-dung"],
    "xa-hoi": ["so-van-hoa-the-thao-va-du-lich", "cuc-thong-ke", "so-dan-toc-va-ton-giao"],
    "cong-nghe": ["so-khoa-hoc-va-cong-nghe"],
    "dia-phuong": ["van-phong-ubnd-tinh", "trung-tam-phuc-vu-hanh-chinh-cong", "so-tu-phap",
                   "ubnd-phuong-bac-giang", "ubnd-xa-luc-ngan", "cong-an-tinh", "thanh-tra-tinh"],
}  # fmt: skip
THEME_PUBLISHER_SHARE = 0.7
PLACES = [
    "tỉnh Bắc Giang", "thành phố Bắc Giang", "huyện Lục Ngạn", "huyện Lục Nam", "huyện Yên Thế",
    "huyện Tân Yên", "huyện Lạng Giang", "huyện Hiệp Hòa", "huyện Việt Yên", "huyện Yên Dũng",
    "huyện Sơn Động", "thị xã Chũ", "tỉnh Bắc Ninh (mới)",
]  # fmt: skip
LEADS = ["Danh sách", "Số liệu", "Thống kê", "Danh mục", "Báo cáo", "Dữ liệu", "Tổng hợp"]
PERIODS = ["năm", "6 tháng đầu năm", "quý I", "quý II", "quý III", "quý IV", "giai đoạn"]
FREQUENCIES = ["Hằng năm", "Hằng quý", "Hằng tháng", "6 tháng", "Khi có thay đổi", "Hằng ngày"]
NOTE_SENTENCES = [
    "Dữ liệu được tổng hợp từ báo cáo của {org} và cập nhật {freq_lower}.",
    "Bộ dữ liệu gồm {subject} trên địa bàn {place}, phân theo đơn vị hành chính cấp xã.",
    "Số liệu phục vụ công tác quản lý nhà nước, nghiên cứu và khai thác của người dân.",
    "Từ ngày 01/7/2025 tỉnh Bắc Giang hợp nhất với tỉnh Bắc Ninh; dữ liệu dùng đơn vị "
    "hành chính tại thời điểm {year}.",
    "Đây là dữ liệu mẫu do hệ thống đánh giá hiệu năng sinh ra.",
    "Thông tin chi tiết về phương pháp thu thập xem tại tài liệu kèm theo.",
    "Các chỉ tiêu được tính theo hướng dẫn của Tổng cục Thống kê.",
    "Dữ liệu được công bố theo Luật Giao dịch điện tử năm 2023.",
]
TAG_BASES = [
    "dân số", "giáo dục", "y tế", "lao động", "việc làm", "doanh nghiệp", "đầu tư", "ngân sách",
    "đất đai", "môi trường", "nông nghiệp", "vải thiều", "lúa gạo", "chăn nuôi", "thủy lợi",
    "giao thông", "xây dựng", "du lịch", "văn hóa", "thể thao", "khoa học", "công nghệ",
    "chuyển đổi số", "dịch vụ công", "thủ tục hành chính", "tài chính", "thuế", "xuất khẩu",
    "công nghiệp", "khu công nghiệp", "thương mại", "chợ", "điện", "năng lượng", "nước sạch",
    "rác thải", "không khí", "khoáng sản", "quy hoạch", "hộ nghèo", "an sinh xã hội",
    "người có công", "trường học", "học sinh", "bệnh viện", "tiêm chủng", "hợp tác xã",
    "giá đất", "xe buýt", "di tích",
]  # fmt: skip
TAG_SUFFIXES = ["", "bắc giang", "cấp xã", "thống kê"]
FORMATS = ["CSV", "CSV", "XLSX", "XLSX", "JSON", "PDF"]
LICENSES = ["cc-by", "cc-by", "cc-by", "odc-by", "cc-zero", "odc-odbl", "other-open",
            "cc-by-sa", "notspecified"]  # fmt: skip
THEME_TAG_SHARE = 0.7
FILES_URL = "https://data.bacgiang.gov.vn/files"
FREE_TEXT_QUERIES = ["giao duc", "y te", "doanh nghiep", "vai thieu", "truong mam non",
                     "ngan sach", "xe buyt", "dat dai", "benh vien", "chat thai", "ho ngheo",
                     "khoang san"]  # fmt: skip


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


@dataclass
class Catalog:
    organizations: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    packages: list[dict[str, Any]]
    tags: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [package["name"] for package in self.packages]


def make_catalog(size: int, seed: int) -> Catalog:
    """`size` package_create dicts plus the organizations and groups they refer to."""
    rng = random.Random(seed)
    organizations = [
        {"name": name, "title": title, "description": f"{title}, tỉnh Bắc Giang."}
        for name, title, _ in ORGANIZATIONS
    ]
    groups = [
        {"name": name, "title": vi, "description": f"Chủ đề {vi} ({en}).",
         "title_translated": {"vi": vi, "en": en}}
        for name, (vi, en, _, _) in THEMES.items()
    ]  # fmt: skip
    pairs = [(base, f"{base} {suffix}".strip()) for base in TAG_BASES for suffix in TAG_SUFFIXES]
    rng.shuffle(pairs)
    tags = [tag for _, tag in pairs]
    tag_weights = [1.0 / (rank + 1) ** 0.4 for rank in range(len(tags))]
    # Most of a dataset's tags come from its theme's words, as stewards tag in practice.
    theme_tags: dict[str, list[str]] = {}
    for name, (title_vi, _, _, subjects) in THEMES.items():
        words = f"-{'-'.join(_slug(text) for text in [title_vi, *subjects])}-"
        theme_tags[name] = [tag for base, tag in pairs if f"-{_slug(base)}-" in words]
    theme_names = list(THEMES)
    theme_weights = [THEMES[name][2] for name in theme_names]
    org_weights = [weight for _, _, weight in ORGANIZATIONS]
    org_titles = {name: title for name, title, _ in ORGANIZATIONS}
    start = datetime(2019, 1, 1, tzinfo=UTC)

    packages = []
    for number in range(size):
        theme_list = rng.choices(theme_names, theme_weights, k=1)  # the main theme first
        if rng.random() < 0.2:
            second = rng.choice(theme_names)
            theme_list += [second] if second != theme_list[0] else []
        subject = rng.choice(THEMES[theme_list[0]][3])
        if rng.random() < THEME_PUBLISHER_SHARE:
            org_name = rng.choice(THEME_PUBLISHERS[theme_list[0]])
        else:
            org_name = rng.choices(ORGANIZATIONS, org_weights, k=1)[0][0]
        org_title = org_titles[org_name]
        place = rng.choice(PLACES)
        year = rng.randint(2015, 2025)
        frequency = rng.choice(FREQUENCIES)
        title = f"{rng.choice(LEADS)} {subject} {place} {rng.choice(PERIODS)} {year}"
        context = {"org": org_title, "freq_lower": frequency.lower(), "subject": subject,
                   "place": place, "year": year}  # fmt: skip
        notes = " ".join(s.format(**context) for s in rng.sample(NOTE_SENTENCES, rng.randint(2, 4)))
        chosen: set[str] = set()
        wanted = rng.randint(3, 8)
        while len(chosen) < wanted:
            pool = theme_tags[rng.choice(theme_list)]
            if pool and rng.random() < THEME_TAG_SHARE:
                chosen.add(rng.choice(pool))
            else:
                chosen.add(rng.choices(tags, tag_weights, k=1)[0])
        name = f"{_slug(subject)}-{_slug(place)}-{year}-{number:05d}"[:100]
        resources = []
        for position in range(rng.randint(1, 3)):
            fmt = rng.choice(FORMATS)
            resources.append(
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "name": f"{subject.capitalize()} {year} (phần {position + 1})",
                    "description": f"Tệp {fmt} {subject} {place} {year}.",
                    "format": fmt,
                    "url": f"{FILES_URL}/{name}/{position + 1}.{fmt.lower()}",
                    "mimetype": {"CSV": "text/csv", "JSON": "application/json",
                                 "PDF": "application/pdf"}.get(fmt),
                    "size": rng.randint(2_000, 5_000_000),
                }
            )  # fmt: skip
        created = start + timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 6))
        packages.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "name": name,
                "title": title,
                "notes": notes,
                "owner_org": org_name,
                "license_id": rng.choice(LICENSES),
                "author": org_title,
                "author_email": f"{org_name.replace('-', '')}@bacgiang.gov.vn",
                "maintainer": "Phòng Dữ liệu",
                "maintainer_email": "dulieu@bacgiang.gov.vn",
                "version": f"{year}.{rng.randint(1, 4)}",
                "url": f"https://{org_name}.bacgiang.gov.vn",
                "title_translated": {"vi": title},
                "tags": [{"name": tag} for tag in sorted(chosen)],
                "groups": [{"name": theme} for theme in theme_list],
                "resources": resources,
                "extras": [
                    {"key": "frequency", "value": frequency},
                    {"key": "spatial_text", "value": place},
                    {"key": "temporal_start", "value": f"{year}-01-01"},
                    {"key": "temporal_end", "value": f"{year}-12-31"},
                    {"key": "former_publisher", "value": org_title},
                    {"key": "issued", "value": created.date().isoformat()},
                ],
            }
        )
    return Catalog(organizations=organizations, groups=groups, packages=packages, tags=tags)


# ---------------------------------------------------------------------------------------------
# Databases and filling them
# ---------------------------------------------------------------------------------------------


def _settings(url: str, directory: Path, site_url: str = "http://127.0.0.1") -> Any:
    from catalog.config import Settings

    return Settings(data_dir=directory, database_url=url, site_url=site_url)


def fill_catalog(services: Any, catalog: Catalog, via_actions: int, deadline: float) -> str:
    """Write the catalog: the first `via_actions` datasets through the package_create action
    (the write path of `opendata load` and the API), the rest in bulk (see `_bulk_rows`)
    followed by the real indexer. Returns what was done, with the action path's rate."""
    from catalog.actions import build_registry
    from catalog.content.loader import site_context

    context = site_context(services, build_registry())
    for organization in catalog.organizations:
        context.call("organization_create", organization)
    for group in catalog.groups:
        context.call("group_create", group)
    through_actions = catalog.packages[:via_actions]
    started = time.perf_counter()
    for number, package in enumerate(through_actions, 1):
        context.call("package_create", package)
        if number % 1000 == 0:
            rate = number / (time.perf_counter() - started)
            print(f"    {number:>6} datasets via package_create ({rate:.0f}/s)", flush=True)
        if time.monotonic() > deadline:
            raise TimeoutError(f"fill stopped after {number} datasets: over {FILL_TIME_LIMIT}s")
    action_seconds = time.perf_counter() - started
    rest = catalog.packages[via_actions:]
    label = []
    if through_actions:
        rate = len(through_actions) / action_seconds
        label.append(
            f"{len(through_actions)} via package_create at {rate:.0f}/s "
            f"(all {len(catalog.packages)} would take {len(catalog.packages) / rate:.0f} s)"
        )
    if rest:
        assert context.user_id is not None
        started = time.perf_counter()
        _bulk_insert(services, rest, context.user_id, deadline)
        inserted = time.perf_counter() - started
        _bulk_index(services, [package["id"] for package in rest], deadline)
        indexed = time.perf_counter() - started - inserted
        label.append(f"{len(rest)} bulk: rows {inserted:.1f} s + index_package {indexed:.1f} s")
    return "; ".join(label)


def _bulk_insert(
    services: Any, packages: list[dict[str, Any]], user_id: str, deadline: float
) -> None:
    """Insert the rows package_create would write, with executemany, in batches."""
    from sqlalchemy import insert, select

    from catalog.db.models import (
        Group,
        Member,
        Package,
        PackageExtra,
        PackageTag,
        Resource,
        Tag,
        new_id,
        utcnow,
    )

    with services.session() as session:
        group_ids = dict(session.execute(select(Group.name, Group.id)).all())
        tag_ids = dict(session.execute(select(Tag.name, Tag.id)).all())
        wanted = sorted({tag["name"] for package in packages for tag in package["tags"]})
        new_tags = [{"id": new_id(), "name": name} for name in wanted if name not in tag_ids]
        if new_tags:
            session.execute(insert(Tag), new_tags)
            tag_ids.update((row["name"], row["id"]) for row in new_tags)
    now = utcnow()
    for offset in range(0, len(packages), FILL_BATCH):
        if time.monotonic() > deadline:
            raise TimeoutError(f"bulk fill stopped at {offset}: over {FILL_TIME_LIMIT}s")
        rows: dict[Any, list[dict[str, Any]]] = {
            table: [] for table in (Package, PackageExtra, Resource, PackageTag, Member)
        }
        for number, package in enumerate(packages[offset : offset + FILL_BATCH], offset):
            stamp = now + timedelta(microseconds=number)
            rows[Package].append(
                {
                    **{key: package.get(key) for key in _PACKAGE_TEXT},
                    "id": package["id"],
                    "name": package["name"],
                    "type": "dataset",
                    "state": "active",
                    "private": False,
                    "owner_org": group_ids[package["owner_org"]],
                    "creator_user_id": user_id,
                    "metadata_created": stamp,
                    "metadata_modified": stamp,
                    "title_translated": package.get("title_translated"),
                    "notes_translated": package.get("notes_translated"),
                }
            )
            rows[PackageExtra].extend(
                {"id": new_id(), "package_id": package["id"], "key": extra["key"],
                 "value": extra["value"]}
                for extra in package["extras"]
            )  # fmt: skip
            rows[PackageTag].extend(
                {"id": new_id(), "package_id": package["id"], "tag_id": tag_ids[tag["name"]]}
                for tag in package["tags"]
            )
            rows[Member].extend(
                {"id": new_id(), "group_id": group_ids[group["name"]],
                 "table_id": package["id"], "table_name": "package", "capacity": "public"}
                for group in package["groups"]
            )  # fmt: skip
            rows[Resource].extend(
                {
                    **{key: resource.get(key) for key in _RESOURCE_FIELDS},
                    "package_id": package["id"],
                    "position": position,
                    "created": stamp,
                    "metadata_modified": stamp,
                }
                for position, resource in enumerate(package["resources"])
            )
        with services.session() as session:
            for table, values in rows.items():
                if values:
                    session.execute(insert(table), values)


_PACKAGE_TEXT = ("title", "notes", "url", "version", "author", "author_email", "maintainer",
                 "maintainer_email", "license_id")  # fmt: skip
_RESOURCE_FIELDS = ("id", "name", "description", "format", "url", "mimetype", "size")


def _bulk_index(services: Any, package_ids: list[str], deadline: float) -> None:
    """Index with the real functions: package_dictize_many, then index_package per dict."""
    from sqlalchemy import select

    from catalog.db.models import Package
    from catalog.services.dictization import package_dictize_many
    from catalog.services.search.indexer import index_package

    site_url = services.settings.site_url
    for offset in range(0, len(package_ids), FILL_BATCH):
        if time.monotonic() > deadline:
            raise TimeoutError(f"indexing stopped at {offset}: over {FILL_TIME_LIMIT}s")
        batch = package_ids[offset : offset + FILL_BATCH]
        with services.session() as session:
            packages = list(session.execute(select(Package).where(Package.id.in_(batch))).scalars())
            for data in package_dictize_many(session, packages, site_url).values():
                index_package(session, services.search, data)


# ---------------------------------------------------------------------------------------------
# The server, in its own process
# ---------------------------------------------------------------------------------------------


def _serve(url: str, directory: str, conn: Any) -> None:
    """Child process: serve create_app() with uvicorn on a free loopback port."""
    import uvicorn

    from app.main import create_app

    # proto=IPPROTO_TCP as uvicorn.run's own bind has it: asyncio only sets TCP_NODELAY on
    # accepted sockets whose proto is IPPROTO_TCP; with proto 0, Nagle's algorithm plus the
    # client's delayed ACK add ~40 ms to every small response.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port = sock.getsockname()[1]
    settings = _settings(url, Path(directory), f"http://{HOST}:{port}")
    app = create_app(settings)
    conn.send(port)
    conn.close()
    config = uvicorn.Config(app, host=HOST, port=port, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


@contextmanager
def served(url: str, directory: Path) -> Iterator[str]:
    """Run the app in a spawned process; yield its base URL; stop it on exit."""
    import httpx

    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_serve, args=(url, str(directory), child), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(SERVER_START_LIMIT):
            raise TimeoutError("the server process did not report its port")
        base = f"http://{HOST}:{parent.recv()}"
        deadline = time.monotonic() + SERVER_START_LIMIT
        with httpx.Client(base_url=base, trust_env=False, timeout=5) as client:
            while True:
                try:
                    if client.get(API + "site_read").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if not process.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start")
                time.sleep(0.05)
        yield base
    finally:
        parent.close()
        process.terminate()
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join(5)


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

Request = tuple[str, dict[str, Any]]


@dataclass
class Measurement:
    label: str
    latencies: list[float]  # seconds
    wall: float
    errors: int = 0
    hits: list[int] = field(default_factory=list)
    note: str = ""

    def percentile(self, fraction: float) -> float:
        """Nearest-rank percentile in milliseconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(fraction * len(ordered)))
        return ordered[rank - 1] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else math.nan


def _check(response: Any) -> bool:
    return response.status_code == 200 and response.content.startswith(b'{"help"')


def _hits(response: Any) -> int | None:
    try:
        return int(response.json()["result"]["count"])
    except (ValueError, KeyError, TypeError):
        return None


def run_sequential(
    client: Any,
    label: str,
    make: Callable[[int], Request],
    count: int,
    *,
    warmup: int,
    count_hits: bool = False,
) -> Measurement:
    for number in range(warmup):
        path, params = make(-1 - number)
        client.get(path, params=params)
    latencies: list[float] = []
    hits: list[int] = []
    errors = 0
    started = time.perf_counter()
    for number in range(count):
        if time.perf_counter() - started > SCENARIO_TIME_LIMIT:
            break
        path, params = make(number)
        before = time.perf_counter()
        response = client.get(path, params=params)
        latencies.append(time.perf_counter() - before)
        if not _check(response):
            errors += 1
        elif count_hits and len(hits) < 30:
            found = _hits(response)
            if found is not None:
                hits.append(found)
    wall = time.perf_counter() - started
    return Measurement(label, latencies, wall, errors, hits)


def run_concurrent(
    base: str, label: str, make: Callable[[int], Request], count: int, workers: int
) -> Measurement:
    import httpx

    counter = iter(range(count))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    deadline = time.perf_counter() + SCENARIO_TIME_LIMIT

    def worker() -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
            client.get(API + "site_read")  # open the connection before the clock starts
            barrier.wait()
            while time.perf_counter() < deadline:
                with lock:
                    number = next(counter, None)
                if number is None:
                    break
                path, params = make(number)
                before = time.perf_counter()
                response = client.get(path, params=params)
                mine.append(time.perf_counter() - before)
                if not _check(response):
                    with lock:
                        errors[0] += 1
        with lock:
            latencies.extend(mine)

    barrier = threading.Barrier(workers + 1)
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(worker) for _ in range(workers)]
        barrier.wait(timeout=30)
        started = time.perf_counter()
        for future in futures:
            future.result()
        wall = time.perf_counter() - started
    return Measurement(label, latencies, wall, errors[0])


def run_paging(client: Any, total: int) -> tuple[Measurement, str]:
    """The harvester's walk: rows=100, sort=id asc, every page until the end."""
    latencies: list[float] = []
    seen: set[str] = set()
    errors = 0
    started = time.perf_counter()
    pages = math.ceil(total / 100) + 1  # one past the end, as a harvester finds the end
    for page in range(pages):
        if time.perf_counter() - started > PAGING_TIME_LIMIT:
            break
        params = {"rows": 100, "start": page * 100, "sort": "id asc"}
        before = time.perf_counter()
        response = client.get(API + "package_search", params=params)
        latencies.append(time.perf_counter() - before)
        if not _check(response):
            errors += 1
            continue
        results = response.json()["result"]["results"]
        seen.update(item["id"] for item in results)
        if not results:
            break
    wall = time.perf_counter() - started
    complete = "complete" if len(seen) == total else "INCOMPLETE"
    note = f"{len(latencies)} pages, {sum(latencies):.1f} s total, {len(seen)} ids ({complete})"
    return Measurement("paging rows=100 sort=id asc", latencies, wall, errors), note


@dataclass
class Scenarios:
    """Request makers: each takes a request number and returns (path, params)."""

    catalog: Catalog
    seed: int

    def _rng(self, number: int, salt: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + salt * 10_007 + number)

    def baseline(self, number: int) -> Request:
        return API + "site_read", {}

    def show(self, number: int) -> Request:
        return API + "package_show", {"id": self._rng(number, 1).choice(self.catalog.names)}

    def search_text(self, number: int) -> Request:
        return API + "package_search", {"q": self._rng(number, 2).choice(FREE_TEXT_QUERIES)}

    def search_org(self, number: int) -> Request:
        name = self._rng(number, 3).choice(self.catalog.organizations)["name"]
        return API + "package_search", {"fq": f"organization:{name}"}

    def search_tag(self, number: int) -> Request:
        tag = self._rng(number, 4).choice(self.catalog.tags)
        return API + "package_search", {"fq": f'tags:"{tag}"'}

    def facets_all(self, number: int) -> Request:
        return API + "package_search", {"q": "*:*", "facet.field": json.dumps(FACET_FIELDS)}

    def facets_text(self, number: int) -> Request:
        path, params = self.search_text(number)
        return path, {**params, "facet.field": json.dumps(FACET_FIELDS)}

    def mixed(self, number: int) -> Request:
        makers = [self.show, self.show, self.search_text, self.search_org, self.search_tag,
                  self.facets_all, self.facets_text]  # fmt: skip
        return self._rng(number, 5).choice(makers)(number)


def measure(base: str, catalog: Catalog, requests: int, seed: int) -> list[Measurement]:
    import httpx

    scenarios = Scenarios(catalog, seed)
    warmup = max(5, min(20, requests // 10))
    results: list[Measurement] = []
    with httpx.Client(base_url=base, trust_env=False, timeout=60) as client:
        sequential: list[tuple[str, Callable[[int], Request], bool]] = [
            ("baseline site_read", scenarios.baseline, False),
            ("package_show (random name)", scenarios.show, False),
            ("search q=<free text>", scenarios.search_text, True),
            ("search fq=organization:<org>", scenarios.search_org, True),
            ("search fq=tags:<tag>", scenarios.search_tag, True),
            ("search 5 facets q=*:*", scenarios.facets_all, True),
            ("search 5 facets q=<free text>", scenarios.facets_text, True),
        ]
        for label, make, count_hits in sequential:
            print(f"    {label} ...", flush=True)
            results.append(
                run_sequential(client, label, make, requests, warmup=warmup, count_hits=count_hits)
            )
        print("    paging ...", flush=True)
        paging, note = run_paging(client, len(catalog.packages))
        paging.note = note
        results.append(paging)
    for label, make in (
        ("4 workers: package_show", scenarios.show),
        ("4 workers: mixed reads", scenarios.mixed),
    ):
        print(f"    {label} ...", flush=True)
        results.append(run_concurrent(base, label, make, requests * 2, workers=4))
    return results


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


def _share(hits: list[int], total: int) -> str:
    if not hits:
        return ""
    low, high = min(hits) / total * 100, max(hits) / total * 100
    median = statistics.median(hits)
    if low == high:
        return f"{median:.0f} ({low:.1f}%)"
    return f"{median:.0f} ({low:.1f}-{high:.1f}%)"


def report(
    backend: str, results: list[Measurement], total: int, fill_note: str
) -> tuple[list[str], bool]:
    base = results[0].percentile(0.5)
    lines = [
        "",
        f"== {backend}: {total} datasets; fill: {fill_note}",
        f"{'scenario':<32}{'reqs':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'x base':>8}{'err':>5}  matches (median, range)",
    ]
    for item in results:
        p50 = item.percentile(0.5)
        lines.append(
            f"{item.label:<32}{len(item.latencies):>6}{item.rate:>8.1f}{p50:>9.1f}"
            f"{item.percentile(0.95):>9.1f}{item.percentile(0.99):>9.1f}{p50 / base:>8.1f}"
            f"{item.errors:>5}  {_share(item.hits, total)}"
        )
        if item.note:
            lines.append(f"{'':<32}{item.note}")
    by_label = {item.label: item for item in results}
    verdicts = []
    ok = True
    for label, target in (
        ("package_show (random name)", SHOW_TARGET_MS),
        ("search 5 facets q=*:*", FACET_TARGET_MS),
        ("search 5 facets q=<free text>", FACET_TARGET_MS),
    ):
        p95 = by_label[label].percentile(0.95)
        passed = p95 < target and by_label[label].errors == 0
        ok = ok and passed
        verdicts.append(
            f"{'PASS' if passed else 'FAIL'}  {label}: p95 {p95:.1f} ms (target < {target:.0f} ms)"
        )
    errors = sum(item.errors for item in results)
    if errors:
        ok = False
        verdicts.append(f"FAIL  {errors} requests did not answer 200 with a CKAN envelope")
    return lines + verdicts, ok


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def _server_version(services: Any) -> str:
    from sqlalchemy import text

    query = "SELECT sqlite_version()" if services.settings.is_sqlite else "SHOW server_version"
    with services.engine.connect() as connection:
        return str(connection.execute(text(query)).scalar_one()).split()[0]


def _analyze(services: Any) -> None:
    """PostgreSQL's steady state after a bulk load: autovacuum vacuums and analyzes freshly
    inserted tables (autovacuum_vacuum_insert_threshold), which also gives index-only scans
    their visibility map."""
    from sqlalchemy import text

    with services.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))


def bench_backend(
    backend: str,
    catalog: Catalog,
    *,
    requests: int,
    seed: int,
    via_actions: int,
    postgres_url: str,
) -> tuple[list[str], bool]:
    from catalog.services.runtime import build_services

    with ExitStack() as stack:
        directory = Path(tempfile.mkdtemp(prefix=f"opendata-bench-{backend}-"))
        stack.callback(shutil.rmtree, directory, ignore_errors=True)
        url = stack.enter_context(database_url(backend, directory, postgres_url))
        services = build_services(_settings(url, directory))
        stack.callback(services.dispose)
        services.upgrade_schema()
        version = _server_version(services)
        print(f"  filling {len(catalog.packages)} datasets ...", flush=True)
        started = time.perf_counter()
        deadline = time.monotonic() + FILL_TIME_LIMIT
        method = fill_catalog(services, catalog, via_actions, deadline)
        if backend == "postgresql":
            _analyze(services)  # what autovacuum does soon after a load this size
        fill_seconds = time.perf_counter() - started
        services.dispose()
        fill_note = f"{fill_seconds:.1f} s ({method})"
        print(f"  filled in {fill_note}", flush=True)
        base = stack.enter_context(served(url, directory))
        print(f"  serving at {base}; measuring ...", flush=True)
        results = measure(base, catalog, requests, seed)
        return report(f"{backend} {version}", results, len(catalog.packages), fill_note)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=10_000, help="catalog size")
    parser.add_argument("--backends", default="sqlite,postgresql", help="comma-separated")
    parser.add_argument("--requests", type=int, default=200, help="requests per scenario")
    parser.add_argument(
        "--via-actions",
        type=int,
        default=200,
        help="datasets written through package_create (the rest in bulk, then indexed)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed of catalog and queries")
    args = parser.parse_args(argv)
    args.backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    unknown = set(args.backends) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")
    if args.datasets < 1 or args.requests < 1:
        parser.error("--datasets and --requests must be positive")
    return args


def _stop(signum: int, _frame: Any) -> None:
    raise SystemExit(f"stopped by signal {signum}")  # unwinds, so the cleanups run


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    postgres_url = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES_URL
    started = time.perf_counter()
    catalog = make_catalog(args.datasets, args.seed)
    print(
        f"synthetic catalog: {len(catalog.packages)} datasets, {len(catalog.organizations)} "
        f"organizations, {len(catalog.groups)} groups, {len(catalog.tags)} tags "
        f"({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    tables: list[str] = []
    all_ok = True
    for backend in args.backends:
        if backend == "postgresql":
            why = postgres_unreachable(postgres_url)
            if why:
                note = f"== postgresql: SKIPPED, {postgres_url} is unreachable ({why})"
                print(note, flush=True)
                tables.append(note)
                continue
        print(f"{backend}:", flush=True)
        lines, ok = bench_backend(
            backend,
            catalog,
            requests=args.requests,
            seed=args.seed,
            via_actions=min(args.via_actions, args.datasets),
            postgres_url=postgres_url,
        )
        all_ok = all_ok and ok
        print("\n".join(lines), flush=True)
        tables.extend(lines)
    print("\n".join(["", "=" * 60, "SUMMARY", *tables]))
    print(f"\ntotal run time {time.perf_counter() - started:.0f} s")
    return 0 if all_ok else 1


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        print("interrupted (temporary files and schemas removed)", file=sys.stderr)
        raise SystemExit(130) from None
