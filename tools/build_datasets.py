"""Build ``datasets/``: one Frictionless data package per open-data category.

Reads the seed list ``catalog-94.yaml`` and the real reference data of the shared folder
(default ``../shared`` relative to the repository root) and writes::

    datasets/site.yaml                     site, organizations (current bodies), groups (themes)
    datasets/<slug>/datapackage.json       metadata + Table Schema + CKAN block
    datasets/<slug>/<resource>.csv         data

The output is deterministic: every category has its own ``random.Random`` seeded from its
slug, nothing depends on the network or on the current date. Rows that are not copied from
``reference-data/`` are sample data and every such dataset says so in its description.

Usage::

    python tools/build_datasets.py [SHARED_DIR] [--out DATASETS_DIR]
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import json
import re
import shutil
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import yaml

REPO = Path(__file__).resolve().parent.parent

NEW_UNITS_DATE = "2025-07-01"  # communes of the new Bắc Ninh (Công văn 1027/CTK-CSCL)
OLD_UNITS_DATE = "2025-03-01"  # snapshot date of the pre-merger list (dvhcvn)
SNAPSHOT = "2025-09-30"  # reference date of the registers (lists "as of")

DVHCVN = {
    "title": "dvhcvn/20250701 (commit dd94887ce32324380bc5bb0a76fe39867dafc73b): "
    "mapping/splits.json, mapping/merges.json, output/24, input/docs",
    "path": "https://github.com/dvhcvn/20250701",
    "license": "MIT",
}
BUDGET_SRC = {
    "title": "mdtrinh/vietnamdata (commit be581b8d5b1f0c6a747199fe23d8a77e55396e17): "
    "data-raw/Budget/Vietnam_National_Budget_Final.csv, rows prov == 'Bac Giang'",
    "path": "https://github.com/mdtrinh/vietnamdata",
    "license": "CC0-1.0",
}
HOLIDAYS_SRC = {
    "title": "vacanza/holidays 0.109 (PyPI package holidays): holidays/countries/vietnam.py, "
    "country_holidays('VN', years=2024..2026)",
    "path": "https://github.com/vacanza/holidays",
    "license": "MIT",
}
LICENSES = {
    "CC-BY-4.0": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
    "CC0-1.0": {
        "name": "CC0-1.0",
        "title": "Creative Commons Zero v1.0 Universal",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    "MIT": {"name": "MIT", "title": "MIT License", "path": "https://opensource.org/licenses/MIT"},
}
CKAN_LICENSE = {"CC-BY-4.0": "cc-by", "CC0-1.0": "cc-zero", "MIT": "other-open"}

BBOX = (21.12, 21.58, 105.92, 106.98)  # lat min/max, lon min/max (old Bắc Giang)

# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def P(text: str) -> list[str]:
    """'a|b|c' -> ['a', 'b', 'c'] (keeps long word lists compact)."""
    return [t.strip() for t in text.split("|")]


def seed_of(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def strip_note(text: str) -> str:
    """Drop editorial notes in parentheses, e.g. '(hợp nhất từ 01/3/2025)'."""
    return re.sub(r"\s*\((?:hợp nhất|chưa xác minh|cơ quan ngành dọc)[^)]*\)", "", text).strip()


def notes_of(text: str) -> list[str]:
    return re.findall(r"\(((?:hợp nhất|chưa xác minh|cơ quan ngành dọc)[^)]*)\)", text)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months(start: str, end: str) -> list[str]:
    """'2025-01', '2025-03' -> ['2025-01', '2025-02', '2025-03']."""
    y, m = map(int, start.split("-"))
    ye, me = map(int, end.split("-"))
    out = []
    while (y, m) <= (ye, me):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def rand_date(rng: Random, start: str, end: str) -> dt.date:
    a, b = d(start), d(end)
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def workday(rng: Random, start: str, end: str) -> dt.date:
    for _ in range(50):
        x = rand_date(rng, start, end)
        if x.weekday() < 5:
            return x
    return x


def rnd(x: float, nd: int = 2) -> float:
    return round(x, nd)


def lower_unit(name: str) -> str:
    """'Xã Lục Ngạn' -> 'xã Lục Ngạn', 'Thành phố Bắc Giang' -> 'thành phố Bắc Giang'."""
    for p in ("Thị trấn", "Thành phố", "Thị xã", "Huyện", "Phường", "Xã", "Tỉnh"):
        if name.startswith(p + " "):
            return p.lower() + name[len(p) :]
    return name


def bare(name: str) -> str:
    for p in ("Thị trấn ", "Thành phố ", "Thị xã ", "Huyện ", "Phường ", "Xã ", "Tỉnh "):
        if name.startswith(p):
            return name[len(p) :]
    return name


def phone(rng: Random) -> str:
    return f"0204 3{rng.randint(500, 899)} {rng.randint(100, 999)}"


def ascii_slug(text: str) -> str:
    import unicodedata

    t = text.replace("đ", "d").replace("Đ", "D")
    t = unicodedata.normalize("NFD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        s = repr(value)
        if "e" in s or "E" in s:
            s = f"{value:.6f}".rstrip("0").rstrip(".")
        if s.endswith(".0"):
            s = s[:-2]
        return s
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, names: list[str], rows: list[dict]) -> int:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(names)
    for row in rows:
        w.writerow([fmt(row.get(n)) for n in names])
    data = buf.getvalue().encode("utf-8")
    path.write_bytes(data)
    return len(data)


# --------------------------------------------------------------------------------------
# Reference data: administrative units
# --------------------------------------------------------------------------------------

DISTRICT_CENTRE = {
    "213": (21.280, 106.195),
    "213Y": (21.215, 106.240),  # former Yên Dũng district, part of Bắc Giang city since 2025
    "215": (21.515, 106.120),
    "216": (21.385, 106.105),
    "217": (21.365, 106.250),
    "218": (21.300, 106.400),
    "219": (21.440, 106.640),
    "220": (21.330, 106.840),
    "222": (21.270, 106.080),
    "223": (21.355, 105.975),
    "224": (21.370, 106.560),
}

VILLAGES = P(
    "Đồng Cả|Trung|Hạ|Thượng|Chùa|Đình|Mới|Bến|Giữa|Đông|Nam Sơn|Bắc Sơn|Tân Sơn"
    "|Tân Lập|Đồng Bầu|Khe Nghè|Cầu Đá|Hòa Bình|Đồng Quan|Phố Kim|Làng Cống|Đồng Mậm"
    "|Ngọc Tân|Hồng Tiến|Quyết Thắng|Đoàn Kết|Việt Hùng|Bình An|Cầu Trang|Bãi Ổi"
    "|Khuôn Thần|Tân Thành|Làng Trên|Làng Dưới|Đồng Khuân|Na Hem|Thanh Vân|Phúc Lộc"
    "|Hợp Nhất|Quyết Tiến"
)
STREETS = P(
    "Hùng Vương|Xương Giang|Lê Lợi|Ngô Gia Tự|Nguyễn Văn Cừ|Hoàng Văn Thụ|Trần Phú"
    "|Lê Lai|Quang Trung|Nguyễn Thị Minh Khai|Giáp Hải|Thân Nhân Trung|Lý Thái Tổ"
    "|Huyền Quang|Trần Nguyên Hãn|Nguyễn Du|Lê Duẩn|Hoàng Hoa Thám|Nguyễn Công Hãng"
    "|Minh Khai|Lê Lý|Nghĩa Long|Cả Trọng|Thánh Thiên"
)


@dataclass
class Commune:
    code: str
    name: str
    kind: str  # Xã / Phường / Thị trấn
    district_code: str = ""
    district_name: str = ""
    lat: float = 0.0
    lon: float = 0.0
    old_codes: list[str] = field(default_factory=list)

    @property
    def is_urban(self) -> bool:
        return self.kind in ("Phường", "Thị trấn")


class Ref:
    """The reference CSVs of ``shared/reference-data`` loaded once."""

    def __init__(self, shared: Path):
        self.dir = shared / "reference-data"
        self.old = [self._old(r) for r in self.read("bac-giang-admin-units-before-2025-07-01.csv")]
        self.old_by_code = {c.code: c for c in self.old}
        self.mapping = self.read("bac-giang-to-bac-ninh-commune-mapping-2025-07-01.csv")
        self.new_all = self.read("bac-ninh-communes-from-2025-07-01.csv")
        self.new: list[Commune] = []
        for r in self.new_all:
            if r["former_province"] != "Bắc Giang":
                continue
            olds = [self.old_by_code[c] for c in r["merged_from_codes"].split(";")]
            lat = sum(o.lat for o in olds) / len(olds)
            lon = sum(o.lon for o in olds) / len(olds)
            self.new.append(
                Commune(
                    r["commune_code"],
                    r["commune_name"],
                    r["commune_type"],
                    olds[0].district_code,
                    olds[0].district_name,
                    round(lat, 5),
                    round(lon, 5),
                    [o.code for o in olds],
                )
            )
        self.new_by_code = {c.code: c for c in self.new}
        self.new_of_old = {m["old_commune_code"]: m["new_commune_code"] for m in self.mapping}
        self.districts = sorted({(c.district_code, c.district_name) for c in self.old})

    def read(self, name: str) -> list[dict]:
        with open(self.dir / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    @staticmethod
    def _old(r: dict) -> Commune:
        rng = Random(seed_of("pt" + r["commune_code"]))
        key = r["district_code"]
        if key == "213" and r["commune_code"] >= "07681":
            key = "213Y"
        lat0, lon0 = DISTRICT_CENTRE[key]
        spread = 0.025 if key in ("213", "213Y", "222") else 0.055
        lat = min(max(lat0 + rng.uniform(-spread, spread), BBOX[0]), BBOX[1])
        lon = min(max(lon0 + rng.uniform(-spread, spread) * 1.2, BBOX[2]), BBOX[3])
        return Commune(
            r["commune_code"],
            r["commune_name"],
            r["commune_type"],
            r["district_code"],
            r["district_name"],
            round(lat, 5),
            round(lon, 5),
            [r["commune_code"]],
        )

    def check(self) -> list[str]:
        """Inconsistencies between the three admin-unit files (reported, not fatal)."""
        problems = []
        merged = {}
        for r in self.new_all:
            for c in r["merged_from_codes"].split(";"):
                merged[c] = r["commune_code"]
        for m in self.mapping:
            if merged.get(m["old_commune_code"]) != m["new_commune_code"]:
                problems.append(
                    f"mapping {m['old_commune_code']} -> {m['new_commune_code']} but communes "
                    f"file merges it into {merged.get(m['old_commune_code'])}"
                )
        return problems


class Geo:
    """Commune pickers bound to one category's random generator."""

    def __init__(self, ref: Ref, rng: Random, units: str):
        self.ref, self.rng, self.units = ref, rng, units
        self.pool = ref.new if units == "new" else ref.old

    def pick(self, where: Callable[[Commune], bool] | None = None) -> Commune:
        pool = [c for c in self.pool if where is None or where(c)]
        return self.rng.choice(pool)

    def by_district(self, *codes: str) -> list[Commune]:
        return [c for c in self.pool if c.district_code in codes]

    def point(self, c: Commune, spread: float = 0.012) -> tuple[float, float]:
        lat = min(max(c.lat + self.rng.uniform(-spread, spread), BBOX[0]), BBOX[1])
        lon = min(max(c.lon + self.rng.uniform(-spread, spread), BBOX[2]), BBOX[3])
        return round(lat, 5), round(lon, 5)

    def address(self, c: Commune, street_ok: bool = True) -> str:
        rng = self.rng
        if c.is_urban and street_ok:
            first = f"Số {rng.randint(1, 420)} đường {rng.choice(STREETS)}"
        else:
            first = f"Thôn {rng.choice(VILLAGES)}"
        if self.units == "new":
            return f"{first}, {lower_unit(c.name)}, tỉnh Bắc Ninh"
        return f"{first}, {lower_unit(c.name)}, {lower_unit(c.district_name)}, tỉnh Bắc Giang"

    def cols(self, c: Commune) -> dict:
        return {"commune_code": c.code, "commune_name": c.name}

    def loc(self, c: Commune, spread: float = 0.012) -> dict:
        lat, lon = self.point(c, spread)
        return {"commune_code": c.code, "commune_name": c.name, "latitude": lat, "longitude": lon}


# --------------------------------------------------------------------------------------
# Names of organisations in the rows (invented; no natural persons)
# --------------------------------------------------------------------------------------

BRANDS = P(
    "Minh Phát|Hưng Thịnh|An Khang|Đại Thành|Phú Gia|Thành Công|Tân Phát|Hoàng Long"
    "|Việt Tiến|Bắc Hà|Sông Thương|Kinh Bắc|Hải Đăng|Phúc An|Đông Á|Quang Minh"
    "|Thiên Phú|Nam Việt|Trường Sơn|Hòa Bình|Lộc Phát|Tiến Đạt|Vạn Xuân|Kim Ngân"
    "|Gia Bảo|Thịnh Vượng|Hồng Phát|An Thịnh|Hưng Long|Thái Sơn|Bảo An|Tân Việt"
    "|Đức Thành|Phương Đông|Hoàng Gia|Nhật Quang|Sao Mai|Toàn Cầu|Trung Kiên"
    "|Xuân Thành|Cầu Sông|Yên Tử|Lục Nam Xanh|Đồng Tiến|Phú Thịnh|Hà Bắc|Thăng Long"
    "|Vĩnh Phúc|Tây Bắc|Mê Linh|Hợp Lực|Tân Hoàng|Bình Minh|Phú Cường|Tràng An"
    "|Ánh Dương"
)
ACTIVITIES = P(
    "Thương mại và Dịch vụ|Xây dựng|Đầu tư và Phát triển|Sản xuất và Thương mại"
    "|Vận tải|Công nghệ|Nông sản|Môi trường|Cơ khí|May mặc|Điện tử|Vật liệu xây dựng"
    "|Tư vấn thiết kế|Thực phẩm|Logistics|Xây dựng và Thương mại"
)
FOREIGN = {  # invented name stems per country of the investor
    "KR": P("Haneul|Daesung|Jinhae|Seowon|Kyungil|Namyang|Mirae|Hwasan|Saebom|Dongbang"),
    "CN": P("Xinhong|Jiayu|Huatai|Shengda|Longwei|Tianrui|Fuhong|Jinchuan|Hengyu|Ruixin"),
    "TW": P("Yuanfeng|Chenghong|Hsinlung|Taiyuan|Kaiming"),
    "JP": P("Kawada|Hoshino|Yamabe|Sanwa|Nishio|Aoba"),
    "SG": P("Evergreen|Pacific Crown|Lion Gate"),
    "HK": P("Orient Star|Grand Harbour|Victoria Bay"),
}
# kind of business -> (name suffixes, countries, project activities in industrial zones)
FOREIGN_KIND = {
    "electronics": (
        P("Electronics|Precision|Components|Tech|Circuit|Optics"),
        ["KR", "KR", "CN", "CN", "TW", "JP"],
        P("sản xuất linh kiện điện tử|sản xuất bảng mạch in|sản xuất thiết bị quang học"),
    ),
    "textile": (
        P("Apparel|Textile|Garment"),
        ["KR", "CN", "HK", "SG", "TW"],
        ["may mặc xuất khẩu"],
    ),
    "plastic": (P("Plastic|Mould"), ["CN", "KR", "JP"], ["sản xuất khuôn mẫu nhựa"]),
    "packaging": (P("Packaging|Paper"), ["CN", "TW", "SG"], ["sản xuất bao bì"]),
    "cable": (P("Cable|Wire"), ["CN", "JP", "KR"], ["sản xuất cáp điện"]),
    "logistics": (P("Logistics|Trading"), ["HK", "SG", "CN"], ["kho vận logistics"]),
}


class Names:
    def __init__(self, rng: Random):
        self.rng = rng
        self.used: set[str] = set()

    def unique(self, make: Callable[[], str]) -> str:
        for _ in range(200):
            n = make()
            if n not in self.used:
                self.used.add(n)
                return n
        i = 2
        while f"{n} {i}" in self.used:
            i += 1
        self.used.add(f"{n} {i}")
        return f"{n} {i}"

    def company(self, kinds=("Công ty TNHH", "Công ty cổ phần"), activity: str | None = None):
        r = self.rng
        return self.unique(
            lambda: f"{r.choice(kinds)} {activity or r.choice(ACTIVITIES)} {r.choice(BRANDS)}"
        )

    def foreign(self, kind: str = "electronics") -> tuple[str, str]:
        """An invented foreign-invested company of one kind of business, with its country."""
        r = self.rng
        suffixes, countries, _ = FOREIGN_KIND[kind]
        c = r.choice(countries)
        name = self.unique(
            lambda: f"Công ty TNHH {r.choice(FOREIGN[c])} {r.choice(suffixes)} Việt Nam"
        )
        return name, c

    def coop(self, sector: str, place: str) -> str:
        return self.unique(lambda: f"Hợp tác xã {sector} {place}")


def unique_code(rng: Random, used: set[str], make: Callable[[], str]) -> str:
    while True:
        c = make()
        if c not in used:
            used.add(c)
            return c


def tax_code(rng: Random, used: set[str]) -> str:
    while True:
        c = f"240{rng.choice('01')}{rng.randint(0, 999999):06d}"
        if c not in used:
            used.add(c)
            return c


# --------------------------------------------------------------------------------------
# Site, organisations (current bodies) and groups (themes)
# --------------------------------------------------------------------------------------

SITE = {
    "title": "Dữ liệu mở tỉnh Bắc Giang",
    "title_en": "Bắc Giang Open Data",
    "description": (
        "Cổng dữ liệu mở của tỉnh Bắc Giang (cũ): 94 danh mục dữ liệu mở của các sở, ban, "
        "ngành, mỗi danh mục là một gói dữ liệu Frictionless đã được kiểm tra. Từ ngày 01/3/2025 "
        "các sở của tỉnh được sắp xếp, hợp nhất; từ ngày 01/7/2025 tỉnh Bắc Giang là một phần "
        "của tỉnh Bắc Ninh mới (mã 24) và không còn cấp huyện, vì vậy các danh mục được công bố "
        "dưới tên cơ quan hiện hành, có ghi cơ quan công bố trước đây. Dữ liệu không có thông "
        "tin cá nhân (Nghị định 13/2023/NĐ-CP); phần lớn các bảng hiện là dữ liệu mẫu, được ghi "
        "rõ trong phần mô tả."
    ),
    "description_en": (
        "Open data portal of the former Bắc Giang province: 94 open-data categories of the "
        "provincial departments and agencies, each a validated Frictionless data package. The "
        "departments were merged on 1 March 2025 and since 1 July 2025 Bắc Giang is part of the "
        "new Bắc Ninh province (code 24) with no district level, so every category is published "
        "under its current body and keeps the name of the former publisher. The data contain no "
        "personal data (Decree 13/2023/ND-CP); most tables are currently sample data, as stated "
        "in each description."
    ),
}

# current body -> (CKAN name, English title, e-mail, what happened on 1 March 2025 vi/en)
ORGS: dict[str, dict] = {
    "Văn phòng UBND tỉnh": dict(
        name="van-phong-ubnd-tinh",
        en="Office of the Provincial People's Committee",
        email="vpubnd@bacninh.gov.vn",
        merge_vi="Văn phòng giữ nguyên tên gọi khi sắp xếp bộ máy ngày 01/3/2025; Trung tâm "
        "Phục vụ hành chính công trực thuộc Văn phòng",
        merge_en="The Office kept its name in the reorganisation of 1 March 2025; the Public "
        "Administration Service Centre is one of its units",
    ),
    "Sở Tài chính": dict(
        name="so-tai-chinh",
        en="Department of Finance",
        email="sotc@bacninh.gov.vn",
        merge_vi="Ngày 01/3/2025, Sở Kế hoạch và Đầu tư được hợp nhất vào Sở Tài chính",
        merge_en="On 1 March 2025 the Department of Planning and Investment was merged into the "
        "Department of Finance",
    ),
    "Sở Nông nghiệp và Môi trường": dict(
        name="so-nong-nghiep-va-moi-truong",
        en="Department of Agriculture and Environment",
        email="sonnmt@bacninh.gov.vn",
        merge_vi="Sở được thành lập ngày 01/3/2025 trên cơ sở hợp nhất Sở Nông nghiệp và Phát "
        "triển nông thôn với Sở Tài nguyên và Môi trường, đồng thời tiếp nhận nhiệm vụ giảm "
        "nghèo từ Sở Lao động - Thương binh và Xã hội",
        merge_en="It was formed on 1 March 2025 by merging the Department of Agriculture and "
        "Rural Development with the Department of Natural Resources and Environment, and took "
        "over poverty reduction from the Department of Labour, Invalids and Social Affairs",
    ),
    "Sở Công Thương": dict(
        name="so-cong-thuong",
        en="Department of Industry and Trade",
        email="soct@bacninh.gov.vn",
        merge_vi="Sở giữ nguyên tên gọi khi sắp xếp bộ máy ngày 01/3/2025",
        merge_en="It kept its name in the reorganisation of 1 March 2025",
    ),
    "Sở Xây dựng": dict(
        name="so-xay-dung",
        en="Department of Construction",
        email="soxd@bacninh.gov.vn",
        merge_vi="Ngày 01/3/2025, Sở Giao thông Vận tải được hợp nhất vào Sở Xây dựng",
        merge_en="On 1 March 2025 the Department of Transport was merged into the Department of "
        "Construction",
    ),
    "Sở Giáo dục và Đào tạo": dict(
        name="so-giao-duc-va-dao-tao",
        en="Department of Education and Training",
        email="sogddt@bacninh.gov.vn",
        merge_vi="Từ ngày 01/3/2025 Sở tiếp nhận nhiệm vụ quản lý giáo dục nghề nghiệp từ Sở "
        "Lao động - Thương binh và Xã hội",
        merge_en="Since 1 March 2025 it also manages vocational education, taken over from the "
        "Department of Labour, Invalids and Social Affairs",
    ),
    "Sở Y tế": dict(
        name="so-y-te",
        en="Department of Health",
        email="soyt@bacninh.gov.vn",
        merge_vi="Từ ngày 01/3/2025 Sở tiếp nhận nhiệm vụ bảo trợ xã hội, trẻ em và phòng, "
        "chống tệ nạn xã hội từ Sở Lao động - Thương binh và Xã hội",
        merge_en="Since 1 March 2025 it is also responsible for social protection, children and "
        "the prevention of social evils, taken over from the Department of Labour, Invalids and "
        "Social Affairs",
    ),
    "Sở Văn hóa, Thể thao và Du lịch": dict(
        name="so-van-hoa-the-thao-va-du-lich",
        en="Department of Culture, Sports and Tourism",
        email="sovhttdl@bacninh.gov.vn",
        merge_vi="Từ ngày 01/3/2025 Sở tiếp nhận nhiệm vụ quản lý báo chí, xuất bản từ Sở "
        "Thông tin và Truyền thông",
        merge_en="Since 1 March 2025 it also regulates the press and publishing, taken over from "
        "the Department of Information and Communications",
    ),
    "Sở Nội vụ": dict(
        name="so-noi-vu",
        en="Department of Home Affairs",
        email="sonv@bacninh.gov.vn",
        merge_vi="Ngày 01/3/2025, Sở Lao động - Thương binh và Xã hội được hợp nhất vào Sở Nội "
        "vụ (các nhiệm vụ lao động, việc làm, tiền lương, người có công); nhiệm vụ tôn giáo "
        "chuyển sang Sở Dân tộc và Tôn giáo",
        merge_en="On 1 March 2025 the Department of Labour, Invalids and Social Affairs was "
        "merged into the Department of Home Affairs (labour, employment, wages, people with "
        "merit); religious affairs moved to the Department of Ethnic Minority and Religious "
        "Affairs",
    ),
    "Sở Khoa học và Công nghệ": dict(
        name="so-khoa-hoc-va-cong-nghe",
        en="Department of Science and Technology",
        email="sokhcn@bacninh.gov.vn",
        merge_vi="Ngày 01/3/2025, Sở Thông tin và Truyền thông được hợp nhất vào Sở Khoa học và "
        "Công nghệ (trừ nhiệm vụ báo chí, xuất bản chuyển sang Sở Văn hóa, Thể thao và Du lịch)",
        merge_en="On 1 March 2025 the Department of Information and Communications was merged "
        "into the Department of Science and Technology (press and publishing went to the "
        "Department of Culture, Sports and Tourism)",
    ),
    "Sở Tư pháp": dict(
        name="so-tu-phap",
        en="Department of Justice",
        email="sotp@bacninh.gov.vn",
        merge_vi="Sở giữ nguyên tên gọi khi sắp xếp bộ máy ngày 01/3/2025",
        merge_en="It kept its name in the reorganisation of 1 March 2025",
    ),
    "Sở Dân tộc và Tôn giáo": dict(
        name="so-dan-toc-va-ton-giao",
        en="Department of Ethnic Minority and Religious Affairs",
        email="sodttg@bacninh.gov.vn",
        merge_vi="Sở được thành lập ngày 01/3/2025 trên cơ sở Ban Dân tộc tỉnh, tiếp nhận thêm "
        "nhiệm vụ quản lý nhà nước về tín ngưỡng, tôn giáo từ Sở Nội vụ",
        merge_en="It was formed on 1 March 2025 from the Provincial Committee for Ethnic "
        "Minority Affairs and took over religious affairs from the Department of Home Affairs",
    ),
    "Ban Quản lý các khu công nghiệp tỉnh": dict(
        name="ban-quan-ly-cac-khu-cong-nghiep",
        en="Industrial Zones Management Board",
        email="bqlkcn@bacninh.gov.vn",
        merge_vi="Ban không thuộc diện hợp nhất ngày 01/3/2025; việc thay đổi tên gọi, tổ chức "
        "sau khi hợp nhất tỉnh chưa được xác minh",
        merge_en="The Board was not part of the 1 March 2025 mergers; any change of its name or "
        "structure after the provincial merger has not been verified",
    ),
    "Thống kê tỉnh": dict(
        name="thong-ke-tinh",
        en="Provincial Statistics Office",
        email="thongke@bacninh.gov.vn",
        merge_vi="Đây là cơ quan ngành dọc: từ ngày 01/3/2025 Cục Thống kê tỉnh Bắc Giang được "
        "tổ chức lại thành đơn vị thống kê cấp tỉnh thuộc Cục Thống kê, Bộ Tài chính (tên gọi "
        "chính thức chưa được xác minh)",
        merge_en="It is a central line agency: since 1 March 2025 the former Bắc Giang "
        "Statistics Office is a provincial unit of the Statistics Office of the Ministry of "
        "Finance (its official name has not been verified)",
    ),
    "Công an tỉnh": dict(
        name="cong-an-tinh",
        en="Provincial Police",
        email="congan@bacninh.gov.vn",
        merge_vi="Công an tỉnh là cơ quan ngành dọc của Bộ Công an, giữ nguyên tên gọi khi sắp "
        "xếp ngày 01/3/2025",
        merge_en="The Provincial Police is a line agency of the Ministry of Public Security and "
        "kept its name on 1 March 2025",
    ),
}

# successor strings of catalog-94.yaml that need a clean title
SUCCESSOR_TITLE = {
    "Ban Quản lý các KCN": "Ban Quản lý các khu công nghiệp tỉnh",
    "Thống kê tỉnh thuộc Cục Thống kê, Bộ Tài chính": "Thống kê tỉnh",
}
# publishers whose functions were split: category id -> current body (by subject)
SPLIT_SUCCESSOR = {
    67: "Sở Giáo dục và Đào tạo",  # vocational education
    68: "Sở Nội vụ",  # employment services
    69: "Sở Nông nghiệp và Môi trường",  # poverty reduction (see ORGS)
    70: "Sở Y tế",  # social assistance facilities
    71: "Sở Nội vụ",  # labour sent abroad
    72: "Sở Khoa học và Công nghệ",  # online public services / digital transformation
    73: "Sở Khoa học và Công nghệ",  # telecommunications
    74: "Sở Khoa học và Công nghệ",  # postal services
}

THEME_TEXT = {
    "nong-nghiep": (
        "Trồng trọt, vải thiều, chăn nuôi, thú y, lâm nghiệp, thủy lợi, sản phẩm OCOP và xây "
        "dựng nông thôn mới.",
        "Crops and lychee, livestock and animal health, forestry, irrigation, OCOP products and "
        "new rural development.",
    ),
    "kinh-te-thuong-mai": (
        "Doanh nghiệp, hợp tác xã, đầu tư, khu và cụm công nghiệp, thương mại, xuất nhập khẩu, "
        "giá cả, du lịch và các chỉ tiêu kinh tế.",
        "Enterprises, cooperatives, investment, industrial zones and clusters, trade, exports "
        "and imports, prices, tourism and economic indicators.",
    ),
    "giao-duc": (
        "Trường học các cấp, giáo dục nghề nghiệp, tuyển sinh, thi cử và đào tạo lái xe.",
        "Schools at every level, vocational education, admissions, examinations and driver "
        "training.",
    ),
    "y-te": (
        "Cơ sở khám bệnh, chữa bệnh, trạm y tế, dược, tiêm chủng, an toàn thực phẩm và bệnh "
        "truyền nhiễm.",
        "Health-care facilities, commune health stations, pharmacies, vaccination, food safety "
        "and infectious diseases.",
    ),
    "lao-dong": (
        "Việc làm, tuyển dụng, lao động trong khu công nghiệp và lao động đi làm việc ở nước "
        "ngoài.",
        "Employment, job vacancies, the industrial-zone workforce and contract workers abroad.",
    ),
    "moi-truong": (
        "Quan trắc không khí và nước, giấy phép môi trường, khoáng sản, chất thải rắn và rừng.",
        "Air and water monitoring, environmental permits, minerals, solid waste and forests.",
    ),
    "tai-chinh": (
        "Ngân sách địa phương, phân bổ ngân sách, tài sản công và lựa chọn nhà thầu.",
        "Local budget, budget allocations, public assets and public procurement.",
    ),
    "nang-luong": (
        "Kinh doanh xăng dầu và các cơ sở sử dụng năng lượng trọng điểm.",
        "Fuel retail and designated energy-intensive facilities.",
    ),
    "co-so-ha-tang": (
        "Giao thông, vận tải, xây dựng, nhà ở, thủy lợi và bưu chính.",
        "Roads and transport, construction, housing, irrigation works and postal network.",
    ),
    "xa-hoi": (
        "Dân số, văn hóa, di sản, lễ hội, tư pháp, an sinh xã hội, dân tộc và an toàn giao thông.",
        "Population, culture, heritage, festivals, justice, social protection, ethnic affairs "
        "and road safety.",
    ),
    "cong-nghe": (
        "Chuyển đổi số, dịch vụ công trực tuyến, hạ tầng viễn thông và khoa học, công nghệ.",
        "Digital transformation, online public services, telecom infrastructure, science and "
        "technology.",
    ),
    "dia-phuong": (
        "Chính quyền địa phương: thủ tục hành chính, văn bản, đơn vị hành chính, cải cách hành "
        "chính và định danh điện tử.",
        "Local government: administrative procedures, documents, administrative units, "
        "administrative reform and electronic identification.",
    ),
}


# --------------------------------------------------------------------------------------
# What a category builder returns
# --------------------------------------------------------------------------------------


@dataclass
class Extra:
    """An additional resource of a package (copied real file or extra generated table)."""

    name: str
    title: str
    description: str
    fields: list[dict]
    primary_key: list[str] | None = None
    copy_from: str | None = None  # file name in reference-data, copied byte for byte
    rows: list[dict] | None = None
    licenses: list[str] | None = None


@dataclass
class Out:
    rows: list[dict]
    what: tuple[str, str]  # one sentence each, vi / en
    unit: tuple[str, str]  # unit of observation: "một ...", "one ..."
    keywords: list[str]
    resource: tuple[str, str]  # resource name, Vietnamese resource title
    contact: str  # unit of the current body, e.g. "Phòng Quản lý ngân sách"
    units: str | None = None  # 'new' (2025-07-01) | 'old' (pre-merger) | None
    time_field: str | None = None  # temporal coverage from this column ...
    temporal: tuple[str, str] | None = None  # ... or given explicitly
    note: tuple[str, str] | None = None  # caveat added to the unit sentence
    extra: list[Extra] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    license: str = "CC-BY-4.0"
    sample: bool = True
    real_text: tuple[str, str] | None = None  # replaces the sample-data sentence
    spatial: tuple[str, str] | None = None  # (vi, en) when not the former Bắc Giang province


BUILDERS: dict[int, Callable[[Ref, Random], Out]] = {}


def category(cid: int):
    def deco(fn):
        BUILDERS[cid] = fn
        return fn

    return deco


# --------------------------------------------------------------------------------------
# Shared content: administrative procedures (categories 1 and 72)
# --------------------------------------------------------------------------------------

# field | procedure | agency | level | days | fee VND | online level | legal basis
# (a line starting with spaces continues the record above)
PROCEDURES_TEXT = """
Thành lập và hoạt động doanh nghiệp|Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên
  |Sở Tài chính|Tỉnh|3|50000|Toàn trình|Luật Doanh nghiệp số 59/2020/QH14; Nghị định 168/2025/NĐ-CP
Thành lập và hoạt động doanh nghiệp|Đăng ký thành lập công ty cổ phần|Sở Tài chính|Tỉnh|3|50000
  |Toàn trình|Luật Doanh nghiệp số 59/2020/QH14; Nghị định 168/2025/NĐ-CP
Thành lập và hoạt động doanh nghiệp|Đăng ký thay đổi nội dung đăng ký doanh nghiệp|Sở Tài chính|Tỉnh
  |3|50000|Toàn trình|Luật Doanh nghiệp số 59/2020/QH14; Nghị định 168/2025/NĐ-CP
Thành lập và hoạt động doanh nghiệp
  |Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn|Sở Tài chính|Tỉnh|3|0
  |Toàn trình|Luật Doanh nghiệp số 59/2020/QH14; Nghị định 168/2025/NĐ-CP
Đầu tư tại Việt Nam
  |Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư
  |Sở Tài chính|Tỉnh|15|0|Một phần|Luật Đầu tư số 61/2020/QH14; Nghị định 31/2021/NĐ-CP
Đầu tư tại Việt Nam|Điều chỉnh dự án đầu tư|Sở Tài chính|Tỉnh|15|0|Một phần
  |Luật Đầu tư số 61/2020/QH14; Nghị định 31/2021/NĐ-CP
Hoạt động xây dựng|Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II|Sở Xây dựng|Tỉnh|20
  |150000|Một phần|Luật Xây dựng số 50/2014/QH13; Nghị định 175/2024/NĐ-CP
Hoạt động xây dựng|Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III|Sở Xây dựng|Tỉnh|20
  |300000|Toàn trình|Luật Xây dựng số 50/2014/QH13; Nghị định 175/2024/NĐ-CP
Đường bộ|Cấp giấy phép kinh doanh vận tải bằng xe ô tô|Sở Xây dựng|Tỉnh|5|200000|Toàn trình
  |Luật Đường bộ số 35/2024/QH15; Nghị định 158/2024/NĐ-CP
Đường bộ|Cấp phù hiệu xe ô tô kinh doanh vận tải|Sở Xây dựng|Tỉnh|2|0|Toàn trình
  |Luật Đường bộ số 35/2024/QH15; Nghị định 158/2024/NĐ-CP
Lý lịch tư pháp|Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam|Sở Tư pháp|Tỉnh|10|200000|Toàn trình
  |Luật Lý lịch tư pháp số 28/2009/QH12
Công chứng|Đăng ký hoạt động văn phòng công chứng|Sở Tư pháp|Tỉnh|10|1000000|Một phần
  |Luật Công chứng số 46/2024/QH15
Luật sư|Đăng ký hoạt động của tổ chức hành nghề luật sư|Sở Tư pháp|Tỉnh|10|100000|Một phần
  |Luật Luật sư số 65/2006/QH11 (sửa đổi năm 2012)
Hộ tịch|Đăng ký khai sinh|UBND cấp xã|Xã|1|0|Toàn trình
  |Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP
Hộ tịch|Đăng ký kết hôn|UBND cấp xã|Xã|1|0|Một phần
  |Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP
Hộ tịch|Đăng ký khai tử|UBND cấp xã|Xã|1|0|Toàn trình
  |Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP
Chứng thực|Chứng thực bản sao từ bản chính giấy tờ, văn bản|UBND cấp xã|Xã|1|2000|Một phần
  |Nghị định 23/2015/NĐ-CP
Bảo trợ xã hội|Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội|UBND cấp xã|Xã|10|0
  |Một phần|Nghị định 20/2021/NĐ-CP
Đất đai|Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu|UBND cấp xã|Xã|20|100000|Một phần
  |Luật Đất đai số 31/2024/QH15; Nghị định 101/2024/NĐ-CP
Đất đai|Đăng ký biến động quyền sử dụng đất do chuyển nhượng
  |Văn phòng Đăng ký đất đai (Sở Nông nghiệp và Môi trường)|Tỉnh|10|50000|Một phần
  |Luật Đất đai số 31/2024/QH15; Nghị định 101/2024/NĐ-CP
Môi trường|Cấp giấy phép môi trường thuộc thẩm quyền của UBND tỉnh|Sở Nông nghiệp và Môi trường|Tỉnh
  |30|0|Một phần|Luật Bảo vệ môi trường số 72/2020/QH14; Nghị định 08/2022/NĐ-CP
Địa chất và khoáng sản|Cấp giấy phép khai thác khoáng sản|Sở Nông nghiệp và Môi trường|Tỉnh|60|0
  |Một phần|Luật Địa chất và khoáng sản số 54/2024/QH15
Trồng trọt và bảo vệ thực vật|Cấp mã số vùng trồng phục vụ xuất khẩu|Sở Nông nghiệp và Môi trường
  |Tỉnh|30|0|Một phần|Luật Trồng trọt số 31/2018/QH14
Quản lý chất lượng nông lâm thủy sản
  |Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (ngành nông nghiệp)
  |Sở Nông nghiệp và Môi trường|Tỉnh|15|700000|Một phần
  |Luật An toàn thực phẩm số 55/2010/QH12; Nghị định 15/2018/NĐ-CP
Lưu thông hàng hóa trong nước|Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu
  |Sở Công Thương|Tỉnh|15|1200000|Một phần|Nghị định 83/2014/NĐ-CP; Nghị định 80/2023/NĐ-CP
Lưu thông hàng hóa trong nước|Cấp Giấy phép bán buôn sản phẩm rượu|Sở Công Thương|Tỉnh|10|1200000
  |Toàn trình|Nghị định 105/2017/NĐ-CP
Vật liệu nổ công nghiệp|Cấp Giấy phép sử dụng vật liệu nổ công nghiệp|Sở Công Thương|Tỉnh|10|0
  |Một phần|Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ số 42/2024/QH15
An toàn thực phẩm|Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (ngành y tế)|Sở Y tế|Tỉnh
  |20|1000000|Một phần|Luật An toàn thực phẩm số 55/2010/QH12; Nghị định 15/2018/NĐ-CP
Dược phẩm|Cấp Chứng chỉ hành nghề dược|Sở Y tế|Tỉnh|20|500000|Một phần
  |Luật Dược số 105/2016/QH13; Nghị định 54/2017/NĐ-CP
Dược phẩm|Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho nhà thuốc, quầy thuốc|Sở Y tế|Tỉnh|20
  |1000000|Một phần|Luật Dược số 105/2016/QH13; Nghị định 54/2017/NĐ-CP
Khám bệnh, chữa bệnh|Cấp giấy phép hoạt động đối với phòng khám đa khoa|Sở Y tế|Tỉnh|45|5700000
  |Một phần|Luật Khám bệnh, chữa bệnh số 15/2023/QH15; Nghị định 96/2023/NĐ-CP
Giáo dục và đào tạo|Chuyển trường đối với học sinh trung học phổ thông|Sở Giáo dục và Đào tạo|Tỉnh|3
  |0|Toàn trình|Thông tư 50/2021/TT-BGDĐT
Giáo dục và đào tạo|Cấp bản sao văn bằng, chứng chỉ từ sổ gốc|Sở Giáo dục và Đào tạo|Tỉnh|2|0
  |Toàn trình|Nghị định 23/2015/NĐ-CP
Giáo dục nghề nghiệp|Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp trình độ sơ cấp
  |Sở Giáo dục và Đào tạo|Tỉnh|10|0|Một phần
  |Luật Giáo dục nghề nghiệp số 74/2014/QH13; Nghị định 15/2019/NĐ-CP
Việc làm|Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam|Sở Nội vụ|Tỉnh|5
  |600000|Toàn trình|Bộ luật Lao động số 45/2019/QH14
Việc làm|Giải quyết hưởng trợ cấp thất nghiệp|Sở Nội vụ|Tỉnh|20|0|Một phần
  |Luật Việc làm số 38/2013/QH13
Lao động|Đăng ký nội quy lao động của doanh nghiệp|Sở Nội vụ|Tỉnh|7|0|Toàn trình
  |Bộ luật Lao động số 45/2019/QH14
Người có công|Giải quyết chế độ trợ cấp một lần đối với thân nhân người có công với cách mạng
  |Sở Nội vụ|Tỉnh|12|0|Một phần|Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14
Văn hóa|Thông báo tổ chức lễ hội cấp tỉnh|Sở Văn hóa, Thể thao và Du lịch|Tỉnh|15|0|Một phần
  |Nghị định 110/2018/NĐ-CP
Du lịch|Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa|Sở Văn hóa, Thể thao và Du lịch|Tỉnh|10
  |3000000|Toàn trình|Luật Du lịch số 09/2017/QH14
Du lịch|Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao|Sở Văn hóa, Thể thao và Du lịch|Tỉnh
  |30|1500000|Một phần|Luật Du lịch số 09/2017/QH14
Xuất bản, in và phát hành|Cấp giấy phép xuất bản bản tin|Sở Văn hóa, Thể thao và Du lịch|Tỉnh|15|0
  |Toàn trình|Luật Báo chí số 103/2016/QH13
Hoạt động khoa học và công nghệ|Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ
  |Sở Khoa học và Công nghệ|Tỉnh|15|0|Toàn trình|Nghị định 08/2014/NĐ-CP
Hoạt động khoa học và công nghệ|Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ
  |Sở Khoa học và Công nghệ|Tỉnh|7|0|Một phần|Nghị định 13/2019/NĐ-CP
Bưu chính|Cấp giấy phép bưu chính (phạm vi nội tỉnh)|Sở Khoa học và Công nghệ|Tỉnh|20|0|Toàn trình
  |Luật Bưu chính số 49/2010/QH12
Dân tộc|Công nhận người có uy tín trong đồng bào dân tộc thiểu số|Sở Dân tộc và Tôn giáo|Tỉnh|15|0
  |Một phần|Quyết định 12/2018/QĐ-TTg
Tôn giáo|Đăng ký hoạt động tôn giáo ngoài cơ sở tôn giáo|Sở Dân tộc và Tôn giáo|Tỉnh|30|0|Một phần
  |Luật Tín ngưỡng, tôn giáo số 02/2016/QH14
Đầu tư tại khu công nghiệp|Cấp Giấy chứng nhận đăng ký đầu tư cho dự án trong khu công nghiệp
  |Ban Quản lý các khu công nghiệp tỉnh|Tỉnh|15|0|Toàn trình
  |Luật Đầu tư số 61/2020/QH14; Nghị định 35/2022/NĐ-CP
"""


def procedures() -> list[dict]:
    rng = Random(seed_of("procedures"))
    out, used = [], set()
    records: list[str] = []
    for line in PROCEDURES_TEXT.strip("\n").splitlines():
        if line.startswith(" "):
            records[-1] += line.strip()
        else:
            records.append(line)
    for record in records:
        f, name, agency, level, days, fee, online, basis = record.split("|")
        while True:
            code = f"{rng.choice('12')}.{rng.randint(0, 13999):06d}"
            if code not in used:
                used.add(code)
                break
        out.append(
            dict(
                procedure_code=code,
                procedure_name=name,
                field=f,
                agency=agency,
                level=level,
                processing_days=int(days),
                fee_vnd=int(fee),
                online_level=online,
                legal_basis=basis,
            )
        )
    return out


# --------------------------------------------------------------------------------------
# 1-11: Văn phòng UBND tỉnh, Sở Kế hoạch và Đầu tư (now Sở Tài chính)
# --------------------------------------------------------------------------------------


@category(1)
def c1(ref, rng):
    rows = sorted(
        procedures(), key=lambda r: (r["level"] != "Tỉnh", r["field"], r["procedure_code"])
    )
    return Out(
        rows,
        (
            "Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của các cơ quan cấp tỉnh và "
            "UBND cấp xã, kèm thời hạn, phí, lệ phí, mức dịch vụ công trực tuyến và căn cứ "
            "pháp lý.",
            "Administrative procedures handled by provincial agencies and commune People's "
            "Committees, with time limits, fees, online-service level and legal basis.",
        ),
        (
            "một thủ tục hành chính, khóa là mã thủ tục trên Cơ sở dữ liệu quốc gia về TTHC",
            "one administrative procedure, keyed by its code in the national procedure database",
        ),
        ["thủ tục hành chính", "dịch vụ công", "một cửa", "cải cách hành chính"],
        ("thu-tuc-hanh-chinh", "Danh mục thủ tục hành chính cấp tỉnh, cấp xã"),
        "Trung tâm Phục vụ hành chính công",
        temporal=(SNAPSHOT, SNAPSHOT),
        note=(
            "cơ quan giải quyết là cơ quan hiện hành sau sắp xếp năm 2025",
            "the handling agency is the body in charge after the 2025 reorganisation",
        ),
    )


@category(2)
def c2(ref, rng):
    agencies = {
        "Sở Tài chính": 2600,
        "Sở Nông nghiệp và Môi trường": 5200,
        "Sở Công Thương": 700,
        "Sở Xây dựng": 3100,
        "Sở Giáo dục và Đào tạo": 450,
        "Sở Y tế": 650,
        "Sở Văn hóa, Thể thao và Du lịch": 120,
        "Sở Nội vụ": 1900,
        "Sở Khoa học và Công nghệ": 90,
        "Sở Tư pháp": 1700,
        "Sở Dân tộc và Tôn giáo": 30,
        "Ban Quản lý các khu công nghiệp tỉnh": 800,
        "UBND cấp huyện (tổng hợp)": 24000,
        "UBND cấp xã (tổng hợp)": 61000,
    }
    rows = []
    for period in months("2025-03", "2025-06"):
        for agency, base in agencies.items():
            received = int(base * rng.uniform(0.85, 1.2))
            online = int(received * rng.uniform(0.62, 0.97))
            late = int(received * rng.uniform(0.0, 0.012))
            pending = int(received * rng.uniform(0.04, 0.12))
            rows.append(
                dict(
                    period=period,
                    agency=agency,
                    received=received,
                    received_online=online,
                    resolved_on_time=received - late - pending,
                    resolved_late=late,
                    pending=pending,
                )
            )
    return Out(
        rows,
        (
            "Số hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trong tháng theo từng cơ "
            "quan, "
            "gồm tiếp nhận trực tuyến, giải quyết đúng hạn, quá hạn và đang giải quyết.",
            "Monthly administrative dossiers received and resolved per agency: received online, "
            "resolved on time, resolved late and pending.",
        ),
        (
            "số liệu một tháng của một cơ quan (cấp huyện và cấp xã được cộng gộp)",
            "one agency in one month (districts and communes are aggregated)",
        ),
        ["thủ tục hành chính", "hồ sơ", "dịch vụ công", "một cửa"],
        ("ket-qua-giai-quyet-ho-so", "Kết quả tiếp nhận, giải quyết hồ sơ theo tháng"),
        "Trung tâm Phục vụ hành chính công",
        time_field="period",
        note=(
            "các cơ quan là các sở sau hợp nhất ngày 01/3/2025, trước khi hợp nhất tỉnh",
            "agencies are the departments after the merger of 1 March 2025, before the "
            "provincial merger",
        ),
    )


AGENCIES_2024 = P(
    "Sở Kế hoạch và Đầu tư|Sở Tài chính|Sở Tài nguyên và Môi trường"
    "|Sở Nông nghiệp và Phát triển nông thôn|Sở Công Thương|Sở Giao thông Vận tải|Sở Xây dựng"
    "|Sở Giáo dục và Đào tạo|Sở Y tế|Sở Văn hóa, Thể thao và Du lịch"
    "|Sở Lao động - Thương binh và Xã hội|Sở Thông tin và Truyền thông|Sở Tư pháp|Sở Nội vụ"
    "|Sở Khoa học và Công nghệ|Ban Dân tộc tỉnh|Ban Quản lý các khu công nghiệp tỉnh"
)


@category(3)
def c3(ref, rng):
    rows = []
    level = {a: rng.uniform(78, 90) for a in AGENCIES_2024}
    for q in range(1, 5):
        scores = {a: rnd(min(99.0, level[a] + rng.uniform(-4, 5)), 2) for a in AGENCIES_2024}
        ranked = sorted(scores, key=lambda a: -scores[a])
        for a in AGENCIES_2024:
            rows.append(
                dict(year=2024, quarter=q, agency=a, score=scores[a], rank=ranked.index(a) + 1)
            )
    return Out(
        rows,
        (
            "Điểm và xếp hạng theo quý của các sở, ban, ngành trong Bộ chỉ số chỉ đạo, điều "
            "hành và "
            "đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành "
            "chính, "
            "dịch vụ công (thang 100 điểm).",
            "Quarterly score (out of 100) and rank of each provincial agency in the citizen and "
            "business service index for administrative procedures and public services.",
        ),
        ("điểm của một cơ quan trong một quý", "one agency in one quarter"),
        ["chỉ số phục vụ", "thủ tục hành chính", "dịch vụ công", "xếp hạng"],
        ("chi-so-phuc-vu-2024", "Chỉ số phục vụ người dân, doanh nghiệp năm 2024 theo quý"),
        "Trung tâm Phục vụ hành chính công",
        temporal=("2024-01-01", "2024-12-31"),
        note=(
            "tên cơ quan là tên trước sắp xếp ngày 01/3/2025",
            "agencies carry their names before the reorganisation of 1 March 2025",
        ),
    )


DOC_TOPICS = P(
    "triển khai Kế hoạch phát triển kinh tế - xã hội năm 2025|phòng, chống dịch tả lợn châu Phi"
    "|tổ chức tiêu thụ vải thiều năm 2025|đẩy mạnh giải ngân vốn đầu tư công năm 2025"
    "|phòng, chống thiên tai và tìm kiếm cứu nạn năm 2025|tăng cường công tác phòng cháy, chữa cháy"
    "|sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh"
    "|thực hiện Đề án 06 về dữ liệu dân cư, định danh và xác thực điện tử"
    "|tổ chức kỳ thi tuyển sinh vào lớp 10 THPT năm học 2025-2026"
    "|bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán Ất Tỵ|công bố danh mục thủ tục "
    "hành chính"
    "|phê duyệt quy hoạch chi tiết xây dựng tỷ lệ 1/500|giao chỉ tiêu thu ngân sách nhà nước"
    "|kiện toàn Ban Chỉ đạo chuyển đổi số tỉnh|phòng, chống bệnh sốt xuất huyết, tay chân miệng"
    "|phát triển nhà ở xã hội cho công nhân khu công nghiệp|thu hồi đất thực hiện dự án"
    "|xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu|cải thiện chỉ số PCI"
    "|quản lý, khai thác cát, sỏi lòng sông|chuẩn bị hợp nhất đơn vị hành chính cấp tỉnh"
    "|kết thúc hoạt động của chính quyền địa phương cấp huyện|bàn giao hồ sơ, tài liệu lưu trữ"
)


@category(4)
def c4(ref, rng):
    kinds = [
        ("Quyết định", "QĐ-UBND", 0.42),
        ("Kế hoạch", "KH-UBND", 0.2),
        ("Chỉ thị", "CT-UBND", 0.06),
        ("Công văn", "UBND-TH", 0.22),
        ("Thông báo", "TB-UBND", 0.1),
    ]
    counters = {k[1]: rng.randint(5, 20) for k in kinds}
    dates = sorted(workday(rng, "2025-01-02", "2025-06-27") for _ in range(72))
    rows = []
    for day in dates:
        kind, suffix = rng.choices([k[:2] for k in kinds], [k[2] for k in kinds])[0]
        counters[suffix] += rng.randint(3, 40)
        n = counters[suffix]
        verb = {
            "Quyết định": "Về việc ban hành quy định",
            "Kế hoạch": "Kế hoạch",
            "Chỉ thị": "Về việc",
            "Công văn": "Về việc",
            "Thông báo": "Kết luận về việc",
        }[kind]
        topic = rng.choice(DOC_TOPICS)
        signer = (
            "Chánh Văn phòng UBND tỉnh"
            if kind == "Thông báo"
            else rng.choice(
                [
                    "Chủ tịch UBND tỉnh",
                    "Phó Chủ tịch Thường trực UBND tỉnh",
                    "Phó Chủ tịch UBND tỉnh",
                ]
            )
        )
        rows.append(
            dict(
                doc_number=f"{n}/{suffix}",
                doc_type=kind,
                issued_date=day,
                signer=signer,
                summary=f"{verb} {topic}",
                url=f"https://vanban.bacgiang.gov.vn/van-ban/{day.year}/{n}-{ascii_slug(suffix)}.pdf",
            )
        )
    return Out(
        rows,
        (
            "Văn bản chỉ đạo, điều hành được công khai của UBND tỉnh Bắc Giang (quyết định, kế "
            "hoạch, "
            "chỉ thị, công văn, thông báo) với số ký hiệu, ngày ban hành, chức danh người ký và "
            "trích yếu.",
            "Published directive and executive documents of the Bắc Giang Provincial People's "
            "Committee (decisions, plans, directives, official letters, notices).",
        ),
        (
            "một văn bản; người ký chỉ ghi chức danh, không ghi họ tên",
            "one document; the signer is given by position only, not by name",
        ),
        ["văn bản", "chỉ đạo điều hành", "UBND tỉnh", "công khai"],
        ("van-ban-chi-dao-dieu-hanh", "Văn bản chỉ đạo, điều hành của UBND tỉnh"),
        "Phòng Hành chính - Tổ chức",
        time_field="issued_date",
    )


# VSIC 2018 code | activity | word used in invented company names
VSIC = [
    tuple(x.split("|"))
    for x in (
        "4100|Xây dựng nhà để ở|Xây dựng",
        "4290|Xây dựng công trình kỹ thuật dân dụng khác|Xây dựng",
        "4663|Bán buôn vật liệu, thiết bị lắp đặt khác trong xây dựng|Vật liệu xây dựng",
        "4933|Vận tải hàng hóa bằng đường bộ|Vận tải",
        "1410|May trang phục (trừ trang phục từ da lông thú)|May mặc",
        "2610|Sản xuất linh kiện điện tử|Điện tử",
        "4620|Bán buôn nông, lâm sản nguyên liệu (trừ gỗ, tre, nứa) và động vật sống|Nông sản",
        "5610|Nhà hàng và các dịch vụ ăn uống phục vụ lưu động|Thương mại và Dịch vụ",
        "6810|Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi "
        "thuê|Đầu tư và Phát triển",
        "4520|Bảo dưỡng, sửa chữa ô tô và xe có động cơ khác|Cơ khí",
        "4711|Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào chiếm tỷ trọng lớn "
        "trong các cửa hàng kinh doanh tổng hợp|Thương mại và Dịch vụ",
        "7020|Hoạt động tư vấn quản lý|Tư vấn thiết kế",
        "8299|Hoạt động dịch vụ hỗ trợ kinh doanh khác còn lại chưa được phân vào đâu|Thương "
        "mại và Dịch vụ",
        "2511|Sản xuất các cấu kiện kim loại|Cơ khí",
        "2220|Sản xuất sản phẩm từ plastic|Sản xuất và Thương mại",
        "1030|Chế biến và bảo quản rau quả|Thực phẩm",
        "0146|Chăn nuôi gia cầm|Nông sản",
        "5210|Kho bãi và lưu giữ hàng hóa|Logistics",
        "4659|Bán buôn máy móc, thiết bị và phụ tùng máy khác|Thương mại và Dịch vụ",
        "6201|Lập trình máy vi tính|Công nghệ",
        "5510|Dịch vụ lưu trú ngắn ngày|Thương mại và Dịch vụ",
        "2394|Sản xuất xi măng, vôi và thạch cao|Vật liệu xây dựng",
    )
]
ENT_TYPES = [
    ("Công ty TNHH một thành viên", "Công ty TNHH", 0.52),
    ("Công ty TNHH hai thành viên trở lên", "Công ty TNHH", 0.18),
    ("Công ty cổ phần", "Công ty cổ phần", 0.26),
    ("Doanh nghiệp tư nhân", "Doanh nghiệp tư nhân", 0.04),
]


def ent_type(rng: Random) -> tuple[str, str]:
    x, acc = rng.random(), 0.0
    for full, short, p in ENT_TYPES:
        acc += p
        if x <= acc:
            return full, short
    return ENT_TYPES[0][:2]


@category(5)
def c5(ref, rng):
    g, nm, used = Geo(ref, rng, "new"), Names(rng), set()
    rows = []
    for _ in range(150):
        full, short = ent_type(rng)
        code, industry, activity = rng.choice(VSIC)
        c = g.pick()
        cap = rng.choice([1, 2, 3, 5, 5, 10, 10, 15, 20, 30, 50, 100, 200]) * 100_000_000
        if short == "Doanh nghiệp tư nhân":
            cap = rng.choice([3, 5, 10]) * 100_000_000
        rows.append(
            dict(
                enterprise_code=tax_code(rng, used),
                name=nm.company(kinds=(short,), activity=activity),
                enterprise_type=full,
                registration_date=rand_date(rng, "2025-07-01", "2025-09-30"),
                main_industry_code=code,
                main_industry=industry,
                charter_capital_vnd=cap,
                address=g.address(c),
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: (r["registration_date"], r["enterprise_code"]))
    return Out(
        rows,
        (
            "Doanh nghiệp đăng ký thành lập mới trên địa bàn tỉnh Bắc Giang (cũ) trong quý "
            "III/2025: "
            "mã số doanh nghiệp, loại hình, ngành nghề kinh doanh chính (VSIC 2018), vốn điều "
            "lệ và "
            "địa chỉ trụ sở.",
            "Enterprises newly registered in the former Bắc Giang province in Q3 2025: enterprise "
            "code, legal form, main activity (VSIC 2018), charter capital and head-office address.",
        ),
        (
            "một doanh nghiệp; không công bố thông tin người đại diện theo pháp luật",
            "one enterprise; the legal representative is not published",
        ),
        ["doanh nghiệp", "đăng ký kinh doanh", "thành lập mới", "VSIC"],
        ("doanh-nghiep-thanh-lap-moi", "Doanh nghiệp thành lập mới quý III/2025"),
        "Phòng Đăng ký kinh doanh",
        units="new",
        time_field="registration_date",
    )


@category(6)
def c6(ref, rng):
    g, nm, used = Geo(ref, rng, "new"), Names(rng), set()
    rows = []
    for _ in range(90):
        status = rng.choices(["Giải thể", "Tạm ngừng kinh doanh", "Hoạt động trở lại"], [3, 6, 2])[
            0
        ]
        c = g.pick()
        _, short = ent_type(rng)
        rows.append(
            dict(
                enterprise_code=tax_code(rng, used),
                name=nm.company(kinds=(short,)),
                status=status,
                effective_date=rand_date(rng, "2025-07-01", "2025-09-30"),
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: (r["effective_date"], r["enterprise_code"]))
    return Out(
        rows,
        (
            "Doanh nghiệp giải thể, tạm ngừng kinh doanh hoặc hoạt động trở lại trước thời hạn "
            "trên "
            "địa bàn tỉnh Bắc Giang (cũ) trong quý III/2025.",
            "Enterprises dissolved, suspended or resuming business in the former Bắc Giang "
            "province "
            "in Q3 2025.",
        ),
        (
            "một lần thay đổi tình trạng của một doanh nghiệp",
            "one change of status of one enterprise",
        ),
        ["doanh nghiệp", "giải thể", "tạm ngừng kinh doanh", "đăng ký kinh doanh"],
        ("doanh-nghiep-giai-the-tam-ngung", "Doanh nghiệp giải thể, tạm ngừng quý III/2025"),
        "Phòng Đăng ký kinh doanh",
        units="new",
        time_field="effective_date",
    )


COOP_SECTORS = [
    ("Nông nghiệp", "Dịch vụ nông nghiệp tổng hợp", 25, (7, 60)),
    ("Vải thiều", "Trồng trọt, tiêu thụ vải thiều", 18, (7, 120)),
    ("Chăn nuôi", "Chăn nuôi gà đồi, lợn", 10, (7, 40)),
    ("Rau an toàn", "Sản xuất rau an toàn", 8, (7, 50)),
    ("Thủy sản", "Nuôi trồng thủy sản", 5, (7, 30)),
    ("Dịch vụ điện năng", "Kinh doanh điện năng nông thôn", 4, (7, 20)),
    ("Vận tải", "Vận tải hành khách, hàng hóa", 6, (7, 40)),
    ("Xây dựng", "Xây dựng, vệ sinh môi trường", 6, (7, 25)),
    ("Tiểu thủ công nghiệp", "Sản xuất mỳ gạo, bánh đa, gốm", 7, (7, 45)),
    ("Môi trường", "Thu gom rác thải sinh hoạt", 4, (7, 20)),
    ("Dược liệu", "Trồng, chế biến dược liệu", 4, (7, 30)),
]


@category(7)
def c7(ref, rng):
    g, nm, used = Geo(ref, rng, "new"), Names(rng), set()
    rows = []
    for _ in range(130):
        short, sector, _w, (lo, hi) = rng.choices(COOP_SECTORS, [s[2] for s in COOP_SECTORS])[0]
        c = g.pick(lambda c: c.kind == "Xã") if rng.random() < 0.85 else g.pick()
        old = ref.old_by_code[rng.choice(c.old_codes)]
        rows.append(
            dict(
                coop_code=tax_code(rng, used),
                name=nm.coop(short, bare(old.name)),
                registration_date=rand_date(rng, "2008-01-01", "2025-06-30"),
                sector=sector,
                members=rng.randint(lo, hi),
                charter_capital_vnd=rng.randint(2, 60) * 50_000_000,
                address=g.address(c, street_ok=False),
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: r["coop_code"])
    return Out(
        rows,
        (
            "Hợp tác xã đang hoạt động trên địa bàn tỉnh Bắc Giang (cũ): mã số, ngày đăng ký, lĩnh "
            "vực hoạt động, số thành viên, vốn điều lệ và địa chỉ.",
            "Cooperatives operating in the former Bắc Giang province: registration code and date, "
            "sector, number of members, charter capital and address.",
        ),
        ("một hợp tác xã", "one cooperative"),
        ["hợp tác xã", "kinh tế tập thể", "nông nghiệp"],
        ("hop-tac-xa", "Danh sách hợp tác xã"),
        "Phòng Đăng ký kinh doanh",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


PROJECT_KINDS = [
    ("Nhà máy sản xuất linh kiện điện tử", "SX", (300, 4000), (3, 25)),
    ("Nhà máy may xuất khẩu", "SX", (80, 600), (1, 8)),
    ("Khu dân cư mới", "DT", (120, 2500), (3, 40)),
    ("Trung tâm thương mại, dịch vụ", "TM", (50, 800), (0.5, 5)),
    ("Cửa hàng xăng dầu và dịch vụ thương mại", "TM", (10, 40), (0.2, 0.8)),
    ("Trang trại chăn nuôi lợn công nghệ cao", "NN", (40, 300), (3, 20)),
    ("Khu du lịch sinh thái", "DL", (100, 1800), (10, 120)),
    ("Nhà máy chế biến nông sản", "SX", (60, 500), (1, 10)),
    ("Kho bãi, trung tâm logistics", "TM", (150, 1500), (2, 20)),
    ("Nhà máy sản xuất bao bì", "SX", (100, 900), (1, 8)),
]


@category(8)
def c8(ref, rng):
    g, nm, used = Geo(ref, rng, "old"), Names(rng), set()
    rows = []
    for _ in range(60):
        kind, _k, (clo, chi), (alo, ahi) = rng.choice(PROJECT_KINDS)
        c = g.pick()
        if rng.random() < 0.25 and _k == "SX":
            investor, country = nm.foreign("textile" if "may" in kind else "electronics")
        else:
            investor, country = (
                nm.company(activity=rng.choice(["Đầu tư và Phát triển", "Sản xuất và Thương mại"])),
                "VN",
            )
        vnd = rnd(rng.uniform(clo, chi), 1)
        while True:
            code = f"{rng.randint(1, 9)}{rng.randint(0, 999999999):09d}"
            if code not in used:
                used.add(code)
                break
        rows.append(
            dict(
                project_code=code,
                project_name=f"{kind} tại {lower_unit(c.name)}",
                investor=investor,
                investor_country=country,
                approval_date=workday(rng, "2025-01-02", "2025-06-30"),
                capital_vnd_billion=vnd,
                capital_usd_million=rnd(vnd / 25.4, 2),
                land_area_ha=rnd(rng.uniform(alo, ahi), 2),
                **g.cols(c),
                status=rng.choice(
                    ["Đang hoàn thiện thủ tục đất đai", "Đang giải phóng mặt bằng", "Đang xây dựng"]
                ),
            )
        )
    rows.sort(key=lambda r: (r["approval_date"], r["project_code"]))
    return Out(
        rows,
        (
            "Dự án đầu tư ngoài khu công nghiệp được UBND tỉnh chấp thuận chủ trương đầu tư "
            "hoặc cấp "
            "Giấy chứng nhận đăng ký đầu tư trong 6 tháng đầu năm 2025, với nhà đầu tư, vốn "
            "đăng ký "
            "(tỷ đồng và triệu USD), diện tích đất và địa điểm.",
            "Investment projects outside industrial zones approved or licensed by the province in "
            "H1 2025, with investor, registered capital (VND billion and USD million), land area "
            "and location.",
        ),
        (
            "một dự án; vốn USD quy đổi theo tỷ giá 25.400 đồng/USD",
            "one project; USD converted at 25,400 VND per USD",
        ),
        ["đầu tư", "dự án", "chủ trương đầu tư", "FDI"],
        ("du-an-dau-tu-6-thang-2025", "Dự án được chấp thuận, cấp phép 6 tháng đầu năm 2025"),
        "Phòng Quản lý đầu tư",
        units="old",
        time_field="approval_date",
    )


@category(9)
def c9(ref, rng):
    g = Geo(ref, rng, "new")
    specs = [
        ("Khu đô thị mới", "Đô thị", "Đấu thầu lựa chọn nhà đầu tư", (20, 120), (800, 6000)),
        ("Khu du lịch sinh thái", "Du lịch", "Chấp thuận nhà đầu tư", (30, 400), (300, 3000)),
        ("Cụm công nghiệp", "Công nghiệp", "Chấp thuận nhà đầu tư", (30, 75), (400, 1200)),
        ("Nhà máy xử lý chất thải rắn phát điện", "Môi trường", "PPP", (5, 20), (800, 2500)),
        (
            "Trung tâm logistics",
            "Thương mại, dịch vụ",
            "Đấu thầu lựa chọn nhà đầu tư",
            (10, 50),
            (500, 2000),
        ),
        ("Bệnh viện đa khoa tư nhân", "Y tế", "Đấu giá quyền sử dụng đất", (2, 8), (300, 1200)),
        (
            "Trường học liên cấp chất lượng cao",
            "Giáo dục",
            "Đấu giá quyền sử dụng đất",
            (2, 6),
            (150, 600),
        ),
        (
            "Vùng sản xuất nông nghiệp công nghệ cao",
            "Nông nghiệp",
            "Chấp thuận nhà đầu tư",
            (50, 300),
            (200, 1500),
        ),
        (
            "Trung tâm thương mại",
            "Thương mại, dịch vụ",
            "Đấu giá quyền sử dụng đất",
            (1, 5),
            (200, 900),
        ),
        ("Nhà ở xã hội", "Nhà ở", "Đấu thầu lựa chọn nhà đầu tư", (3, 15), (400, 1800)),
    ]
    rows, seen = [], set()
    while len(rows) < 32:
        name, sector, form, (alo, ahi), (clo, chi) = rng.choice(specs)
        c = g.pick()
        if (name, c.code) in seen:
            continue
        seen.add((name, c.code))
        rows.append(
            dict(
                project_name=f"{name} {bare(c.name)}",
                sector=sector,
                location=f"{c.name}, tỉnh Bắc Ninh (địa bàn tỉnh Bắc Giang cũ)",
                **g.cols(c),
                land_area_ha=rnd(rng.uniform(alo, ahi), 1),
                estimated_capital_vnd_billion=round(rng.uniform(clo, chi), -1),
                investment_form=form,
                contact="Phòng Quản lý đầu tư, Sở Tài chính; sotc@bacninh.gov.vn",
            )
        )
    return Out(
        rows,
        (
            "Danh mục dự án kêu gọi, thu hút đầu tư trên địa bàn tỉnh Bắc Giang (cũ) giai đoạn "
            "2025-2026: lĩnh vực, địa điểm, quy mô diện tích, vốn dự kiến và hình thức lựa chọn "
            "nhà đầu tư.",
            "Projects offered to investors in the former Bắc Giang province for 2025-2026: sector, "
            "location, land area, estimated capital and investor-selection method.",
        ),
        ("một dự án kêu gọi đầu tư", "one project offered to investors"),
        ["xúc tiến đầu tư", "kêu gọi đầu tư", "dự án", "PPP"],
        ("du-an-keu-goi-dau-tu", "Danh mục dự án kêu gọi đầu tư 2025-2026"),
        "Phòng Quản lý đầu tư",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(10)
def c10(ref, rng):
    nm = Names(rng)
    works = [
        ("Cải tạo, nâng cấp đường tỉnh ĐT.", "Xây lắp", (8, 60), "GT"),
        ("Xây dựng nhà lớp học 3 tầng trường THCS", "Xây lắp", (4, 15), "DD"),
        ("Mua sắm thiết bị y tế cho Trung tâm Y tế khu vực", "Mua sắm hàng hóa", (1, 12), "YT"),
        ("Tư vấn lập báo cáo nghiên cứu khả thi dự án", "Tư vấn", (0.3, 2), "DD"),
        ("Nạo vét, kiên cố hóa kênh mương", "Xây lắp", (2, 12), "NN"),
        ("Mua sắm máy tính, thiết bị chuyển đổi số", "Mua sắm hàng hóa", (0.5, 6), "KH"),
        ("Xây dựng trạm y tế", "Xây lắp", (3, 8), "DD"),
        ("Tư vấn giám sát thi công xây dựng", "Tư vấn", (0.2, 1.5), "GT"),
        ("Cải tạo hệ thống chiếu sáng công cộng", "Xây lắp", (1, 6), "DD"),
        ("Mua sắm thiết bị dạy học tối thiểu", "Mua sắm hàng hóa", (1, 8), "GD"),
    ]
    entities = {
        "GT": "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
        "DD": "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
        "NN": "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và PTNT tỉnh",
        "YT": "Sở Y tế",
        "GD": "Sở Giáo dục và Đào tạo",
        "KH": "Sở Khoa học và Công nghệ",
    }
    rows, codes = [], set()
    for _ in range(80):
        work, kind, (lo, hi), entity = rng.choice(works)
        est = round(rng.uniform(lo, hi) * 1e9, -6)
        if est < 2e9 and kind != "Xây lắp":
            method = rng.choice(["Chỉ định thầu rút gọn", "Chào hàng cạnh tranh qua mạng"])
        else:
            method = rng.choice(
                [
                    "Đấu thầu rộng rãi qua mạng",
                    "Đấu thầu rộng rãi qua mạng",
                    "Chào hàng cạnh tranh qua mạng",
                ]
            )
        name = (
            f"{work}{rng.choice([292, 293, 295, 398, 299, 290])}" if work.endswith("ĐT.") else work
        )
        rows.append(
            dict(
                package_code=unique_code(
                    rng, codes, lambda: f"IB2500{rng.randint(1000, 99999):06d}"
                ),
                package_name=f"Gói thầu số {rng.randint(1, 12):02d}: {name}",
                project_name=f"Dự án {name.lower()} năm 2025",
                procuring_entity=entities[entity],
                method=method,
                estimated_value_vnd=int(est),
                winning_bidder=nm.company(
                    activity=rng.choice(
                        ["Xây dựng", "Tư vấn thiết kế", "Thương mại và Dịch vụ", "Công nghệ"]
                    )
                ),
                contract_value_vnd=int(round(est * rng.uniform(0.9, 0.995), -3)),
                award_date=workday(rng, "2025-01-06", "2025-06-27"),
            )
        )
    rows.sort(key=lambda r: (r["award_date"], r["package_code"]))
    return Out(
        rows,
        (
            "Kết quả lựa chọn nhà thầu các gói thầu sử dụng vốn nhà nước của các chủ đầu tư "
            "cấp tỉnh "
            "trong 6 tháng đầu năm 2025: hình thức lựa chọn, giá gói thầu, nhà thầu trúng "
            "thầu, giá "
            "trúng thầu.",
            "Procurement results of state-funded contracts awarded by provincial project owners in "
            "H1 2025: method, estimated value, winning bidder and contract value.",
        ),
        (
            "một gói thầu, khóa là số thông báo mời thầu trên Hệ thống mạng đấu thầu quốc gia",
            "one contract package, keyed by its notice number on the national e-procurement system",
        ),
        ["đấu thầu", "lựa chọn nhà thầu", "vốn nhà nước", "mua sắm công"],
        ("ket-qua-lua-chon-nha-thau", "Kết quả lựa chọn nhà thầu 6 tháng đầu năm 2025"),
        "Phòng Đấu thầu, thẩm định và giám sát đầu tư",
        time_field="award_date",
    )


INDICATORS = [
    (
        "GRDP",
        "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)",
        "%",
        (13.5, 14.0),
        (13.45, 13.85),
        0.5,
    ),
    ("GRDP_BQ", "GRDP bình quân đầu người", "triệu đồng", (98, 112), (96, 111), 2),
    (
        "THU_NSNN",
        "Thu ngân sách nhà nước trên địa bàn",
        "tỷ đồng",
        (11500, 14500),
        (12800, 16900),
        300,
    ),
    ("XK", "Kim ngạch xuất khẩu", "triệu USD", (26000, 30000), (24000, 31500), 500),
    (
        "VDT",
        "Tổng vốn đầu tư phát triển toàn xã hội",
        "tỷ đồng",
        (75000, 85000),
        (76000, 88000),
        1500,
    ),
    ("FDI", "Vốn FDI thu hút mới và điều chỉnh tăng", "triệu USD", (1000, 1200), (1500, 2300), 100),
    ("DN_MOI", "Số doanh nghiệp thành lập mới", "doanh nghiệp", (1800, 2000), (1850, 2100), 60),
    ("NGHEO", "Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều)", "%", (2.6, 1.9), (2.45, 1.72), 0.1),
    ("LD_DT", "Tỷ lệ lao động qua đào tạo", "%", (72, 74), (72.5, 74.2), 0.4),
    ("VIEC_LAM", "Số lao động được tạo việc làm mới", "người", (29000, 30000), (30500, 31800), 600),
    ("BHYT", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", (93.5, 94.5), (93.8, 94.9), 0.3),
    ("GIUONG", "Số giường bệnh trên 1 vạn dân", "giường", (31, 32), (31.2, 32.4), 0.3),
    ("BAC_SI", "Số bác sĩ trên 1 vạn dân", "bác sĩ", (10.5, 11), (10.6, 11.2), 0.2),
    ("NTM", "Số xã đạt chuẩn nông thôn mới (lũy kế)", "xã", (150, 160), (151, 162), 2),
    ("NTM_NC", "Số xã đạt chuẩn nông thôn mới nâng cao (lũy kế)", "xã", (60, 80), (62, 84), 3),
    ("CHE_PHU", "Tỷ lệ che phủ rừng", "%", (37.8, 37.9), (37.8, 37.9), 0.05),
    (
        "CTR",
        "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý",
        "%",
        (98, 99),
        (98.5, 99.2),
        0.3,
    ),
    (
        "NUOC",
        "Tỷ lệ dân số nông thôn được sử dụng nước sạch theo quy chuẩn",
        "%",
        (60, 68),
        (61, 69),
        1,
    ),
    ("TRUONG_CQG", "Tỷ lệ trường học đạt chuẩn quốc gia", "%", (90, 92), (90.5, 92.5), 0.5),
    ("DO_THI", "Tỷ lệ đô thị hóa", "%", (33, 36), (33.5, 36.2), 0.5),
]


@category(11)
def c11(ref, rng):
    rows = []
    for i, year in enumerate((2023, 2024)):
        for code, name, unit, targets, actuals, noise in INDICATORS:
            t, a = targets[i], actuals[i] + rng.uniform(-noise, noise) * 0.3
            nd = 0 if unit in ("tỷ đồng", "triệu USD", "doanh nghiệp", "người", "xã") else 2
            rows.append(
                dict(
                    year=year,
                    indicator_code=code,
                    indicator_name=name,
                    unit=unit,
                    target=rnd(t, nd) if nd else int(t),
                    actual=rnd(a, nd) if nd else int(a),
                )
            )
    return Out(
        rows,
        (
            "Một số chỉ tiêu chủ yếu của kế hoạch phát triển kinh tế - xã hội tỉnh Bắc Giang năm "
            "2023 và 2024: kế hoạch được HĐND tỉnh giao và kết quả thực hiện.",
            "Main socio-economic plan indicators of Bắc Giang province for 2023 and 2024: target "
            "set by the Provincial People's Council and result achieved.",
        ),
        ("một chỉ tiêu trong một năm", "one indicator in one year"),
        ["kinh tế xã hội", "chỉ tiêu kế hoạch", "GRDP", "tăng trưởng"],
        ("chi-tieu-kinh-te-xa-hoi", "Chỉ tiêu kế hoạch và kết quả thực hiện 2023-2024"),
        "Phòng Tổng hợp, quy hoạch",
        time_field="year",
    )


# --------------------------------------------------------------------------------------
# 12-16: Sở Tài chính
# --------------------------------------------------------------------------------------

BUDGET_ITEMS = [
    ("total_rev", "THU_NSNN_DIA_BAN", "Tổng thu ngân sách nhà nước trên địa bàn"),
    ("total_exp", "CHI_CAN_DOI_NSDP", "Tổng chi cân đối ngân sách địa phương"),
    ("balance_trans", "BO_SUNG_CAN_DOI", "Bổ sung cân đối từ ngân sách trung ương"),
    ("target_trans", "BO_SUNG_CO_MUC_TIEU", "Bổ sung có mục tiêu từ ngân sách trung ương"),
    ("project_trans", "VON_CHUONG_TRINH_DU_AN", "Vốn chương trình, dự án từ ngân sách trung ương"),
    (
        "net_trans",
        "CHENH_LECH_THU_CHI",
        "Chênh lệch thu trên địa bàn trừ chi cân đối (âm: phần thiếu hụt)",
    ),
]


@category(12)
def c12(ref, rng):
    rows = []
    for r in ref.read("bac-giang-provincial-budget-2006-2015.csv"):
        for col, code, name in BUDGET_ITEMS:
            # values are copied as text, unchanged
            rows.append(
                dict(year=r["year"], item_code=code, item_name=name, planned_vnd_million=r[col])
            )
    return Out(
        rows,
        (
            "Số liệu dự toán thu, chi ngân sách của tỉnh Bắc Giang các năm 2006-2015 do Bộ Tài "
            "chính "
            "công bố (triệu đồng): tổng thu trên địa bàn, chi cân đối, bổ sung cân đối, bổ sung có "
            "mục tiêu và vốn chương trình, dự án từ ngân sách trung ương.",
            "Budget estimates of Bắc Giang province for 2006-2015 as published by the Ministry of "
            "Finance (VND million): revenue collected in the province, balanced expenditure and "
            "transfers from the central budget.",
        ),
        ("một khoản mục trong một năm ngân sách", "one budget item in one budget year"),
        ["ngân sách", "dự toán", "thu chi ngân sách", "tài chính công"],
        ("du-toan-ngan-sach-2006-2015", "Dự toán thu, chi ngân sách tỉnh Bắc Giang 2006-2015"),
        "Phòng Quản lý ngân sách",
        time_field="year",
        sources=[BUDGET_SRC],
        license="CC0-1.0",
        sample=False,
        real_text=(
            "Dữ liệu thật, lấy từ tệp bac-giang-provincial-budget-2006-2015.csv của kho "
            "mdtrinh/vietnamdata (CC0, số liệu gốc từ mof.gov.vn): bảng được chuyển từ dạng rộng "
            "sang dạng dài (mỗi cột số thành một khoản mục, giữ nguyên giá trị), bỏ cột province "
            "và cột ratio (tỷ lệ điều tiết, 100% mọi năm); ý nghĩa các cột là diễn giải của tác "
            "giả kho nguồn và nhiều khả năng là số dự toán, cần đối chiếu bảng của Bộ Tài chính "
            "trước khi dùng như số chính thức.",
            "Real data from bac-giang-provincial-budget-2006-2015.csv of the mdtrinh/vietnamdata "
            "repository (CC0, figures scraped from mof.gov.vn): reshaped from wide to long (each "
            "numeric column became an item, values unchanged), the province column and the ratio "
            "column (retention rate, 100% every year) dropped; column meanings are the upstream "
            "author's interpretation and most likely estimates, so check them against Ministry "
            "of Finance tables before quoting them as official.",
        ),
    )


FINAL_ACCOUNT = [
    ("A", "TỔNG THU NGÂN SÁCH NHÀ NƯỚC TRÊN ĐỊA BÀN", None),
    ("A.1", "Thu nội địa", None),
    ("A.1.1", "Thu từ doanh nghiệp nhà nước", (180_000, 240_000)),
    ("A.1.2", "Thu từ doanh nghiệp có vốn đầu tư nước ngoài", (900_000, 1_400_000)),
    ("A.1.3", "Thu từ khu vực kinh tế ngoài quốc doanh", (1_300_000, 1_700_000)),
    ("A.1.4", "Thuế thu nhập cá nhân", (600_000, 800_000)),
    ("A.1.5", "Lệ phí trước bạ", (380_000, 480_000)),
    ("A.1.6", "Thu tiền sử dụng đất", (5_000_000, 8_500_000)),
    ("A.1.7", "Thu tiền thuê đất, thuê mặt nước", (350_000, 700_000)),
    ("A.1.8", "Thu phí, lệ phí", (150_000, 220_000)),
    ("A.1.9", "Các khoản thu khác", (250_000, 450_000)),
    ("A.2", "Thu từ hoạt động xuất khẩu, nhập khẩu", (1_100_000, 1_600_000)),
    ("B", "TỔNG CHI NGÂN SÁCH ĐỊA PHƯƠNG", None),
    ("B.1", "Chi đầu tư phát triển", (7_000_000, 10_500_000)),
    ("B.2", "Chi thường xuyên", None),
    ("B.2.1", "Chi sự nghiệp giáo dục, đào tạo và dạy nghề", (4_200_000, 4_800_000)),
    ("B.2.2", "Chi sự nghiệp y tế, dân số và gia đình", (900_000, 1_200_000)),
    ("B.2.3", "Chi quản lý hành chính, Đảng, đoàn thể", (1_500_000, 1_800_000)),
    ("B.2.4", "Chi sự nghiệp kinh tế", (900_000, 1_300_000)),
    ("B.2.5", "Chi bảo đảm xã hội", (500_000, 700_000)),
    ("B.2.6", "Chi sự nghiệp khác", (700_000, 1_000_000)),
    ("B.3", "Chi trả nợ lãi các khoản do chính quyền địa phương vay", (8_000, 20_000)),
    ("B.4", "Chi bổ sung quỹ dự trữ tài chính", (1_000, 1_500)),
]


@category(13)
def c13(ref, rng):
    rows = []
    for year in (2022, 2023):
        val: dict[str, tuple[float, float]] = {}
        for code, _name, rng_ in FINAL_ACCOUNT:
            if rng_:
                planned = round(rng.uniform(*rng_), -2)
                val[code] = (planned, round(planned * rng.uniform(0.82, 1.35), 0))
        for code, _name, rng_ in reversed(FINAL_ACCOUNT):
            if not rng_:
                kids = [
                    k
                    for k in val
                    if k.startswith(code + ".") and k.count(".") == code.count(".") + 1
                ]
                val[code] = (sum(val[k][0] for k in kids), sum(val[k][1] for k in kids))
        for code, name, _ in FINAL_ACCOUNT:
            p, a = val[code]
            rows.append(
                dict(
                    year=year,
                    item_code=code,
                    item_name=name,
                    planned_vnd_million=int(p),
                    actual_vnd_million=int(a),
                    ratio_pct=rnd(a / p * 100, 1),
                )
            )
    return Out(
        rows,
        (
            "Quyết toán thu ngân sách nhà nước trên địa bàn và chi ngân sách địa phương tỉnh Bắc "
            "Giang các năm 2022 và 2023, so với dự toán được giao (triệu đồng).",
            "Final accounts of state-budget revenue collected in Bắc Giang and of local-budget "
            "expenditure for 2022 and 2023, compared with the estimates (VND million).",
        ),
        (
            "một khoản mục thu hoặc chi trong một năm; khoản mục cha bằng tổng các khoản mục con",
            "one revenue or expenditure item in one year; parent items are the sums of their "
            "children",
        ),
        ["ngân sách", "quyết toán", "thu chi ngân sách", "công khai ngân sách"],
        ("quyet-toan-ngan-sach-2022-2023", "Quyết toán thu, chi ngân sách năm 2022-2023"),
        "Phòng Quản lý ngân sách",
        time_field="year",
    )


@category(14)
def c14(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for c in ref.new:
        urban = c.kind == "Phường"
        n_old = len(c.old_codes)
        rev = rng.uniform(9_000, 60_000) if urban else rng.uniform(1_500, 9_000)
        exp = rng.uniform(9_000, 13_000) * n_old / 2 + (8_000 if urban else 0)
        transfer = max(exp - rev * 0.7, exp * 0.15)
        rows.append(
            dict(
                year=2025,
                **g.cols(c),
                revenue_plan_vnd_million=rnd(rev, 0),
                expenditure_plan_vnd_million=rnd(exp, 0),
                transfer_vnd_million=rnd(transfer, 0),
            )
        )
    return Out(
        rows,
        (
            "Dự toán thu, chi ngân sách 6 tháng cuối năm 2025 giao cho các xã, phường mới hình "
            "thành trên địa bàn tỉnh Bắc Giang (cũ) và số bổ sung từ ngân sách tỉnh.",
            "Budget estimates for the second half of 2025 allocated to the new communes and "
            "wards of "
            "the former Bắc Giang province, with the transfer from the provincial budget.",
        ),
        ("một xã, phường (triệu đồng)", "one commune or ward (VND million)"),
        ["ngân sách xã", "phân bổ ngân sách", "dự toán", "xã phường"],
        ("phan-bo-ngan-sach-xa-2025", "Dự toán ngân sách xã, phường 6 tháng cuối năm 2025"),
        "Phòng Quản lý ngân sách",
        units="new",
        temporal=("2025-07-01", "2025-12-31"),
    )


COMMODITIES = [
    ("GAO_TE", "Gạo tẻ thường", "đồng/kg", 15_500, "Chợ Thương"),
    ("GAO_THOM", "Gạo tẻ thơm (Bắc Hương)", "đồng/kg", 21_000, "Chợ Thương"),
    ("THIT_LON_HOI", "Thịt lợn hơi", "đồng/kg", 62_000, "Chợ Thương"),
    ("THIT_LON_NAC", "Thịt lợn nạc thăn", "đồng/kg", 125_000, "Chợ Thương"),
    ("THIT_BO", "Thịt bò thăn", "đồng/kg", 265_000, "Chợ Thương"),
    ("GA_TA", "Gà ta (gà đồi Yên Thế) làm sẵn", "đồng/kg", 125_000, "Chợ Cầu Gồ"),
    ("TRUNG_GA", "Trứng gà công nghiệp", "đồng/chục", 29_000, "Chợ Thương"),
    ("CA_CHEP", "Cá chép", "đồng/kg", 68_000, "Chợ Chũ"),
    ("RAU_CAI", "Rau cải ngọt", "đồng/kg", 14_000, "Chợ Thương"),
    ("DUONG", "Đường trắng RE", "đồng/kg", 24_000, "Chợ Chũ"),
    ("DAU_AN", "Dầu ăn (chai 1 lít)", "đồng/lít", 48_000, "Chợ Chũ"),
    ("MUOI", "Muối i-ốt", "đồng/kg", 8_000, "Chợ Vôi"),
    ("XANG_RON95", "Xăng RON 95-III", "đồng/lít", 21_000, "Cửa hàng xăng dầu (giá bán lẻ chung)"),
    ("DAU_DO", "Dầu diesel 0,05S", "đồng/lít", 19_500, "Cửa hàng xăng dầu (giá bán lẻ chung)"),
    ("GAS", "Khí hóa lỏng (bình 12 kg)", "đồng/bình", 455_000, "Đại lý gas phường Bắc Giang"),
    ("XI_MANG", "Xi măng PCB40 (bao 50 kg)", "đồng/tấn", 1_600_000, "Đại lý vật liệu xây dựng"),
    ("THEP", "Thép xây dựng D10", "đồng/kg", 15_200, "Đại lý vật liệu xây dựng"),
    ("PHAN_URE", "Phân đạm urê", "đồng/kg", 11_500, "Cửa hàng vật tư nông nghiệp Lục Ngạn"),
]


@category(15)
def c15(ref, rng):
    rows = []
    level = {c[0]: float(c[3]) for c in COMMODITIES}
    for ym in months("2024-12", "2025-09"):
        y, m = map(int, ym.split("-"))
        for code, name, unit, _base, market in COMMODITIES:
            level[code] *= rng.uniform(0.97, 1.035)
            step = 100 if level[code] < 100_000 else 1000
            rows.append(
                dict(
                    period=dt.date(y, m, 25),
                    commodity_code=code,
                    commodity_name=name,
                    unit=unit,
                    price_vnd=int(round(level[code] / step) * step),
                    market_name=market,
                )
            )
    return Out(
        rows,
        (
            "Giá bán lẻ thị trường của 18 mặt hàng, dịch vụ thiết yếu (lương thực, thực phẩm, "
            "nhiên liệu, vật liệu xây dựng, vật tư nông nghiệp) thu thập ngày 25 hằng tháng.",
            "Retail market prices of 18 essential goods (food, fuel, building materials, farm "
            "inputs) collected on the 25th of each month.",
        ),
        (
            "giá một mặt hàng tại một nơi thu thập trong một kỳ",
            "one item at one outlet in one period",
        ),
        ["giá cả", "hàng hóa thiết yếu", "giá thị trường", "bình ổn giá"],
        ("gia-hang-hoa-thiet-yeu", "Giá thị trường hàng hóa thiết yếu theo tháng"),
        "Phòng Quản lý giá và công sản",
        time_field="period",
    )


@category(16)
def c16(ref, rng):
    owners = [
        "Sở Tài chính",
        "Sở Nông nghiệp và Môi trường",
        "Sở Xây dựng",
        "Sở Y tế",
        "Văn phòng UBND tỉnh",
    ] + [f"UBND {lower_unit(n)}" for _c, n in ref.districts]
    assets = [
        ("Xe ô tô 7 chỗ ngồi, sản xuất năm 2012", "Xe ô tô", (120e6, 260e6)),
        ("Xe ô tô 5 chỗ ngồi, sản xuất năm 2010", "Xe ô tô", (80e6, 180e6)),
        ("Xe ô tô bán tải, sản xuất năm 2014", "Xe ô tô", (150e6, 280e6)),
        ("Nhà làm việc cũ và quyền sử dụng đất", "Nhà, đất", (2e9, 18e9)),
        ("Thanh lý máy móc, thiết bị văn phòng hỏng", "Máy móc, thiết bị", (15e6, 80e6)),
        ("Vật tư, thiết bị y tế thu hồi", "Máy móc, thiết bị", (30e6, 200e6)),
        ("Gỗ rừng trồng thanh lý", "Tài sản khác", (200e6, 1.5e9)),
        ("Phương tiện vi phạm hành chính bị tịch thu", "Tài sản tịch thu", (20e6, 400e6)),
    ]
    rows = []
    for _ in range(36):
        name, kind, (lo, hi) = rng.choice(assets)
        start = round(rng.uniform(lo, hi), -6)
        sold = rng.random() < 0.8
        rows.append(
            dict(
                asset_name=name,
                asset_type=kind,
                owner_agency=rng.choice(owners),
                starting_price_vnd=int(start),
                auction_date=workday(rng, "2025-01-06", "2025-06-27"),
                result_price_vnd=int(round(start * rng.uniform(1.0, 1.6), -5)) if sold else None,
            )
        )
    rows.sort(key=lambda r: r["auction_date"])
    return Out(
        rows,
        (
            "Tài sản công được đưa ra bán đấu giá, thanh lý trong 6 tháng đầu năm 2025: loại tài "
            "sản, cơ quan quản lý, giá khởi điểm, ngày đấu giá và giá trúng (để trống nếu không có "
            "người trả giá).",
            "Public assets offered for auction or disposal in H1 2025: type, owning agency, "
            "starting "
            "price, auction date and hammer price (empty when unsold).",
        ),
        ("một tài sản hoặc lô tài sản", "one asset or lot"),
        ["tài sản công", "đấu giá", "thanh lý", "xe công"],
        ("tai-san-cong-dau-gia", "Tài sản công bán đấu giá, thanh lý 6 tháng đầu năm 2025"),
        "Phòng Quản lý giá và công sản",
        time_field="auction_date",
        note=(
            "cơ quan quản lý ghi theo tên tại thời điểm đấu giá, gồm UBND cấp huyện",
            "owning agencies carry their names at auction time, including district committees",
        ),
    )


# --------------------------------------------------------------------------------------
# 17-23: Sở Tài nguyên và Môi trường (now Sở Nông nghiệp và Môi trường)
# --------------------------------------------------------------------------------------

ROADS_BY_DISTRICT = {
    "213": ["Quốc lộ 1", "Quốc lộ 31", "Quốc lộ 17", "ĐT.398", "ĐT.293"],
    "215": ["Quốc lộ 17", "ĐT.292", "ĐT.294", "ĐT.242"],
    "216": ["Quốc lộ 17", "ĐT.294", "ĐT.295", "ĐT.398"],
    "217": ["Quốc lộ 1", "Quốc lộ 37", "ĐT.292", "ĐT.295"],
    "218": ["Quốc lộ 31", "Quốc lộ 37", "ĐT.293"],
    "219": ["Quốc lộ 31", "Quốc lộ 279", "ĐT.290"],
    "220": ["Quốc lộ 31", "Quốc lộ 279", "ĐT.291"],
    "222": ["Quốc lộ 1", "Quốc lộ 37", "ĐT.298", "ĐT.295B"],
    "223": ["Quốc lộ 37", "ĐT.295", "ĐT.296", "ĐT.288"],
    "224": ["Quốc lộ 31", "ĐT.289", "ĐT.290"],
}


@category(17)
def c17(ref, rng):
    g = Geo(ref, rng, "old")
    rows = []
    urban = [c for c in ref.old if c.is_urban]
    rural = [c for c in ref.old if not c.is_urban]
    picks = rng.sample(urban, 26) + rng.sample(rural, 34)
    for c in sorted(picks, key=lambda c: c.code):
        city = c.district_code == "213" and c.code < "07681"
        if c.is_urban:
            streets = (
                rng.sample(STREETS, 2)
                if city
                else rng.sample(ROADS_BY_DISTRICT[c.district_code], 1)
            )
            base = rng.uniform(18e6, 55e6) if city else rng.uniform(6e6, 22e6)
            kind = "Đất ở tại đô thị"
        else:
            streets = rng.sample(ROADS_BY_DISTRICT[c.district_code], 1) + [
                "Đường trục thôn, liên thôn"
            ]
            base = rng.uniform(2.5e6, 9e6)
            kind = "Đất ở tại nông thôn"
        for street in streets:
            price = (
                base * (0.35 if street.startswith("Đường trục") else 1.0) * rng.uniform(0.8, 1.2)
            )
            road = street if not city else f"Đường {street}"
            for pos, factor in zip(range(1, rng.randint(2, 4)), (1.0, 0.6, 0.42), strict=False):
                rows.append(
                    dict(
                        **g.cols(c),
                        road_or_area=road,
                        segment_from="Đầu tuyến"
                        if not city
                        else f"Ngã tư {rng.choice([x for x in STREETS if x != street])}",
                        segment_to=f"Hết địa phận {lower_unit(c.name)}",
                        land_type=kind,
                        position=pos,
                        price_vnd_per_m2=int(round(price * factor, -4)),
                        effective_year=2025,
                    )
                )
    return Out(
        rows,
        (
            "Giá đất ở theo tuyến đường, khu vực và vị trí trong Bảng giá đất áp dụng năm 2025 "
            "trên địa bàn tỉnh Bắc Giang (trích một số xã, phường, thị trấn).",
            "Residential land prices by road, area and position from the 2025 land price table of "
            "Bắc Giang province (a selection of communes and wards).",
        ),
        (
            "giá một vị trí đất trên một đoạn đường hoặc khu vực (đồng/m²)",
            "one land position on one road segment or area (VND per m²)",
        ),
        ["giá đất", "bảng giá đất", "đất đai", "bất động sản"],
        ("bang-gia-dat-2025", "Bảng giá đất ở năm 2025 (trích)"),
        "Phòng Đất đai",
        units="old",
        time_field="effective_year",
    )


LAND_USE_PROJECTS = [
    ("Khu dân cư mới thôn {v}", "ONT", (2, 15)),
    ("Khu đô thị mới {p}", "ODT", (10, 60)),
    ("Mở rộng, nâng cấp {road}", "DGT", (1, 12)),
    ("Trường mầm non {p}", "DGD", (0.3, 1.2)),
    ("Nhà văn hóa thôn {v}", "DSH", (0.05, 0.3)),
    ("Cụm công nghiệp {p}", "SKN", (20, 75)),
    ("Cửa hàng xăng dầu {p}", "TMD", (0.2, 0.6)),
    ("Trạm biến áp 110kV {p}", "DNL", (0.3, 1.0)),
    ("Điểm tập kết, trung chuyển rác thải {p}", "DRA", (0.2, 1.0)),
    ("Sân thể thao trung tâm {p}", "DTT", (0.5, 2.5)),
    ("Kiên cố hóa kênh tiêu {p}", "DTL", (0.5, 4)),
    ("Trụ sở Công an xã {p}", "CAN", (0.2, 0.5)),
    ("Đấu giá quyền sử dụng đất ở {p}", "ONT", (1, 8)),
]


@category(18)
def c18(ref, rng):
    g = Geo(ref, rng, "old")
    decisions = {
        dc: f"Quyết định số {rng.randint(20, 160)}/QĐ-UBND ngày {rng.randint(10, 28):02d}/01/2025 "
        f"của UBND tỉnh phê duyệt Kế hoạch sử dụng đất năm 2025 {lower_unit(dn)}"
        for dc, dn in ref.districts
    }
    rows, seen = [], set()
    while len(rows) < 90:
        tmpl, code, (lo, hi) = rng.choice(LAND_USE_PROJECTS)
        c = g.pick()
        name = tmpl.format(
            v=rng.choice(VILLAGES),
            p=bare(c.name),
            road=rng.choice(ROADS_BY_DISTRICT[c.district_code]),
        )
        if code == "ODT" and not c.is_urban:
            continue
        if (name, c.code) in seen:
            continue
        seen.add((name, c.code))
        rows.append(
            dict(
                plan_year=2025,
                project_name=name,
                land_use_code=code,
                area_ha=rnd(rng.uniform(lo, hi), 2),
                **g.cols(c),
                approval_decision=decisions[c.district_code],
            )
        )
    rows.sort(key=lambda r: (r["commune_code"], r["project_name"]))
    return Out(
        rows,
        (
            "Danh mục công trình, dự án trong Kế hoạch sử dụng đất năm 2025 của các huyện, thị xã, "
            "thành phố thuộc tỉnh Bắc Giang: loại đất (mã theo quy định về thống kê, kiểm kê đất "
            "đai), diện tích, địa điểm và quyết định phê duyệt.",
            "Works and projects in the 2025 land-use plans of the districts of Bắc Giang province: "
            "land-use code, area, location and approving decision.",
        ),
        (
            "một công trình, dự án tại một xã, phường, thị trấn",
            "one work or project in one commune",
        ),
        ["kế hoạch sử dụng đất", "quy hoạch", "đất đai", "dự án"],
        ("ke-hoach-su-dung-dat-2025", "Danh mục công trình, dự án kế hoạch sử dụng đất 2025"),
        "Phòng Đất đai",
        units="old",
        time_field="plan_year",
    )


def aqi_part(value: float, bps: list[tuple[float, float, int, int]]) -> float:
    for lo, hi, ilo, ihi in bps:
        if value <= hi:
            return ilo + (ihi - ilo) * (value - lo) / (hi - lo)
    return 301.0


@category(19)
def c19(ref, rng):
    stations = [
        ("KK-01", "Trạm quan trắc tự động phường Bắc Giang", "07210", 21.2745, 106.1952, 1.0),
        ("KK-02", "Trạm quan trắc tự động KCN Quang Châu", "07795", 21.2271, 106.0452, 1.15),
        (
            "KK-03",
            "Trạm quan trắc tự động KCN Song Khê - Nội Hoàng",
            "07696",
            21.2380,
            106.2140,
            1.1,
        ),
        ("KK-04", "Trạm quan trắc tự động xã Lục Ngạn", "07582", 21.4040, 106.6420, 0.75),
    ]
    pm25_bp = [
        (0, 25, 0, 50),
        (25, 50, 50, 100),
        (50, 80, 100, 150),
        (80, 150, 150, 200),
        (150, 250, 200, 300),
    ]
    pm10_bp = [(0, 50, 0, 50), (50, 150, 50, 100), (150, 250, 100, 150), (250, 350, 150, 200)]
    rows = []
    for code, name, _commune, lat, lon, factor in stations:
        base = rng.uniform(28, 36) * factor
        for day in range(42):
            when = dt.datetime(2025, 9, 1, 0, 0) + dt.timedelta(days=day)
            seasonal = 1 + day / 80
            pm25 = max(6.0, rng.gauss(base * seasonal, 9))
            pm10 = pm25 * rng.uniform(1.45, 1.9)
            aqi = max(aqi_part(pm25, pm25_bp), aqi_part(pm10, pm10_bp))
            rows.append(
                dict(
                    station_code=code,
                    station_name=name,
                    latitude=lat,
                    longitude=lon,
                    observed_at=f"{when:%Y-%m-%dT%H:%M:%S}+07:00",
                    pm25_ug_m3=rnd(pm25, 1),
                    pm10_ug_m3=rnd(pm10, 1),
                    no2_ug_m3=rnd(rng.uniform(12, 48) * factor, 1),
                    so2_ug_m3=rnd(rng.uniform(5, 26) * factor, 1),
                    co_ug_m3=rnd(rng.uniform(650, 2100) * factor, 0),
                    o3_ug_m3=rnd(rng.uniform(25, 95), 1),
                    vn_aqi=int(round(aqi)),
                )
            )
    return Out(
        rows,
        (
            "Kết quả quan trắc tự động chất lượng không khí (giá trị trung bình 24 giờ của PM2.5, "
            "PM10, NO2, SO2, CO, O3) và chỉ số VN_AQI ngày tại 4 trạm trên địa bàn tỉnh Bắc Giang "
            "(cũ) từ 01/9 đến 12/10/2025.",
            "Automatic air-quality monitoring results (24-hour means of PM2.5, PM10, NO2, SO2, CO, "
            "O3) and the daily VN_AQI at four stations in the former Bắc Giang province, 1 "
            "September "
            "to 12 October 2025.",
        ),
        (
            "số liệu một ngày của một trạm; thời điểm là đầu ngày quan trắc (giờ Việt Nam); VN_AQI "
            "tính gần đúng từ PM2.5 và PM10",
            "one station on one day; the time stamp is the start of the day (Vietnam time); VN_AQI "
            "approximated from PM2.5 and PM10",
        ),
        ["quan trắc môi trường", "không khí", "bụi mịn", "AQI"],
        ("quan-trac-khong-khi-ngay", "Quan trắc không khí tự động, giá trị ngày"),
        "Phòng Quản lý môi trường",
        temporal=("2025-09-01", "2025-10-12"),
    )


@category(20)
def c20(ref, rng):
    stations = [
        ("NM-01", "Sông Thương (cầu Xương Giang)", 21.2860, 106.2050),
        ("NM-02", "Sông Thương (cầu Bố Hạ)", 21.4900, 106.1650),
        ("NM-03", "Sông Thương (đập Cầu Sơn)", 21.4280, 106.3100),
        ("NM-04", "Sông Cầu (bến đò Quả Cảm giáp Bắc Ninh)", 21.2350, 106.0600),
        ("NM-05", "Sông Cầu (xã Xuân Cẩm)", 21.3650, 105.9450),
        ("NM-06", "Sông Lục Nam (cầu Lục Nam)", 21.2980, 106.3950),
        ("NM-07", "Sông Lục Nam (thị xã Chũ cũ)", 21.3650, 106.5600),
        ("NM-08", "Hồ Cấm Sơn", 21.5300, 106.5600),
        ("NM-09", "Hồ Khuôn Thần", 21.4320, 106.6300),
        ("NM-10", "Sông Sỏi (Yên Thế)", 21.5100, 106.1050),
    ]
    rows = []
    for year, q in [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2)]:
        for code, body, lat, lon in stations:
            lake = body.startswith("Hồ")
            day = dt.date(year, 3 * q - 1, rng.randint(8, 22))
            bod = rng.uniform(2.5, 5.5) if lake else rng.uniform(3.5, 11)
            do = rng.uniform(5.5, 7.5) if lake else rng.uniform(4.0, 6.8)
            tss = rng.uniform(8, 25) if lake else rng.uniform(15, 65)
            wqi = 100 - (bod - 2) * 5 - (tss / 10) - max(0, 6 - do) * 6 + rng.uniform(-3, 3)
            rows.append(
                dict(
                    station_code=code,
                    water_body=body,
                    latitude=lat,
                    longitude=lon,
                    sample_date=day,
                    ph=rnd(rng.uniform(6.6, 7.9), 2),
                    do_mg_l=rnd(do, 2),
                    bod5_mg_l=rnd(bod, 1),
                    cod_mg_l=rnd(bod * rng.uniform(1.8, 2.4), 1),
                    tss_mg_l=rnd(tss, 1),
                    vn_wqi=int(max(35, min(98, round(wqi)))),
                )
            )
    return Out(
        rows,
        (
            "Kết quả quan trắc định kỳ chất lượng nước mặt (pH, DO, BOD5, COD, TSS) và chỉ số "
            "VN_WQI "
            "tại 10 điểm trên sông Thương, sông Cầu, sông Lục Nam, sông Sỏi và các hồ Cấm Sơn, "
            "Khuôn Thần, từ quý I/2024 đến quý II/2025.",
            "Periodic surface-water monitoring (pH, DO, BOD5, COD, TSS) and the VN_WQI at ten "
            "points "
            "on the Thương, Cầu, Lục Nam and Sỏi rivers and the Cấm Sơn and Khuôn Thần lakes, Q1 "
            "2024 to Q2 2025.",
        ),
        ("một lần lấy mẫu tại một điểm quan trắc", "one sample at one monitoring point"),
        ["quan trắc môi trường", "nước mặt", "chất lượng nước", "sông Thương"],
        ("quan-trac-nuoc-mat", "Quan trắc chất lượng nước mặt theo quý"),
        "Phòng Quản lý môi trường",
        time_field="sample_date",
    )


@category(21)
def c21(ref, rng):
    g, nm = Geo(ref, rng, "old"), Names(rng)
    kinds = [
        "Nhà máy sản xuất linh kiện điện tử",
        "Nhà máy may mặc",
        "Trang trại chăn nuôi lợn",
        "Khu dân cư mới",
        "Cơ sở giết mổ gia súc, gia cầm tập trung",
        "Nhà máy gạch tuynel",
        "Bệnh viện đa khoa",
        "Nhà máy chế biến nông sản",
        "Cơ sở sản xuất bao bì nhựa",
    ]
    rows, n = [], rng.randint(5, 15)
    for day in sorted(workday(rng, "2025-01-06", "2025-06-27") for _ in range(60)):
        n += rng.randint(1, 6)
        c = g.pick()
        kind = rng.choice(kinds)
        org = nm.foreign()[0] if "linh kiện" in kind and rng.random() < 0.6 else nm.company()
        years = rng.choice([7, 10])
        rows.append(
            dict(
                permit_number=f"{n}/GPMT-UBND",
                issued_date=day,
                organization=org,
                project_name=f"{kind} tại {lower_unit(c.name)}",
                **g.cols(c),
                expiry_date=day.replace(year=day.year + years) - dt.timedelta(days=1),
            )
        )
    return Out(
        rows,
        (
            "Giấy phép môi trường do UBND tỉnh cấp trong 6 tháng đầu năm 2025: tổ chức được "
            "cấp, dự "
            "án hoặc cơ sở, địa điểm và thời hạn giấy phép.",
            "Environmental permits issued by the Provincial People's Committee in H1 2025: permit "
            "holder, project or facility, location and validity.",
        ),
        ("một giấy phép môi trường", "one environmental permit"),
        ["giấy phép môi trường", "bảo vệ môi trường", "doanh nghiệp"],
        ("giay-phep-moi-truong-6-thang-2025", "Giấy phép môi trường cấp 6 tháng đầu năm 2025"),
        "Phòng Quản lý môi trường",
        units="old",
        time_field="issued_date",
    )


@category(22)
def c22(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    minerals = [
        ("Cát, sỏi lòng sông", ("223", "222", "213", "217", "218"), (2, 25), (60_000, 900_000)),
        ("Đất san lấp", ("218", "217", "216", "215", "224"), (2, 20), (150_000, 2_500_000)),
        ("Sét gạch ngói", ("217", "216", "222", "215"), (3, 15), (200_000, 1_500_000)),
        (
            "Đá cát kết làm vật liệu xây dựng thông thường",
            ("220", "218"),
            (5, 30),
            (500_000, 4_000_000),
        ),
    ]
    rows, used = [], set()
    for _ in range(32):
        mineral, districts, (alo, ahi), (rlo, rhi) = rng.choice(minerals)
        c = g.pick(lambda c, ds=districts: c.district_code in ds)
        issued = workday(rng, "2016-01-04", "2025-06-27")
        number = unique_code(rng, used, lambda: f"{rng.randint(3, 140)}/GP-UBND")
        rows.append(
            dict(
                licence_number=number,
                issued_date=issued,
                company=nm.company(
                    activity=rng.choice(["Xây dựng", "Vật liệu xây dựng", "Đầu tư và Phát triển"])
                ),
                mineral=mineral,
                area_ha=rnd(rng.uniform(alo, ahi), 2),
                reserve_m3=int(round(rng.uniform(rlo, rhi), -3)),
                **g.cols(c),
                expiry_date=issued.replace(year=issued.year + rng.choice([10, 12, 15])),
            )
        )
    rows.sort(key=lambda r: r["issued_date"])
    return Out(
        rows,
        (
            "Giấy phép thăm dò, khai thác khoáng sản làm vật liệu xây dựng thông thường (cát "
            "sỏi, đất "
            "san lấp, sét gạch ngói, đá) do UBND tỉnh cấp còn hiệu lực tại ngày 30/9/2025.",
            "Provincial licences for mining common construction minerals (river sand and gravel, "
            "fill soil, brick clay, stone) still valid on 30 September 2025.",
        ),
        (
            "một giấy phép; địa điểm ghi theo xã, phường hiện hành",
            "one licence; location given by the current commune",
        ),
        ["khoáng sản", "giấy phép khai thác", "cát sỏi", "vật liệu xây dựng"],
        ("giay-phep-khoang-san", "Giấy phép khai thác khoáng sản còn hiệu lực"),
        "Phòng Khoáng sản",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(23)
def c23(ref, rng):
    g = Geo(ref, rng, "new")
    plants = [
        ("Khu xử lý chất thải rắn Đa Mai", "07228", "Chôn lấp hợp vệ sinh", 250),
        ("Nhà máy xử lý rác thải sinh hoạt phát điện (đang đầu tư)", "07681", "Đốt phát điện", 500),
    ]
    rows = []
    for name, code, tech, cap in plants:
        c = ref.new_by_code[code]
        rows.append(
            dict(
                facility_name=name,
                operator="Công ty cổ phần Môi trường và Dịch vụ đô thị Bắc Giang"
                if "Đa Mai" in name
                else "Nhà đầu tư theo hình thức PPP",
                technology=tech,
                capacity_tonnes_per_day=cap,
                **g.loc(c, 0.006),
            )
        )
    for c in rng.sample([c for c in ref.new if c.kind == "Xã"], 17):
        tech = rng.choice(
            [
                "Lò đốt chất thải rắn sinh hoạt",
                "Lò đốt chất thải rắn sinh hoạt",
                "Chôn lấp hợp vệ sinh",
                "Ủ phân hữu cơ kết hợp chôn lấp",
            ]
        )
        rows.append(
            dict(
                facility_name=f"Khu xử lý chất thải rắn sinh hoạt {bare(c.name)}",
                operator=rng.choice(
                    [
                        f"Hợp tác xã Môi trường {bare(c.name)}",
                        f"UBND {lower_unit(c.name)}",
                        "Công ty cổ phần Môi trường và Dịch vụ đô thị Bắc Giang",
                    ]
                ),
                technology=tech,
                capacity_tonnes_per_day=rnd(rng.uniform(8, 60), 0),
                **g.loc(c, 0.01),
            )
        )
    return Out(
        rows,
        (
            "Cơ sở thu gom, xử lý chất thải rắn sinh hoạt trên địa bàn tỉnh Bắc Giang (cũ): đơn vị "
            "vận hành, công nghệ xử lý, công suất thiết kế và vị trí.",
            "Municipal solid-waste treatment facilities in the former Bắc Giang province: "
            "operator, "
            "treatment technology, design capacity and location.",
        ),
        ("một cơ sở xử lý", "one treatment facility"),
        ["chất thải rắn", "rác thải", "môi trường", "xử lý rác"],
        ("co-so-xu-ly-chat-thai-ran", "Cơ sở xử lý chất thải rắn sinh hoạt"),
        "Phòng Quản lý môi trường",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


# --------------------------------------------------------------------------------------
# 24-30: Sở Nông nghiệp và Phát triển nông thôn (now Sở Nông nghiệp và Môi trường)
# --------------------------------------------------------------------------------------

LYCHEE_DISTRICT_WEIGHT = {"219": 9.0, "224": 5.0, "218": 2.2, "216": 1.3, "215": 1.0, "220": 0.8}


@category(24)
def c24(ref, rng):
    g = Geo(ref, rng, "old")
    communes = [c for c in ref.old if c.district_code in ("219", "224")]
    for dc, k in (("218", 13), ("216", 7), ("215", 6), ("220", 5)):
        communes += rng.sample(g.by_district(dc), k)
    communes.sort(key=lambda c: c.code)
    weight = {
        c.code: LYCHEE_DISTRICT_WEIGHT[c.district_code] * rng.uniform(0.4, 1.6) for c in communes
    }
    early = {
        c.code
        for c in communes
        if c.district_code == "216" or (c.district_code in ("218", "219") and rng.random() < 0.25)
    }
    totals = {2024: (28_150.0, 100_000.0), 2025: (28_420.0, 121_000.0)}
    rows = []
    for year, (area_total, prod_total) in totals.items():
        parts = []
        for c in communes:
            w = weight[c.code] * rng.uniform(0.97, 1.03)
            if c.code in early:
                share = 0.85 if c.district_code == "216" else rng.uniform(0.15, 0.35)
                parts.append((c, "Vải sớm", w * share))
                parts.append((c, "Chính vụ", w * (1 - share)))
            else:
                parts.append((c, "Chính vụ", w))
        wsum = sum(p[2] for p in parts)
        yields = [rng.uniform(0.8, 1.2) for _ in parts]
        ysum = sum(p[2] * y for p, y in zip(parts, yields, strict=True))
        for (c, season, w), y in zip(parts, yields, strict=True):
            area = area_total * w / wsum
            gap = c.district_code in ("219", "224") or c.code == "07324"
            rows.append(
                dict(
                    year=year,
                    **g.cols(c),
                    season=season,
                    area_ha=rnd(area, 1),
                    harvest_area_ha=rnd(area * rng.uniform(0.92, 0.99), 1),
                    production_tonnes=rnd(prod_total * w * y / ysum, 0),
                    vietgap_area_ha=rnd(area * rng.uniform(0.3, 0.6), 1),
                    globalgap_area_ha=rnd(area * rng.uniform(0.0, 0.05), 1) if gap else 0.0,
                )
            )
    return Out(
        rows,
        (
            "Diện tích, diện tích cho thu hoạch, sản lượng và diện tích sản xuất theo VietGAP, "
            "GlobalGAP của cây vải thiều theo xã, thị trấn và theo vụ (vải sớm, chính vụ), năm "
            "2024 "
            "và 2025.",
            "Lychee area, harvested area, production and VietGAP/GlobalGAP area by commune and "
            "season (early, main), 2024 and 2025.",
        ),
        (
            "một xã, phường, thị trấn trong một vụ của một năm; tổng năm 2024 được hiệu chỉnh khớp "
            "mức khoảng 100.000 tấn mà báo chí dẫn nguồn của ngành (E4)",
            "one commune, one season of one year; 2024 totals are scaled to the ~100,000 t "
            "reported "
            "in the press (E4)",
        ),
        ["vải thiều", "Lục Ngạn", "nông sản", "VietGAP", "trồng trọt"],
        ("dien-tich-san-luong-vai-thieu", "Diện tích, sản lượng vải thiều theo xã 2024-2025"),
        "Chi cục Trồng trọt và Bảo vệ thực vật",
        units="old",
        time_field="year",
    )


@category(25)
def c25(ref, rng):
    g = Geo(ref, rng, "old")
    nm = Names(rng)
    markets = {
        "Vải thiều": ["CN", "US", "JP", "AU", "GB", "SG"],
        "Nhãn": ["US", "AU"],
        "Bưởi": ["GB", "NZ"],
        "Na": ["CN"],
    }
    rows = []
    lychee_areas = g.by_district("219", "224", "218", "216")
    for i in range(1, 61):
        crop = "Vải thiều" if i <= 46 else rng.choice(["Nhãn", "Bưởi", "Na"])
        c = rng.choice(lychee_areas)
        holder = nm.coop(
            rng.choice(["Nông nghiệp", "Vải thiều", "Dịch vụ nông nghiệp"]), bare(c.name)
        )
        ms = rng.sample(markets[crop], k=min(len(markets[crop]), rng.choice([1, 1, 2, 3])))
        area = rnd(rng.uniform(10, 95), 1)
        for m in sorted(ms):
            rows.append(
                dict(
                    code=f"VN-BGOR-{i:04d}",
                    code_type="Vùng trồng",
                    crop=crop,
                    market=m,
                    area_ha=area,
                    holder=holder,
                    **g.cols(c),
                    season=2025,
                )
            )
    for i in range(1, 19):
        c = rng.choice(lychee_areas)
        holder = nm.company(activity=rng.choice(["Nông sản", "Thực phẩm", "Logistics"]))
        for m in sorted(rng.sample(["CN", "US", "JP", "AU"], k=rng.choice([1, 2]))):
            rows.append(
                dict(
                    code=f"VN-BGPH-{i:03d}",
                    code_type="Cơ sở đóng gói",
                    crop="Vải thiều",
                    market=m,
                    area_ha=None,
                    holder=holder,
                    **g.cols(c),
                    season=2025,
                )
            )
    return Out(
        rows,
        (
            "Mã số vùng trồng và mã số cơ sở đóng gói phục vụ xuất khẩu vải thiều, nhãn, bưởi, na "
            "còn hiệu lực cho vụ năm 2025, theo thị trường nhập khẩu.",
            "Registered export growing-area and packing-house codes for lychee, longan, pomelo and "
            "custard apple valid for the 2025 season, by importing market.",
        ),
        (
            "một mã số đối với một thị trường (một mã có thể được cấp cho nhiều thị trường)",
            "one code for one market (a code can be valid for several markets)",
        ),
        ["mã số vùng trồng", "xuất khẩu", "vải thiều", "truy xuất nguồn gốc"],
        ("ma-so-vung-trong-2025", "Mã số vùng trồng, cơ sở đóng gói vụ 2025"),
        "Chi cục Trồng trọt và Bảo vệ thực vật",
        units="old",
        time_field="season",
    )


OCOP = [
    ("Vải thiều Lục Ngạn sấy khô", "Thực phẩm", ("219", "224")),
    ("Vải thiều tươi", "Thực phẩm", ("219", "224", "218")),
    ("Mỳ Chũ", "Thực phẩm", ("224",)),
    ("Gà đồi Yên Thế", "Thực phẩm", ("215",)),
    ("Rượu làng Vân", "Đồ uống", ("222",)),
    ("Bánh đa Kế", "Thực phẩm", ("213",)),
    ("Bún Đa Mai", "Thực phẩm", ("213",)),
    ("Mật ong rừng", "Thực phẩm", ("220", "218")),
    ("Trà hoa vàng", "Đồ uống", ("220",)),
    ("Ba kích tím", "Dược liệu và sản phẩm từ dược liệu", ("220",)),
    ("Nấm linh chi", "Dược liệu và sản phẩm từ dược liệu", ("218", "216")),
    ("Gạo nếp cái hoa vàng", "Thực phẩm", ("223", "216")),
    ("Giò chả", "Thực phẩm", ("213", "217")),
    ("Gốm Thổ Hà", "Thủ công mỹ nghệ", ("222",)),
    ("Chè xanh", "Đồ uống", ("215", "218")),
    ("Tinh dầu quế", "Dược liệu và sản phẩm từ dược liệu", ("220",)),
    ("Nhãn sấy", "Thực phẩm", ("219", "224")),
    ("Bưởi đỏ", "Thực phẩm", ("216", "218")),
    ("Cam Bố Hạ", "Thực phẩm", ("215",)),
    ("Mây tre đan", "Thủ công mỹ nghệ", ("223", "217")),
    ("Du lịch cộng đồng", "Dịch vụ du lịch nông thôn", ("220", "215")),
]


@category(26)
def c26(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows, seen = [], set()
    while len(rows) < 80:
        product, group, districts = rng.choice(OCOP)
        c = g.pick(lambda c, ds=districts: c.district_code in ds)
        producer = (
            nm.coop(rng.choice(["Nông nghiệp", "Dịch vụ tổng hợp", "Sản xuất"]), bare(c.name))
            if rng.random() < 0.6
            else nm.company(activity=rng.choice(["Nông sản", "Thực phẩm"]))
        )
        name = (
            f"{product} {bare(c.name)}"
            if product not in ("Mỳ Chũ", "Rượu làng Vân", "Bánh đa Kế", "Gốm Thổ Hà", "Cam Bố Hạ")
            else product
        )
        if (name, producer) in seen:
            continue
        seen.add((name, producer))
        cert = workday(rng, "2021-03-01", "2025-06-30")
        stars = rng.choices([3, 4, 5], [70, 28, 2])[0]
        rows.append(
            dict(
                product_name=name,
                producer=producer,
                product_group=group,
                stars=stars,
                certified_date=cert,
                expiry_date=cert.replace(year=cert.year + 3),
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: (r["certified_date"], r["product_name"]))
    return Out(
        rows,
        (
            "Sản phẩm được công nhận theo Chương trình Mỗi xã một sản phẩm (OCOP) trên địa bàn "
            "tỉnh "
            "Bắc Giang (cũ): chủ thể, nhóm sản phẩm, số sao, ngày công nhận và hạn hiệu lực (36 "
            "tháng).",
            "Products certified under the One Commune One Product (OCOP) programme in the former "
            "Bắc Giang province: producer, product group, star rating, certification date and "
            "expiry (36 months).",
        ),
        (
            "một sản phẩm OCOP của một chủ thể; địa điểm theo xã, phường hiện hành",
            "one OCOP product of one producer; location by current commune",
        ),
        ["OCOP", "sản phẩm nông nghiệp", "đặc sản", "hợp tác xã"],
        ("san-pham-ocop", "Danh sách sản phẩm OCOP"),
        "Phòng Phát triển nông thôn",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(27)
def c27(ref, rng):
    g = Geo(ref, rng, "old")
    rows = []
    for c in ref.old:
        if c.kind != "Xã":
            continue
        hard = c.district_code == "220"
        x = rng.random()
        if hard and x < 0.45:
            level, year = "Chưa đạt chuẩn", None
        elif x < (0.12 if not hard else 0.5):
            level, year = "Nông thôn mới kiểu mẫu", rng.randint(2021, 2024)
        elif x < (0.45 if not hard else 0.55):
            level, year = "Nông thôn mới nâng cao", rng.randint(2019, 2024)
        else:
            level, year = "Nông thôn mới", rng.randint(2013, 2023)
        rows.append(
            dict(
                **g.cols(c),
                ntm_level=level,
                recognized_year=year,
                decision_number=f"{rng.randint(100, 2400)}/QĐ-UBND" if year else None,
            )
        )
    return Out(
        rows,
        (
            "Mức đạt chuẩn nông thôn mới (nông thôn mới, nâng cao, kiểu mẫu) của từng xã thuộc "
            "tỉnh "
            "Bắc Giang tại ngày 31/12/2024, với năm và quyết định công nhận.",
            "New-rural-development status (standard, advanced, model) of each rural commune of Bắc "
            "Giang province on 31 December 2024, with the year and decision of recognition.",
        ),
        (
            "một xã (chỉ loại xã, không gồm phường, thị trấn); mức cao nhất đã đạt",
            "one rural commune (wards and towns excluded); highest level reached",
        ),
        ["nông thôn mới", "xây dựng nông thôn mới", "xã", "nông nghiệp"],
        ("xa-dat-chuan-nong-thon-moi-2024", "Xã đạt chuẩn nông thôn mới đến 31/12/2024"),
        "Văn phòng Điều phối nông thôn mới",
        units="old",
        temporal=("2024-12-31", "2024-12-31"),
    )


@category(28)
def c28(ref, rng):
    g = Geo(ref, rng, "old")
    diseases = [
        ("Dịch tả lợn châu Phi", "Lợn", (3, 120)),
        ("Cúm gia cầm A/H5N1", "Gà", (200, 3000)),
        ("Lở mồm long móng", "Trâu, bò", (1, 12)),
        ("Viêm da nổi cục", "Trâu, bò", (1, 8)),
        ("Bệnh dại", "Chó", (1, 2)),
    ]
    rows = []
    reports = [dt.date(2025, 1, 6) + dt.timedelta(weeks=w) for w in range(0, 26)]
    for day in reports:
        for _ in range(rng.choice([1, 2, 2, 3, 4])):
            name, species, (lo, hi) = rng.choices(diseases, [6, 2, 1, 1, 1])[0]
            c = g.pick()
            cases = rng.randint(lo, hi)
            culled = (
                cases if name in ("Dịch tả lợn châu Phi", "Cúm gia cầm A/H5N1", "Bệnh dại") else 0
            )
            rows.append(
                dict(
                    report_date=day,
                    disease=name,
                    species=species,
                    **g.cols(c),
                    cases=cases,
                    culled=culled,
                    status=rng.choice(
                        ["Đang có dịch", "Đang có dịch", "Đã qua 21 ngày", "Đã công bố hết dịch"]
                    ),
                )
            )
    return Out(
        rows,
        (
            "Ổ dịch bệnh động vật (dịch tả lợn châu Phi, cúm gia cầm, lở mồm long móng, viêm "
            "da nổi "
            "cục, bệnh dại) được báo cáo hằng tuần trong 6 tháng đầu năm 2025, với số con mắc, số "
            "con tiêu hủy và tình trạng ổ dịch.",
            "Animal disease outbreaks reported weekly in H1 2025 (African swine fever, avian "
            "influenza, foot-and-mouth disease, lumpy skin disease, rabies), with cases, culled "
            "animals and outbreak status.",
        ),
        (
            "một ổ dịch tại một xã trong một kỳ báo cáo tuần",
            "one outbreak in one commune in one weekly report",
        ),
        ["dịch bệnh động vật", "thú y", "dịch tả lợn châu Phi", "chăn nuôi"],
        ("dich-benh-dong-vat-6-thang-2025", "Tình hình dịch bệnh động vật 6 tháng đầu năm 2025"),
        "Chi cục Chăn nuôi và Thú y",
        units="old",
        time_field="report_date",
    )


@category(29)
def c29(ref, rng):
    g = Geo(ref, rng, "new")
    big = [
        ("Hồ Cấm Sơn", "Hồ chứa", 307.0, 10500, "07531"),
        ("Hồ Khuôn Thần", "Hồ chứa", 10.5, 900, "07582"),
        ("Hồ Suối Nứa", "Hồ chứa", 4.2, 650, "07444"),
        ("Hồ Đá Ong", "Hồ chứa", 3.1, 420, "07288"),
        ("Hồ Suối Mỡ", "Hồ chứa", 1.8, 250, "07462"),
        ("Đập Cầu Sơn", "Đập dâng", 0.0, 19000, "07420"),
        ("Hồ Làng Thum", "Hồ chứa", 2.6, 380, "07486"),
    ]
    rows = []
    for name, kind, cap, irr, code in big:
        c = ref.new_by_code[code]
        unit = (
            "Công ty TNHH một thành viên Khai thác công trình thủy lợi Bắc Sông Thương"
            if c.district_code in ("217", "215", "216", "213")
            else "Công ty TNHH một thành viên Khai thác công trình thủy lợi Nam Sông Thương"
        )
        rows.append(
            dict(
                name=name,
                structure_type=kind,
                capacity_million_m3=cap,
                irrigated_area_ha=irr,
                managing_unit=unit,
                **g.loc(c, 0.02),
            )
        )
    small = [c for c in ref.new if c.district_code in ("215", "218", "219", "220", "224", "217")]
    for c in rng.sample(small, 20):
        v = rng.choice(VILLAGES)
        rows.append(
            dict(
                name=f"Hồ {v}",
                structure_type="Hồ chứa nhỏ",
                capacity_million_m3=rnd(rng.uniform(0.12, 1.5), 2),
                irrigated_area_ha=rng.randint(25, 220),
                managing_unit=f"UBND {lower_unit(c.name)}",
                **g.loc(c, 0.02),
            )
        )
    return Out(
        rows,
        (
            "Hồ chứa và đập thủy lợi trên địa bàn tỉnh Bắc Giang (cũ): loại công trình, dung tích, "
            "diện tích tưới thiết kế, đơn vị quản lý và vị trí.",
            "Irrigation reservoirs and dams in the former Bắc Giang province: type, storage "
            "capacity, design irrigated area, managing unit and location.",
        ),
        (
            "một hồ chứa hoặc đập; tên các công trình lớn là tên thật, số liệu là mẫu",
            "one reservoir or dam; names of the large works are real, the figures are samples",
        ),
        ["thủy lợi", "hồ chứa", "đập", "an toàn đập"],
        ("ho-dap-thuy-loi", "Danh mục hồ chứa, đập thủy lợi"),
        "Chi cục Thủy lợi",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(30)
def c30(ref, rng):
    g = Geo(ref, rng, "old")
    forest_share = {
        "220": (0.55, 0.85),
        "219": (0.3, 0.65),
        "224": (0.2, 0.5),
        "218": (0.25, 0.6),
        "215": (0.25, 0.55),
        "217": (0.05, 0.2),
        "216": (0.02, 0.1),
        "213": (0.02, 0.15),
    }
    rows = []
    for c in ref.old:
        if c.district_code not in forest_share or (c.is_urban and c.district_code != "224"):
            continue
        if c.district_code in ("216", "213", "217") and rng.random() < 0.5:
            continue
        area_ha = rng.uniform(800, 4500) * (2.0 if c.district_code == "220" else 1.0)
        lo, hi = forest_share[c.district_code]
        cover = rng.uniform(lo, hi)
        natural = (
            area_ha
            * cover
            * (rng.uniform(0.3, 0.7) if c.district_code == "220" else rng.uniform(0.0, 0.2))
        )
        planted = area_ha * cover - natural
        rows.append(
            dict(
                year=2024,
                **g.cols(c),
                natural_forest_ha=rnd(natural, 1),
                planted_forest_ha=rnd(planted, 1),
                forest_cover_pct=rnd(cover * 100, 2),
            )
        )
    return Out(
        rows,
        (
            "Diện tích rừng tự nhiên, rừng trồng và tỷ lệ che phủ rừng theo xã, phường, thị "
            "trấn có "
            "rừng của tỉnh Bắc Giang, kết quả theo dõi diễn biến rừng năm 2024.",
            "Natural and planted forest area and forest cover by commune (communes with forest) of "
            "Bắc Giang province, forest monitoring results for 2024.",
        ),
        ("một xã có rừng trong một năm", "one commune with forest in one year"),
        ["rừng", "che phủ rừng", "lâm nghiệp", "kiểm lâm"],
        ("dien-tich-rung-2024", "Diện tích rừng và tỷ lệ che phủ theo xã năm 2024"),
        "Chi cục Kiểm lâm",
        units="old",
        time_field="year",
    )


# --------------------------------------------------------------------------------------
# 31-36: Sở Công Thương
# --------------------------------------------------------------------------------------


@category(31)
def c31(ref, rng):
    markets = [
        ("Nội địa", "Hà Nội và các tỉnh phía Bắc", 0.26, 1.0),
        ("Nội địa", "Các tỉnh miền Trung, Tây Nguyên", 0.07, 1.05),
        ("Nội địa", "TP Hồ Chí Minh và các tỉnh phía Nam", 0.13, 1.1),
        ("Nội địa", "Tiêu thụ tại chỗ, chế biến sấy khô", 0.06, 0.6),
        ("Xuất khẩu", "Trung Quốc", 0.40, 0.95),
        ("Xuất khẩu", "Nhật Bản", 0.012, 2.2),
        ("Xuất khẩu", "Hoa Kỳ", 0.01, 2.0),
        ("Xuất khẩu", "Úc", 0.006, 1.9),
        ("Xuất khẩu", "Thị trường khác (EU, Trung Đông, Đông Nam Á)", 0.05, 1.4),
    ]
    start = dt.date(2025, 5, 20)
    rows = []
    total = 121_000.0
    for k in range(20):
        day = start + dt.timedelta(days=3 * k)
        frac = min(1.0, ((k + 1) / 20) ** 1.3)
        price_base = 42_000 - 22_000 * min(1.0, k / 10) + (4_000 if k > 16 else 0)
        for channel, market, share, pfactor in markets:
            vol = total * share * frac * rng.uniform(0.97, 1.0)
            price = price_base * pfactor * rng.uniform(0.95, 1.05)
            rows.append(
                dict(
                    report_date=day,
                    channel=channel,
                    market=market,
                    volume_tonnes=rnd(vol, 0),
                    revenue_vnd_billion=rnd(vol * 1000 * price / 1e9, 1),
                    avg_price_vnd_per_kg=int(round(price, -2)),
                )
            )
    return Out(
        rows,
        (
            "Kết quả tiêu thụ vải thiều vụ năm 2025 theo kênh (nội địa, xuất khẩu) và thị trường: "
            "sản lượng, doanh thu lũy kế từ đầu vụ và giá bình quân tại mỗi kỳ báo cáo.",
            "Lychee sales in the 2025 season by channel (domestic, export) and market: volume and "
            "revenue cumulated since the start of the season and average price at each report.",
        ),
        (
            "một thị trường tại một ngày báo cáo (số lũy kế)",
            "one market on one report date (cumulative)",
        ),
        ["vải thiều", "tiêu thụ nông sản", "xuất khẩu", "thị trường"],
        ("tieu-thu-vai-thieu-2025", "Kết quả tiêu thụ vải thiều vụ 2025"),
        "Phòng Quản lý thương mại",
        time_field="report_date",
    )


@category(32)
def c32(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows = []
    for c in ref.new:
        n = 2 if c.kind == "Phường" else 1
        for i in range(n):
            old = ref.old_by_code[c.old_codes[i % len(c.old_codes)]]
            cls = "Hạng 2" if c.kind == "Phường" and i == 0 else "Hạng 3"
            lat, lon = g.point(c, 0.015)
            rows.append(
                dict(
                    name=f"Chợ {bare(old.name)}",
                    facility_type="Chợ",
                    **{"class": cls},
                    operator=rng.choice(
                        [
                            f"Ban Quản lý chợ {bare(old.name)}",
                            f"UBND {lower_unit(c.name)}",
                            nm.company(activity="Thương mại và Dịch vụ"),
                        ]
                    ),
                    address=g.address(c),
                    phone=phone(rng),
                    **g.cols(c),
                    latitude=lat,
                    longitude=lon,
                )
            )
    for kind, cls, k in (
        ("Siêu thị", "Hạng III", 14),
        ("Siêu thị", "Hạng II", 4),
        ("Trung tâm thương mại", "Hạng III", 3),
    ):
        for _ in range(k):
            c = g.pick(lambda c: c.kind == "Phường") if rng.random() < 0.8 else g.pick()
            brand = rng.choice(BRANDS)
            lat, lon = g.point(c, 0.01)
            rows.append(
                dict(
                    name=f"{kind} {brand} {bare(c.name)}",
                    facility_type=kind,
                    **{"class": cls},
                    operator=nm.company(activity="Thương mại và Dịch vụ"),
                    address=g.address(c),
                    phone=phone(rng),
                    **g.cols(c),
                    latitude=lat,
                    longitude=lon,
                )
            )
    return Out(
        rows,
        (
            "Chợ, siêu thị và trung tâm thương mại trên địa bàn tỉnh Bắc Giang (cũ): hạng, đơn vị "
            "quản lý, địa chỉ, điện thoại và vị trí.",
            "Markets, supermarkets and shopping centres in the former Bắc Giang province: class, "
            "operator, address, phone and location.",
        ),
        (
            "một chợ, siêu thị hoặc trung tâm thương mại",
            "one market, supermarket or shopping centre",
        ),
        ["chợ", "siêu thị", "trung tâm thương mại", "thương mại"],
        ("cho-sieu-thi-trung-tam-thuong-mai", "Danh sách chợ, siêu thị, trung tâm thương mại"),
        "Phòng Quản lý thương mại",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(33)
def c33(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    companies = ["Công ty Xăng dầu Hà Bắc"] * 5 + [
        nm.company(activity="Thương mại và Dịch vụ") for _ in range(9)
    ]
    rows, used = [], set()
    for i in range(1, 76):
        c = g.pick()
        company = rng.choice(companies)
        name = (
            f"Cửa hàng xăng dầu số {i}"
            if company.startswith("Công ty Xăng dầu")
            else f"Cửa hàng xăng dầu {bare(c.name)} {rng.randint(1, 3)}"
        )
        issued = rand_date(rng, "2021-01-01", "2025-06-30")
        lat, lon = g.point(c, 0.015)
        rows.append(
            dict(
                name=name,
                company=company,
                licence_number=unique_code(
                    rng, used, lambda iy=issued.year: f"{rng.randint(1, 180)}/{iy}/GCNĐĐK-SCT"
                ),
                licence_expiry=issued.replace(year=issued.year + 5) - dt.timedelta(days=1),
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                latitude=lat,
                longitude=lon,
            )
        )
    return Out(
        rows,
        (
            "Cửa hàng bán lẻ xăng dầu được cấp Giấy chứng nhận đủ điều kiện trên địa bàn tỉnh Bắc "
            "Giang (cũ): thương nhân, số và hạn giấy chứng nhận, địa chỉ và vị trí.",
            "Licensed fuel retail stations in the former Bắc Giang province: trader, certificate "
            "number and expiry, address and location.",
        ),
        ("một cửa hàng bán lẻ xăng dầu", "one fuel retail station"),
        ["xăng dầu", "cửa hàng xăng dầu", "năng lượng", "kinh doanh có điều kiện"],
        ("cua-hang-xang-dau", "Cửa hàng bán lẻ xăng dầu"),
        "Phòng Quản lý năng lượng",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(34)
def c34(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows = []
    for c in rng.sample(ref.new, 32):
        old = ref.old_by_code[rng.choice(c.old_codes)]
        planned = rnd(rng.uniform(20, 75), 2)
        occ = rng.choice([0.0, rng.uniform(20, 100), rng.uniform(50, 100)])
        year = rng.randint(2005, 2024)
        rows.append(
            dict(
                name=f"Cụm công nghiệp {bare(old.name)}",
                planned_area_ha=planned,
                leased_area_ha=rnd(planned * 0.68 * occ / 100, 2),
                occupancy_pct=rnd(occ, 1),
                developer=nm.company(kinds=("Công ty cổ phần",), activity="Đầu tư và Phát triển"),
                establishment_decision=f"Quyết định số {rng.randint(50, 1900)}/QĐ-UBND ngày "
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year} của UBND tỉnh",
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: r["name"])
    return Out(
        rows,
        (
            "Cụm công nghiệp trên địa bàn tỉnh Bắc Giang (cũ): diện tích quy hoạch, diện tích đã "
            "cho thuê, tỷ lệ lấp đầy (trên đất công nghiệp, khoảng 68% diện tích quy hoạch), "
            "chủ đầu "
            "tư hạ tầng và quyết định thành lập.",
            "Industrial clusters in the former Bắc Giang province: planned area, leased area, "
            "occupancy (of the industrial land, about 68% of the planned area), infrastructure "
            "developer and establishing decision.",
        ),
        ("một cụm công nghiệp", "one industrial cluster"),
        ["cụm công nghiệp", "công nghiệp", "hạ tầng", "đầu tư"],
        ("cum-cong-nghiep", "Danh sách cụm công nghiệp"),
        "Phòng Quản lý công nghiệp",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


TRADE_GROUPS = {
    "Xuất khẩu": [
        ("Điện thoại các loại và linh kiện", 0.38),
        ("Máy vi tính, sản phẩm điện tử và linh kiện", 0.34),
        ("Hàng dệt, may", 0.12),
        ("Máy móc, thiết bị, dụng cụ phụ tùng khác", 0.08),
        ("Rau quả (gồm vải thiều)", 0.01),
        ("Hàng hóa khác", 0.07),
    ],
    "Nhập khẩu": [
        ("Linh kiện điện tử, máy vi tính", 0.52),
        ("Máy móc, thiết bị, dụng cụ phụ tùng khác", 0.17),
        ("Nguyên phụ liệu dệt, may, da, giày", 0.1),
        ("Chất dẻo nguyên liệu", 0.06),
        ("Sắt thép các loại", 0.04),
        ("Hàng hóa khác", 0.11),
    ],
}


@category(35)
def c35(ref, rng):
    rows = []
    for i, ym in enumerate(months("2024-01", "2025-06")):
        m = int(ym[5:])
        season = 0.72 if m == 2 else (1.12 if m in (10, 11, 12) else 1.0)
        growth = 1 + 0.012 * i
        for flow, groups in TRADE_GROUPS.items():
            total = (2350 if flow == "Xuất khẩu" else 2050) * season * growth
            for name, share in groups:
                s = share * (3.5 if "Rau quả" in name and m in (6, 7) else 1.0)
                rows.append(
                    dict(
                        period=ym,
                        flow=flow,
                        product_group=name,
                        value_usd_million=rnd(total * s * rng.uniform(0.9, 1.1), 1),
                    )
                )
    return Out(
        rows,
        (
            "Kim ngạch xuất khẩu, nhập khẩu hàng hóa của các doanh nghiệp trên địa bàn tỉnh Bắc "
            "Giang theo tháng và nhóm hàng chủ yếu, từ tháng 01/2024 đến tháng 6/2025.",
            "Monthly export and import turnover of enterprises in Bắc Giang province by main "
            "product group, January 2024 to June 2025.",
        ),
        (
            "giá trị một nhóm hàng theo một chiều trong một tháng (triệu USD)",
            "one product group, one direction, one month (USD million)",
        ),
        ["xuất khẩu", "nhập khẩu", "kim ngạch", "thương mại"],
        ("kim-ngach-xuat-nhap-khau", "Kim ngạch xuất nhập khẩu theo tháng và nhóm hàng"),
        "Phòng Quản lý thương mại",
        time_field="period",
    )


SECTOR_ACTIVITY = {
    "Sản xuất linh kiện điện tử": "Điện tử",
    "Dệt may": "May mặc",
    "Sản xuất vật liệu xây dựng": "Vật liệu xây dựng",
    "Chế biến thực phẩm": "Thực phẩm",
    "Sản xuất giấy, bao bì": "Sản xuất và Thương mại",
    "Sản xuất thép, cơ khí": "Cơ khí",
}


@category(36)
def c36(ref, rng):
    g, nm = Geo(ref, rng, "old"), Names(rng)
    sectors = [
        ("Sản xuất linh kiện điện tử", (1500, 25000)),
        ("Dệt may", (1000, 6000)),
        ("Sản xuất vật liệu xây dựng", (1200, 9000)),
        ("Chế biến thực phẩm", (1000, 3500)),
        ("Sản xuất giấy, bao bì", (1100, 5000)),
        ("Sản xuất thép, cơ khí", (1500, 12000)),
    ]
    iz_communes = [
        "07795",
        "07801",
        "07807",
        "07783",
        "07705",
        "07708",
        "07726",
        "07417",
        "07873",
        "07882",
    ]
    rows = []
    for _ in range(42):
        sector, (lo, hi) = rng.choice(sectors)
        foreign = sector in ("Sản xuất linh kiện điện tử", "Dệt may") and rng.random() < 0.7
        activity = SECTOR_ACTIVITY[sector]
        if foreign:
            company = nm.foreign("textile" if sector == "Dệt may" else "electronics")[0]
        else:
            company = nm.company(activity=activity)
        c = ref.old_by_code[rng.choice(iz_communes)] if foreign else g.pick()
        short = (
            company.replace("Công ty TNHH ", "")
            .replace("Công ty cổ phần ", "")
            .replace(" Việt Nam", "")
        )
        rows.append(
            dict(
                year=2024,
                facility_name=f"Nhà máy {short} {bare(c.name)}",
                company=company,
                sector=sector,
                energy_toe=rnd(rng.uniform(lo, hi), 0),
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: -r["energy_toe"])
    return Out(
        rows,
        (
            "Cơ sở sử dụng năng lượng trọng điểm (tiêu thụ từ 1.000 TOE/năm trở lên) trên địa bàn "
            "tỉnh Bắc Giang năm 2024: doanh nghiệp, ngành và mức tiêu thụ năng lượng quy đổi.",
            "Designated energy-intensive facilities (1,000 TOE per year or more) in Bắc Giang "
            "province in 2024: company, sector and energy use in tonnes of oil equivalent.",
        ),
        ("một cơ sở trong một năm", "one facility in one year"),
        ["tiết kiệm năng lượng", "năng lượng", "TOE", "công nghiệp"],
        ("co-so-nang-luong-trong-diem-2024", "Cơ sở sử dụng năng lượng trọng điểm năm 2024"),
        "Phòng Quản lý năng lượng",
        units="old",
        time_field="year",
    )


# --------------------------------------------------------------------------------------
# 37-46: Sở Giao thông Vận tải (now Sở Xây dựng) and Sở Xây dựng
# --------------------------------------------------------------------------------------


@category(37)
def c37(ref, rng):
    routes = [
        ("01", "Bắc Giang - Bố Hạ", "Bến xe khách Bắc Giang", "Thị trấn Bố Hạ (cũ)", 32),
        ("02", "Bắc Giang - Cầu Gồ", "Bến xe khách Bắc Giang", "Bến xe Cầu Gồ", 30),
        ("03", "Bắc Giang - Thắng (Hiệp Hòa)", "Bến xe khách Bắc Giang", "Bến xe Hiệp Hòa", 33),
        ("04", "Bắc Giang - Chũ", "Bến xe khách Bắc Giang", "Bến xe Lục Ngạn", 42),
        ("05", "Bắc Giang - An Châu", "Bến xe khách Bắc Giang", "Bến xe Sơn Động", 78),
        ("06", "Bắc Giang - Đồi Ngô", "Bến xe khách Bắc Giang", "Bến xe Lục Nam", 24),
        (
            "07",
            "Bắc Giang - Cao Thượng - Nhã Nam",
            "Bến xe khách Bắc Giang",
            "Thị trấn Nhã Nam (cũ)",
            28,
        ),
        ("08", "Bắc Giang - Kép", "Bến xe khách Bắc Giang", "Ga Kép", 20),
        ("09", "Bắc Giang - KCN Quang Châu", "Bến xe khách Bắc Giang", "KCN Quang Châu", 22),
        ("10", "Bắc Giang - KCN Vân Trung - Nếnh", "Bến xe khách Bắc Giang", "KCN Vân Trung", 18),
        ("11", "Chũ - Biển Động - Kiên Lao", "Bến xe Lục Ngạn", "Xã Kiên Lao", 35),
        ("12", "Bắc Giang - Nham Biền - Yên Lư", "Bến xe khách Bắc Giang", "KCN Yên Lư", 19),
        (
            "BN01",
            "Bắc Giang - Bắc Ninh (trung tâm)",
            "Bến xe khách Bắc Giang",
            "Bến xe Bắc Ninh",
            26,
        ),
        ("BN02", "Hiệp Hòa - Yên Phong", "Bến xe Hiệp Hòa", "Xã Yên Phong", 24),
        ("BN03", "Việt Yên - Từ Sơn", "Phường Việt Yên", "Phường Từ Sơn", 29),
        (
            "HN01",
            "Bắc Giang - Long Biên (Hà Nội)",
            "Bến xe khách Bắc Giang",
            "Điểm trung chuyển Long Biên",
            58,
        ),
        ("TN01", "Hiệp Hòa - Thái Nguyên", "Bến xe Hiệp Hòa", "Bến xe Thái Nguyên", 35),
    ]
    rows = []
    for num, name, a, b, km in routes:
        long = km > 45
        first = dt.time(5, rng.choice([0, 15, 30]))
        last = dt.time(rng.choice([17, 18, 19]), rng.choice([0, 30]))
        rows.append(
            dict(
                route_number=num,
                route_name=name,
                operator=rng.choice(
                    [
                        "Công ty cổ phần Vận tải Bắc Giang",
                        "Hợp tác xã Vận tải Thành Công",
                        "Công ty TNHH Vận tải hành khách Sông Thương",
                    ]
                ),
                start_point=a,
                end_point=b,
                length_km=float(km),
                first_departure=first,
                last_departure=last,
                headway_min=rng.choice([15, 20, 30, 30, 45, 60])
                if not long
                else rng.choice([60, 90, 120]),
                fare_vnd=min(60_000, 7_000 + km * 600 // 1000 * 1000),
                electric=num in ("09", "10"),
            )
        )
    return Out(
        rows,
        (
            "Mạng lưới tuyến xe buýt có trợ giá và không trợ giá xuất phát từ địa bàn tỉnh Bắc "
            "Giang "
            "(cũ): điểm đầu, điểm cuối, cự ly, giờ xuất bến đầu và cuối, giãn cách, giá vé lượt và "
            "loại xe.",
            "Bus routes starting in the former Bắc Giang province: terminals, length, first "
            "and last "
            "departures, headway, single fare and whether the buses are electric.",
        ),
        ("một tuyến xe buýt", "one bus route"),
        ["xe buýt", "giao thông công cộng", "vận tải hành khách", "tuyến buýt"],
        ("tuyen-xe-buyt", "Mạng lưới tuyến xe buýt"),
        "Phòng Quản lý vận tải, phương tiện và người lái",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


COACH_STATIONS = [
    ("Bến xe khách Bắc Giang", 1, "07210"),
    ("Bến xe phía Nam Bắc Giang", 3, "07696"),
    ("Bến xe Lục Ngạn", 3, "07525"),
    ("Bến xe Phì Điền", 5, "07582"),
    ("Bến xe Biển Động", 5, "07573"),
    ("Bến xe Lục Nam", 3, "07444"),
    ("Bến xe Sơn Động", 4, "07615"),
    ("Bến xe Tây Yên Tử", 5, "07616"),
    ("Bến xe Hiệp Hòa", 3, "07840"),
    ("Bến xe Cầu Gồ", 4, "07288"),
    ("Bến xe Bố Hạ", 5, "07294"),
    ("Bến xe Tân Yên", 4, "07339"),
    ("Bến xe Nhã Nam", 5, "07306"),
    ("Bến xe Lạng Giang", 4, "07375"),
    ("Bến xe Kép", 5, "07399"),
    ("Bến xe Việt Yên", 4, "07777"),
    ("Bến xe Nham Biền", 5, "07681"),
]


@category(38)
def c38(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for name, cls, code in COACH_STATIONS:
        new_code = ref.new_of_old.get(code, code)
        c = ref.new_by_code[new_code]
        rows.append(
            dict(
                name=name,
                **{"class": cls},
                operator=rng.choice(
                    [
                        "Công ty cổ phần Bến xe Bắc Giang",
                        "Công ty TNHH Dịch vụ bến xe Sông Thương",
                        "Hợp tác xã Vận tải Thành Công",
                    ]
                ),
                address=g.address(c),
                phone=phone(rng),
                **g.loc(c, 0.008),
            )
        )
    return Out(
        rows,
        (
            "Bến xe khách trên địa bàn tỉnh Bắc Giang (cũ): loại bến theo quy chuẩn kỹ thuật "
            "quốc gia "
            "về bến xe khách, đơn vị khai thác, địa chỉ và vị trí.",
            "Coach stations in the former Bắc Giang province: class under the national technical "
            "regulation, operator, address and location.",
        ),
        ("một bến xe khách", "one coach station"),
        ["bến xe", "vận tải hành khách", "giao thông"],
        ("ben-xe-khach", "Danh sách bến xe khách"),
        "Phòng Quản lý vận tải, phương tiện và người lái",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


DESTINATIONS = [
    ("29", "Bến xe Mỹ Đình (Hà Nội)", 60),
    ("29", "Bến xe Gia Lâm (Hà Nội)", 52),
    ("29", "Bến xe Giáp Bát (Hà Nội)", 62),
    ("29", "Bến xe Nước Ngầm (Hà Nội)", 66),
    ("15", "Bến xe Niệm Nghĩa (Hải Phòng)", 120),
    ("14", "Bến xe Bãi Cháy (Quảng Ninh)", 135),
    ("14", "Bến xe Móng Cái (Quảng Ninh)", 290),
    ("14", "Bến xe Cẩm Phả (Quảng Ninh)", 165),
    ("12", "Bến xe phía Bắc Lạng Sơn", 108),
    ("20", "Bến xe Thái Nguyên", 70),
    ("11", "Bến xe Cao Bằng", 285),
    ("24", "Bến xe trung tâm Lào Cai", 330),
    ("26", "Bến xe Sơn La", 370),
    ("27", "Bến xe Điện Biên Phủ", 520),
    ("36", "Bến xe phía Bắc Thanh Hóa", 215),
    ("37", "Bến xe Bắc Vinh (Nghệ An)", 360),
    ("38", "Bến xe Hà Tĩnh", 410),
    ("43", "Bến xe trung tâm Đà Nẵng", 820),
    ("47", "Bến xe phía Bắc Buôn Ma Thuột", 1380),
    ("49", "Bến xe liên tỉnh Đà Lạt", 1560),
    ("51", "Bến xe Miền Đông mới (TP Hồ Chí Minh)", 1720),
    ("89", "Bến xe Hưng Yên", 95),
    ("17", "Bến xe Thái Bình", 140),
    ("35", "Bến xe Ninh Bình", 150),
]


@category(39)
def c39(ref, rng):
    origins = [
        "Bến xe khách Bắc Giang",
        "Bến xe Lục Ngạn",
        "Bến xe Hiệp Hòa",
        "Bến xe Sơn Động",
        "Bến xe Lục Nam",
        "Bến xe Cầu Gồ",
    ]
    rows, used = [], set()
    for dest_code, dest, km in DESTINATIONS:
        for origin in rng.sample(origins, rng.choice([1, 2, 2, 3])):
            extra = {
                "Bến xe khách Bắc Giang": 0,
                "Bến xe Lục Ngạn": 42,
                "Bến xe Hiệp Hòa": 15,
                "Bến xe Sơn Động": 78,
                "Bến xe Lục Nam": 24,
                "Bến xe Cầu Gồ": 30,
            }[origin]
            dist = km + (extra if dest_code not in ("20",) else extra // 2)
            lo, hi = sorted(["98", dest_code])
            code = unique_code(
                rng,
                used,
                lambda lo=lo, hi=hi: f"{lo}{hi}.{rng.randint(1111, 1999)}.{rng.choice('AB')}",
            )
            trips = (
                rng.choice([30, 60, 90, 120, 180, 240, 300])
                if dist < 200
                else rng.choice([30, 60, 90])
            )
            rows.append(
                dict(
                    route_code=code,
                    origin_station=origin,
                    destination_station=dest,
                    distance_km=float(dist),
                    trips_per_month=trips,
                    operators=max(1, min(12, trips // rng.choice([30, 45, 60]))),
                )
            )
    return Out(
        rows,
        (
            "Tuyến vận tải hành khách cố định liên tỉnh có bến đi trên địa bàn tỉnh Bắc Giang "
            "(cũ): "
            "mã số tuyến (theo biển số đăng ký xe của hai tỉnh, 98 là Bắc Giang), bến đến, cự ly, "
            "số chuyến được phép khai thác mỗi tháng và số đơn vị khai thác.",
            "Inter-provincial fixed coach routes departing from the former Bắc Giang province: "
            "route "
            "code (built from the vehicle-registration codes of both provinces, 98 = Bắc Giang), "
            "destination, distance, authorised trips per month and number of operators.",
        ),
        ("một tuyến cố định giữa một cặp bến xe", "one fixed route between a pair of stations"),
        ["vận tải hành khách", "tuyến cố định", "liên tỉnh", "bến xe"],
        ("tuyen-van-tai-khach-co-dinh", "Tuyến vận tải hành khách cố định liên tỉnh"),
        "Phòng Quản lý vận tải, phương tiện và người lái",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(40)
def c40(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    names = [
        ("Trường Cao đẳng nghề Công nghệ Việt - Hàn Bắc Giang", "Cơ sở đào tạo", "A1, A, B, C1, C"),
        (
            "Trường Trung cấp Giao thông vận tải Bắc Giang",
            "Cơ sở đào tạo",
            "A1, A, B, C1, C, D1, D2, D",
        ),
        (
            "Trung tâm Sát hạch lái xe Bắc Giang",
            "Trung tâm sát hạch",
            "A1, A, B, C1, C, D1, D2, D, BE, CE",
        ),
        ("Trung tâm Sát hạch lái xe loại 3 Lục Ngạn", "Trung tâm sát hạch", "A1, A"),
        ("Trung tâm Sát hạch lái xe loại 3 Hiệp Hòa", "Trung tâm sát hạch", "A1, A"),
    ]
    for brand in rng.sample(BRANDS, 13):
        names.append(
            (
                f"Trung tâm Đào tạo lái xe {brand}",
                "Cơ sở đào tạo",
                rng.choice(["A1, A, B", "A1, A, B, C1", "B, C1, C"]),
            )
        )
    for name, kind, classes in names:
        c = g.pick(lambda c: c.kind == "Phường") if rng.random() < 0.6 else g.pick()
        rows.append(
            dict(
                name=name,
                facility_type=kind,
                licence_classes=classes,
                capacity=rng.choice([300, 450, 600, 900, 1200, 1500, 2400])
                if kind == "Cơ sở đào tạo"
                else rng.choice([40, 60, 80]),
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    return Out(
        rows,
        (
            "Cơ sở đào tạo lái xe và trung tâm sát hạch lái xe trên địa bàn tỉnh Bắc Giang "
            "(cũ): loại, "
            "hạng giấy phép lái xe được đào tạo hoặc sát hạch (theo Luật Trật tự, an toàn giao "
            "thông "
            "đường bộ 2024), lưu lượng và địa chỉ.",
            "Driving schools and driving-test centres in the former Bắc Giang province: type, "
            "licence "
            "classes trained or tested (Road Traffic Order and Safety Law 2024), capacity and "
            "address.",
        ),
        (
            "một cơ sở; lưu lượng là số học viên đào tạo đồng thời, với trung tâm sát hạch là "
            "số thí "
            "sinh mỗi ngày; từ năm 2025 việc sát hạch, cấp giấy phép lái xe do ngành Công an "
            "đảm nhận",
            "one facility; capacity is the number of trainees at a time, for test centres "
            "candidates "
            "per day; since 2025 testing and licensing are done by the Police",
        ),
        ["giấy phép lái xe", "đào tạo lái xe", "sát hạch", "giao thông"],
        ("co-so-dao-tao-sat-hach-lai-xe", "Cơ sở đào tạo, trung tâm sát hạch lái xe"),
        "Phòng Quản lý vận tải, phương tiện và người lái",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


PROVINCIAL_ROADS = [
    ("ĐT.242", "Bố Hạ (Yên Thế)", "Giáp tỉnh Lạng Sơn", 28.0),
    ("ĐT.288", "Thắng (Hiệp Hòa)", "Giáp tỉnh Thái Nguyên", 12.5),
    ("ĐT.289", "Chũ", "Giáp tỉnh Lạng Sơn", 33.0),
    ("ĐT.290", "Chũ", "Đèo Gia (Lục Ngạn)", 30.5),
    ("ĐT.291", "An Châu (Sơn Động)", "Tuấn Đạo (Sơn Động)", 34.0),
    ("ĐT.292", "Kép (Lạng Giang)", "Cầu Gồ (Yên Thế)", 34.0),
    ("ĐT.293", "Thành phố Bắc Giang", "Tây Yên Tử (Sơn Động)", 85.0),
    ("ĐT.294", "Cao Thượng (Tân Yên)", "Giáp tỉnh Thái Nguyên", 26.0),
    ("ĐT.295", "Vôi (Lạng Giang)", "Thắng (Hiệp Hòa)", 46.0),
    ("ĐT.295B", "Thành phố Bắc Giang", "Đình Trám (Việt Yên)", 21.0),
    ("ĐT.296", "Thắng (Hiệp Hòa)", "Cầu Vát, giáp tỉnh Bắc Ninh", 14.0),
    ("ĐT.297", "Nhã Nam (Tân Yên)", "Phồn Xương (Yên Thế)", 15.0),
    ("ĐT.298", "Bích Động (Việt Yên)", "Nếnh (Việt Yên)", 12.0),
    ("ĐT.298B", "Quốc lộ 37 (Việt Yên)", "Cầu Đông Xuyên", 11.5),
    ("ĐT.299", "Tân Dĩnh (Lạng Giang)", "Nham Biền (Yên Dũng)", 22.0),
    ("ĐT.299B", "Đồng Việt (Yên Dũng)", "Cầu Đồng Việt, giáp Hải Dương", 9.0),
    ("ĐT.398", "Cầu Bến Đám (Yên Dũng)", "Cao Thượng (Tân Yên)", 38.0),
    ("ĐT.398B", "Đồng Sơn (Bắc Giang)", "Cảnh Thụy (Yên Dũng)", 18.5),
]


@category(41)
def c41(ref, rng):
    rows = []
    for code, a, b, km in PROVINCIAL_ROADS:
        mountain = any(x in a + b for x in ("Sơn Động", "Lục Ngạn", "Chũ", "Yên Thế", "Lạng Sơn"))
        grade = (
            rng.choice(["Cấp III miền núi", "Cấp IV miền núi"])
            if mountain
            else rng.choice(
                ["Cấp III đồng bằng", "Cấp III đồng bằng", "Cấp II đồng bằng", "Cấp IV đồng bằng"]
            )
        )
        rows.append(
            dict(
                road_code=code,
                start_point=a,
                end_point=b,
                length_km=rnd(km * rng.uniform(0.95, 1.05), 1),
                surface=rng.choice(
                    ["Bê tông nhựa", "Bê tông nhựa", "Láng nhựa", "Bê tông xi măng"]
                ),
                technical_grade=grade,
                managing_unit="Sở Xây dựng",
            )
        )
    return Out(
        rows,
        (
            "Đường tỉnh trên địa bàn tỉnh Bắc Giang (cũ): số hiệu, điểm đầu, điểm cuối, chiều dài, "
            "kết cấu mặt đường, cấp kỹ thuật và đơn vị quản lý.",
            "Provincial roads of the former Bắc Giang province: number, start and end points, "
            "length, "
            "surface, technical grade and managing unit.",
        ),
        (
            "một tuyến đường tỉnh; địa danh điểm đầu, điểm cuối ghi theo tên trước sắp xếp; số "
            "hiệu "
            "có thể thay đổi khi tỉnh Bắc Ninh mới rà soát lại mạng lưới đường tỉnh",
            "one provincial road; start and end points use pre-merger place names; numbers may "
            "change "
            "when the new Bắc Ninh province renumbers its road network",
        ),
        ["đường tỉnh", "giao thông", "kết cấu hạ tầng", "đường bộ"],
        ("duong-tinh", "Danh mục đường tỉnh"),
        "Phòng Quản lý kết cấu hạ tầng giao thông",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(42)
def c42(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows, seen = [], set()
    while len(rows) < 40:
        c = g.pick(lambda c: c.kind == "Phường") if rng.random() < 0.7 else g.pick()
        kind = rng.choice(
            ["Khu đô thị mới", "Khu dân cư mới", "Khu nhà ở thương mại", "Khu đô thị sinh thái"]
        )
        old = ref.old_by_code[rng.choice(c.old_codes)]
        name = f"{kind} {bare(old.name)}" + (
            f" số {rng.randint(2, 4)}" if rng.random() < 0.3 else ""
        )
        if name in seen:
            continue
        seen.add(name)
        area = rnd(rng.uniform(3, 90), 2)
        units = int(area * rng.uniform(25, 45))
        status = rng.choice(
            [
                "Đang giải phóng mặt bằng",
                "Đang xây dựng hạ tầng",
                "Đang xây dựng nhà ở",
                "Đã hoàn thành, đang kinh doanh",
                "Đã hoàn thành",
            ]
        )
        done = {
            "Đang giải phóng mặt bằng": 0.0,
            "Đang xây dựng hạ tầng": 0.0,
            "Đang xây dựng nhà ở": rng.uniform(0.05, 0.4),
        }.get(status, rng.uniform(0.6, 1.0))
        year = rng.randint(2017, 2024)
        rows.append(
            dict(
                project_name=name,
                investor=nm.company(
                    kinds=("Công ty cổ phần", "Công ty TNHH"), activity="Đầu tư và Phát triển"
                ),
                **g.cols(c),
                area_ha=area,
                units_planned=units,
                units_completed=int(units * done),
                status=status,
                approval_decision=f"Quyết định số {rng.randint(100, 1500)}/QĐ-UBND ngày "
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year} của UBND tỉnh",
            )
        )
    return Out(
        rows,
        (
            "Dự án nhà ở thương mại, khu đô thị, khu dân cư mới trên địa bàn tỉnh Bắc Giang (cũ): "
            "chủ đầu tư, quy mô, số căn theo quy hoạch và đã hoàn thành, tình trạng thực hiện.",
            "Commercial housing and new urban-area projects in the former Bắc Giang province: "
            "investor, size, planned and completed units, progress.",
        ),
        ("một dự án", "one project"),
        ["nhà ở", "khu đô thị", "bất động sản", "dự án nhà ở"],
        ("du-an-nha-o-khu-do-thi", "Dự án nhà ở thương mại, khu đô thị"),
        "Phòng Quản lý nhà và thị trường bất động sản",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(43)
def c43(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    places = [
        "07795",
        "07777",
        "07696",
        "07681",
        "07210",
        "07228",
        "07798",
        "07774",
        "07870",
        "07375",
    ]
    rows = []
    for i in range(22):
        c = ref.new_by_code[places[i % len(places)]]
        worker = rng.random() < 0.55
        name = (
            f"Nhà ở xã hội cho công nhân {bare(c.name)}"
            if worker
            else f"Nhà ở xã hội {bare(c.name)}"
        ) + (f" giai đoạn {i // len(places) + 1}" if i >= len(places) else "")
        status = rng.choice(
            [
                "Chuẩn bị đầu tư",
                "Đang xây dựng",
                "Đang xây dựng",
                "Đang nhận hồ sơ",
                "Đã đưa vào sử dụng",
            ]
        )
        start = (
            None
            if status in ("Chuẩn bị đầu tư", "Đang xây dựng")
            else workday(rng, "2023-06-01", "2025-09-15")
        )
        rows.append(
            dict(
                project_name=name,
                investor=nm.company(kinds=("Công ty cổ phần",), activity="Đầu tư và Phát triển"),
                **g.cols(c),
                units=rng.randint(300, 2500),
                price_vnd_per_m2=int(round(rng.uniform(10.5e6, 17.5e6), -4)),
                status=status,
                application_start=start,
            )
        )
    return Out(
        rows,
        (
            "Dự án nhà ở xã hội, nhà ở cho công nhân khu công nghiệp trên địa bàn tỉnh Bắc Giang "
            "(cũ): chủ đầu tư, số căn, giá bán hoặc thuê dự kiến, tình trạng và ngày bắt đầu "
            "nhận hồ "
            "sơ mua, thuê (để trống nếu chưa nhận).",
            "Social and industrial-worker housing projects in the former Bắc Giang province: "
            "investor, units, expected sale or rent price, status and the date applications opened "
            "(empty if not yet).",
        ),
        ("một dự án", "one project"),
        ["nhà ở xã hội", "nhà ở công nhân", "khu công nghiệp", "an sinh"],
        ("nha-o-xa-hoi-cong-nhan", "Dự án nhà ở xã hội, nhà ở công nhân"),
        "Phòng Quản lý nhà và thị trường bất động sản",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(44)
def c44(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    works = [
        ("Nhà xưởng sản xuất", (2, 6), (3000, 25000)),
        ("Văn phòng làm việc", (3, 9), (800, 6000)),
        ("Trung tâm thương mại", (3, 7), (5000, 30000)),
        ("Khách sạn", (5, 15), (3000, 15000)),
        ("Trường học", (3, 5), (2000, 8000)),
        ("Bệnh viện", (5, 9), (6000, 25000)),
        ("Nhà ở công nhân", (5, 12), (8000, 40000)),
        ("Showroom ô tô", (2, 3), (1500, 4000)),
    ]
    rows, n = [], rng.randint(150, 200)
    for day in sorted(workday(rng, "2025-07-01", "2025-09-30") for _ in range(64)):
        n += rng.randint(1, 4)
        work, (flo, fhi), (alo, ahi) = rng.choice(works)
        c = g.pick()
        owner = (
            nm.foreign()[0] if work == "Nhà xưởng sản xuất" and rng.random() < 0.5 else nm.company()
        )
        rows.append(
            dict(
                permit_number=f"{n}/GPXD",
                issued_date=day,
                owner_organization=owner,
                project_name=f"{work} tại {lower_unit(c.name)}",
                address=g.address(c),
                **g.cols(c),
                floor_area_m2=rnd(rng.uniform(alo, ahi), 1),
                floors=rng.randint(flo, fhi),
            )
        )
    return Out(
        rows,
        (
            "Giấy phép xây dựng do Sở Xây dựng cấp cho công trình của tổ chức trên địa bàn "
            "tỉnh Bắc "
            "Giang (cũ) trong quý III/2025: chủ đầu tư, công trình, địa điểm, tổng diện tích "
            "sàn và "
            "số tầng.",
            "Construction permits issued by the Department of Construction for works of "
            "organisations in the former Bắc Giang province in Q3 2025: owner, work, location, "
            "total "
            "floor area and number of floors.",
        ),
        (
            "một giấy phép; chỉ công bố giấy phép của tổ chức, không công bố tên cá nhân (Nghị "
            "định "
            "13/2023/NĐ-CP)",
            "one permit; only permits of organisations are published, never names of individuals "
            "(Decree 13/2023/ND-CP)",
        ),
        ["giấy phép xây dựng", "xây dựng", "công trình", "cấp phép"],
        ("giay-phep-xay-dung-quy-3-2025", "Giấy phép xây dựng cấp cho tổ chức quý III/2025"),
        "Phòng Quản lý hoạt động xây dựng",
        units="new",
        time_field="issued_date",
    )


MATERIALS = [
    ("XM01", "Xi măng PCB30", "Bao 50 kg", "tấn", 1_350_000),
    ("XM02", "Xi măng PCB40", "Bao 50 kg", "tấn", 1_520_000),
    ("TH01", "Thép cuộn D6-D8 CB240-T", "Cuộn", "kg", 14_600),
    ("TH02", "Thép thanh vằn D10 CB300-V", "Cây 11,7 m", "kg", 14_900),
    ("TH03", "Thép thanh vằn D16-D25 CB400-V", "Cây 11,7 m", "kg", 15_100),
    ("CA01", "Cát vàng đổ bê tông", "Mô đun độ lớn > 2", "m³", 450_000),
    ("CA02", "Cát đen san lấp", "Sông Cầu, sông Thương", "m³", 160_000),
    ("DA01", "Đá dăm 1x2", "Đá vôi", "m³", 330_000),
    ("DA02", "Đá dăm 4x6", "Đá vôi", "m³", 300_000),
    ("GA01", "Gạch đặc tuynel", "220x105x60 mm", "viên", 1_350),
    ("GA02", "Gạch rỗng 2 lỗ tuynel", "220x105x60 mm", "viên", 1_150),
    ("GA03", "Gạch bê tông không nung", "390x190x130 mm", "viên", 5_600),
    ("BT01", "Bê tông thương phẩm M250", "Độ sụt 12±2 cm", "m³", 1_150_000),
    ("BT02", "Bê tông thương phẩm M300", "Độ sụt 12±2 cm", "m³", 1_230_000),
    ("NH01", "Bê tông nhựa chặt 12,5", "Tại trạm trộn", "tấn", 1_650_000),
    ("NH02", "Nhựa đường 60/70", "Phuy", "kg", 18_500),
    ("ON01", "Ống nhựa HDPE D110", "PN10", "m", 165_000),
    ("ON02", "Ống cống bê tông ly tâm D600", "Tải trọng H10", "m", 720_000),
    ("SO01", "Sơn nước nội thất", "Thùng 18 lít", "lít", 68_000),
    ("KI01", "Kính trắng cường lực 10 mm", "Tấm", "m²", 520_000),
    ("GO01", "Gạch ốp lát ceramic 600x600", "Loại A1", "m²", 165_000),
    ("TO01", "Tôn lợp mạ màu 0,45 mm", "Khổ 1,07 m", "m²", 118_000),
    ("DA03", "Đá hộc xây", "Đá vôi", "m³", 260_000),
    ("CA03", "Cát nghiền", "Mô đun độ lớn > 2", "m³", 380_000),
]


@category(45)
def c45(ref, rng):
    rows = []
    level = {m[0]: float(m[4]) for m in MATERIALS}
    for ym in months("2025-01", "2025-06"):
        for code, name, spec, unit, _ in MATERIALS:
            level[code] *= rng.uniform(0.985, 1.025)
            step = 10 if level[code] < 20_000 else 1000
            rows.append(
                dict(
                    period=ym,
                    material_code=code,
                    material_name=name,
                    specification=spec,
                    unit=unit,
                    price_vnd=int(round(level[code] / step) * step),
                    area="Trung tâm thành phố Bắc Giang (cũ)"
                    if code[:2] in ("CA", "DA", "BT")
                    else "Toàn tỉnh",
                )
            )
    return Out(
        rows,
        (
            "Giá vật liệu xây dựng chủ yếu công bố hằng tháng làm cơ sở lập và quản lý chi phí "
            "đầu tư "
            "xây dựng, từ tháng 01 đến tháng 6/2025 (giá chưa gồm thuế giá trị gia tăng).",
            "Monthly construction material price bulletin used for construction cost estimates, "
            "January to June 2025 (prices exclude VAT).",
        ),
        (
            "giá một vật liệu trong một tháng tại một khu vực",
            "one material in one month in one area",
        ),
        ["giá vật liệu xây dựng", "xây dựng", "chi phí xây dựng", "công bố giá"],
        ("cong-bo-gia-vat-lieu-xay-dung", "Công bố giá vật liệu xây dựng 6 tháng đầu năm 2025"),
        "Phòng Kinh tế và Vật liệu xây dựng",
        time_field="period",
    )


@category(46)
def c46(ref, rng):
    g = Geo(ref, rng, "old")
    kinds = [
        ("Quy hoạch chi tiết xây dựng khu dân cư", "Quy hoạch chi tiết", "1/500", (3, 30)),
        ("Quy hoạch phân khu", "Quy hoạch phân khu", "1/2000", (150, 900)),
        ("Quy hoạch chung xây dựng xã", "Quy hoạch chung", "1/5000", (1500, 4500)),
        ("Quy hoạch chi tiết cụm công nghiệp", "Quy hoạch chi tiết", "1/500", (30, 75)),
        ("Điều chỉnh quy hoạch chung đô thị", "Quy hoạch chung", "1/10000", (2000, 12000)),
        ("Quy hoạch chi tiết khu du lịch", "Quy hoạch chi tiết", "1/500", (20, 150)),
    ]
    rows = []
    for _ in range(34):
        name, kind, scale, (lo, hi) = rng.choice(kinds)
        c = (
            g.pick(lambda c: c.is_urban)
            if kind != "Quy hoạch chung" or "đô thị" in name
            else g.pick(lambda c: c.kind == "Xã")
        )
        day = workday(rng, "2025-01-06", "2025-06-27")
        n = rng.randint(30, 1400)
        rows.append(
            dict(
                plan_name=f"{name} {bare(c.name)}",
                plan_type=kind,
                scale=scale,
                area_ha=rnd(rng.uniform(lo, hi), 1),
                approval_decision=f"{n}/QĐ-UBND",
                approval_date=day,
                **g.cols(c),
                document_url=f"https://quyhoach.bacgiang.gov.vn/do-an/{day.year}/{n}",
            )
        )
    rows.sort(key=lambda r: r["approval_date"])
    return Out(
        rows,
        (
            "Đồ án quy hoạch xây dựng, quy hoạch đô thị được phê duyệt trong 6 tháng đầu năm 2025 "
            "trên địa bàn tỉnh Bắc Giang: loại quy hoạch, tỷ lệ bản đồ, diện tích, quyết định, "
            "ngày "
            "phê duyệt và đường dẫn hồ sơ.",
            "Construction and urban plans approved in H1 2025 in Bắc Giang province: plan "
            "type, map "
            "scale, area, decision, approval date and link to the documents.",
        ),
        ("một đồ án quy hoạch", "one approved plan"),
        ["quy hoạch xây dựng", "quy hoạch đô thị", "đồ án quy hoạch", "đô thị"],
        ("do-an-quy-hoach-6-thang-2025", "Đồ án quy hoạch phê duyệt 6 tháng đầu năm 2025"),
        "Phòng Quy hoạch - Kiến trúc",
        units="old",
        time_field="approval_date",
    )


# --------------------------------------------------------------------------------------
# 47-52: Sở Giáo dục và Đào tạo
# --------------------------------------------------------------------------------------

_SCHOOLS: dict[str, list[dict]] = {}


def schools(ref: Ref) -> list[dict]:
    """One preschool, primary and lower-secondary school per pre-merger commune (+ private)."""
    if _SCHOOLS.get("all"):
        return _SCHOOLS["all"]
    rng = Random(seed_of("schools"))
    out, seq = [], 1000
    for c in ref.old:
        mountain = c.district_code == "220"
        levels = [("MN", "Trường Mầm non"), ("TH", "Trường Tiểu học"), ("THCS", "Trường THCS")]
        if mountain and rng.random() < 0.4:
            levels = [("MN", "Trường Mầm non"), ("TH-THCS", "Trường TH&THCS")]
        for lv, prefix in levels:
            seq += rng.randint(1, 7)
            out.append(
                dict(
                    code=f"24{seq:06d}",
                    name=f"{prefix} {bare(c.name)}",
                    level=lv,
                    old=c,
                    ownership="Công lập",
                    standard=rng.choices([0, 1, 2], [15, 60, 25])[0],
                )
            )
        if c.is_urban and rng.random() < 0.5:
            seq += rng.randint(1, 7)
            out.append(
                dict(
                    code=f"24{seq:06d}",
                    name=f"Trường Mầm non tư thục {rng.choice(BRANDS)}",
                    level="MN",
                    old=c,
                    ownership="Tư thục",
                    standard=0,
                )
            )
    _SCHOOLS["all"] = out
    return out


@category(47)
def c47(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for s in schools(ref):
        if s["level"] != "MN":
            continue
        c = ref.new_by_code[ref.new_of_old[s["old"].code]]
        groups = rng.randint(5, 22) if s["ownership"] == "Công lập" else rng.randint(3, 8)
        rows.append(
            dict(
                school_code=s["code"],
                name=s["name"],
                ownership=s["ownership"],
                address=g.address(c, street_ok=c.kind == "Phường"),
                phone=phone(rng),
                **g.cols(c),
                standard_level=s["standard"],
                groups_classes=groups,
                children=groups * rng.randint(22, 30),
                school_year="2025-2026",
            )
        )
    return Out(
        rows,
        (
            "Trường mầm non công lập và tư thục trên địa bàn tỉnh Bắc Giang (cũ) năm học "
            "2025-2026: "
            "loại hình, địa chỉ, mức đạt chuẩn quốc gia (0 là chưa đạt), số nhóm, lớp và số trẻ.",
            "Public and private preschools in the former Bắc Giang province, school year "
            "2025-2026: "
            "ownership, address, national-standard level (0 = not yet), number of "
            "groups/classes and "
            "children.",
        ),
        (
            "một trường trong một năm học; tên trường giữ theo tên xã, phường cũ",
            "one school in one school year; schools keep the names of the former communes",
        ),
        ["mầm non", "trường học", "giáo dục", "năm học 2025-2026"],
        ("co-so-giao-duc-mam-non", "Danh sách trường mầm non năm học 2025-2026"),
        "Phòng Giáo dục Mầm non",
        units="new",
        temporal=("2025-09-05", "2026-05-31"),
    )


@category(48)
def c48(ref, rng):
    g = Geo(ref, rng, "new")
    keep = set(c.code for c in rng.sample(ref.old, 125))
    rows = []
    labels = {"TH": "Tiểu học", "THCS": "Trung học cơ sở", "TH-THCS": "Tiểu học và trung học cơ sở"}
    for s in schools(ref):
        if s["level"] == "MN" or s["old"].code not in keep:
            continue
        c = ref.new_by_code[ref.new_of_old[s["old"].code]]
        classes = rng.randint(10, 34) if s["level"] != "TH-THCS" else rng.randint(9, 16)
        rows.append(
            dict(
                school_code=s["code"],
                name=s["name"],
                level=labels[s["level"]],
                ownership="Công lập",
                address=g.address(c, street_ok=c.kind == "Phường"),
                phone=phone(rng),
                **g.cols(c),
                classes=classes,
                students=classes * rng.randint(30, 42),
                school_year="2025-2026",
            )
        )
    return Out(
        rows,
        (
            "Trường tiểu học, trung học cơ sở và trường liên cấp tiểu học - THCS trên địa bàn tỉnh "
            "Bắc Giang (cũ) năm học 2025-2026 (trích khoảng hai phần ba số trường): cấp học, "
            "địa chỉ, "
            "số lớp và số học sinh.",
            "Primary, lower-secondary and combined schools in the former Bắc Giang province, "
            "school "
            "year 2025-2026 (about two thirds of the schools): level, address, classes and pupils.",
        ),
        ("một trường trong một năm học", "one school in one school year"),
        ["tiểu học", "trung học cơ sở", "trường học", "giáo dục phổ thông"],
        ("truong-tieu-hoc-thcs", "Danh sách trường tiểu học, THCS năm học 2025-2026"),
        "Phòng Giáo dục phổ thông",
        units="new",
        temporal=("2025-09-05", "2026-05-31"),
    )


UPPER_SECONDARY = [
    ("THPT Chuyên Bắc Giang", "THPT chuyên", "213"),
    ("THPT Ngô Sĩ Liên", "THPT", "213"),
    ("THPT Thái Thuận", "THPT", "213"),
    ("THPT Giáp Hải", "THPT", "213"),
    ("PTDTNT tỉnh Bắc Giang", "PTDTNT", "213"),
    ("THPT Yên Dũng số 1", "THPT", "213Y"),
    ("THPT Yên Dũng số 2", "THPT", "213Y"),
    ("THPT Yên Dũng số 3", "THPT", "213Y"),
    ("THPT Yên Thế", "THPT", "215"),
    ("THPT Bố Hạ", "THPT", "215"),
    ("THPT Mỏ Trạng", "THPT", "215"),
    ("THPT Nhã Nam", "THPT", "216"),
    ("THPT Tân Yên số 1", "THPT", "216"),
    ("THPT Tân Yên số 2", "THPT", "216"),
    ("THPT Lạng Giang số 1", "THPT", "217"),
    ("THPT Lạng Giang số 2", "THPT", "217"),
    ("THPT Lạng Giang số 3", "THPT", "217"),
    ("THPT Lục Nam", "THPT", "218"),
    ("THPT Cẩm Lý", "THPT", "218"),
    ("THPT Phương Sơn", "THPT", "218"),
    ("THPT Tứ Sơn", "THPT", "218"),
    ("THPT Lục Ngạn số 1", "THPT", "224"),
    ("THPT Lục Ngạn số 2", "THPT", "219"),
    ("THPT Lục Ngạn số 3", "THPT", "219"),
    ("THPT Lục Ngạn số 4", "THPT", "219"),
    ("THPT Sơn Động", "THPT", "220"),
    ("THPT Sơn Động số 2", "THPT", "220"),
    ("THPT Sơn Động số 3", "THPT", "220"),
    ("PTDTNT Sơn Động", "PTDTNT", "220"),
    ("THPT Việt Yên số 1", "THPT", "222"),
    ("THPT Việt Yên số 2", "THPT", "222"),
    ("THPT Lý Thường Kiệt", "THPT", "222"),
    ("THPT Hiệp Hòa số 1", "THPT", "223"),
    ("THPT Hiệp Hòa số 2", "THPT", "223"),
    ("THPT Hiệp Hòa số 3", "THPT", "223"),
    ("THPT Hiệp Hòa số 4", "THPT", "223"),
    ("THPT Hiệp Hòa số 5", "THPT", "223"),
    ("THPT Hiệp Hòa số 6", "THPT", "223"),
]


def upper_secondary(ref: Ref) -> list[dict]:
    rng = Random(seed_of("upper-secondary"))
    out, seq = [], 500
    items = UPPER_SECONDARY + [
        (f"Trung tâm GDNN-GDTX {bare(n)}", "GDNN-GDTX", dc) for dc, n in ref.districts
    ]
    items += [("THPT tư thục Sông Thương", "THPT", "213"), ("THPT tư thục Hiệp Hòa", "THPT", "223")]
    for name, kind, dc in items:
        seq += rng.randint(1, 9)
        pool = [
            c
            for c in ref.old
            if c.district_code == dc.rstrip("Y")
            and ((dc == "213Y") == (c.code >= "07681") or dc.rstrip("Y") != "213")
        ]
        town = [c for c in pool if c.is_urban] or pool
        old = rng.choice(town if rng.random() < 0.6 else pool)
        out.append(
            dict(
                code=f"24{seq:06d}",
                name=name if name.startswith("Trung tâm") else f"Trường {name}",
                kind=kind,
                old=old,
                ownership="Tư thục" if "tư thục" in name else "Công lập",
            )
        )
    return out


@category(49)
def c49(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for s in upper_secondary(ref):
        c = ref.new_by_code[ref.new_of_old[s["old"].code]]
        classes = {
            "THPT": rng.randint(27, 45),
            "THPT chuyên": 33,
            "PTDTNT": rng.randint(9, 12),
            "GDNN-GDTX": rng.randint(8, 20),
        }[s["kind"]]
        per = 40 if s["kind"] != "PTDTNT" else 35
        rows.append(
            dict(
                school_code=s["code"],
                name=s["name"],
                school_type=s["kind"],
                ownership=s["ownership"],
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                classes=classes,
                students=classes * rng.randint(per - 5, per + 3),
                school_year="2025-2026",
            )
        )
    return Out(
        rows,
        (
            "Trường trung học phổ thông (gồm trường chuyên, phổ thông dân tộc nội trú) và "
            "trung tâm "
            "giáo dục nghề nghiệp - giáo dục thường xuyên trên địa bàn tỉnh Bắc Giang (cũ) năm học "
            "2025-2026: loại, loại hình, địa chỉ, số lớp, số học sinh.",
            "Upper-secondary schools (incl. the gifted and ethnic boarding schools) and continuing-"
            "education centres of the former Bắc Giang province, school year 2025-2026.",
        ),
        (
            "một trường hoặc trung tâm trong một năm học; tên trường là tên thật, số liệu là mẫu",
            "one school or centre in one school year; names are real, figures are samples",
        ),
        ["trung học phổ thông", "THPT", "giáo dục thường xuyên", "trường học"],
        ("truong-thpt-gdnn-gdtx", "Danh sách trường THPT, trung tâm GDNN-GDTX năm học 2025-2026"),
        "Phòng Giáo dục phổ thông",
        units="new",
        temporal=("2025-09-05", "2026-05-31"),
    )


@category(50)
def c50(ref, rng):
    rows = []
    schools_ = [
        s for s in upper_secondary(ref) if s["kind"] == "THPT" and s["ownership"] == "Công lập"
    ]
    strength = {s["code"]: rng.uniform(-4, 4) for s in schools_}
    for year, shift in (("2024-2025", 0.0), ("2025-2026", -0.6)):
        for s in schools_:
            quota = rng.choice([405, 450, 495, 540, 585, 630])
            ratio = max(0.9, rng.gauss(1.25, 0.15) + strength[s["code"]] / 20)
            cutoff = 20.5 + strength[s["code"]] + shift + rng.uniform(-0.8, 0.8)
            if "Bắc Giang" in s["old"].district_name or "Việt Yên" in s["old"].district_name:
                cutoff += 3
            rows.append(
                dict(
                    school_year=year,
                    school_code=s["code"],
                    school_name=s["name"],
                    quota=quota,
                    applicants=int(quota * ratio),
                    cutoff_score=rnd(round(min(29.5, max(11.0, cutoff)) * 4) / 4, 2),
                )
            )
    return Out(
        rows,
        (
            "Chỉ tiêu tuyển sinh, số thí sinh đăng ký dự tuyển và điểm chuẩn vào lớp 10 các trường "
            "THPT công lập (trừ trường chuyên, trường dân tộc nội trú) năm học 2024-2025 và "
            "2025-2026, thang điểm xét tuyển 30.",
            "Grade-10 admission quotas, applicants and cut-off scores (out of 30) of the "
            "public upper-"
            "secondary schools (except gifted and boarding schools), school years 2024-2025 and "
            "2025-2026.",
        ),
        ("một trường trong một kỳ tuyển sinh", "one school in one admission round"),
        ["tuyển sinh lớp 10", "điểm chuẩn", "THPT", "tuyển sinh"],
        ("diem-chuan-lop-10", "Chỉ tiêu và điểm chuẩn lớp 10 THPT công lập"),
        "Phòng Quản lý chất lượng",
        temporal=("2024-06-01", "2025-07-31"),
    )


@category(51)
def c51(ref, rng):
    subjects = {
        2024: [
            "Toán",
            "Ngữ văn",
            "Tiếng Anh",
            "Vật lí",
            "Hóa học",
            "Sinh học",
            "Lịch sử",
            "Địa lí",
            "Giáo dục công dân",
        ],
        2025: [
            "Toán",
            "Ngữ văn",
            "Tiếng Anh",
            "Vật lí",
            "Hóa học",
            "Sinh học",
            "Lịch sử",
            "Địa lí",
            "Giáo dục kinh tế và pháp luật",
            "Tin học",
            "Công nghệ công nghiệp",
            "Công nghệ nông nghiệp",
        ],
    }
    total = {2024: 21_350, 2025: 22_880}
    share = {
        "Toán": 1.0,
        "Ngữ văn": 1.0,
        "Tiếng Anh": 0.55,
        "Vật lí": 0.35,
        "Hóa học": 0.3,
        "Sinh học": 0.2,
        "Lịch sử": 0.62,
        "Địa lí": 0.62,
        "Giáo dục công dân": 0.62,
        "Giáo dục kinh tế và pháp luật": 0.22,
        "Tin học": 0.02,
        "Công nghệ công nghiệp": 0.01,
        "Công nghệ nông nghiệp": 0.02,
    }
    rows = []
    for year, subs in subjects.items():
        for sub in subs:
            mean = (
                rng.uniform(5.6, 7.8)
                if sub not in ("Tiếng Anh", "Lịch sử")
                else rng.uniform(4.9, 6.5)
            )
            rows.append(
                dict(
                    year=year,
                    subject=sub,
                    candidates=int(total[year] * share[sub] * rng.uniform(0.95, 1.0)),
                    mean_score=rnd(mean, 2),
                    median_score=rnd(round((mean + rng.uniform(-0.2, 0.4)) * 4) / 4, 2),
                    below_5_pct=rnd(max(0.5, (7.5 - mean) * 9 + rng.uniform(-2, 2)), 2),
                    from_8_pct=rnd(max(0.5, (mean - 5.5) * 14 + rng.uniform(-3, 3)), 2),
                )
            )
    return Out(
        rows,
        (
            "Kết quả thi tốt nghiệp THPT của thí sinh dự thi tại tỉnh Bắc Giang năm 2024 và 2025, "
            "tổng hợp theo môn: số thí sinh, điểm trung bình, trung vị, tỷ lệ điểm dưới 5 và từ 8 "
            "trở lên.",
            "Upper-secondary graduation exam results of candidates in Bắc Giang in 2024 and 2025, "
            "aggregated by subject: candidates, mean and median score, shares below 5 and from 8.",
        ),
        (
            "một môn thi trong một năm; chỉ số liệu tổng hợp, không có điểm của cá nhân",
            "one subject in one year; aggregates only, no individual scores",
        ),
        ["thi tốt nghiệp THPT", "kết quả thi", "điểm thi", "giáo dục"],
        ("ket-qua-thi-tot-nghiep-thpt", "Kết quả thi tốt nghiệp THPT theo môn 2024-2025"),
        "Phòng Quản lý chất lượng",
        time_field="year",
    )


@category(52)
def c52(ref, rng):
    g = Geo(ref, rng, "old")
    labels = {
        "MN": "Mầm non",
        "TH": "Tiểu học",
        "THCS": "Trung học cơ sở",
        "TH-THCS": "Tiểu học và THCS",
    }
    pool = [s for s in schools(ref) if s["ownership"] == "Công lập" and s["standard"] > 0]
    rows = []
    for s in sorted(rng.sample(pool, 70), key=lambda s: s["code"]):
        rows.append(
            dict(
                school_code=s["code"],
                name=s["name"],
                level=labels[s["level"]],
                standard_level=s["standard"],
                recognized_date=workday(rng, "2024-01-08", "2025-06-27"),
                decision_number=f"{rng.randint(40, 1500)}/QĐ-UBND",
                **g.cols(s["old"]),
            )
        )
    rows.sort(key=lambda r: r["recognized_date"])
    return Out(
        rows,
        (
            "Trường mầm non, tiểu học, THCS được UBND tỉnh công nhận hoặc công nhận lại đạt chuẩn "
            "quốc gia mức độ 1, mức độ 2 từ tháng 01/2024 đến tháng 6/2025.",
            "Preschools, primary and lower-secondary schools recognised (or re-recognised) as "
            "meeting "
            "national standard level 1 or 2, January 2024 to June 2025.",
        ),
        ("một quyết định công nhận đối với một trường", "one recognition decision for one school"),
        ["trường chuẩn quốc gia", "kiểm định chất lượng", "trường học", "giáo dục"],
        ("truong-dat-chuan-quoc-gia", "Trường được công nhận đạt chuẩn quốc gia 2024-2025"),
        "Phòng Quản lý chất lượng",
        units="old",
        time_field="recognized_date",
    )


# --------------------------------------------------------------------------------------
# 53-59: Sở Y tế
# --------------------------------------------------------------------------------------

HOSPITALS = [
    ("Bệnh viện Đa khoa tỉnh Bắc Giang", "Bệnh viện đa khoa", 1000, "07210"),
    ("Bệnh viện Sản Nhi Bắc Giang", "Bệnh viện chuyên khoa", 500, "07228"),
    ("Bệnh viện Phổi Bắc Giang", "Bệnh viện chuyên khoa", 250, "07210"),
    ("Bệnh viện Y học cổ truyền Bắc Giang", "Bệnh viện chuyên khoa", 200, "07210"),
    ("Bệnh viện Tâm thần Bắc Giang", "Bệnh viện chuyên khoa", 200, "07696"),
    ("Bệnh viện Nội tiết Bắc Giang", "Bệnh viện chuyên khoa", 120, "07210"),
    ("Bệnh viện Ung bướu Bắc Giang", "Bệnh viện chuyên khoa", 250, "07228"),
    ("Bệnh viện Phục hồi chức năng Bắc Giang", "Bệnh viện chuyên khoa", 150, "07210"),
]


@category(53)
def c53(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows, codes = [], set()

    def add(name, kind, owner, beds, c, bhyt=True):
        rows.append(
            dict(
                facility_code=unique_code(rng, codes, lambda: f"24{rng.randint(1, 899):03d}"),
                name=name,
                facility_type=kind,
                ownership=owner,
                beds=beds,
                health_insurance=bhyt,
                address=g.address(c),
                phone=phone(rng),
                **g.loc(c, 0.01),
            )
        )

    for name, kind, beds, code in HOSPITALS:
        add(name, kind, "Công lập", beds, ref.new_by_code[code])
    for dc, dn in ref.districts:
        c = max(
            (x for x in ref.new if x.district_code == dc),
            key=lambda x: (x.kind == "Phường", len(x.old_codes)),
        )
        add(
            f"Trung tâm Y tế khu vực {bare(dn)}",
            "Trung tâm y tế",
            "Công lập",
            rng.choice([150, 200, 250, 300]),
            c,
        )
    for brand in rng.sample(BRANDS, 4):
        add(
            f"Bệnh viện Đa khoa {brand}",
            "Bệnh viện đa khoa",
            "Tư nhân",
            rng.choice([50, 80, 100, 150]),
            g.pick(lambda c: c.kind == "Phường"),
        )
    for _ in range(42):
        c = g.pick()
        kind = rng.choice(
            [
                "Phòng khám đa khoa",
                "Phòng khám chuyên khoa",
                "Phòng khám chuyên khoa",
                "Phòng chẩn trị y học cổ truyền",
            ]
        )
        name = nm.unique(lambda k=kind: f"{k} {rng.choice(BRANDS)}")
        add(
            name,
            kind,
            "Tư nhân",
            rng.choice([0, 0, 5, 10]) if kind == "Phòng khám đa khoa" else 0,
            c,
            bhyt=kind == "Phòng khám đa khoa" and rng.random() < 0.7,
        )
    return Out(
        rows,
        (
            "Cơ sở khám bệnh, chữa bệnh được cấp giấy phép hoạt động trên địa bàn tỉnh Bắc "
            "Giang (cũ): "
            "bệnh viện, trung tâm y tế khu vực, phòng khám; loại hình, số giường, có khám bảo "
            "hiểm y "
            "tế hay không, địa chỉ và vị trí.",
            "Licensed health-care facilities in the former Bắc Giang province: hospitals, regional "
            "health centres, clinics; type, beds, health-insurance contract, address and location.",
        ),
        (
            "một cơ sở, khóa là mã cơ sở khám bệnh, chữa bệnh BHYT (mã tỉnh 24 và ba chữ số); tên "
            "các bệnh viện công là tên thật, số liệu là mẫu",
            "one facility, keyed by its health-insurance code (province 24 + three digits); public "
            "hospital names are real, figures are samples",
        ),
        ["bệnh viện", "phòng khám", "khám chữa bệnh", "y tế", "BHYT"],
        ("co-so-kham-chua-benh", "Danh sách cơ sở khám bệnh, chữa bệnh"),
        "Phòng Nghiệp vụ Y",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(54)
def c54(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for i, c in enumerate(ref.new):
        rows.append(
            dict(
                facility_code=f"24{900 + i}",
                name=f"Trạm Y tế {lower_unit(c.name)}",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                meets_national_criteria=rng.random() < 0.93,
                doctors=rng.randint(1, 4),
                **{k: v for k, v in g.loc(c, 0.006).items() if k in ("latitude", "longitude")},
            )
        )
    return Out(
        rows,
        (
            "Trạm y tế xã, phường trên địa bàn tỉnh Bắc Giang (cũ) sau khi sắp xếp đơn vị hành "
            "chính "
            "cấp xã: địa chỉ trụ sở chính, điện thoại, đạt Bộ tiêu chí quốc gia về y tế xã, số bác "
            "sĩ và vị trí.",
            "Commune health stations of the former Bắc Giang province after the 2025 commune "
            "reorganisation: main site, phone, national commune-health criteria met, doctors and "
            "location.",
        ),
        (
            "một trạm y tế (mỗi xã, phường mới một trạm; các điểm trạm tại xã cũ không được "
            "liệt kê)",
            "one health station (one per new commune; satellite points in former communes are not "
            "listed)",
        ),
        ["trạm y tế", "y tế cơ sở", "xã phường", "y tế"],
        ("tram-y-te-xa", "Danh sách trạm y tế xã, phường"),
        "Phòng Nghiệp vụ Y",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(55)
def c55(ref, rng):
    g = Geo(ref, rng, "new")
    nm = Names(rng)
    rows, used = [], set()
    for _ in range(160):
        c = g.pick()
        kind = (
            "Nhà thuốc"
            if c.kind == "Phường" and rng.random() < 0.7
            else rng.choice(["Nhà thuốc", "Quầy thuốc"])
        )
        name = nm.unique(
            lambda k=kind: (
                f"{k} {rng.choice(BRANDS)}"
                + (f" số {rng.randint(1, 9)}" if rng.random() < 0.4 else "")
            )
        )
        rows.append(
            dict(
                certificate_number=unique_code(
                    rng, used, lambda: f"{rng.randint(100, 2999)}/BG-ĐKKDD"
                ),
                name=name,
                outlet_type=kind,
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                gpp_expiry=rand_date(rng, "2025-10-01", "2028-09-30"),
            )
        )
    rows.sort(key=lambda r: r["certificate_number"])
    return Out(
        rows,
        (
            "Nhà thuốc, quầy thuốc đạt Thực hành tốt cơ sở bán lẻ thuốc (GPP) trên địa bàn "
            "tỉnh Bắc "
            "Giang (cũ): số giấy chứng nhận đủ điều kiện kinh doanh dược, địa chỉ, điện thoại "
            "và hạn "
            "GPP.",
            "GPP-certified pharmacies and drug counters in the former Bắc Giang province: pharmacy "
            "business certificate, address, phone and GPP expiry.",
        ),
        (
            "một cơ sở bán lẻ thuốc; không công bố tên người chịu trách nhiệm chuyên môn",
            "one drug retail outlet; the responsible pharmacist is not named",
        ),
        ["nhà thuốc", "GPP", "dược", "y tế"],
        ("nha-thuoc-quay-thuoc-gpp", "Nhà thuốc, quầy thuốc đạt GPP"),
        "Phòng Nghiệp vụ Dược",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(56)
def c56(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for c in ref.new:
        day = rng.choice([5, 10, 15, 20, 25])
        rows.append(
            dict(
                name=f"Điểm tiêm chủng Trạm Y tế {lower_unit(c.name)}",
                service_type="Tiêm chủng mở rộng",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                schedule=f"Ngày {day} và {day + 1} hằng tháng, 7h30-11h00",
            )
        )
    for name, code in [
        ("Trung tâm Kiểm soát bệnh tật tỉnh - phòng tiêm chủng dịch vụ", "07210"),
        ("Bệnh viện Sản Nhi Bắc Giang - phòng tiêm chủng", "07228"),
    ]:
        c = ref.new_by_code[code]
        rows.append(
            dict(
                name=name,
                service_type="Tiêm chủng dịch vụ",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                schedule="Thứ Hai - Chủ nhật, 7h30-17h00",
            )
        )
    for brand in rng.sample(BRANDS, 11):
        c = g.pick(lambda c: c.kind == "Phường") if rng.random() < 0.8 else g.pick()
        rows.append(
            dict(
                name=f"Trung tâm tiêm chủng {brand} {bare(c.name)}",
                service_type="Tiêm chủng dịch vụ",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                schedule="Thứ Hai - Chủ nhật, 7h30-17h30",
            )
        )
    return Out(
        rows,
        (
            "Điểm tiêm chủng mở rộng tại trạm y tế xã, phường và điểm tiêm chủng dịch vụ trên "
            "địa bàn "
            "tỉnh Bắc Giang (cũ), với địa chỉ, điện thoại và lịch tiêm.",
            "Expanded-programme vaccination points at commune health stations and private "
            "vaccination centres in the former Bắc Giang province, with address, phone and "
            "schedule.",
        ),
        ("một điểm tiêm chủng", "one vaccination point"),
        ["tiêm chủng", "vắc xin", "tiêm chủng mở rộng", "y tế dự phòng"],
        ("diem-tiem-chung", "Danh sách điểm tiêm chủng"),
        "Trung tâm Kiểm soát bệnh tật tỉnh",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(57)
def c57(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    kinds = [
        ("Bếp ăn tập thể", 0.35),
        ("Nhà hàng ăn uống", 0.25),
        ("Cơ sở sản xuất thực phẩm", 0.15),
        ("Cơ sở sản xuất nước uống đóng chai", 0.1),
        ("Cơ sở kinh doanh thực phẩm", 0.15),
    ]
    rows, n = [], rng.randint(300, 400)
    for day in sorted(workday(rng, "2025-07-01", "2025-09-30") for _ in range(72)):
        n += rng.randint(1, 3)
        kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        c = g.pick()
        if kind == "Bếp ăn tập thể":
            name = f"Bếp ăn tập thể {nm.foreign()[0] if rng.random() < 0.6 else nm.company()}"
        else:
            prefix = {
                "Nhà hàng ăn uống": "Nhà hàng",
                "Cơ sở sản xuất thực phẩm": "Cơ sở chế biến thực phẩm",
                "Cơ sở sản xuất nước uống đóng chai": "Cơ sở nước tinh khiết",
                "Cơ sở kinh doanh thực phẩm": "Cửa hàng thực phẩm",
            }[kind]
            name = nm.unique(lambda p=prefix: f"{p} {rng.choice(BRANDS)}")
        rows.append(
            dict(
                certificate_number=f"{n}/2025/ATTP-CNĐK",
                establishment_name=name,
                business_type=kind,
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                issued_date=day,
                expiry_date=day.replace(year=day.year + 3) - dt.timedelta(days=1),
            )
        )
    return Out(
        rows,
        (
            "Cơ sở sản xuất, kinh doanh thực phẩm, dịch vụ ăn uống được ngành y tế cấp Giấy "
            "chứng nhận "
            "cơ sở đủ điều kiện an toàn thực phẩm trong quý III/2025 (thời hạn 3 năm).",
            "Food businesses certified by the health sector as meeting food-safety conditions "
            "in Q3 "
            "2025 (valid for three years).",
        ),
        ("một giấy chứng nhận", "one certificate"),
        ["an toàn thực phẩm", "vệ sinh thực phẩm", "bếp ăn tập thể", "y tế"],
        ("co-so-an-toan-thuc-pham-quy-3-2025", "Cơ sở được cấp giấy chứng nhận ATTP quý III/2025"),
        "Chi cục An toàn vệ sinh thực phẩm",
        units="new",
        time_field="issued_date",
    )


@category(58)
def c58(ref, rng):
    g = Geo(ref, rng, "new")
    diseases = [
        ("Sốt xuất huyết Dengue", 8, (1, 9)),
        ("Tay chân miệng", 6, (1, 6)),
        ("Sởi", 2, (1, 3)),
        ("Cúm", 3, (1, 12)),
        ("Thủy đậu", 2, (1, 4)),
        ("Tiêu chảy", 3, (1, 8)),
        ("Ho gà", 1, (1, 2)),
    ]
    rows, seen = [], set()
    while len(rows) < 210:
        week = rng.randint(28, 39)
        name, _w, (lo, hi) = rng.choices(diseases, [d[1] for d in diseases])[0]
        c = g.pick()
        if (week, name, c.code) in seen:
            continue
        seen.add((week, name, c.code))
        rows.append(
            dict(
                year=2025,
                iso_week=week,
                disease=name,
                **g.cols(c),
                cases=rng.randint(lo, hi),
                deaths=1 if name == "Sốt xuất huyết Dengue" and rng.random() < 0.004 else 0,
            )
        )
    rows.sort(key=lambda r: (r["iso_week"], r["disease"], r["commune_code"]))
    return Out(
        rows,
        (
            "Số ca mắc, tử vong do một số bệnh truyền nhiễm phải báo cáo theo tuần (tuần ISO "
            "28-39 năm "
            "2025) và theo xã, phường trên địa bàn tỉnh Bắc Giang (cũ).",
            "Weekly cases and deaths of notifiable infectious diseases (ISO weeks 28-39 of "
            "2025) by "
            "commune in the former Bắc Giang province.",
        ),
        (
            "một bệnh tại một xã trong một tuần (chỉ các dòng có ca mắc); chỉ số liệu tổng "
            "hợp, không "
            "có thông tin bệnh nhân",
            "one disease in one commune in one week (rows with cases only); aggregates only, no "
            "patient data",
        ),
        ["bệnh truyền nhiễm", "sốt xuất huyết", "giám sát dịch bệnh", "y tế dự phòng"],
        ("benh-truyen-nhiem-theo-tuan", "Ca mắc bệnh truyền nhiễm theo tuần, quý III/2025"),
        "Trung tâm Kiểm soát bệnh tật tỉnh",
        units="new",
        temporal=("2025-07-07", "2025-09-28"),
    )


SERVICES = [
    ("KB01", "Khám bệnh", 42_100),
    ("GB01", "Ngày giường bệnh nội khoa loại 1", 230_000),
    ("GB02", "Ngày giường bệnh hồi sức tích cực", 650_000),
    ("GB03", "Ngày giường bệnh ngoại khoa sau phẫu thuật loại 2", 280_000),
    ("XN01", "Tổng phân tích tế bào máu ngoại vi (bằng máy đếm laser)", 46_200),
    ("XN02", "Định lượng Glucose [Máu]", 21_500),
    ("XN03", "Định lượng Creatinin [Máu]", 21_500),
    ("XN04", "Đo hoạt độ ALT (GPT) [Máu]", 21_500),
    ("XN05", "Tổng phân tích nước tiểu (bằng máy tự động)", 27_400),
    ("XN06", "HbA1c [Máu]", 101_000),
    ("CD01", "Chụp X-quang ngực thẳng (số hóa 1 phim)", 65_400),
    ("CD02", "Siêu âm ổ bụng", 43_900),
    ("CD03", "Chụp cắt lớp vi tính sọ não không tiêm thuốc cản quang", 536_000),
    ("CD04", "Chụp cộng hưởng từ sọ não", 1_318_000),
    ("TD01", "Điện tim thường", 32_800),
    ("TD02", "Nội soi dạ dày - tá tràng", 244_000),
    ("TT01", "Khâu vết thương phần mềm dài dưới 10 cm", 178_000),
    ("TT02", "Thay băng vết thương dưới 15 cm", 57_600),
    ("PT01", "Phẫu thuật nội soi cắt ruột thừa", 2_792_000),
    ("PT02", "Mổ lấy thai", 2_600_000),
    ("PT03", "Phẫu thuật thay khớp háng bán phần", 4_950_000),
    ("PT04", "Phẫu thuật phaco điều trị đục thủy tinh thể", 2_650_000),
    ("TT03", "Chạy thận nhân tạo", 572_000),
    ("TT04", "Đẻ thường ngôi chỏm", 706_000),
    ("VL01", "Điện châm", 67_200),
    ("VL02", "Xoa bóp bấm huyệt", 60_700),
    ("XN07", "Xét nghiệm HBsAg miễn dịch tự động", 75_900),
    ("CD05", "Đo mật độ xương bằng DEXA", 145_000),
    ("VC01", "Vận chuyển người bệnh bằng ô tô (1 km)", 15_000),
    ("KB02", "Hội chẩn để xác định ca bệnh khó", 200_000),
]


@category(59)
def c59(ref, rng):
    rows = []
    for code, name, base in SERVICES:
        for cls, f in (("Hạng I", 1.0), ("Hạng II", 0.96), ("Hạng III", 0.9)):
            if code.startswith("PT03") and cls == "Hạng III":
                continue
            price = (
                base * f
                if not code.startswith(("KB01",))
                else {"Hạng I": 42_100, "Hạng II": 42_100, "Hạng III": 37_500}[cls]
            )
            rows.append(
                dict(
                    service_code=code,
                    service_name=name,
                    facility_class=cls,
                    price_vnd=int(round(price, -2)),
                    effective_date=dt.date(2024, 11, 15),
                    legal_basis="Thông tư 22/2023/TT-BYT (giá dịch vụ KCB BHYT); Nghị quyết của "
                    "HĐND tỉnh về giá dịch vụ KCB không thuộc phạm vi quỹ BHYT",
                )
            )
    return Out(
        rows,
        (
            "Giá một số dịch vụ khám bệnh, chữa bệnh tại các cơ sở khám bệnh, chữa bệnh công "
            "lập trên "
            "địa bàn tỉnh Bắc Giang theo hạng bệnh viện, với ngày áp dụng và căn cứ pháp lý.",
            "Prices of selected medical services in public health facilities of Bắc Giang "
            "province by "
            "hospital class, with effective date and legal basis.",
        ),
        ("giá một dịch vụ tại một hạng bệnh viện", "one service at one hospital class"),
        ["giá dịch vụ y tế", "khám chữa bệnh", "bảo hiểm y tế", "viện phí"],
        ("gia-dich-vu-kham-chua-benh", "Giá dịch vụ khám bệnh, chữa bệnh tại cơ sở công lập"),
        "Phòng Kế hoạch - Tài chính",
        temporal=("2024-11-15", SNAPSHOT),
    )


# --------------------------------------------------------------------------------------
# 60-66: Sở Văn hóa, Thể thao và Du lịch
# --------------------------------------------------------------------------------------

FAMOUS_RELICS = [
    ("Chùa Vĩnh Nghiêm", "Quốc gia đặc biệt", "Kiến trúc nghệ thuật", "07720"),
    ("Khu di tích lịch sử Những điểm khởi nghĩa Yên Thế", "Quốc gia đặc biệt", "Lịch sử", "07288"),
    ("Khu di tích và danh thắng Tây Yên Tử", "Quốc gia", "Danh lam thắng cảnh", "07616"),
    ("Chùa Bổ Đà", "Quốc gia", "Kiến trúc nghệ thuật", "07786"),
    ("Đình Lỗ Hạnh", "Quốc gia", "Kiến trúc nghệ thuật", "07879"),
    ("Đình Thổ Hà", "Quốc gia", "Kiến trúc nghệ thuật", "07804"),
    ("Đình Tiên Lục", "Quốc gia", "Kiến trúc nghệ thuật", "07393"),
    ("Khu di tích chiến thắng Xương Giang", "Quốc gia", "Lịch sử", "07225"),
    ("Đình Hả", "Quốc gia", "Kiến trúc nghệ thuật", "07366"),
    ("Khu di tích Suối Mỡ", "Quốc gia", "Lịch sử - văn hóa", "07486"),
]


@category(60)
def c60(ref, rng):
    g = Geo(ref, rng, "new")
    rows, seen = [], set()
    for name, rank, kind, old_code in FAMOUS_RELICS:
        c = ref.new_by_code[ref.new_of_old[old_code]]
        year = rng.randint(1962, 2016) if rank == "Quốc gia" else rng.randint(2012, 2018)
        rows.append(
            dict(
                relic_name=name,
                rank=rank,
                relic_type=kind,
                ranking_decision=f"{rng.randint(100, 2500)}/QĐ-"
                + ("TTg" if "đặc biệt" in rank else "BVHTTDL"),
                ranking_year=year,
                address=f"{c.name}, tỉnh Bắc Ninh",
                **g.loc(c, 0.015),
            )
        )
    while len(rows) < 72:
        c = g.pick()
        v = rng.choice(VILLAGES)
        kind_name = rng.choice(["Đình", "Đình", "Chùa", "Chùa", "Đền", "Nghè", "Miếu"])
        name = f"{kind_name} {v}"
        if (name, c.code) in seen:
            continue
        seen.add((name, c.code))
        rank = rng.choices(["Quốc gia", "Cấp tỉnh"], [1, 6])[0]
        rows.append(
            dict(
                relic_name=name,
                rank=rank,
                relic_type=rng.choice(["Kiến trúc nghệ thuật", "Lịch sử - văn hóa", "Lịch sử"]),
                ranking_decision=f"{rng.randint(100, 2500)}/QĐ-"
                + ("BVHTTDL" if rank == "Quốc gia" else "UBND"),
                ranking_year=rng.randint(1990, 2024),
                address=f"Thôn {v}, {lower_unit(c.name)}, tỉnh Bắc Ninh",
                **g.loc(c, 0.015),
            )
        )
    return Out(
        rows,
        (
            "Di tích lịch sử - văn hóa, danh lam thắng cảnh được xếp hạng cấp quốc gia đặc "
            "biệt, cấp "
            "quốc gia và cấp tỉnh trên địa bàn tỉnh Bắc Giang (cũ): loại hình, quyết định và "
            "năm xếp "
            "hạng, địa điểm và vị trí.",
            "Ranked historical and cultural relics and scenic sites (special national, "
            "national and "
            "provincial rank) in the former Bắc Giang province: type, ranking decision and year, "
            "location.",
        ),
        (
            "một di tích; mười di tích tiêu biểu đầu bảng là tên thật, các dòng khác cùng số, năm "
            "quyết định xếp hạng là mẫu",
            "one relic; the ten leading relics are real names, other rows and the numbers and "
            "years "
            "of the ranking decisions are samples",
        ),
        ["di tích", "di sản văn hóa", "xếp hạng di tích", "văn hóa"],
        ("di-tich-duoc-xep-hang", "Danh mục di tích được xếp hạng"),
        "Phòng Quản lý di sản văn hóa",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


INTANGIBLE = [
    (
        "Dân ca Quan họ Bắc Ninh",
        "Nghệ thuật trình diễn dân gian",
        "UNESCO",
        2009,
        "Các làng Quan họ gốc trên địa bàn (Thổ Hà, Hữu Nghi, Nội Ninh)",
        "07804",
    ),
    (
        "Nghệ thuật Ca trù",
        "Nghệ thuật trình diễn dân gian",
        "UNESCO",
        2009,
        "Câu lạc bộ Ca trù tỉnh",
        "07225",
    ),
    (
        "Thực hành Tín ngưỡng thờ Mẫu Tam phủ của người Việt",
        "Tập quán xã hội và tín ngưỡng",
        "UNESCO",
        2016,
        "Cộng đồng các đền, phủ thờ Mẫu",
        "07288",
    ),
    (
        "Thực hành Then của người Tày, Nùng",
        "Nghệ thuật trình diễn dân gian",
        "UNESCO",
        2019,
        "Cộng đồng người Tày, Nùng",
        "07615",
    ),
    ("Mộc bản chùa Vĩnh Nghiêm", "Di sản tư liệu", "UNESCO", 2012, "Chùa Vĩnh Nghiêm", "07720"),
    (
        "Lễ hội Yên Thế",
        "Lễ hội truyền thống",
        "Quốc gia",
        2015,
        "Nhân dân các xã vùng Yên Thế",
        "07288",
    ),
    (
        "Lễ hội chùa Vĩnh Nghiêm",
        "Lễ hội truyền thống",
        "Quốc gia",
        2016,
        "Cộng đồng làng Đức La",
        "07720",
    ),
    (
        "Lễ hội Xương Giang",
        "Lễ hội truyền thống",
        "Quốc gia",
        2019,
        "Cộng đồng phường Xương Giang",
        "07225",
    ),
    ("Lễ hội Thổ Hà", "Lễ hội truyền thống", "Quốc gia", 2018, "Cộng đồng làng Thổ Hà", "07804"),
    (
        "Lễ hội Suối Mỡ",
        "Lễ hội truyền thống",
        "Quốc gia",
        2017,
        "Cộng đồng xã Nghĩa Phương",
        "07486",
    ),
    (
        "Lễ hội truyền thống Tây Yên Tử",
        "Lễ hội truyền thống",
        "Quốc gia",
        2020,
        "Cộng đồng vùng Tây Yên Tử",
        "07616",
    ),
    (
        "Lễ hội đình Lỗ Hạnh",
        "Lễ hội truyền thống",
        "Quốc gia",
        2021,
        "Cộng đồng làng Lỗ Hạnh",
        "07879",
    ),
    (
        "Hát Soọng cô của người Sán Dìu",
        "Nghệ thuật trình diễn dân gian",
        "Quốc gia",
        2019,
        "Cộng đồng người Sán Dìu",
        "07462",
    ),
    (
        "Hát Sình ca của người Cao Lan",
        "Nghệ thuật trình diễn dân gian",
        "Quốc gia",
        2020,
        "Cộng đồng người Cao Lan",
        "07594",
    ),
    (
        "Nghề làm mỳ Chũ",
        "Nghề thủ công truyền thống",
        "Quốc gia",
        2022,
        "Làng mỳ Thủ Dương",
        "07525",
    ),
    ("Nghề nấu rượu làng Vân", "Nghề thủ công truyền thống", "Quốc gia", 2022, "Làng Vân", "07804"),
    ("Nghề gốm Thổ Hà", "Nghề thủ công truyền thống", "Quốc gia", 2023, "Làng Thổ Hà", "07804"),
    ("Nghề làm bánh đa Kế", "Nghề thủ công truyền thống", "Quốc gia", 2024, "Làng Kế", "07222"),
]


@category(61)
def c61(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for name, kind, level, year, community, old_code in INTANGIBLE:
        c = ref.new_by_code[ref.new_of_old[old_code]]
        rows.append(
            dict(
                name=name,
                heritage_type=kind,
                inscription_level=level,
                inscription_year=year,
                community=community,
                **g.cols(c),
            )
        )
    return Out(
        rows,
        (
            "Di sản văn hóa phi vật thể được UNESCO ghi danh hoặc đưa vào Danh mục di sản văn "
            "hóa phi "
            "vật thể quốc gia và di sản tư liệu có mặt trên địa bàn tỉnh Bắc Giang (cũ), với cộng "
            "đồng chủ thể và nơi thực hành tiêu biểu.",
            "Intangible cultural heritage inscribed by UNESCO or on the national inventory, and "
            "documentary heritage, present in the former Bắc Giang province, with the bearer "
            "community and a representative place.",
        ),
        (
            "một di sản; tên và cấp ghi danh UNESCO là thật, năm ghi danh quốc gia và nơi thực "
            "hành "
            "là mẫu cần đối chiếu",
            "one heritage element; names and UNESCO inscriptions are real, national inscription "
            "years and places are samples to be checked",
        ),
        ["di sản phi vật thể", "UNESCO", "quan họ", "di sản tư liệu", "văn hóa"],
        ("di-san-van-hoa-phi-vat-the", "Di sản văn hóa phi vật thể và di sản tư liệu"),
        "Phòng Quản lý di sản văn hóa",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(62)
def c62(ref, rng):
    g = Geo(ref, rng, "new")
    sites = [
        (
            "Khu du lịch tâm linh - sinh thái Tây Yên Tử",
            "Tâm linh",
            "Khu du lịch cấp tỉnh",
            "07616",
            "Chùa, rừng nguyên sinh và tuyến cáp treo phía tây dãy Yên Tử",
        ),
        (
            "Khu du lịch sinh thái Suối Mỡ",
            "Sinh thái",
            "Khu du lịch cấp tỉnh",
            "07486",
            "Suối, thác và đền Suối Mỡ",
        ),
        (
            "Chùa Vĩnh Nghiêm",
            "Tâm linh",
            "Điểm du lịch",
            "07720",
            "Trung tâm Phật giáo Trúc Lâm, kho mộc bản",
        ),
        (
            "Hồ Khuôn Thần",
            "Sinh thái",
            "Điểm du lịch",
            "07582",
            "Hồ nước giữa đồi vải, du lịch cộng đồng",
        ),
        (
            "Hồ Cấm Sơn",
            "Sinh thái",
            "Điểm du lịch",
            "07531",
            "Hồ thủy lợi lớn, đảo và làng người Tày",
        ),
        (
            "Khu di tích khởi nghĩa Yên Thế",
            "Lịch sử - văn hóa",
            "Điểm du lịch",
            "07288",
            "Hệ thống đồn lũy và đền thờ",
        ),
        (
            "Làng gốm Thổ Hà",
            "Làng nghề",
            "Điểm du lịch",
            "07804",
            "Làng cổ ven sông Cầu, nghề gốm và bánh đa nem",
        ),
        ("Làng Vân", "Làng nghề", "Điểm du lịch", "07804", "Làng nghề nấu rượu truyền thống"),
        ("Chùa Bổ Đà", "Tâm linh", "Điểm du lịch", "07786", "Quần thể chùa, vườn tháp và mộc bản"),
        (
            "Rừng nguyên sinh Khe Rỗ",
            "Sinh thái",
            "Điểm du lịch",
            "07627",
            "Khu bảo tồn thiên nhiên Tây Yên Tử",
        ),
        ("Đình Lỗ Hạnh", "Lịch sử - văn hóa", "Điểm du lịch", "07879", "Đình cổ thời Lê sơ"),
        (
            "Vườn vải thiều Lục Ngạn",
            "Nông nghiệp",
            "Điểm du lịch",
            "07567",
            "Trải nghiệm thu hoạch vải mùa hè",
        ),
    ]
    rows = []
    for i, (name, kind, rec, old_code, desc) in enumerate(sites, 1):
        c = ref.new_by_code[ref.new_of_old[old_code]]
        rows.append(
            dict(
                site_code=f"DL{i:03d}",
                name=name,
                category=kind,
                recognition=rec,
                description=desc,
                address=f"{c.name}, tỉnh Bắc Ninh",
                **g.loc(c, 0.01),
            )
        )
    i = len(rows)
    for c in rng.sample(ref.new, 20):
        i += 1
        kind = rng.choice(["Cộng đồng", "Sinh thái", "Nông nghiệp", "Tâm linh"])
        v = rng.choice(VILLAGES)
        name = {
            "Cộng đồng": f"Điểm du lịch cộng đồng thôn {v}",
            "Sinh thái": f"Khu sinh thái {v}",
            "Nông nghiệp": f"Trang trại trải nghiệm {v}",
            "Tâm linh": f"Chùa {v}",
        }[kind]
        rows.append(
            dict(
                site_code=f"DL{i:03d}",
                name=name,
                category=kind,
                recognition=rng.choice(["Điểm du lịch", "Chưa công nhận"]),
                description=rng.choice(
                    [
                        "Homestay, ẩm thực địa phương",
                        "Hồ, đồi, cắm trại",
                        "Vườn cây ăn quả, trải nghiệm nông nghiệp",
                        "Lễ hội mùa xuân",
                    ]
                ),
                address=f"Thôn {v}, {lower_unit(c.name)}, tỉnh Bắc Ninh",
                **g.loc(c, 0.015),
            )
        )
    return Out(
        rows,
        (
            "Điểm, khu du lịch trên địa bàn tỉnh Bắc Giang (cũ): loại hình, cấp công nhận, mô "
            "tả ngắn, "
            "địa chỉ và vị trí.",
            "Tourist sites and tourism areas in the former Bắc Giang province: category, "
            "recognition "
            "level, short description, address and location.",
        ),
        (
            "một điểm hoặc khu du lịch; 12 dòng đầu là địa danh thật, các dòng sau là mẫu",
            "one site; the first 12 rows are real places, the others are samples",
        ),
        ["du lịch", "điểm du lịch", "khu du lịch", "du lịch sinh thái"],
        ("diem-khu-du-lich", "Danh sách điểm, khu du lịch"),
        "Phòng Quản lý du lịch",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(63)
def c63(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows = []
    for _ in range(125):
        kind = rng.choices(["Khách sạn", "Nhà nghỉ du lịch", "Homestay"], [45, 40, 15])[0]
        c = (
            g.pick(lambda c: c.kind == "Phường")
            if kind != "Homestay" and rng.random() < 0.7
            else g.pick(lambda c: c.kind == "Xã")
        )
        stars = rng.choices([1, 2, 3, 4], [30, 40, 22, 8])[0] if kind == "Khách sạn" else None
        rooms = {
            "Khách sạn": rng.randint(15, 60) * (stars or 1) // 2 + 10,
            "Nhà nghỉ du lịch": rng.randint(8, 20),
            "Homestay": rng.randint(2, 8),
        }[kind]
        rows.append(
            dict(
                name=nm.unique(lambda k=kind: f"{k} {rng.choice(BRANDS)}"),
                accommodation_type=kind,
                star_rating=stars,
                rooms=rooms,
                address=g.address(c, street_ok=kind != "Homestay"),
                phone=phone(rng),
                **g.loc(c, 0.012),
            )
        )
    return Out(
        rows,
        (
            "Cơ sở lưu trú du lịch trên địa bàn tỉnh Bắc Giang (cũ): loại, hạng sao (để trống "
            "với cơ "
            "sở chưa xếp hạng), số buồng, địa chỉ và vị trí.",
            "Tourist accommodation in the former Bắc Giang province: type, star rating (empty when "
            "unrated), rooms, address and location.",
        ),
        ("một cơ sở lưu trú", "one accommodation establishment"),
        ["lưu trú", "khách sạn", "homestay", "du lịch"],
        ("co-so-luu-tru-du-lich", "Cơ sở lưu trú du lịch"),
        "Phòng Quản lý du lịch",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


# lunar month starts in 2025; months 1 and 3 are anchored on the holiday file (Tết Nguyên đán
# 2025-01-29 and Giỗ Tổ Hùng Vương, 10th day of the 3rd month, 2025-04-07)
FESTIVALS = [
    ("Lễ hội Xương Giang", 1, 6, "Cấp tỉnh", "Khu di tích chiến thắng Xương Giang", "07225"),
    ("Lễ hội đình Lỗ Hạnh", 1, 8, "Cấp xã", "Đình Lỗ Hạnh", "07879"),
    ("Lễ hội đình Tiên Lục", 1, 9, "Cấp xã", "Đình Tiên Lục", "07393"),
    (
        "Lễ hội truyền thống Tây Yên Tử (khai hội)",
        1,
        10,
        "Cấp tỉnh",
        "Khu di tích Tây Yên Tử",
        "07616",
    ),
    ("Lễ hội đình Hả", 1, 12, "Cấp xã", "Đình Hả", "07366"),
    ("Lễ hội làng Vân", 1, 14, "Cấp xã", "Đình làng Vân", "07804"),
    ("Lễ hội chùa Am Vãi", 1, 15, "Cấp xã", "Chùa Am Vãi", "07486"),
    ("Lễ hội Thổ Hà", 1, 20, "Cấp xã", "Đình Thổ Hà", "07804"),
    ("Lễ hội đình Phù Lão", 1, 16, "Cấp xã", "Đình Phù Lão", "07417"),
    ("Lễ hội chùa Vĩnh Nghiêm", 2, 14, "Cấp tỉnh", "Chùa Vĩnh Nghiêm", "07720"),
    ("Lễ hội chùa Bổ Đà", 2, 17, "Cấp tỉnh", "Chùa Bổ Đà", "07786"),
    ("Lễ hội Suối Mỡ", 3, 1, "Cấp tỉnh", "Khu di tích Suối Mỡ", "07486"),
    ("Lễ hội đền Bảo Lộc", 1, 18, "Cấp xã", "Đền Bảo Lộc", "07459"),
    ("Lễ hội đình Đông Lâm", 2, 10, "Cấp xã", "Đình Đông Lâm", "07846"),
    ("Lễ hội đình Thượng Lát", 1, 4, "Cấp xã", "Đình Thượng Lát", "07759"),
    ("Lễ hội chùa Kem", 2, 12, "Cấp xã", "Chùa Kem", "07729"),
    ("Lễ hội đền Quan Quận", 3, 16, "Cấp xã", "Đền Quan Quận", "07264"),
    ("Lễ hội đình Hương Câu", 1, 10, "Cấp xã", "Đình Hương Câu", "07321"),
    ("Lễ hội đình Vân Cốc", 1, 25, "Cấp xã", "Đình Vân Cốc", "07777"),
    ("Lễ hội hồ Khuôn Thần", 1, 15, "Cấp xã", "Hồ Khuôn Thần", "07591"),
]
LUNAR_NUMERALS = {1: "Giêng", 2: "Hai", 3: "Ba"}


@category(64)
def c64(ref, rng):
    holidays = {r["date"]: r for r in ref.read("vietnam-public-holidays-2024-2026.csv")}
    tet = d(
        next(
            k
            for k, r in holidays.items()
            if r["year"] == "2025" and r["name_vi"] == "Tết Nguyên Đán"
        )
    )
    hung = d(
        next(k for k, r in holidays.items() if r["year"] == "2025" and "Hùng Vương" in r["name_vi"])
    )
    month_start = {1: tet, 2: dt.date(2025, 2, 28), 3: hung - dt.timedelta(days=9)}
    g = Geo(ref, rng, "new")
    rows = []
    for name, m, day, scale, place, old_code in FESTIVALS:
        c = ref.new_by_code[ref.new_of_old[old_code]]
        rows.append(
            dict(
                festival_name=name,
                lunar_date=f"Ngày {day} tháng {LUNAR_NUMERALS[m]} âm lịch",
                start_date=month_start[m] + dt.timedelta(days=day - 1),
                scale=scale,
                location=place,
                **g.cols(c),
            )
        )
    rows.append(
        dict(
            festival_name="Lễ hội Yên Thế",
            lunar_date="Không theo âm lịch (ngày 16/3 dương lịch)",
            start_date=dt.date(2025, 3, 16),
            scale="Cấp tỉnh",
            location="Khu di tích Đền Thề, Phồn Xương",
            **g.cols(ref.new_by_code["07288"]),
        )
    )
    rows.sort(key=lambda r: r["start_date"])
    holiday_fields = [
        {"name": "date", "type": "date", "title": "Ngày nghỉ"},
        {"name": "year", "type": "integer", "title": "Năm"},
        {"name": "name_vi", "type": "string", "title": "Tên ngày lễ (tiếng Việt)"},
        {"name": "name_en", "type": "string", "title": "Tên ngày lễ (tiếng Anh)"},
    ]
    return Out(
        rows,
        (
            "Lịch các lễ hội truyền thống tiêu biểu trên địa bàn tỉnh Bắc Giang (cũ) năm 2025: "
            "ngày "
            "âm lịch, ngày dương lịch tương ứng, quy mô, nơi tổ chức; kèm tài nguyên thứ hai "
            "là danh "
            "sách ngày nghỉ lễ, Tết 2024-2026 (dữ liệu thật).",
            "Calendar of the main traditional festivals of the former Bắc Giang province in 2025: "
            "lunar date, corresponding solar date, scale and venue; a second resource lists the "
            "public holidays of 2024-2026 (real data).",
        ),
        (
            "một lễ hội; ngày dương lịch quy đổi cho năm 2025 từ ngày Tết Nguyên đán và ngày "
            "Giỗ Tổ "
            "Hùng Vương trong tệp ngày nghỉ lễ",
            "one festival; solar dates for 2025 are derived from the Lunar New Year and Hung Kings "
            "dates of the holiday file",
        ),
        ["lễ hội", "lễ hội truyền thống", "ngày lễ", "văn hóa", "du lịch"],
        ("le-hoi-truyen-thong-2025", "Lịch lễ hội truyền thống năm 2025"),
        "Phòng Quản lý văn hóa",
        units="new",
        time_field="start_date",
        extra=[
            Extra(
                "ngay-nghi-le-tet-2024-2026",
                "Ngày nghỉ lễ, Tết 2024-2026",
                "Dữ liệu thật, sao chép nguyên văn tệp vietnam-public-holidays-2024-2026.csv "
                "sinh bằng "
                "thư viện python-holidays 0.109 (giấy phép MIT); gồm ngày nghỉ bù, không gồm "
                "ngày cuối "
                "tuần trong kỳ nghỉ Tết; cần đối chiếu thông báo chính thức hằng năm.",
                holiday_fields,
                ["date"],
                copy_from="vietnam-public-holidays-2024-2026.csv",
                licenses=["MIT"],
            )
        ],
        sources=[HOLIDAYS_SRC],
    )


@category(65)
def c65(ref, rng):
    g = Geo(ref, rng, "new")
    big = [
        (
            "Sân vận động tỉnh Bắc Giang",
            "Sân vận động",
            15000,
            "Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh",
        ),
        (
            "Nhà thi đấu thể dục thể thao tỉnh Bắc Giang",
            "Nhà thi đấu",
            3000,
            "Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh",
        ),
        ("Bảo tàng tỉnh Bắc Giang", "Bảo tàng", 500, "Sở Văn hóa, Thể thao và Du lịch"),
        ("Thư viện tỉnh Bắc Giang", "Thư viện", 400, "Sở Văn hóa, Thể thao và Du lịch"),
        (
            "Nhà văn hóa thiếu nhi tỉnh Bắc Giang",
            "Nhà văn hóa",
            600,
            "Sở Văn hóa, Thể thao và Du lịch",
        ),
        (
            "Trung tâm Văn hóa, Điện ảnh tỉnh",
            "Trung tâm văn hóa",
            800,
            "Sở Văn hóa, Thể thao và Du lịch",
        ),
        ("Quảng trường 3 tháng 2", "Quảng trường", 20000, "UBND phường Bắc Giang"),
    ]
    rows = []
    centre = ref.new_by_code["07210"]
    for name, kind, cap, op in big:
        rows.append(
            dict(
                name=name,
                facility_type=kind,
                capacity=cap,
                operator=op,
                address=g.address(centre),
                **g.loc(centre, 0.008),
            )
        )
    for c in ref.new:
        rows.append(
            dict(
                name=f"Trung tâm Văn hóa - Thể thao {lower_unit(c.name)}",
                facility_type="Nhà văn hóa",
                capacity=rng.choice([200, 300, 400, 500]),
                operator=f"UBND {lower_unit(c.name)}",
                address=g.address(c),
                **g.loc(c, 0.008),
            )
        )
        if rng.random() < 0.4:
            rows.append(
                dict(
                    name=f"Sân vận động {lower_unit(c.name)}",
                    facility_type="Sân vận động",
                    capacity=rng.choice([1000, 2000, 3000, 5000]),
                    operator=f"UBND {lower_unit(c.name)}",
                    address=g.address(c),
                    **g.loc(c, 0.01),
                )
            )
    return Out(
        rows,
        (
            "Thiết chế văn hóa, thể thao cấp tỉnh và cấp xã trên địa bàn tỉnh Bắc Giang (cũ): "
            "nhà văn "
            "hóa, trung tâm văn hóa - thể thao, sân vận động, nhà thi đấu, bảo tàng, thư viện, "
            "với sức "
            "chứa, đơn vị quản lý và vị trí.",
            "Provincial and commune cultural and sports facilities in the former Bắc Giang "
            "province: "
            "cultural houses and centres, stadiums, sports halls, museum, library, with capacity, "
            "operator and location.",
        ),
        ("một thiết chế", "one facility"),
        ["thiết chế văn hóa", "thể thao", "nhà văn hóa", "sân vận động"],
        ("thiet-che-van-hoa-the-thao", "Thiết chế văn hóa, thể thao"),
        "Phòng Quản lý văn hóa",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(66)
def c66(ref, rng):
    rows = []
    peak = {
        1: 1.3,
        2: 2.4,
        3: 1.5,
        4: 0.9,
        5: 0.8,
        6: 1.4,
        7: 0.9,
        8: 0.8,
        9: 0.8,
        10: 0.7,
        11: 0.7,
        12: 0.8,
    }
    for i, ym in enumerate(months("2023-01", "2025-06")):
        m = int(ym[5:])
        base = 215_000 * (1 + 0.01 * i) * peak[m] * rng.uniform(0.93, 1.07)
        intl = int(base * rng.uniform(0.035, 0.06))
        rows.append(
            dict(
                period=ym,
                domestic_visitors=int(base),
                international_visitors=intl,
                overnight_guests=int(base * rng.uniform(0.14, 0.22)),
                revenue_vnd_billion=rnd(base * rng.uniform(0.9, 1.3) * 1e6 / 1e9, 1),
            )
        )
    return Out(
        rows,
        (
            "Lượt khách du lịch nội địa, quốc tế, khách lưu trú và tổng thu từ khách du lịch "
            "của tỉnh "
            "Bắc Giang theo tháng, từ tháng 01/2023 đến tháng 6/2025.",
            "Monthly domestic and international tourist arrivals, overnight guests and tourism "
            "revenue of Bắc Giang province, January 2023 to June 2025.",
        ),
        ("số liệu một tháng của toàn tỉnh", "the whole province in one month"),
        ["du lịch", "khách du lịch", "doanh thu du lịch", "thống kê du lịch"],
        ("khach-du-lich-doanh-thu", "Lượt khách và doanh thu du lịch theo tháng"),
        "Phòng Quản lý du lịch",
        time_field="period",
    )


# --------------------------------------------------------------------------------------
# 67-71: Sở Lao động - Thương binh và Xã hội (functions split on 1 March 2025)
# --------------------------------------------------------------------------------------


@category(67)
def c67(ref, rng):
    g = Geo(ref, rng, "new")
    named = [
        (
            "Trường Cao đẳng Kỹ thuật công nghiệp Việt - Hàn Bắc Giang",
            "Cao đẳng",
            "Công lập",
            1800,
            "07210",
        ),
        ("Trường Cao đẳng Ngô Gia Tự Bắc Giang", "Cao đẳng", "Công lập", 900, "07210"),
        ("Trường Cao đẳng Y tế Bắc Giang", "Cao đẳng", "Công lập", 700, "07228"),
        (
            "Trường Trung cấp Văn hóa, Thể thao và Du lịch Bắc Giang",
            "Trung cấp",
            "Công lập",
            350,
            "07696",
        ),
        ("Trường Trung cấp Kỹ thuật nông lâm Bắc Giang", "Trung cấp", "Công lập", 400, "07681"),
        ("Trường Trung cấp nghề Miền núi Yên Thế", "Trung cấp", "Công lập", 500, "07288"),
        ("Trường Trung cấp nghề Xương Giang", "Trung cấp", "Tư thục", 600, "07210"),
        ("Trường Trung cấp Công nghệ Việt Yên", "Trung cấp", "Tư thục", 550, "07777"),
    ]
    fields = [
        "Điện công nghiệp; Hàn; Cắt gọt kim loại",
        "Công nghệ ô tô; Điện tử công nghiệp",
        "May thời trang; Kỹ thuật chế biến món ăn",
        "Tin học văn phòng; Kế toán doanh nghiệp",
        "Chăm sóc sắc đẹp; Điều dưỡng",
        "Trồng trọt và bảo vệ thực vật; Chăn nuôi thú y",
    ]
    rows, seq = [], 0
    for name, lv, own, cap, code in named:
        seq += 1
        c = ref.new_by_code[code]
        rows.append(
            dict(
                institution_code=f"GDNN-24-{seq:03d}",
                name=name,
                level=lv,
                ownership=own,
                training_fields=rng.choice(fields),
                annual_capacity=cap,
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    for dc, dn in ref.districts:
        seq += 1
        c = max(
            (x for x in ref.new if x.district_code == dc),
            key=lambda x: (x.kind == "Phường", len(x.old_codes)),
        )
        rows.append(
            dict(
                institution_code=f"GDNN-24-{seq:03d}",
                name=f"Trung tâm GDNN-GDTX {bare(dn)}",
                level="Trung tâm",
                ownership="Công lập",
                training_fields=rng.choice(fields),
                annual_capacity=rng.choice([300, 400, 500, 600]),
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    for brand in rng.sample(BRANDS, 8):
        seq += 1
        c = g.pick()
        rows.append(
            dict(
                institution_code=f"GDNN-24-{seq:03d}",
                name=f"Trung tâm Đào tạo nghề {brand}",
                level="Trung tâm",
                ownership="Tư thục",
                training_fields=rng.choice(fields),
                annual_capacity=rng.choice([150, 200, 300]),
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    return Out(
        rows,
        (
            "Cơ sở giáo dục nghề nghiệp (trường cao đẳng, trung cấp, trung tâm giáo dục nghề "
            "nghiệp) "
            "trên địa bàn tỉnh Bắc Giang (cũ): cấp, loại hình, ngành nghề đào tạo chính, quy "
            "mô tuyển "
            "sinh hằng năm và địa chỉ.",
            "Vocational education institutions (colleges, secondary schools, centres) in the "
            "former "
            "Bắc Giang province: level, ownership, main training fields, annual enrolment capacity "
            "and address.",
        ),
        ("một cơ sở giáo dục nghề nghiệp", "one vocational institution"),
        ["giáo dục nghề nghiệp", "đào tạo nghề", "cao đẳng", "trung cấp"],
        ("co-so-giao-duc-nghe-nghiep", "Danh sách cơ sở giáo dục nghề nghiệp"),
        "Phòng Giáo dục nghề nghiệp",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
        note=(
            "quản lý nhà nước về giáo dục nghề nghiệp chuyển từ Sở Lao động - Thương binh và "
            "Xã hội "
            "sang Sở Giáo dục và Đào tạo từ 01/3/2025",
            "vocational education moved from the Department of Labour, Invalids and Social Affairs "
            "to the Department of Education and Training on 1 March 2025",
        ),
    )


IZ_COMMUNES_NEW = ["07795", "07777", "07696", "07681", "07870", "07375", "07798", "07864", "07381"]


@category(68)
def c68(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    jobs = [
        (
            "Sản xuất linh kiện điện tử",
            "Công nhân lắp ráp linh kiện điện tử",
            (5_200_000, 7_500_000),
            (20, 500),
        ),
        (
            "Sản xuất linh kiện điện tử",
            "Kỹ thuật viên kiểm tra chất lượng (QC)",
            (7_000_000, 10_000_000),
            (5, 40),
        ),
        ("Dệt may", "Công nhân may công nghiệp", (5_500_000, 8_000_000), (20, 200)),
        ("Cơ khí", "Thợ vận hành máy CNC", (8_000_000, 12_000_000), (3, 20)),
        ("Logistics", "Nhân viên kho, xuất nhập khẩu", (7_000_000, 11_000_000), (2, 15)),
        (
            "Sản xuất linh kiện điện tử",
            "Phiên dịch tiếng Hàn, tiếng Trung",
            (12_000_000, 20_000_000),
            (1, 10),
        ),
        ("Xây dựng", "Kỹ sư giám sát công trình", (10_000_000, 16_000_000), (1, 6)),
        ("Dịch vụ", "Nhân viên bán hàng", (5_000_000, 7_000_000), (2, 12)),
    ]
    employers = [nm.foreign()[0] for _ in range(22)] + [nm.company() for _ in range(10)]
    rows = []
    for i in range(1, 161):
        industry, pos, (lo, hi), (qlo, qhi) = rng.choice(jobs)
        posted = workday(rng, "2025-08-04", "2025-09-30")
        smin = int(round(rng.uniform(lo, hi), -5))
        c = ref.new_by_code[rng.choice(IZ_COMMUNES_NEW)] if rng.random() < 0.8 else g.pick()
        rows.append(
            dict(
                posting_id=f"TD2025-{i + 1200:05d}",
                posted_date=posted,
                employer=rng.choice(employers),
                industry=industry,
                position=pos,
                quantity=rng.randint(qlo, qhi),
                salary_min_vnd=smin,
                salary_max_vnd=int(smin + round(rng.uniform(1e6, 6e6), -5)),
                **g.cols(c),
                deadline=posted + dt.timedelta(days=rng.choice([14, 21, 30, 45])),
            )
        )
    rows.sort(key=lambda r: (r["posted_date"], r["posting_id"]))
    return Out(
        rows,
        (
            "Tin tuyển dụng lao động do Trung tâm Dịch vụ việc làm tiếp nhận và đăng tải trong "
            "tháng "
            "8-9/2025: đơn vị tuyển dụng, ngành, vị trí, số lượng, mức lương, nơi làm việc và "
            "hạn nộp "
            "hồ sơ.",
            "Job vacancies received and posted by the Employment Service Centre in "
            "August-September "
            "2025: employer, industry, position, number, salary range, workplace and deadline.",
        ),
        ("một tin tuyển dụng", "one vacancy notice"),
        ["tuyển dụng", "việc làm", "lao động", "khu công nghiệp"],
        ("thong-tin-tuyen-dung", "Thông tin tuyển dụng tháng 8-9/2025"),
        "Trung tâm Dịch vụ việc làm",
        units="new",
        time_field="posted_date",
    )


@category(69)
def c69(ref, rng):
    g = Geo(ref, rng, "old")
    poor = {"220": (4, 15), "219": (1.5, 6), "224": (0.8, 3), "215": (0.8, 4), "218": (0.8, 4.5)}
    rows = []
    for c in ref.old:
        households = rng.randint(2500, 9000) if c.is_urban else rng.randint(1100, 4500)
        lo, hi = poor.get(c.district_code, (0.2, 1.8))
        rate = rng.uniform(lo, hi) * (0.5 if c.is_urban else 1.0)
        p = int(households * rate / 100)
        rows.append(
            dict(
                year=2024,
                **g.cols(c),
                households=households,
                poor_households=p,
                near_poor_households=int(households * rate * rng.uniform(1.0, 1.6) / 100),
                poor_rate_pct=rnd(p / households * 100, 2),
            )
        )
    return Out(
        rows,
        (
            "Kết quả rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều giai đoạn "
            "2022-2025 tại "
            "thời điểm cuối năm 2024, theo xã, phường, thị trấn của tỉnh Bắc Giang.",
            "Results of the end-2024 review of poor and near-poor households under the 2022-2025 "
            "multidimensional poverty standard, by commune of Bắc Giang province.",
        ),
        (
            "một xã, phường, thị trấn; số liệu tổng hợp, không công bố danh sách hộ",
            "one commune; aggregate figures, no household lists",
        ),
        ["hộ nghèo", "giảm nghèo", "an sinh xã hội", "chuẩn nghèo đa chiều"],
        ("ho-ngheo-can-ngheo-2024", "Hộ nghèo, hộ cận nghèo theo xã năm 2024"),
        "Phòng Phát triển nông thôn và giảm nghèo",
        units="old",
        time_field="year",
        note=(
            "nhiệm vụ giảm nghèo chuyển từ Sở Lao động - Thương binh và Xã hội sang Sở Nông nghiệp "
            "và Môi trường từ 01/3/2025",
            "poverty reduction moved from the Department of Labour, Invalids and Social Affairs to "
            "the Department of Agriculture and Environment on 1 March 2025",
        ),
    )


@category(70)
def c70(ref, rng):
    g = Geo(ref, rng, "new")
    items = [
        (
            "Trung tâm Bảo trợ xã hội tỉnh Bắc Giang",
            "Cơ sở bảo trợ xã hội tổng hợp",
            "Công lập",
            150,
            "07228",
        ),
        (
            "Trung tâm Công tác xã hội tỉnh Bắc Giang",
            "Trung tâm công tác xã hội",
            "Công lập",
            120,
            "07210",
        ),
        (
            "Trung tâm Điều dưỡng người có công tỉnh Bắc Giang",
            "Cơ sở nuôi dưỡng, điều dưỡng người có công",
            "Công lập",
            100,
            "07681",
        ),
        (
            "Cơ sở cai nghiện ma túy tỉnh Bắc Giang",
            "Cơ sở cai nghiện ma túy",
            "Công lập",
            300,
            "07294",
        ),
        ("Làng trẻ em SOS Bắc Giang", "Cơ sở nuôi dưỡng trẻ em", "Ngoài công lập", 120, "07696"),
    ]
    rows = []
    for name, kind, own, cap, code in items:
        c = ref.new_by_code[code]
        rows.append(
            dict(
                name=name,
                facility_type=kind,
                ownership=own,
                capacity=cap,
                residents=int(cap * rng.uniform(0.55, 0.95)),
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    for brand in rng.sample(BRANDS, 12):
        c = g.pick()
        kind = rng.choice(
            [
                "Cơ sở chăm sóc người cao tuổi",
                "Cơ sở trợ giúp người khuyết tật",
                "Cơ sở chăm sóc người cao tuổi",
            ]
        )
        cap = rng.choice([20, 30, 40, 50, 80])
        label = "Viện dưỡng lão" if "cao tuổi" in kind else "Trung tâm trợ giúp người khuyết tật"
        rows.append(
            dict(
                name=f"{label} {brand}",
                facility_type=kind,
                ownership="Ngoài công lập",
                capacity=cap,
                residents=int(cap * rng.uniform(0.3, 0.9)),
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    return Out(
        rows,
        (
            "Cơ sở trợ giúp xã hội công lập và ngoài công lập, cơ sở nuôi dưỡng, điều dưỡng "
            "người có "
            "công trên địa bàn tỉnh Bắc Giang (cũ): loại, quy mô, số đối tượng đang được nuôi "
            "dưỡng, "
            "địa chỉ.",
            "Public and private social-assistance facilities and care homes for people with "
            "merit in "
            "the former Bắc Giang province: type, capacity, current residents and address.",
        ),
        (
            "một cơ sở; số đối tượng là số tổng hợp, không có thông tin cá nhân",
            "one facility; residents are counts, no personal data",
        ),
        ["bảo trợ xã hội", "trợ giúp xã hội", "người cao tuổi", "an sinh xã hội"],
        ("co-so-tro-giup-xa-hoi", "Cơ sở trợ giúp xã hội"),
        "Phòng Bảo trợ xã hội",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
        note=(
            "bảo trợ xã hội thuộc Sở Y tế từ 01/3/2025, riêng cơ sở nuôi dưỡng người có công do Sở "
            "Nội vụ quản lý chuyên ngành",
            "social protection belongs to the Department of Health since 1 March 2025; care homes "
            "for people with merit are regulated by the Department of Home Affairs",
        ),
    )


@category(71)
def c71(ref, rng):
    dests = [
        ("JP", 0.42, 0.38),
        ("KR", 0.2, 0.1),
        ("TW", 0.22, 0.3),
        ("DE", 0.03, 0.45),
        ("RO", 0.02, 0.2),
        ("HU", 0.015, 0.25),
        ("PL", 0.01, 0.2),
        ("AE", 0.01, 0.1),
        ("SA", 0.008, 0.05),
        ("AU", 0.01, 0.35),
        ("SG", 0.012, 0.4),
    ]
    rows = []
    for year, total in ((2023, 6_850), (2024, 7_240)):
        for code, share, female in dests:
            w = int(total * share * rng.uniform(0.85, 1.15))
            rows.append(
                dict(
                    year=year,
                    destination_country=code,
                    workers=w,
                    female_workers=int(w * female * rng.uniform(0.9, 1.1)),
                )
            )
    return Out(
        rows,
        (
            "Số người lao động của tỉnh Bắc Giang đi làm việc ở nước ngoài theo hợp đồng trong năm "
            "2023 và 2024, theo nước đến (mã ISO 3166-1 alpha-2), trong đó lao động nữ.",
            "Contract workers from Bắc Giang province sent abroad in 2023 and 2024 by destination "
            "country (ISO 3166-1 alpha-2), with the number of women.",
        ),
        ("một nước đến trong một năm; số liệu tổng hợp", "one destination in one year; aggregates"),
        ["lao động ngoài nước", "xuất khẩu lao động", "việc làm", "lao động"],
        ("lao-dong-di-lam-viec-nuoc-ngoai", "Lao động đi làm việc ở nước ngoài 2023-2024"),
        "Phòng Lao động - Việc làm",
        time_field="year",
    )


# --------------------------------------------------------------------------------------
# 72-74: Sở Thông tin và Truyền thông (now Sở Khoa học và Công nghệ)
# --------------------------------------------------------------------------------------


@category(72)
def c72(ref, rng):
    rows = []
    for i, p in enumerate(procedures(), 1):
        if p["level"] != "Tỉnh":
            continue
        rows.append(
            dict(
                service_code=f"DVC-{i:04d}",
                procedure_code=p["procedure_code"],
                name=p["procedure_name"],
                agency=p["agency"],
                online_level=p["online_level"],
                online_payment=p["fee_vnd"] > 0
                and (p["online_level"] == "Toàn trình" or rng.random() < 0.5),
                url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="
                + p["procedure_code"],
            )
        )
    return Out(
        rows,
        (
            "Dịch vụ công trực tuyến toàn trình và một phần của các cơ quan cấp tỉnh được cung cấp "
            "trên Cổng Dịch vụ công quốc gia, liên kết với mã thủ tục hành chính (cùng mã với "
            "danh mục "
            "thủ tục hành chính), có hay không thanh toán trực tuyến.",
            "Full and partial online public services of the provincial agencies on the National "
            "Public Service Portal, linked to the procedure codes of the procedures catalogue, "
            "with "
            "online payment availability.",
        ),
        ("một dịch vụ công trực tuyến", "one online public service"),
        ["dịch vụ công trực tuyến", "chuyển đổi số", "thủ tục hành chính", "thanh toán trực tuyến"],
        ("dich-vu-cong-truc-tuyen", "Danh mục dịch vụ công trực tuyến cấp tỉnh"),
        "Phòng Chuyển đổi số",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(73)
def c73(ref, rng):
    g = Geo(ref, rng, "new")
    share = {"Viettel": 0.45, "VNPT (VinaPhone)": 0.33, "MobiFone": 0.22}
    rows = []
    for c in ref.new:
        urban = c.kind == "Phường"
        sites = rng.randint(30, 70) if urban else rng.randint(10, 30)
        if c.district_code == "220":
            sites = rng.randint(8, 18)
        fibre = (
            rng.uniform(88, 99)
            if urban
            else rng.uniform(65, 93) - (12 if c.district_code == "220" else 0)
        )
        for op, sh in share.items():
            n4 = max(1, int(sites * sh * rng.uniform(0.8, 1.2)))
            n5 = (
                int(n4 * (rng.uniform(0.25, 0.6) if urban else rng.uniform(0.0, 0.2)))
                if op != "MobiFone"
                else int(n4 * rng.uniform(0.0, 0.15))
            )
            rows.append(
                dict(
                    year=2025,
                    **g.cols(c),
                    operator=op,
                    bts_4g=n4,
                    bts_5g=n5,
                    fibre_household_pct=rnd(min(99.5, fibre * rng.uniform(0.97, 1.0)), 1),
                )
            )
    return Out(
        rows,
        (
            "Số trạm thu phát sóng 4G, 5G theo doanh nghiệp viễn thông và tỷ lệ hộ gia đình có cáp "
            "quang theo xã, phường trên địa bàn tỉnh Bắc Giang (cũ), số liệu tại 30/9/2025.",
            "4G and 5G base stations per telecom operator and share of households with fibre, by "
            "commune of the former Bắc Giang province, as of 30 September 2025.",
        ),
        ("một doanh nghiệp viễn thông tại một xã, phường", "one operator in one commune"),
        ["viễn thông", "trạm BTS", "5G", "cáp quang", "hạ tầng số"],
        ("ha-tang-vien-thong-theo-xa", "Hạ tầng viễn thông theo xã, phường năm 2025"),
        "Phòng Bưu chính, Viễn thông",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(74)
def c74(ref, rng):
    g = Geo(ref, rng, "new")
    rows, used = [], set()
    hub = ref.new_by_code["07210"]
    rows.append(
        dict(
            postcode="26000",
            name="Bưu cục cấp 1 Bắc Giang",
            point_type="Bưu cục cấp 1",
            address=g.address(hub),
            phone=phone(rng),
            **g.loc(hub, 0.004),
        )
    )
    used.add("26000")
    for dc, dn in ref.districts:
        c = max(
            (x for x in ref.new if x.district_code == dc),
            key=lambda x: (x.kind == "Phường", len(x.old_codes)),
        )
        code = unique_code(rng, used, lambda: f"26{rng.randint(1, 9)}{rng.randint(0, 9)}0")
        label = "Xương Giang" if dc == "213" else bare(dn)
        rows.append(
            dict(
                postcode=code,
                name=f"Bưu cục cấp 2 {label}",
                point_type="Bưu cục cấp 2",
                address=g.address(c),
                phone=phone(rng),
                **g.loc(c, 0.006),
            )
        )
    for old in rng.sample([o for o in ref.old if o.kind == "Xã"], 92):
        c = ref.new_by_code[ref.new_of_old[old.code]]
        code = unique_code(rng, used, lambda: f"26{rng.randint(100, 999)}")
        rows.append(
            dict(
                postcode=code,
                name=f"Điểm Bưu điện - Văn hóa xã {bare(old.name)}",
                point_type="Điểm bưu điện - văn hóa xã",
                address=f"Thôn {rng.choice(VILLAGES)}, "
                f"{lower_unit(c.name)}, tỉnh Bắc Ninh (trước là {lower_unit(old.name)})",
                phone=phone(rng),
                **g.cols(c),
                **{k: v for k, v in g.loc(old, 0.004).items() if k in ("latitude", "longitude")},
            )
        )
    return Out(
        rows,
        (
            "Bưu cục cấp 1, cấp 2 và điểm bưu điện - văn hóa xã của mạng bưu chính công cộng "
            "trên địa "
            "bàn tỉnh Bắc Giang (cũ), với mã bưu chính (vùng 26xxx), địa chỉ, điện thoại và vị "
            "trí.",
            "Post offices and commune cultural post points of the public postal network in the "
            "former "
            "Bắc Giang province, with postcode (26xxx range), address, phone and location.",
        ),
        (
            "một bưu cục hoặc điểm phục vụ; điểm bưu điện - văn hóa xã giữ tên xã cũ",
            "one post office or service point; commune post points keep the former commune names",
        ),
        ["bưu chính", "bưu cục", "mã bưu chính", "bưu điện văn hóa xã"],
        ("buu-cuc-diem-buu-dien-van-hoa-xa", "Bưu cục, điểm bưu điện - văn hóa xã"),
        "Phòng Bưu chính, Viễn thông",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


# --------------------------------------------------------------------------------------
# 75-77: Sở Tư pháp
# --------------------------------------------------------------------------------------


@category(75)
def c75(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows, used = [], set()
    for _ in range(42):
        company = rng.random() < 0.55
        c = g.pick(lambda c: c.kind == "Phường") if rng.random() < 0.8 else g.pick()
        name = nm.unique(
            lambda co=company: (
                f"Công ty Luật TNHH {rng.choice(BRANDS)}"
                if co
                else f"Văn phòng Luật sư {rng.choice(BRANDS)}"
            )
        )
        rows.append(
            dict(
                name=name,
                org_type="Công ty luật" if company else "Văn phòng luật sư",
                registration_number=unique_code(
                    rng,
                    used,
                    lambda co=company: (
                        f"24.{'02' if co else '01'}.{rng.randint(1, 260):04d}/TP/ĐKHĐ"
                    ),
                ),
                head="Giám đốc công ty" if company else "Trưởng văn phòng",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: r["registration_number"])
    return Out(
        rows,
        (
            "Tổ chức hành nghề luật sư (công ty luật, văn phòng luật sư) đã đăng ký hoạt động "
            "tại Sở "
            "Tư pháp, có trụ sở trên địa bàn tỉnh Bắc Giang (cũ).",
            "Law firms and lawyers' offices registered with the Department of Justice, with their "
            "seat in the former Bắc Giang province.",
        ),
        (
            "một tổ chức hành nghề; người đứng đầu chỉ ghi chức danh, không ghi họ tên (Nghị định "
            "13/2023/NĐ-CP)",
            "one organisation; the head is given by position, not by name (Decree 13/2023/ND-CP)",
        ),
        ["luật sư", "bổ trợ tư pháp", "tư vấn pháp luật", "tư pháp"],
        ("to-chuc-hanh-nghe-luat-su", "Tổ chức hành nghề luật sư"),
        "Phòng Bổ trợ tư pháp",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(76)
def c76(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    for i, code in enumerate(["07210", "07525"], 1):
        c = ref.new_by_code[code]
        rows.append(
            dict(
                name=f"Phòng Công chứng số {i} tỉnh Bắc Giang",
                org_type="Phòng công chứng",
                registration_number=f"{i:02d}/TP-CC",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    for i, c in enumerate(rng.sample(ref.new, 24), 3):
        rows.append(
            dict(
                name=f"Văn phòng công chứng {bare(c.name)}",
                org_type="Văn phòng công chứng",
                registration_number=f"{i:02d}/TP-CC",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
            )
        )
    return Out(
        rows,
        (
            "Tổ chức hành nghề công chứng (phòng công chứng, văn phòng công chứng) trên địa "
            "bàn tỉnh "
            "Bắc Giang (cũ): số đăng ký hoạt động, địa chỉ và điện thoại.",
            "Notary offices (public and private) in the former Bắc Giang province: registration "
            "number, address and phone.",
        ),
        ("một tổ chức hành nghề công chứng", "one notary office"),
        ["công chứng", "bổ trợ tư pháp", "chứng thực", "tư pháp"],
        ("to-chuc-hanh-nghe-cong-chung", "Tổ chức hành nghề công chứng"),
        "Phòng Bổ trợ tư pháp",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


LEGAL_TOPICS = P(
    "Quy định giá đất điều chỉnh áp dụng từ năm 2025|Quy định hạn mức giao đất ở, công nhận "
    "quyền sử "
    "dụng đất|Quy định mức thu học phí năm học 2024-2025|Quy định chính sách hỗ trợ sản xuất vải "
    "thiều an toàn|Quy định phân cấp quản lý tài sản công|Quy định mức chi bảo đảm cho công "
    "tác cải "
    "cách hành chính|Quy định chức năng, nhiệm vụ của Sở Tài chính|Quy định chức năng, nhiệm "
    "vụ của Sở "
    "Nông nghiệp và Môi trường|Quy định chức năng, nhiệm vụ của Sở Xây dựng|Quy định tiêu chí phân "
    "loại thôn, tổ dân phố|Quy định về quản lý cụm công nghiệp|Quy định bảng giá tính lệ phí "
    "trước bạ "
    "nhà|Quy định hỗ trợ, tái định cư khi Nhà nước thu hồi đất|Quy định phí tham quan di "
    "tích|Quy định "
    "giá dịch vụ thu gom, vận chuyển rác thải sinh hoạt|Quy định chính sách thu hút nguồn nhân lực "
    "chất lượng cao|Quy định tiêu chuẩn, định mức sử dụng xe ô tô chuyên dùng|Quy định đơn giá bồi "
    "thường cây trồng, vật nuôi|Quy định khoảng cách, địa bàn để xác định học sinh được hỗ trợ|Quy "
    "định mức hỗ trợ hộ nghèo xây dựng nhà ở"
)


@category(77)
def c77(ref, rng):
    rows = []
    counters = {"NQ-HĐND": 1, "QĐ-UBND": 1}
    for day in sorted(workday(rng, "2024-01-08", "2025-06-27") for _ in range(64)):
        kind = rng.choices(["NQ-HĐND", "QĐ-UBND"], [3, 7])[0]
        year = day.year
        key = f"{kind}-{year}"
        counters[key] = counters.get(key, 0) + rng.randint(1, 3)
        n = counters[key]
        eff = day + dt.timedelta(days=rng.choice([10, 10, 15, 20]))
        status = rng.choices(
            ["Còn hiệu lực", "Hết hiệu lực một phần", "Hết hiệu lực toàn bộ"], [8, 1, 1]
        )[0]
        rows.append(
            dict(
                doc_number=f"{n}/{year}/{kind}",
                doc_type="Nghị quyết" if kind == "NQ-HĐND" else "Quyết định",
                issuing_body="HĐND tỉnh Bắc Giang" if kind == "NQ-HĐND" else "UBND tỉnh Bắc Giang",
                issued_date=day,
                effective_date=eff,
                status=status,
                title=rng.choice(LEGAL_TOPICS),
                url="https://vbpl.vn/bacgiang/Pages/vbpq-toanvan.aspx?ItemID="
                + str(rng.randint(160000, 179999)),
            )
        )
    return Out(
        rows,
        (
            "Văn bản quy phạm pháp luật do HĐND và UBND tỉnh Bắc Giang ban hành từ tháng "
            "01/2024 đến "
            "tháng 6/2025: số ký hiệu, loại, cơ quan ban hành, ngày ban hành, ngày có hiệu "
            "lực, tình "
            "trạng hiệu lực, trích yếu và đường dẫn.",
            "Legal normative documents issued by the People's Council and People's Committee "
            "of Bắc "
            "Giang province, January 2024 to June 2025: number, type, issuer, dates, validity "
            "status, "
            "title and link.",
        ),
        (
            "một văn bản; tình trạng hiệu lực tại 30/9/2025 (văn bản của tỉnh cũ tiếp tục áp "
            "dụng đến "
            "khi tỉnh Bắc Ninh mới thay thế)",
            "one document; validity as of 30 September 2025 (documents of the former province "
            "apply "
            "until the new Bắc Ninh province replaces them)",
        ),
        ["văn bản quy phạm pháp luật", "nghị quyết", "quyết định", "pháp luật"],
        ("van-ban-quy-pham-phap-luat", "Văn bản QPPL của HĐND, UBND tỉnh 2024-2025"),
        "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật",
        time_field="issued_date",
    )


# --------------------------------------------------------------------------------------
# 78-80: Sở Nội vụ
# --------------------------------------------------------------------------------------

REF_TITLES = {
    "province_code": "Mã tỉnh",
    "province_name": "Tên tỉnh",
    "district_code": "Mã huyện",
    "district_name": "Tên huyện, thị xã, thành phố",
    "commune_code": "Mã xã",
    "commune_name": "Tên xã, phường, thị trấn",
    "commune_type": "Loại",
    "old_commune_code": "Mã xã cũ",
    "old_commune_name": "Tên xã cũ",
    "old_district_code": "Mã huyện cũ",
    "old_district_name": "Tên huyện cũ",
    "new_province_code": "Mã tỉnh mới",
    "new_province_name": "Tên tỉnh mới",
    "new_commune_code": "Mã xã mới",
    "new_commune_name": "Tên xã mới",
    "area_transfer": "Chuyển toàn bộ (full) hay một phần",
    "gso_list_no": "Số thứ tự trong Công văn 1027/CTK-CSCL",
    "former_province": "Thuộc tỉnh cũ",
    "merged_from_codes": "Mã các xã cũ hợp thành (cách nhau bởi ;)",
    "merged_from_names": "Tên các xã cũ hợp thành (cách nhau bởi ;)",
}


def ref_fields(ref: Ref, file_name: str) -> tuple[list[dict], list[str] | None]:
    meta = json.loads((ref.dir / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in meta["resources"] if r["path"] == file_name)
    fields = [
        dict(name=f["name"], type=f["type"], title=REF_TITLES.get(f["name"], f["name"]))
        for f in res["schema"]["fields"]
    ]
    return fields, res["schema"].get("primaryKey")


@category(78)
def c78(ref, rng):
    rows = [
        dict(
            province_code=r["province_code"],
            province_name=r["province_name"],
            commune_code=r["commune_code"],
            commune_name=r["commune_name"],
            commune_type=r["commune_type"],
            effective_date=NEW_UNITS_DATE,
        )
        for r in ref.new_all
    ]
    extras = []
    for name, file_name, title, desc in [
        (
            "xa-phuong-tu-2025-07-01-chi-tiet",
            "bac-ninh-communes-from-2025-07-01.csv",
            "Xã, phường của tỉnh Bắc Ninh từ 01/7/2025, kèm các xã cũ hợp thành",
            "Tệp gốc, sao chép nguyên văn: 99 xã, phường (66 xã, 33 phường) với số thứ tự "
            "trong Công văn "
            "1027/CTK-CSCL, tỉnh cũ và danh sách mã, tên các xã cũ hợp thành.",
        ),
        (
            "don-vi-hanh-chinh-bac-giang-truoc-2025-07-01",
            "bac-giang-admin-units-before-2025-07-01.csv",
            "Đơn vị hành chính tỉnh Bắc Giang trước 01/7/2025",
            "Tệp gốc, sao chép nguyên văn: 10 đơn vị cấp huyện và 195 đơn vị cấp xã (146 xã, "
            "35 phường, "
            "14 thị trấn) của tỉnh Bắc Giang (mã 24) trước sắp xếp, ảnh chụp danh mục ngày "
            "01/3/2025.",
        ),
        (
            "chuyen-doi-xa-bac-giang-sang-bac-ninh-2025-07-01",
            "bac-giang-to-bac-ninh-commune-mapping-2025-07-01.csv",
            "Bảng chuyển đổi xã cũ của tỉnh Bắc Giang sang xã, phường mới của tỉnh Bắc Ninh",
            "Tệp gốc, sao chép nguyên văn: mỗi xã cũ được nhập toàn bộ (full) vào một xã, "
            "phường mới. "
            "Bảng KHÔNG chính thức: tác giả kho nguồn lập bằng mô hình ngôn ngữ đọc 34 nghị "
            "quyết của "
            "UBTVQH rồi kiểm tra thủ công; cần kiểm tra lại trước khi sử dụng.",
        ),
        (
            "tinh-thanh-pho-tu-2025-07-01",
            "vietnam-provinces-34-from-2025-07-01.csv",
            "34 đơn vị hành chính cấp tỉnh từ 01/7/2025",
            "Tệp gốc, sao chép nguyên văn: mã và tên 34 tỉnh, thành phố theo Công văn 915/CTK-CSCL "
            "(tên giữ đúng như trong văn bản, phần lớn không có chữ 'Tỉnh').",
        ),
    ]:
        fields, pk = ref_fields(ref, file_name)
        extras.append(Extra(name, title, desc, fields, pk, copy_from=file_name, licenses=["MIT"]))
    return Out(
        rows,
        (
            "Danh mục và mã số đơn vị hành chính cấp xã của tỉnh Bắc Ninh (mã 24) có hiệu lực "
            "từ ngày "
            "01/7/2025, gồm các xã, phường hình thành từ tỉnh Bắc Giang và tỉnh Bắc Ninh cũ; "
            "kèm danh "
            "mục đơn vị hành chính của tỉnh Bắc Giang trước sắp xếp, bảng chuyển đổi xã cũ "
            "sang xã mới "
            "và danh sách 34 tỉnh, thành phố.",
            "Official codes of the communes and wards of Bắc Ninh province (code 24) from 1 "
            "July 2025, "
            "formed from the former Bắc Giang and Bắc Ninh provinces; with the pre-merger "
            "units of Bắc "
            "Giang, the old-to-new commune mapping and the list of the 34 provinces.",
        ),
        (
            "một xã, phường (tài nguyên chính); mã tỉnh 24 trước đây là mã của tỉnh Bắc Giang, "
            "tỉnh Bắc "
            "Ninh cũ mang mã 27",
            "one commune or ward (main resource); code 24 used to be Bắc Giang's, the former "
            "Bắc Ninh "
            "was 27",
        ),
        ["đơn vị hành chính", "mã xã", "sáp nhập tỉnh", "Bắc Ninh", "danh mục hành chính"],
        ("xa-phuong-tu-2025-07-01", "Xã, phường của tỉnh Bắc Ninh từ 01/7/2025"),
        "Phòng Xây dựng chính quyền",
        units="new",
        temporal=(OLD_UNITS_DATE, NEW_UNITS_DATE),
        spatial=(
            "Tỉnh Bắc Ninh (mã 24) từ 01/7/2025, gồm tỉnh Bắc Giang và tỉnh Bắc Ninh cũ; kèm danh "
            "sách 34 tỉnh, thành phố",
            "Bắc Ninh province (code 24) from 1 July 2025, formed from the former Bắc Giang and "
            "Bắc Ninh provinces; with the list of the 34 provinces",
        ),
        extra=extras,
        sources=[DVHCVN],
        license="MIT",
        sample=False,
        real_text=(
            "Dữ liệu thật từ kho dvhcvn/20250701 (giấy phép MIT, dựa trên danh mục của Tổng cục "
            "Thống kê và các Công văn 915/CTK-CSCL, 1027/CTK-CSCL): tài nguyên chính lấy từ tệp "
            "bac-ninh-communes-from-2025-07-01.csv, chỉ giữ các cột của lược đồ danh mục và thêm "
            "cột effective_date; các tài nguyên khác là bản sao nguyên văn.",
            "Real data from the dvhcvn/20250701 repository (MIT licence, built on the GSO code "
            "lists and dispatches 915/CTK-CSCL and 1027/CTK-CSCL): the main resource is derived "
            "from bac-ninh-communes-from-2025-07-01.csv keeping the category's columns and adding "
            "effective_date; the other resources are byte-for-byte copies.",
        ),
    )


@category(79)
def c79(ref, rng):
    g = Geo(ref, rng, "new")
    centre = ref.new_by_code["07210"]
    rows = []
    provincial = [t for t in ORGS if t not in ("Thống kê tỉnh", "Công an tỉnh")]
    for i, title in enumerate(provincial + ["Thanh tra tỉnh"], 1):
        o = ORGS.get(title, dict(email="thanhtra@bacninh.gov.vn", name="thanh-tra-tinh"))
        full = f"{title} Bắc Ninh" if title.endswith("tỉnh") else f"{title} tỉnh Bắc Ninh"
        rows.append(
            dict(
                agency_code=f"000.{i:02d}.24.H06",
                name=full,
                parent_agency="UBND tỉnh Bắc Ninh",
                address=g.address(centre),
                phone=phone(rng),
                email=o["email"],
                website=f"https://{o['email'].split('@')[0]}.bacninh.gov.vn",
                **g.cols(centre),
            )
        )
    for i, c in enumerate(ref.new, 1):
        slug = ascii_slug(bare(c.name)).replace("-", "")
        kind = "phuong" if c.kind == "Phường" else "xa"
        rows.append(
            dict(
                agency_code=f"{i:03d}.{50 + i // 100:02d}.24.H06",
                name=f"UBND {lower_unit(c.name)}",
                parent_agency="UBND tỉnh Bắc Ninh",
                address=g.address(c),
                phone=phone(rng),
                email=f"ubnd{kind}{slug}@bacninh.gov.vn",
                website=f"https://{kind}{slug}.bacninh.gov.vn",
                **g.cols(c),
            )
        )
    return Out(
        rows,
        (
            "Danh bạ cơ quan hành chính nhà nước của tỉnh Bắc Ninh có trụ sở trên địa bàn tỉnh Bắc "
            "Giang (cũ): các sở, ban, ngành tỉnh và UBND các xã, phường, với mã định danh điện tử, "
            "địa chỉ, điện thoại, thư điện tử và trang thông tin.",
            "Directory of the Bắc Ninh provincial agencies seated in the former Bắc Giang province "
            "and of the commune and ward People's Committees there: electronic identifier, "
            "address, "
            "phone, e-mail and website.",
        ),
        (
            "một cơ quan; mã định danh điện tử theo cấu trúc của QCVN 102:2016/BTTTT (mã mẫu)",
            "one agency; electronic identifier in the QCVN 102:2016 structure (sample codes)",
        ),
        ["danh bạ", "cơ quan nhà nước", "UBND xã", "hành chính công"],
        ("danh-ba-co-quan-nha-nuoc", "Danh bạ cơ quan hành chính nhà nước"),
        "Phòng Xây dựng chính quyền",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(80)
def c80(ref, rng):
    rows = []
    units = [(a, "Sở, ban, ngành") for a in AGENCIES_2024] + [
        (f"UBND {lower_unit(n)}", "UBND cấp huyện") for _c, n in ref.districts
    ]
    level = {u: rng.uniform(80, 91) for u, _ in units}
    for year in (2023, 2024):
        for group in ("Sở, ban, ngành", "UBND cấp huyện"):
            members = [u for u, k in units if k == group]
            scores = {
                u: rnd(min(98.0, level[u] + rng.uniform(-3, 3) + (year - 2023)), 2) for u in members
            }
            ranked = sorted(members, key=lambda u: -scores[u])
            for u in members:
                rows.append(
                    dict(
                        year=year,
                        unit_name=u,
                        unit_type=group,
                        score=scores[u],
                        rank=ranked.index(u) + 1,
                    )
                )
    return Out(
        rows,
        (
            "Chỉ số cải cách hành chính (PAR Index) các năm 2023 và 2024 của các sở, ban, "
            "ngành và UBND "
            "cấp huyện của tỉnh Bắc Giang: điểm (thang 100) và xếp hạng trong từng nhóm.",
            "Administrative reform (PAR) index of Bắc Giang's departments and district People's "
            "Committees for 2023 and 2024: score out of 100 and rank within each group.",
        ),
        (
            "một cơ quan, đơn vị trong một năm; các năm này đánh giá cấp huyện, chưa đánh giá "
            "cấp xã",
            "one agency in one year; these years rated the districts, not yet the communes",
        ),
        ["cải cách hành chính", "PAR Index", "xếp hạng", "chỉ số"],
        ("chi-so-cai-cach-hanh-chinh", "Chỉ số cải cách hành chính 2023-2024"),
        "Phòng Cải cách hành chính",
        time_field="year",
    )


# --------------------------------------------------------------------------------------
# 81-83: Sở Khoa học và Công nghệ
# --------------------------------------------------------------------------------------


@category(81)
def c81(ref, rng):
    g, nm, used = Geo(ref, rng, "new"), Names(rng), set()
    techs = [
        "Công nghệ sinh học trong nông nghiệp",
        "Công nghệ bảo quản, chế biến nông sản",
        "Công nghệ thông tin",
        "Tự động hóa",
        "Vật liệu mới",
        "Điện tử",
        "Công nghệ môi trường",
        "Cơ khí chính xác",
    ]
    rows = []
    for i in range(1, 25):
        tech = rng.choice(techs)
        c = g.pick()
        rows.append(
            dict(
                certificate_number=f"{i + 2:02d}/DNKHCN",
                enterprise_code=tax_code(rng, used),
                name=nm.company(
                    activity=rng.choice(["Công nghệ", "Nông sản", "Điện tử", "Môi trường"])
                ),
                technology_field=tech,
                issued_date=workday(rng, "2016-01-04", "2025-06-27"),
                **g.cols(c),
            )
        )
    rows.sort(key=lambda r: r["issued_date"])
    return Out(
        rows,
        (
            "Doanh nghiệp được cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ, có trụ "
            "sở trên "
            "địa bàn tỉnh Bắc Giang (cũ): mã số doanh nghiệp, lĩnh vực công nghệ và ngày cấp.",
            "Enterprises certified as science and technology enterprises with their seat in the "
            "former Bắc Giang province: enterprise code, technology field and date of issue.",
        ),
        ("một doanh nghiệp khoa học và công nghệ", "one certified enterprise"),
        ["doanh nghiệp khoa học công nghệ", "khoa học công nghệ", "đổi mới sáng tạo"],
        ("doanh-nghiep-khoa-hoc-cong-nghe", "Doanh nghiệp khoa học và công nghệ"),
        "Phòng Quản lý công nghệ và Đổi mới sáng tạo",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(82)
def c82(ref, rng):
    topics = [
        "Nghiên cứu ứng dụng công nghệ bảo quản vải thiều tươi phục vụ xuất khẩu",
        "Xây dựng mô hình chăn nuôi gà đồi Yên Thế an toàn sinh học",
        "Ứng dụng công nghệ IoT trong quản lý vùng trồng vải thiều",
        "Phát triển sản phẩm OCOP từ ba kích tím",
        "Xây dựng bản đồ số hóa di tích lịch sử - văn hóa",
        "Nghiên cứu xử lý nước thải chăn nuôi lợn quy mô hộ",
        "Ứng dụng trí tuệ nhân tạo trong hỗ trợ chẩn đoán hình ảnh y tế",
        "Nghiên cứu chọn tạo giống lúa chất lượng cao",
        "Đánh giá hiện trạng ô nhiễm không khí khu công nghiệp",
        "Bảo tồn và phát triển nguồn gen cam Bố Hạ",
        "Xây dựng nhãn hiệu chứng nhận cho mật ong Sơn Động",
        "Nghiên cứu giải pháp nâng cao chỉ số chuyển đổi số cấp xã",
        "Ứng dụng công nghệ sinh học sản xuất chế phẩm vi sinh xử lý phế phụ phẩm nông nghiệp",
    ]
    orgs = [
        "Trường Đại học Nông - Lâm Bắc Giang",
        "Viện Nghiên cứu Rau quả",
        "Học viện Nông nghiệp Việt Nam",
        "Trung tâm Ứng dụng khoa học và công nghệ tỉnh",
        "Bệnh viện Đa khoa tỉnh Bắc Giang",
        "Trường Đại học Bách khoa Hà Nội",
        "Viện Chăn nuôi",
        "Trường Cao đẳng Ngô Gia Tự Bắc Giang",
    ]
    rows, used = [], set()
    for _ in range(40):
        start = rng.randint(2021, 2025)
        end = start + rng.randint(1, 3)
        status = (
            "Đang thực hiện"
            if end >= 2025
            else rng.choice(["Đã nghiệm thu", "Đã nghiệm thu", "Chậm tiến độ"])
        )
        rows.append(
            dict(
                project_code=unique_code(
                    rng, used, lambda s=start: f"KHCN-{s}-{rng.randint(1, 30):02d}"
                ),
                title=f"{rng.choice(topics)} trên địa bàn tỉnh Bắc Giang",
                lead_organization=rng.choice(orgs),
                start_year=start,
                end_year=end,
                budget_vnd_million=int(round(rng.uniform(350, 3200), -1)),
                status=status,
            )
        )
    rows.sort(key=lambda r: r["project_code"])
    return Out(
        rows,
        (
            "Nhiệm vụ khoa học và công nghệ cấp tỉnh bắt đầu từ năm 2021 đến 2025: tổ chức chủ "
            "trì, "
            "thời gian thực hiện, kinh phí từ ngân sách sự nghiệp khoa học và tình trạng.",
            "Provincial science and technology projects started 2021-2025: lead organisation, "
            "duration, budget from the provincial science fund and status.",
        ),
        (
            "một nhiệm vụ; không công bố tên chủ nhiệm nhiệm vụ",
            "one project; principal investigators are not named",
        ),
        ["khoa học công nghệ", "nhiệm vụ khoa học", "nghiên cứu", "đổi mới sáng tạo"],
        ("nhiem-vu-khoa-hoc-cong-nghe", "Nhiệm vụ khoa học và công nghệ cấp tỉnh 2021-2025"),
        "Phòng Quản lý khoa học",
        temporal=("2021-01-01", "2028-12-31"),
    )


IP_MARKS = [
    (
        "Chỉ dẫn địa lý",
        "Lục Ngạn",
        "Vải thiều",
        "Các xã trồng vải thiều của huyện Lục Ngạn, thị xã Chũ (cũ) và phụ cận",
    ),
    ("Nhãn hiệu chứng nhận", "Gà đồi Yên Thế", "Gà đồi", "Huyện Yên Thế (cũ)"),
    ("Nhãn hiệu tập thể", "Mỳ Chũ", "Mỳ gạo", "Thị xã Chũ (cũ)"),
    ("Nhãn hiệu tập thể", "Rượu làng Vân", "Rượu gạo", "Làng Vân, thị xã Việt Yên (cũ)"),
    ("Nhãn hiệu tập thể", "Bánh đa Kế", "Bánh đa", "Làng Kế, thành phố Bắc Giang (cũ)"),
    ("Nhãn hiệu tập thể", "Bún Đa Mai", "Bún", "Phường Đa Mai, thành phố Bắc Giang (cũ)"),
    ("Nhãn hiệu tập thể", "Cam Bố Hạ", "Cam", "Vùng Bố Hạ, huyện Yên Thế (cũ)"),
    ("Nhãn hiệu chứng nhận", "Mật ong Sơn Động", "Mật ong", "Huyện Sơn Động (cũ)"),
    ("Nhãn hiệu chứng nhận", "Ba kích tím Sơn Động", "Ba kích tím", "Huyện Sơn Động (cũ)"),
    ("Nhãn hiệu tập thể", "Gốm Thổ Hà", "Đồ gốm", "Làng Thổ Hà, thị xã Việt Yên (cũ)"),
    (
        "Nhãn hiệu chứng nhận",
        "Vải sớm Phúc Hòa",
        "Vải thiều sớm",
        "Xã Phúc Hòa, huyện Tân Yên (cũ)",
    ),
    ("Nhãn hiệu tập thể", "Nhãn Lục Ngạn", "Nhãn", "Huyện Lục Ngạn (cũ)"),
    ("Nhãn hiệu tập thể", "Na Lục Ngạn", "Na", "Huyện Lục Ngạn (cũ)"),
    ("Nhãn hiệu chứng nhận", "Gạo nếp cái hoa vàng Hiệp Hòa", "Gạo nếp", "Huyện Hiệp Hòa (cũ)"),
    ("Nhãn hiệu tập thể", "Lạc Tân Yên", "Lạc củ", "Huyện Tân Yên (cũ)"),
    ("Nhãn hiệu tập thể", "Chè Yên Thế", "Chè búp khô", "Huyện Yên Thế (cũ)"),
    ("Nhãn hiệu tập thể", "Rau an toàn Yên Dũng", "Rau", "Huyện Yên Dũng (cũ)"),
    ("Nhãn hiệu chứng nhận", "Bưởi Lục Nam", "Bưởi", "Huyện Lục Nam (cũ)"),
]


@category(83)
def c83(ref, rng):
    rows = []
    for kind, name, product, area in IP_MARKS:
        granted = workday(rng, "2008-01-07", "2024-12-27")
        number = (
            f"000{rng.randint(18, 150):02d}"
            if kind == "Chỉ dẫn địa lý"
            else f"4-0{rng.randint(100000, 520000)}-000"
        )
        holder = (
            "UBND tỉnh Bắc Ninh (tiếp nhận từ UBND tỉnh Bắc Giang)"
            if kind == "Chỉ dẫn địa lý"
            else f"Hội sản xuất và kinh doanh {name[0].lower()}{name[1:]}"
        )
        rows.append(
            dict(
                ip_type=kind,
                name=name,
                certificate_number=number,
                grant_date=granted,
                holder=holder,
                product=product,
                area_covered=area,
            )
        )
    return Out(
        rows,
        (
            "Chỉ dẫn địa lý, nhãn hiệu tập thể và nhãn hiệu chứng nhận gắn với địa danh của "
            "tỉnh Bắc "
            "Giang (cũ) đã được cấp văn bằng bảo hộ: số văn bằng, ngày cấp, chủ sở hữu hoặc tổ "
            "chức quản "
            "lý, sản phẩm và khu vực địa lý.",
            "Geographical indications and collective and certification marks bearing place "
            "names of "
            "the former Bắc Giang province: registration number, grant date, holder or "
            "managing body, "
            "product and area.",
        ),
        (
            "một văn bằng bảo hộ; tên sản phẩm là thật, số và ngày văn bằng là mẫu",
            "one registration; product names are real, numbers and dates are samples",
        ),
        ["sở hữu trí tuệ", "chỉ dẫn địa lý", "nhãn hiệu tập thể", "đặc sản"],
        (
            "chi-dan-dia-ly-nhan-hieu-tap-the",
            "Chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận",
        ),
        "Phòng Quản lý công nghệ và Đổi mới sáng tạo",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


# --------------------------------------------------------------------------------------
# 84: Ban Dân tộc tỉnh (now Sở Dân tộc và Tôn giáo)
# --------------------------------------------------------------------------------------


@category(84)
def c84(ref, rng):
    g = Geo(ref, rng, "old")
    rows = []
    plan = {"220": 1.0, "219": 1.0, "224": 0.6, "218": 0.7, "215": 0.8, "217": 0.25, "216": 0.15}
    for c in ref.old:
        if rng.random() > plan.get(c.district_code, 0):
            continue
        if c.district_code == "220":
            zone = rng.choices(["III", "II", "I"], [6, 3, 1])[0]
        elif c.district_code in ("219", "215"):
            zone = rng.choices(["III", "II", "I"], [2, 4, 4])[0]
        else:
            zone = rng.choices(["II", "I"], [3, 7])[0]
        if c.is_urban:
            zone = "I"
        rows.append(
            dict(
                **g.cols(c),
                village_name=None,
                zone=zone,
                especially_difficult=None,
                decision_number="861/QĐ-TTg",
            )
        )
        if zone in ("II", "III"):
            for v in rng.sample(VILLAGES, rng.randint(1, 3 if zone == "III" else 2)):
                rows.append(
                    dict(
                        **g.cols(c),
                        village_name=f"Thôn {v}",
                        zone=zone,
                        especially_difficult=True,
                        decision_number="612/QĐ-UBDT",
                    )
                )
    return Out(
        rows,
        (
            "Xã thuộc vùng đồng bào dân tộc thiểu số và miền núi theo khu vực I, II, III "
            "(Quyết định "
            "861/QĐ-TTg) và thôn đặc biệt khó khăn (Quyết định 612/QĐ-UBDT) giai đoạn "
            "2021-2025 trên "
            "địa bàn tỉnh Bắc Giang.",
            "Ethnic-minority and mountainous communes by development zone I, II, III (Decision "
            "861/QD-TTg) and especially disadvantaged villages (Decision 612/QD-UBDT), "
            "2021-2025, in "
            "Bắc Giang province.",
        ),
        (
            "một xã (cột tên thôn để trống) hoặc một thôn đặc biệt khó khăn; tên thôn là mẫu",
            "one commune (empty village column) or one especially disadvantaged village; village "
            "names are samples",
        ),
        ["dân tộc thiểu số", "miền núi", "thôn đặc biệt khó khăn", "chính sách dân tộc"],
        ("xa-thon-vung-dan-toc-thieu-so", "Xã, thôn vùng đồng bào dân tộc thiểu số và miền núi"),
        "Phòng Chính sách dân tộc",
        units="old",
        temporal=("2021-01-01", "2025-12-31"),
    )


# --------------------------------------------------------------------------------------
# 85-87: Ban Quản lý các khu công nghiệp tỉnh
# --------------------------------------------------------------------------------------

# name, planned ha, old commune code (seat), establishment year, operating
INDUSTRIAL_ZONES = [
    ("KCN Quang Châu", 426.0, "07807", 2005, True),
    ("KCN Đình Trám", 127.0, "07795", 2003, True),
    ("KCN Vân Trung", 350.3, "07801", 2008, True),
    ("KCN Song Khê - Nội Hoàng", 158.0, "07705", 2005, True),
    ("KCN Việt Hàn", 140.0, "07783", 2018, True),
    ("KCN Hòa Phú", 207.5, "07882", 2018, True),
    ("KCN Tân Hưng", 250.0, "07417", 2021, True),
    ("KCN Yên Lư", 382.0, "07726", 2021, True),
    ("KCN Nghĩa Hưng", 248.0, "07381", 2023, False),
    ("KCN Xuân Cẩm - Hương Lâm", 450.0, "07873", 2023, False),
    ("KCN Hợp Thịnh", 200.0, "07858", 2024, False),
    ("KCN Yên Sơn - Bắc Lũng", 500.0, "07498", 2024, False),
    ("KCN Tiên Sơn - Ninh Sơn", 300.0, "07786", 2024, False),
    ("KCN Phúc Hòa", 280.0, "07324", 2024, False),
    ("KCN Ngọc Thiện", 250.0, "07360", 2025, False),
]


@category(85)
def c85(ref, rng):
    g, nm = Geo(ref, rng, "new"), Names(rng)
    rows = []
    for name, planned, old_code, year, operating in INDUSTRIAL_ZONES:
        c = ref.new_by_code[ref.new_of_old[old_code]]
        ind = rnd(planned * rng.uniform(0.64, 0.72), 2)
        leased = rnd(ind * rng.uniform(0.7, 1.0) if operating else ind * rng.uniform(0.0, 0.15), 2)
        rows.append(
            dict(
                zone_name=name,
                establishment_decision=f"Quyết định số {rng.randint(100, 2400)}/QĐ-"
                f"{'TTg' if year < 2010 else 'UBND'} năm {year}",
                planned_area_ha=planned,
                industrial_land_ha=ind,
                leased_land_ha=leased,
                occupancy_pct=rnd(leased / ind * 100, 1),
                developer=nm.company(kinds=("Công ty cổ phần",), activity="Đầu tư và Phát triển"),
                **g.loc(c, 0.01),
            )
        )
    return Out(
        rows,
        (
            "Khu công nghiệp trên địa bàn tỉnh Bắc Giang (cũ): quyết định thành lập, diện tích quy "
            "hoạch, đất công nghiệp, đất đã cho thuê, tỷ lệ lấp đầy, chủ đầu tư hạ tầng và vị trí.",
            "Industrial zones of the former Bắc Giang province: establishing decision, planned "
            "area, "
            "industrial land, leased land, occupancy, infrastructure developer and location.",
        ),
        (
            "một khu công nghiệp; tên khu là tên thật (Quang Châu, Đình Trám, Vân Trung và các khu "
            "khác), diện tích và chủ đầu tư là mẫu",
            "one industrial zone; zone names are real (Quang Châu, Đình Trám, Vân Trung and "
            "others), "
            "areas and developers are samples",
        ),
        ["khu công nghiệp", "tỷ lệ lấp đầy", "đầu tư", "Quang Châu"],
        ("khu-cong-nghiep", "Danh sách khu công nghiệp và tỷ lệ lấp đầy"),
        "Phòng Quản lý quy hoạch và xây dựng",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


def short_name(company: str) -> str:
    for x in ("Công ty TNHH ", "Công ty cổ phần ", " Việt Nam"):
        company = company.replace(x, "")
    return company


@category(86)
def c86(ref, rng):
    nm = Names(rng)
    zones = [(z[0], z[3]) for z in INDUSTRIAL_ZONES if z[4]]
    weight = [6, 3, 5, 3, 2, 3, 2, 2]
    rows, used = [], set()
    for _ in range(160):
        zone, year = rng.choices(zones, weight)[0]
        kind = rng.choices(list(FOREIGN_KIND), [10, 3, 2, 1, 1, 1])[0]
        if rng.random() < 0.78:
            investor, country = nm.foreign(kind)
        else:
            activity = {"electronics": "Điện tử", "textile": "May mặc", "cable": "Cơ khí",
                        "logistics": "Logistics"}.get(kind, "Sản xuất và Thương mại")  # fmt: skip
            investor, country = nm.company(activity=activity), "VN"
        cap = rnd(rng.lognormvariate(2.6, 1.0), 2)
        licence = workday(rng, f"{max(year + 1, 2010)}-01-04", "2025-09-26")
        status = (
            "Đang xây dựng nhà xưởng"
            if licence.year >= 2025
            else rng.choices(
                ["Đã đi vào hoạt động", "Đang xây dựng nhà xưởng", "Tạm dừng hoạt động"],
                [85, 10, 5],
            )[0]
        )
        employees = int(cap * rng.uniform(15, 60)) if status == "Đã đi vào hoạt động" else 0
        rows.append(
            dict(
                project_code=unique_code(
                    rng, used, lambda: f"{rng.randint(1, 9)}{rng.randint(0, 999999999):09d}"
                ),
                project_name=f"Dự án {rng.choice(FOREIGN_KIND[kind][2])} {short_name(investor)}",
                investor=investor,
                investor_country=country,
                zone_name=zone,
                capital_usd_million=max(0.5, cap),
                land_area_ha=rnd(max(0.3, cap / rng.uniform(8, 20)), 2),
                licence_date=licence,
                status=status,
                employees=employees,
            )
        )
    rows.sort(key=lambda r: (r["licence_date"], r["project_code"]))
    return Out(
        rows,
        (
            "Dự án đầu tư trong các khu công nghiệp của tỉnh Bắc Giang (cũ) còn hiệu lực tại "
            "30/9/2025: "
            "nhà đầu tư, quốc tịch (ISO 3166-1 alpha-2), khu công nghiệp, vốn đăng ký, diện "
            "tích thuê, "
            "ngày cấp, tình trạng và số lao động.",
            "Investment projects in the industrial zones of the former Bắc Giang province "
            "valid on 30 "
            "September 2025: investor, nationality (ISO 3166-1 alpha-2), zone, registered capital, "
            "leased area, licence date, status and employees.",
        ),
        (
            "một dự án; tên nhà đầu tư là tên bịa đặt, không phải doanh nghiệp có thật",
            "one project; investor names are invented, not real companies",
        ),
        ["khu công nghiệp", "FDI", "dự án đầu tư", "nhà đầu tư nước ngoài"],
        ("du-an-trong-khu-cong-nghiep", "Dự án đầu tư trong các khu công nghiệp"),
        "Phòng Quản lý đầu tư",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(87)
def c87(ref, rng):
    zones = [(z[0], z[1]) for z in INDUSTRIAL_ZONES if z[4]]
    size = {name: area * rng.uniform(70, 170) for name, area in zones}
    rows = []
    for i, (year, q) in enumerate(
        [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2)]
    ):
        for name, _ in zones:
            w = int(size[name] * (1 + 0.025 * i) * rng.uniform(0.97, 1.03))
            rows.append(
                dict(
                    year=year,
                    quarter=q,
                    zone_name=name,
                    workers=w,
                    female_workers=int(w * rng.uniform(0.55, 0.7)),
                    foreign_workers=int(w * rng.uniform(0.004, 0.015)),
                )
            )
    return Out(
        rows,
        (
            "Số lao động làm việc trong các khu công nghiệp đang hoạt động của tỉnh Bắc Giang "
            "(cũ) tại "
            "cuối mỗi quý, từ quý I/2024 đến quý II/2025, trong đó lao động nữ và lao động "
            "nước ngoài.",
            "Workers employed in the operating industrial zones of the former Bắc Giang "
            "province at "
            "the end of each quarter, Q1 2024 to Q2 2025, with women and foreign workers.",
        ),
        (
            "một khu công nghiệp tại cuối một quý; số liệu tổng hợp",
            "one zone at the end of one quarter; aggregates",
        ),
        ["lao động", "khu công nghiệp", "công nhân", "việc làm"],
        ("lao-dong-trong-khu-cong-nghiep", "Lao động trong các khu công nghiệp theo quý"),
        "Phòng Quản lý lao động",
        temporal=("2024-01-01", "2025-06-30"),
    )


# --------------------------------------------------------------------------------------
# 88-91: Cục Thống kê (now Thống kê tỉnh)
# --------------------------------------------------------------------------------------


@category(88)
def c88(ref, rng):
    g = Geo(ref, rng, "new")
    area_total, pop_total = 3_895.9, 1_932_300
    w_area = {
        c.code: len(c.old_codes)
        * rng.uniform(0.6, 1.4)
        * (
            3.0
            if c.district_code == "220"
            else 1.8
            if c.district_code in ("219", "215", "218")
            else 0.7
            if c.kind == "Phường"
            else 1.0
        )
        for c in ref.new
    }
    w_pop = {
        c.code: len(c.old_codes) * rng.uniform(0.7, 1.3) * (2.2 if c.kind == "Phường" else 1.0)
        for c in ref.new
    }
    sa, sp = sum(w_area.values()), sum(w_pop.values())
    rows = []
    for c in ref.new:
        area = rnd(area_total * w_area[c.code] / sa, 2)
        pop = int(pop_total * w_pop[c.code] / sp)
        male = int(pop * rng.uniform(0.488, 0.503))
        rows.append(
            dict(
                year=2024,
                **g.cols(c),
                area_km2=area,
                population=pop,
                male=male,
                female=pop - male,
                density_per_km2=rnd(pop / area, 1),
            )
        )
    return Out(
        rows,
        (
            "Diện tích, dân số trung bình năm 2024 (nam, nữ) và mật độ dân số tính lại theo "
            "các xã, "
            "phường mới hình thành trên địa bàn tỉnh Bắc Giang (cũ).",
            "Area, 2024 average population (male, female) and density, recomputed for the new "
            "communes and wards of the former Bắc Giang province.",
        ),
        (
            "một xã, phường mới; tổng diện tích khoảng 3.896 km² của tỉnh Bắc Giang cũ (phần "
            "của tỉnh "
            "Bắc Ninh mới 4.718,6 km², E9), phân bổ theo xã là mẫu",
            "one new commune or ward; the area adds up to the ~3,896 km² of the former province "
            "(part of the new Bắc Ninh's 4,718.6 km², E9), the split by commune is a sample",
        ),
        ["dân số", "diện tích", "mật độ dân số", "thống kê", "đơn vị hành chính"],
        ("dan-so-dien-tich-theo-xa-2024", "Dân số, diện tích, mật độ theo xã, phường năm 2024"),
        "Phòng Thống kê tổng hợp",
        units="new",
        time_field="year",
    )


GRDP_SECTORS = [
    ("Nông, lâm nghiệp và thủy sản", 0.12, 3.5),
    ("Công nghiệp và xây dựng", 0.58, 18.0),
    ("Dịch vụ", 0.24, 7.5),
    ("Thuế sản phẩm trừ trợ cấp sản phẩm", 0.06, 9.0),
]


@category(89)
def c89(ref, rng):
    rows = []
    totals = {2023: 171_500.0, 2024: 200_300.0}
    for year, total in totals.items():
        qshare = [0.21, 0.24, 0.26, 0.29]
        acc = {s[0]: 0.0 for s in GRDP_SECTORS}
        for q in (1, 2, 3, 4, None):
            vals = []
            for name, share, growth in GRDP_SECTORS:
                if q is None:
                    cur = acc[name]
                else:
                    cur = total * share * qshare[q - 1] * rng.uniform(0.97, 1.03)
                    acc[name] += cur
                const = cur / (1.18 if year == 2023 else 1.22)
                vals.append((name, cur, const, growth + rng.uniform(-1.5, 1.5)))
            tot_cur = sum(v[1] for v in vals)
            tot_const = sum(v[2] for v in vals)
            for name, cur, const, growth in vals:
                rows.append(
                    dict(
                        year=year,
                        quarter=q,
                        sector=name,
                        grdp_current_vnd_billion=rnd(cur, 1),
                        grdp_constant_vnd_billion=rnd(const, 1),
                        growth_pct=rnd(growth, 2),
                    )
                )
            rows.append(
                dict(
                    year=year,
                    quarter=q,
                    sector="Tổng số",
                    grdp_current_vnd_billion=rnd(tot_cur, 1),
                    grdp_constant_vnd_billion=rnd(tot_const, 1),
                    growth_pct=13.45
                    if year == 2023 and q is None
                    else 13.85
                    if year == 2024 and q is None
                    else rnd(rng.uniform(11.5, 15.5), 2),
                )
            )
    return Out(
        rows,
        (
            "Tổng sản phẩm trên địa bàn (GRDP) tỉnh Bắc Giang theo quý và cả năm 2023, 2024, "
            "theo khu "
            "vực kinh tế: giá hiện hành, giá so sánh 2010 (tỷ đồng) và tốc độ tăng so với cùng kỳ.",
            "Gross regional domestic product of Bắc Giang province by quarter and for the "
            "years 2023 "
            "and 2024, by economic sector: current prices, constant 2010 prices (VND billion) and "
            "year-on-year growth.",
        ),
        (
            "một khu vực kinh tế trong một quý, hoặc cả năm khi cột quý để trống",
            "one sector in one quarter, or the whole year when the quarter is empty",
        ),
        ["GRDP", "tăng trưởng kinh tế", "tài khoản quốc gia", "thống kê"],
        ("tong-san-pham-grdp", "GRDP theo khu vực kinh tế 2023-2024"),
        "Phòng Thống kê tổng hợp",
        time_field="year",
        note=(
            "tốc độ tăng cả năm của tổng số (13,45% năm 2023; 13,85% năm 2024) theo số liệu "
            "báo chí "
            "dẫn nguồn của tỉnh, các số khác là mẫu",
            "the whole-year total growth (13.45% in 2023, 13.85% in 2024) follows press reports "
            "quoting the province, other figures are samples",
        ),
    )


CPI_GROUPS = [
    ("Chỉ số giá chung", 0.0),
    ("Hàng ăn và dịch vụ ăn uống", 0.1),
    ("Đồ uống và thuốc lá", 0.05),
    ("May mặc, mũ nón và giày dép", 0.03),
    ("Nhà ở, điện, nước, chất đốt và VLXD", 0.12),
    ("Thiết bị và đồ dùng gia đình", 0.02),
    ("Thuốc và dịch vụ y tế", 0.15),
    ("Giao thông", -0.05),
    ("Bưu chính, viễn thông", -0.04),
    ("Giáo dục", 0.18),
    ("Văn hóa, giải trí và du lịch", 0.04),
    ("Hàng hóa và dịch vụ khác", 0.06),
]


@category(90)
def c90(ref, rng):
    series = {g: [110.0 + drift * 30] for g, drift in CPI_GROUPS}
    all_months = months("2023-01", "2025-06")
    for _ in all_months[1:]:
        for g, drift in CPI_GROUPS:
            series[g].append(series[g][-1] * (1 + rng.gauss(0.0028 + drift / 100, 0.004)))
    rows = []
    for i, ym in enumerate(all_months):
        if ym < "2024-01":
            continue
        for g, _ in CPI_GROUPS:
            s = series[g]
            rows.append(
                dict(
                    period=ym,
                    commodity_group=g,
                    cpi_base_period=rnd(s[i], 2),
                    cpi_mom=rnd(s[i] / s[i - 1] * 100, 2),
                    cpi_yoy=rnd(s[i] / s[i - 12] * 100, 2),
                )
            )
    return Out(
        rows,
        (
            "Chỉ số giá tiêu dùng (CPI) tỉnh Bắc Giang theo tháng và nhóm hàng, từ tháng "
            "01/2024 đến "
            "tháng 6/2025: so với kỳ gốc 2019, so với tháng trước và so với cùng kỳ năm trước (%).",
            "Monthly consumer price index of Bắc Giang province by commodity group, January "
            "2024 to "
            "June 2025: versus the 2019 base, the previous month and the same month a year "
            "earlier.",
        ),
        ("một nhóm hàng trong một tháng", "one commodity group in one month"),
        ["CPI", "chỉ số giá tiêu dùng", "lạm phát", "giá cả", "thống kê"],
        ("chi-so-gia-tieu-dung", "Chỉ số giá tiêu dùng theo tháng và nhóm hàng"),
        "Phòng Thống kê tổng hợp",
        time_field="period",
    )


# approximate area (km²) and population (thousand) of the pre-merger districts
DISTRICT_BASE = {
    "213": (258.0, 310.0),
    "215": (302.0, 108.0),
    "216": (204.0, 178.0),
    "217": (239.0, 220.0),
    "218": (597.0, 232.0),
    "219": (762.0, 165.0),
    "220": (844.0, 78.0),
    "222": (171.0, 205.0),
    "223": (201.0, 258.0),
    "224": (250.0, 85.0),
}


@category(91)
def c91(ref, rng):
    tables = [
        ("01.01", "Diện tích đất tự nhiên", "km²"),
        ("02.01", "Dân số trung bình", "nghìn người"),
        ("02.05", "Tỷ suất sinh thô", "‰"),
        ("04.03", "Số doanh nghiệp đang hoạt động có kết quả SXKD", "doanh nghiệp"),
        ("06.02", "Sản lượng lương thực có hạt", "nghìn tấn"),
        ("10.04", "Số học sinh phổ thông", "nghìn học sinh"),
    ]
    a_sum = sum(a for a, _ in DISTRICT_BASE.values())
    p_sum = sum(p for _, p in DISTRICT_BASE.values())
    area = {
        dc: a * 3895.9 / a_sum * rng.uniform(0.99, 1.01) for dc, (a, _) in DISTRICT_BASE.items()
    }
    base_pop = {dc: p * 1900.0 / p_sum for dc, (_, p) in DISTRICT_BASE.items()}
    rows = []
    for year in (2023, 2024):
        growth = 1.0 if year == 2023 else 1.017
        for code, ind, unit in tables:
            vals = []
            for dc, dn in ref.districts:
                pop = base_pop[dc] * growth * rng.uniform(0.99, 1.01)
                v = {
                    "01.01": area[dc],
                    "02.01": pop,
                    "02.05": rng.uniform(13.5, 17.5),
                    "04.03": pop
                    * (9 if dc in ("213", "222") else 3.5)
                    * rng.uniform(0.85, 1.15)
                    * growth,
                    "06.02": (area[dc] * 0.09 if dc != "220" else area[dc] * 0.02)
                    * rng.uniform(0.8, 1.2),
                    "10.04": pop * rng.uniform(0.17, 0.2),
                }[code]
                vals.append((dn, v))
            nd = 1 if unit not in ("doanh nghiệp",) else 0
            total = sum(v for _, v in vals)
            if unit == "‰":
                total = sum(
                    v * DISTRICT_BASE[dc][1]
                    for (dc, _), (_, v) in zip(ref.districts, vals, strict=True)
                ) / sum(b[1] for b in DISTRICT_BASE.values())
            for dn, v in [("Toàn tỉnh", total)] + vals:
                rows.append(
                    dict(
                        year=year,
                        table_code=code,
                        indicator=ind,
                        breakdown=dn,
                        unit=unit,
                        value=rnd(v, nd) if nd else int(v),
                    )
                )
    return Out(
        rows,
        (
            "Một số biểu số liệu của Niên giám thống kê tỉnh Bắc Giang năm 2023 và 2024 (đất "
            "đai, dân "
            "số, doanh nghiệp, nông nghiệp, giáo dục) theo toàn tỉnh và từng huyện, thị xã, "
            "thành phố.",
            "Selected tables of the Bắc Giang statistical yearbook for 2023 and 2024 (land, "
            "population, enterprises, agriculture, education) for the province and each district.",
        ),
        (
            "một chỉ tiêu của một biểu cho toàn tỉnh hoặc một huyện trong một năm; phân tổ "
            "theo cấp "
            "huyện trước sắp xếp, diện tích và dân số xấp xỉ thực tế, các chỉ tiêu khác là mẫu",
            "one indicator of one table for the province or a district in one year; breakdown "
            "by the "
            "pre-merger districts, areas and populations approximate the real ones, the rest "
            "are samples",
        ),
        ["niên giám thống kê", "thống kê", "số liệu kinh tế xã hội", "dân số"],
        ("nien-giam-thong-ke", "Niên giám thống kê 2023-2024 (trích)"),
        "Phòng Thống kê tổng hợp",
        units="old",
        time_field="year",
    )


# --------------------------------------------------------------------------------------
# 92-94: Công an tỉnh
# --------------------------------------------------------------------------------------


@category(92)
def c92(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    centre = ref.new_by_code["07210"]
    rows.append(
        dict(
            point_name="Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06) - điểm cấp "
            "căn cước",
            point_type="Cố định",
            address=g.address(centre),
            phone=phone(rng),
            **g.cols(centre),
            working_hours="Thứ Hai - Thứ Sáu 7h30-11h30, 13h30-17h00; sáng Thứ Bảy",
            **{k: v for k, v in g.loc(centre, 0.004).items() if k in ("latitude", "longitude")},
        )
    )
    for c in ref.new:
        lat, lon = g.point(c, 0.006)
        rows.append(
            dict(
                point_name=f"Công an {lower_unit(c.name)}",
                point_type="Cố định",
                address=g.address(c),
                phone=phone(rng),
                **g.cols(c),
                working_hours="Thứ Hai - Thứ Sáu 7h30-11h30, 13h30-17h00",
                latitude=lat,
                longitude=lon,
            )
        )
    for c in rng.sample([c for c in ref.new if c.kind == "Xã"], 8):
        lat, lon = g.point(c, 0.02)
        rows.append(
            dict(
                point_name=f"Điểm cấp căn cước lưu động tại thôn {rng.choice(VILLAGES)}",
                point_type="Lưu động",
                address=g.address(c, street_ok=False),
                phone=phone(rng),
                **g.cols(c),
                working_hours="Theo lịch thông báo của Công an xã (thường Thứ Bảy, Chủ nhật)",
                latitude=lat,
                longitude=lon,
            )
        )
    return Out(
        rows,
        (
            "Điểm tiếp nhận hồ sơ cấp thẻ căn cước và đăng ký định danh điện tử (VNeID) trên "
            "địa bàn "
            "tỉnh Bắc Giang (cũ): công an xã, phường, điểm của Phòng PC06 và điểm lưu động, "
            "với địa "
            "chỉ, điện thoại, giờ làm việc và vị trí.",
            "Service points for ID cards and VNeID electronic identification in the former Bắc "
            "Giang "
            "province: commune and ward police, the PC06 office and mobile points, with "
            "address, phone, "
            "opening hours and location.",
        ),
        ("một điểm tiếp nhận", "one service point"),
        ["căn cước", "định danh điện tử", "VNeID", "Đề án 06"],
        (
            "diem-cap-can-cuoc-dinh-danh-dien-tu",
            "Điểm tiếp nhận hồ sơ cấp căn cước, định danh điện tử",
        ),
        "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        units="new",
        temporal=(SNAPSHOT, SNAPSHOT),
    )


@category(93)
def c93(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    pop = {
        c.code: len(c.old_codes) * rng.randint(6_000, 11_000) * (1.6 if c.kind == "Phường" else 1.0)
        for c in ref.new
    }
    rate = {c.code: rng.uniform(0.74, 0.86) for c in ref.new}
    cards = {c.code: pop[c.code] * rng.uniform(0.9, 0.97) for c in ref.new}
    for ym in months("2025-07", "2025-09"):
        for c in ref.new:
            rate[c.code] = min(0.97, rate[c.code] + rng.uniform(0.004, 0.012))
            cards[c.code] += pop[c.code] * rng.uniform(0.001, 0.004)
            adults = pop[c.code] * 0.78
            rows.append(
                dict(
                    period=ym,
                    **g.cols(c),
                    id_cards_issued=int(cards[c.code]),
                    vneid_level2_activated=int(adults * rate[c.code]),
                    vneid_level2_rate_pct=rnd(rate[c.code] * 100, 2),
                    dossiers_reusing_data=int(pop[c.code] * rng.uniform(0.01, 0.04)),
                )
            )
    return Out(
        rows,
        (
            "Một số chỉ tiêu triển khai Đề án 06 theo xã, phường trên địa bàn tỉnh Bắc Giang "
            "(cũ): số "
            "thẻ căn cước đã cấp (lũy kế), tài khoản định danh điện tử mức 2 đã kích hoạt và "
            "tỷ lệ, số "
            "hồ sơ thủ tục hành chính trong tháng khai thác lại dữ liệu dân cư.",
            "Project 06 indicators by commune in the former Bắc Giang province: ID cards issued "
            "(cumulative), activated level-2 electronic identification accounts and rate, and "
            "administrative dossiers of the month that reused population data.",
        ),
        (
            "một xã, phường trong một tháng; chỉ chỉ tiêu tổng hợp, dữ liệu dân cư cá nhân là "
            "dữ liệu "
            "được bảo vệ, không phải dữ liệu mở",
            "one commune in one month; aggregates only, personal population data are protected and "
            "never open data",
        ),
        ["Đề án 06", "định danh điện tử", "VNeID", "dữ liệu dân cư", "chuyển đổi số"],
        ("ket-qua-trien-khai-de-an-06", "Kết quả triển khai Đề án 06 theo xã, quý III/2025"),
        "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        units="new",
        time_field="period",
    )


@category(94)
def c94(ref, rng):
    g = Geo(ref, rng, "new")
    rows = []
    risk = {c.code: rng.uniform(0.3, 1.6) * (1.5 if c.kind == "Phường" else 1.0) for c in ref.new}
    for ym in months("2025-07", "2025-09"):
        for c in ref.new:
            acc = max(0, int(rng.gauss(risk[c.code], 0.9)))
            deaths = sum(1 for _ in range(acc) if rng.random() < 0.35)
            injuries = sum(rng.randint(0, 2) for _ in range(acc))
            rows.append(
                dict(period=ym, **g.cols(c), accidents=acc, deaths=deaths, injuries=injuries)
            )
    return Out(
        rows,
        (
            "Số vụ tai nạn giao thông đường bộ, số người chết và bị thương theo xã, phường nơi "
            "xảy ra "
            "trên địa bàn tỉnh Bắc Giang (cũ), theo tháng trong quý III/2025.",
            "Road traffic accidents, deaths and injuries by commune where they occurred in the "
            "former "
            "Bắc Giang province, monthly in Q3 2025.",
        ),
        (
            "một xã, phường trong một tháng; số liệu tổng hợp, không có thông tin về người "
            "liên quan",
            "one commune in one month; aggregates only, nothing about the persons involved",
        ),
        ["tai nạn giao thông", "an toàn giao thông", "trật tự giao thông", "đường bộ"],
        ("tai-nan-giao-thong-duong-bo", "Tai nạn giao thông đường bộ theo xã, quý III/2025"),
        "Phòng Cảnh sát giao thông",
        units="new",
        time_field="period",
    )


# --------------------------------------------------------------------------------------
# Assembling the data packages
# --------------------------------------------------------------------------------------

TAG_RE = re.compile(r"^[\w \-.]{2,100}$", re.UNICODE)
NAME_RE = re.compile(r"^[a-z0-9_-]{2,100}$")
RESOURCE_RE = re.compile(r"^[a-z0-9._-]+$")
PCT_FIELDS = {
    "forest_cover_pct",
    "occupancy_pct",
    "fibre_household_pct",
    "poor_rate_pct",
    "vneid_level2_rate_pct",
    "below_5_pct",
    "from_8_pct",
}
URI_FIELDS = {"url", "document_url", "website"}
RANGES = {
    "quarter": (1, 4),
    "stars": (1, 5),
    "iso_week": (1, 53),
    "position": (1, 10),
    "latitude": (20.9, 21.8),
    "longitude": (105.7, 107.2),
    "standard_level": (0, 2),
}


def field_spec(f: dict, pk: list[str]) -> dict:
    out = {"name": f["name"], "type": f["type"], "title": f["title"]}
    cons: dict = {}
    if f["name"] in pk:
        cons["required"] = True
    if f["name"].endswith("commune_code"):
        cons["pattern"] = "^[0-9]{5}$"
    if f["name"] in PCT_FIELDS:
        cons.update(minimum=0, maximum=100)
    if f["name"] in RANGES and f["type"] in ("integer", "number"):
        lo, hi = RANGES[f["name"]]
        cons.update(minimum=lo, maximum=hi)
    if f["name"] == "email":
        out["format"] = "email"
    if f["name"] in URI_FIELDS:
        out["format"] = "uri"
    if cons:
        out["constraints"] = cons
    return out


def date_vi(iso: str) -> str:
    y, m, dd = iso.split("-")
    return f"{dd}/{m}/{y}"


def date_en(iso: str) -> str:
    x = d(iso)
    return f"{x.day} {calendar.month_name[x.month]} {x.year}"


def temporal_of(out: Out, fields: list[dict]) -> tuple[str, str]:
    if out.temporal:
        return out.temporal
    ftype = next(f["type"] for f in fields if f["name"] == out.time_field)
    values = sorted(
        fmt(r[out.time_field]) for r in out.rows if r.get(out.time_field) not in (None, "")
    )
    lo, hi = values[0], values[-1]
    if ftype == "year":
        return f"{lo}-01-01", f"{hi}-12-31"
    if ftype == "yearmonth":
        y, m = map(int, hi.split("-"))
        return f"{lo}-01", month_end(y, m).isoformat()
    return lo[:10], hi[:10]


def successor_of(cat: dict, publishers: dict) -> str:
    if cat["id"] in SPLIT_SUCCESSOR:
        return SPLIT_SUCCESSOR[cat["id"]]
    s = strip_note(publishers[cat["publisher"]]["successor_2025"])
    s = SUCCESSOR_TITLE.get(s, s)
    if s not in ORGS:
        raise SystemExit(f"category {cat['id']}: unknown successor {s!r}")
    return s


def plain_name(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def same_body(a: str, b: str) -> bool:
    return plain_name(a).casefold() == plain_name(b).casefold()


def describe(
    cat: dict, out: Out, pub: dict, current: str, span: tuple[str, str], extra_real: list[Extra]
):
    """Vietnamese and English descriptions: what, unit, coverage, data status, publisher."""
    org = ORGS[current]
    unit_vi, unit_en = out.unit
    if out.note:
        unit_vi, unit_en = f"{unit_vi}; {out.note[0]}", f"{unit_en}; {out.note[1]}"
    if span[0] == span[1]:
        t_vi, t_en = f"số liệu tại ngày {date_vi(span[0])}", f"situation on {date_en(span[0])}"
    else:
        t_vi = f"từ {date_vi(span[0])} đến {date_vi(span[1])}"
        t_en = f"{date_en(span[0])} to {date_en(span[1])}"
    a_vi = a_en = ""
    if out.units == "new":
        a_vi = (
            "; mã và tên xã, phường theo danh mục đơn vị hành chính cấp xã có hiệu lực từ "
            "01/7/2025 (Công văn 1027/CTK-CSCL)"
        )
        a_en = "; commune codes and names as in force from 1 July 2025 (GSO dispatch 1027/CTK-CSCL)"
    elif out.units == "old":
        a_vi = (
            "; mã và tên đơn vị hành chính theo danh mục trước sắp xếp (ảnh chụp ngày 01/3/2025, "
            "có hiệu lực đến 30/6/2025)"
        )
        a_en = (
            "; administrative units as before the 2025 reorganisation (list as of 1 March 2025, "
            "in force until 30 June 2025)"
        )
    sp_vi, sp_en = out.spatial or (
        "địa bàn tỉnh Bắc Giang (cũ), nay thuộc tỉnh Bắc Ninh",
        "former Bắc Giang province, now part of Bắc Ninh province",
    )
    cover_vi = f"Phạm vi: {sp_vi}; thời gian: {t_vi}{a_vi}."
    cover_en = f"Coverage: {sp_en}; {t_en}{a_en}."
    if out.sample:
        status_vi = (
            "**Dữ liệu mẫu (sample data):** các dòng được sinh tự động cho hợp lý nhưng không "
            "phải số liệu chính thức, chỉ dùng để minh họa cấu trúc và thử nghiệm cổng dữ liệu"
        )
        status_en = (
            "**Sample data:** the rows are generated to be plausible but are not official "
            "figures; they only illustrate the structure"
        )
        for x in extra_real:
            status_vi += (
                f"; riêng tài nguyên “{x.title}” là dữ liệu thật (giấy phép {x.licenses[0]})"
            )
            status_en += f"; the resource “{x.name}” is real data ({x.licenses[0]} licence)"
        status_vi, status_en = status_vi + ".", status_en + "."
    else:
        status_vi, status_en = out.real_text
    former = plain_name(pub["name_vi"])
    if same_body(former, current):
        pub_vi = (
            f"Danh mục do {current} (tỉnh Bắc Giang) công bố; từ ngày 01/7/2025 là cơ "
            "quan của tỉnh Bắc Ninh"
        )
        pub_en = (
            f"Published by the {org['en']} of Bắc Giang, an agency of Bắc Ninh province "
            "since 1 July 2025"
        )
    else:
        pub_vi = (
            f"Danh mục trước đây do {former} (tỉnh Bắc Giang) công bố; từ ngày 01/3/2025 do "
            f"{current} "
            f"quản lý, từ ngày 01/7/2025 là cơ quan của tỉnh Bắc Ninh"
        )
        pub_en = (
            f"Formerly published by the {pub['name_en']} of Bắc Giang; maintained since 1 "
            "March 2025 "
            f"by the {org['en']}, an agency of Bắc Ninh province since 1 July 2025"
        )
    if any(n.startswith("chưa xác minh") for n in notes_of(pub["successor_2025"])):
        pub_vi += " (tên gọi, tổ chức của cơ quan kế nhiệm chưa được xác minh)"
        pub_en += " (the successor's name and structure have not been verified)"
    pub_vi, pub_en = pub_vi + ".", pub_en + "."
    what_vi, what_en = out.what
    vi = f"{what_vi} Mỗi dòng là {unit_vi}. {cover_vi} {status_vi} {pub_vi}"
    en = f"{what_en} Each row is {unit_en}. {cover_en} {status_en} {pub_en}"
    return vi, en


def build_category(cat: dict, meta: dict, ref: Ref, out_dir: Path, stats: dict) -> dict:
    publishers = meta["publishers"]
    pub = publishers[cat["publisher"]]
    current = successor_of(cat, publishers)
    org = ORGS[current]
    out = BUILDERS[cat["id"]](ref, Random(seed_of(cat["slug"])))
    pk = cat["schema"].get("primaryKey") or []
    fields = [field_spec(f, pk) for f in cat["schema"]["fields"]]
    names = [f["name"] for f in fields]
    for i, row in enumerate(out.rows):
        if set(row) != set(names):
            raise SystemExit(
                f"{cat['slug']} row {i}: columns {sorted(set(row) ^ set(names))} differ"
            )
    if not 15 <= len(out.rows) <= 300:
        raise SystemExit(f"{cat['slug']}: {len(out.rows)} rows, expected 15-300")
    if pk:
        keys = [tuple(fmt(r[k]) for k in pk) for r in out.rows]
        if len(keys) != len(set(keys)):
            raise SystemExit(f"{cat['slug']}: duplicate primary key")
    for k in out.keywords:
        if not TAG_RE.match(k):
            raise SystemExit(f"{cat['slug']}: bad keyword {k!r}")
    if not 3 <= len(out.keywords) <= 6:
        raise SystemExit(f"{cat['slug']}: {len(out.keywords)} keywords")
    span = temporal_of(out, fields)
    extra_real = [x for x in out.extra if x.copy_from]
    desc_vi, desc_en = describe(cat, out, pub, current, span, extra_real)
    contact = f"{out.contact}, {current}"
    title = strip_note(cat["title_vi"])

    folder = out_dir / cat["slug"]
    folder.mkdir(parents=True)
    res_name, res_title = out.resource
    resources = []
    size = write_csv(folder / f"{res_name}.csv", names, out.rows)
    stats["files"] += 1
    stats["rows"] += len(out.rows)
    stats["bytes"] += size
    unit_vi = out.unit[0]
    main = {
        "name": res_name,
        "title": res_title,
        "description": f"Bảng CSV (UTF-8, phân cách bằng dấu phẩy), {len(out.rows)} dòng; mỗi "
        f"dòng là {unit_vi}.",
        "path": f"{res_name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, **({"primaryKey": pk} if pk else {})},
    }
    resources.append(main)
    for x in out.extra:
        path = folder / f"{x.name}.csv"
        if x.copy_from:
            shutil.copyfile(ref.dir / x.copy_from, path)
            with open(path, encoding="utf-8", newline="") as f:
                n = sum(1 for _ in csv.reader(f)) - 1
        else:
            n = len(x.rows or [])
            write_csv(path, [f["name"] for f in x.fields], x.rows or [])
        if not 15 <= n <= 300:
            raise SystemExit(f"{cat['slug']}/{x.name}: {n} rows, expected 15-300")
        stats["files"] += 1
        stats["rows"] += n
        stats["bytes"] += path.stat().st_size
        res = {
            "name": x.name,
            "title": x.title,
            "description": x.description,
            "path": f"{x.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": x.fields,
                **({"primaryKey": x.primary_key} if x.primary_key else {}),
            },
        }
        if x.licenses:
            res["licenses"] = [LICENSES[lic] for lic in x.licenses]
        resources.append(res)
    for r in resources:
        if not RESOURCE_RE.match(r["name"]):
            raise SystemExit(f"{cat['slug']}: bad resource name {r['name']}")

    extras = {
        "frequency": cat["frequency"],
        "frequency_vi": meta["frequency_legend"][cat["frequency"]],
        "temporal_start": span[0],
        "temporal_end": span[1],
        "spatial_text": out.spatial[0]
        if out.spatial
        else "Tỉnh Bắc Giang (cũ), nay thuộc tỉnh Bắc Ninh",
    }
    if out.units:
        extras["admin_units_as_of"] = NEW_UNITS_DATE if out.units == "new" else OLD_UNITS_DATE
    extras.update(
        {
            "publisher_name": current,
            "publisher_former": pub["name_vi"],
            "contact_name": contact,
            "contact_email": org["email"],
            "language": "vi",
            "category_no": str(cat["id"]),
            "basis": cat["basis"],
            "sample_data": "true" if out.sample else "false",
        }
    )
    if out.sources:
        extras["source_license"] = ", ".join(sorted({s["license"] for s in out.sources}))
    descriptor = {
        "name": cat["slug"],
        "title": title,
        "description": desc_vi,
        "version": "1.0.0",
        "keywords": out.keywords,
        "licenses": [LICENSES[out.license]],
        "contributors": [
            {"title": current, "role": "publisher"},
            {"title": contact, "email": org["email"], "role": "contact"},
        ],
        **({"sources": [dict(s) for s in out.sources]} if out.sources else {}),
        "ckan": {
            "owner_org": org["name"],
            "groups": [cat["theme"]],
            "license_id": CKAN_LICENSE[out.license],
            "title_translated": {"vi": title, "en": strip_note(cat["title_en"])},
            "notes_translated": {"vi": desc_vi, "en": desc_en},
            "author": current,
            "author_email": None,
            "maintainer": contact,
            "maintainer_email": org["email"],
            "extras": extras,
        },
        "resources": resources,
    }
    # normalise through frictionless so the file looks exactly as frictionless-py 5 writes it
    from frictionless import Package

    package = Package.from_descriptor(descriptor, basepath=str(folder))
    text = json.dumps(package.to_dict(), ensure_ascii=False, indent=2) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    stats["bytes"] += len(text.encode("utf-8"))
    return {
        "current": current,
        "former": plain_name(pub["name_vi"]),
        "real": not out.sample or bool(extra_real),
        "sources": [s["path"] for s in out.sources],
    }


def check_catalog(catalog: dict) -> list[str]:
    problems = []
    meta, cats = catalog["meta"], catalog["categories"]
    if len(cats) != 94 or sorted(c["id"] for c in cats) != list(range(1, 95)):
        problems.append("categories are not exactly ids 1..94")
    if len({c["slug"] for c in cats}) != len(cats):
        problems.append("duplicate slugs")
    for c in cats:
        pub = meta["publishers"][c["publisher"]]
        if c.get("publisher_2025") != pub["successor_2025"]:
            problems.append(
                f"category {c['id']}: publisher_2025 differs from the publisher's successor_2025"
            )
        if c["theme"] not in meta["themes"]:
            problems.append(f"category {c['id']}: unknown theme {c['theme']}")
        names = [f["name"] for f in c["schema"]["fields"]]
        for k in c["schema"].get("primaryKey") or []:
            if k not in names:
                problems.append(f"category {c['id']}: primary key {k} is not a field")
    return problems


def build(shared: Path, out_dir: Path) -> dict:
    catalog = yaml.safe_load((shared / "catalog-94.yaml").read_text(encoding="utf-8"))
    meta = catalog["meta"]
    ref = Ref(shared)
    problems = check_catalog(catalog) + ref.check()
    missing = sorted(set(range(1, 95)) - set(BUILDERS))
    if missing:
        raise SystemExit(f"no builder for categories {missing}")
    out_dir.mkdir(parents=True, exist_ok=True)
    slugs = {c["slug"] for c in catalog["categories"]}
    for child in sorted(out_dir.iterdir()):
        if child.is_dir() and (child.name in slugs or (child / "datapackage.json").exists()):
            shutil.rmtree(child)
    stats = {"rows": 0, "files": 0, "bytes": 0}
    used: dict[str, dict] = {}
    real = []
    for cat in sorted(catalog["categories"], key=lambda c: c["id"]):
        info = build_category(cat, meta, ref, out_dir, stats)
        o = used.setdefault(info["current"], {"cats": [], "former": []})
        o["cats"].append(cat["id"])
        if not any(same_body(info["former"], f) for f in o["former"]):
            o["former"].append(info["former"])
        if info["real"]:
            real.append(f"{cat['id']} {cat['slug']}")

    organizations = []
    for title, o in used.items():
        org = ORGS[title]
        formers = o["former"]
        listing = ", ".join(formers)
        n = len(o["cats"])
        organizations.append(
            {
                "name": org["name"],
                "title": title,
                "title_en": org["en"],
                "description": (
                    f"{org['merge_vi']}. Từ ngày 01/7/2025, khi tỉnh Bắc Giang và tỉnh Bắc "
                    "Ninh hợp nhất "
                    "thành tỉnh Bắc Ninh (mã 24) và cấp huyện kết thúc hoạt động, đơn vị là "
                    "cơ quan của "
                    f"tỉnh Bắc Ninh mới. Trên cổng này đơn vị công bố {n} danh mục dữ liệu mở "
                    "của tỉnh Bắc "
                    f"Giang (cũ), trước đây do {listing} công bố."
                ),
                "description_en": (
                    f"{org['merge_en']}. Since 1 July 2025, when Bắc Giang and Bắc Ninh "
                    "provinces merged "
                    "into the new Bắc Ninh province (code 24) and the district level was "
                    "abolished, it is "
                    f"an agency of the new Bắc Ninh province. On this portal it publishes {n} "
                    "open-data "
                    f"categories of the former Bắc Giang province."
                ),
                "former_names": [f for f in formers if not same_body(f, title)],
            }
        )
    groups = []
    for slug, t in meta["themes"].items():
        vi, en = THEME_TEXT[slug]
        groups.append(
            {
                "name": slug,
                "title": t["name_vi"],
                "title_en": t["name_en"],
                "description": vi,
                "description_en": en,
            }
        )
    for item in organizations + groups:
        if not NAME_RE.match(item["name"]):
            raise SystemExit(f"bad CKAN name {item['name']}")
    site = {"site": SITE, "organizations": organizations, "groups": groups}
    text = yaml.safe_dump(site, allow_unicode=True, sort_keys=False, width=100)
    (out_dir / "site.yaml").write_text(text, encoding="utf-8")
    stats["bytes"] += len(text.encode("utf-8"))
    if stats["bytes"] > 5_000_000:
        raise SystemExit(f"datasets/ is {stats['bytes']} bytes, over 5 MB")
    return {
        "stats": stats,
        "organizations": [(o["name"], o["title"]) for o in organizations],
        "real": real,
        "problems": problems,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "shared",
        nargs="?",
        default=str(REPO.parent / "shared"),
        help="folder with catalog-94.yaml and reference-data/ (default ../shared)",
    )
    ap.add_argument(
        "--out", default=str(REPO / "datasets"), help="output folder (default datasets/)"
    )
    args = ap.parse_args(argv)
    result = build(Path(args.shared), Path(args.out))
    s = result["stats"]
    print(f"wrote {s['files']} CSV files, {s['rows']} rows, {s['bytes']} bytes in total")
    print(f"{len(result['organizations'])} organizations:")
    for name, title in result["organizations"]:
        print(f"  {name}: {title}")
    print("categories with real reference data: " + "; ".join(result["real"]))
    for p in result["problems"]:
        print(f"note: {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
