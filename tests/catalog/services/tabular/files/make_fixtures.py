"""Writes the fixture files of this folder (run it again after changing it; output is stable).

    .venv/bin/python tests/catalog/services/tabular/files/make_fixtures.py

Each file shows one way Vietnamese uploads go wrong in plain Frictionless; test_pitfalls.py
says what each must give. The names and places are sample data.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
TONES = "\u0300\u0301\u0303\u0309\u0323"
NAMES = [
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Văn Đức",
    "Vũ Thị Hương", "Đặng Quốc Khánh", "Bùi Thị Lan", "Đỗ Minh Nhật", "Hồ Thị Oanh",
    "Ngô Văn Phúc", "Dương Thị Quỳnh", "Lý Văn Sơn", "Đinh Thị Thủy", "Trịnh Văn Ước",
]  # fmt: skip
PLACES = [
    ("07201", "Phường Trần Phú"), ("07204", "Phường Ngô Quyền"), ("07210", "Xã Dĩnh Trì"),
    ("07216", "Thị trấn Cao Thượng"), ("07222", "Xã Tân Sỏi"), ("07231", "Thị trấn Chũ"),
    ("07240", "Xã Hồng Giang"), ("07252", "Thị trấn Bích Động"), ("07264", "Xã Nghĩa Phương"),
]  # fmt: skip


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed base letter plus a combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def people_rows(count: int) -> list[str]:
    rows = ["ma_xa,ho_ten,dia_chi,nam_sinh"]
    for i in range(count):
        code, place = PLACES[i % len(PLACES)]
        rows.append(f"{code},{NAMES[i % len(NAMES)]},{place},{1950 + i % 50}")
    return rows


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def main() -> None:
    # 1. Windows-1258 (Excel/Windows "CSV" in a Vietnamese locale): base letter + tone mark.
    text = "\r\n".join(people_rows(40)) + "\r\n"
    write("vn_windows1258.csv", cp1258(text))

    # 2. UTF-8 with Vietnamese text whose only bad byte lies far past the first 100 kB.
    rows = people_rows(3000)
    rows[2600] = "07201,Nguy\udcea\udcden Văn Lỗi,Phường Trần Phú,1990"  # cp1258 bytes of "ễ"
    data = ("\n".join(rows) + "\n").encode("utf-8", errors="surrogateescape")
    assert data.index(b"\xea\xde") > 100_000
    write("utf8_bad_byte_after_100k.csv", data)

    # 3. ASCII for 150 kB, then Windows-1258 text: chardet on the head would say ASCII.
    rows = ["ma,ten"] + [f"{i:05d},Khu dan cu so {i}" for i in range(1, 6001)]
    rows += [f"{9000 + i:05d},{place}" for i, (_, place) in enumerate(PLACES)]
    write("ascii_then_windows1258.csv", cp1258("\r\n".join(rows) + "\r\n"))

    # 4. Excel "CSV UTF-8" in a Vietnamese locale: BOM, `;`, CR LF, a quoted `;` in the last
    # column. Python's sniffer (so Frictionless) misses it and reads one column, "valid".
    excel = [
        "Mã hàng;Tên hàng;Đơn giá;Số lượng;Ghi chú",
        '01;Gạo tẻ;12500;100;"Loại 1; đóng bao 50kg"',
        "02;Muối i-ốt;4000;250;Hộp 500g",
        '03;Nước mắm;35000;40;"Chai 1 lít; Phú Quốc"',
        "07;Đường kính;21000;80;Túi 1kg",
        '10;Dầu ăn;165000;12;"Can; 5 lít; loại 1"',
    ]
    write("excel_semicolon_utf8bom.csv", b"\xef\xbb\xbf" + "\r\n".join(excel).encode() + b"\r\n")
    # ... saved as plain "CSV" (ANSI = Windows-1258), decimal commas, a bad price in row 4.
    legacy = [*excel]
    legacy[1] = legacy[1].replace(";12500;", ";12500,5;")
    legacy[3] = legacy[3].replace(";35000;", ";ba mươi nghìn;")
    legacy[4] = legacy[4].replace(";21000;", ";21000,75;")
    write("excel_semicolon_windows1258.csv", cp1258("\r\n".join(legacy) + "\r\n"))

    # 5. UTF-16: Excel's "Unicode Text" (tab-separated, UTF-16 LE with BOM) and a BE CSV.
    tsv = "\r\n".join(row.replace(",", "\t") for row in people_rows(12)) + "\r\n"
    write("unicode_text_utf16le.tsv", "\ufeff".encode("utf-16-le") + tsv.encode("utf-16-le"))
    csv_rows = "\n".join(people_rows(12)) + "\n"
    write("utf16be_bom.csv", "\ufeff".encode("utf-16-be") + csv_rows.encode("utf-16-be"))
    write("utf8_bom.csv", b"\xef\xbb\xbf" + csv_rows.encode("utf-8"))
    # NFD (as macOS writes): must come out NFC.
    write("utf8_nfd.csv", unicodedata.normalize("NFD", csv_rows).encode("utf-8"))

    # 6. Codes with leading zeros, and an odd value early in a numeric column.
    codes = ["ma_tinh,ma_xa,ten_xa,dan_so,dien_tich"]
    for i, (code, place) in enumerate(PLACES * 4):
        codes.append(f"24,{code},{place},{5000 + 137 * i},{12.5 + i}")
    write("codes_leading_zeros.csv", ("\n".join(codes) + "\n").encode())
    odd = ["ma_xa,ten_xa,dan_so,dien_tich"]
    for i, (code, place) in enumerate(PLACES * 5):
        odd.append(f"{code},{place},{5000 + 137 * i},{12.5 + i}")
    odd[2] = odd[2].rsplit(",", 2)[0] + ",chưa cập nhật," + odd[2].rsplit(",", 1)[1]
    write("early_odd_value.csv", ("\n".join(odd) + "\n").encode())

    # 7. JSON tables.
    objects = [
        {"ma_xa": code, "ten_xa": place, "dan_so": 5000 + 100 * i, "dien_tich": 10.5 + i}
        for i, (code, place) in enumerate(PLACES)
    ]
    objects[4]["dan_so"] = "khoảng năm nghìn"
    write("table_objects_bad_row.json", json.dumps(objects, ensure_ascii=False, indent=1).encode())
    arrays = [["ma_xa", "ten_xa", "dan_so"]] + [
        [o["ma_xa"], o["ten_xa"], 100 + i] for i, o in enumerate(objects)
    ]
    arrays[3][2] = "n/a"
    write("table_arrays_bad_row.json", json.dumps(arrays, ensure_ascii=False).encode())
    shaped = (
        [dict(o) for o in objects[:3]]
        + [42]
        + [{"ma_xa": "07999", "ten_xa": "Xã Mới", "dan_so": 1, "dien_tich": 1, "ghi_chu": "thừa"}]
    )
    shaped[0]["dan_so"] = 5000
    write("table_objects_shapes.json", json.dumps({"data": shaped}, ensure_ascii=False).encode())
    write("not_a_table.json", json.dumps({"ten": "Bắc Giang", "ma": "24"}).encode())

    # 8. Schema errors against household.schema.json.
    schema = {
        "fields": [
            {"name": "ma_ho", "type": "string", "constraints": {"required": True}},
            {"name": "chu_ho", "type": "string"},
            {"name": "so_nguoi", "type": "integer", "constraints": {"minimum": 1}},
            {"name": "ngay_dang_ky", "type": "date"},
        ],
        "primaryKey": ["ma_ho"],
    }
    write("household.schema.json", json.dumps(schema, ensure_ascii=False, indent=2).encode())
    household = [
        "ma_ho,chu_ho,so_nguoi,ngay_dang_ky",
        "HB001,Nguyễn Văn An,4,2024-01-15",
        "HB002,Trần Thị Bình,bốn,2024-02-01",
        "HB003,Lê Hoàng Cường,0,2024-02-10",
        "HB001,Phạm Thị Dung,3,2024-03-05",
        "HB005,Hoàng Văn Đức,5,2024-13-01",
    ]
    write("household_errors.csv", ("\n".join(household) + "\n").encode())
    missing = ["ma_ho,chu_ho,so_nguoi", "HB001,Nguyễn Văn An,4", "HB002,Trần Thị Bình,2"]
    write("household_missing_column.csv", ("\n".join(missing) + "\n").encode())
    many = ["ma_ho,chu_ho,so_nguoi,ngay_dang_ky"]
    many += [f"HB{i:03d},Hộ {i},không rõ,2024-01-01" for i in range(1, 61)]
    write("household_many_errors.csv", ("\n".join(many) + "\n").encode())


if __name__ == "__main__":
    main()
