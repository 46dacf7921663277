"""The vocabularies the feeds speak: RDF namespaces, the EU authority tables we map our
values to, and the site's own constants (catalog publisher, English title).

No EU vocabulary is reachable offline, so every IRI taken from one is typed and labelled in
the feed itself (`Term`): DCAT-AP's range shapes then pass, and a harvester that does not
know the authority still gets a readable label.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

DCT = DCTERMS
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")

EU = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"

PREFIXES = {
    "dcat": DCAT,
    "dct": DCT,
    "dcatap": DCATAP,
    "foaf": FOAF,
    "vcard": VCARD,
    "spdx": SPDX,
    "adms": ADMS,
    "skos": SKOS,
    "hydra": HYDRA,
    "locn": LOCN,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

__all__ = [
    "ADMS", "DCAT", "DCATAP", "DCT", "EU", "FOAF", "HYDRA", "IANA_MEDIA_TYPES", "LOCN", "OWL",
    "PREFIXES", "RDF", "RDFS", "SKOS", "SPDX", "VCARD", "XSD", "Term",
]  # fmt: skip


@dataclass(frozen=True)
class Term:
    """An IRI of a controlled vocabulary with its labels (Vietnamese, English)."""

    iri: str
    vi: str
    en: str


# --- the site -----------------------------------------------------------------------------

CATALOG_TITLE_EN = "Bắc Giang Open Data"
CATALOG_DESCRIPTION_EN = (
    "Open data portal of the former Bắc Giang province (part of Bắc Ninh province since "
    "1 July 2025): the open-data categories of the provincial departments and agencies."
)
# The body answerable for the catalog: since 1 July 2025 the province's agencies serve the
# new Bắc Ninh province, so its People's Committee publishes the catalog.
CATALOG_PUBLISHER = Term(
    iri="",  # built from the site URL: {site}/#publisher
    vi="Ủy ban nhân dân tỉnh Bắc Ninh",
    en="People's Committee of Bắc Ninh province",
)
PUBLISHER_TYPE = Term(
    "http://purl.org/adms/publishertype/RegionalAuthority",
    "Cơ quan chính quyền địa phương",
    "Regional authority",
)

# --- EU authority tables ----------------------------------------------------------------

LANGUAGES = {
    "vi": Term(f"{EU}language/VIE", "Tiếng Việt", "Vietnamese"),
    "en": Term(f"{EU}language/ENG", "Tiếng Anh", "English"),
}

COUNTRY_VIETNAM = Term(f"{EU}country/VNM", "Việt Nam", "Viet Nam")

ACCESS_PUBLIC = Term(f"{EU}access-right/PUBLIC", "Công khai", "Public")
AVAILABILITY_STABLE = Term(f"{EU}planned-availability/STABLE", "Ổn định", "Stable")

FREQUENCIES = {
    "daily": Term(f"{EU}frequency/DAILY", "Hằng ngày", "daily"),
    "weekly": Term(f"{EU}frequency/WEEKLY", "Hằng tuần", "weekly"),
    "monthly": Term(f"{EU}frequency/MONTHLY", "Hằng tháng", "monthly"),
    "quarterly": Term(f"{EU}frequency/QUARTERLY", "Hằng quý", "quarterly"),
    "annual": Term(f"{EU}frequency/ANNUAL", "Hằng năm", "annual"),
    "irregular": Term(f"{EU}frequency/IRREG", "Không thường xuyên", "irregular"),
    # the harvest seasons of a crop: not a fixed period
    "seasonal": Term(f"{EU}frequency/IRREG", "Theo mùa vụ", "irregular"),
}

# ISO 8601 repeating durations, for DCAT-US `accrualPeriodicity`.
ISO_PERIODICITY = {
    "daily": "R/P1D",
    "weekly": "R/P1W",
    "monthly": "R/P1M",
    "quarterly": "R/P3M",
    "annual": "R/P1Y",
    "irregular": "irregular",
    "seasonal": "irregular",
}

FILE_TYPES = {
    "CSV": "CSV",
    "TSV": "TSV",
    "JSON": "JSON",
    "GEOJSON": "GEOJSON",
    "XLSX": "XLSX",
    "XLS": "XLS",
    "ODS": "ODS",
    "PDF": "PDF",
    "XML": "XML",
    "ZIP": "ZIP",
    "HTML": "HTML",
    "TXT": "TXT",
    "DOCX": "DOCX",
    "DOC": "DOC",
    "SHP": "SHP",
    "KML": "KML",
}

MEDIA_TYPES = {
    "CSV": "text/csv",
    "TSV": "text/tab-separated-values",
    "JSON": "application/json",
    "GEOJSON": "application/geo+json",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "XLS": "application/vnd.ms-excel",
    "ODS": "application/vnd.oasis.opendocument.spreadsheet",
    "PDF": "application/pdf",
    "XML": "application/xml",
    "ZIP": "application/zip",
    "HTML": "text/html",
    "TXT": "text/plain",
}

# Our 12 themes (CKAN groups) -> the EU data-theme concepts they fall under.
DATA_THEME_SCHEME = Term(f"{EU}data-theme", "Chủ đề dữ liệu (EU)", "Data theme (EU)")
DATA_THEMES = {
    "AGRI": Term(f"{EU}data-theme/AGRI", "Nông nghiệp, thủy sản, lâm nghiệp và thực phẩm",
                 "Agriculture, fisheries, forestry and food"),
    "ECON": Term(f"{EU}data-theme/ECON", "Kinh tế và tài chính", "Economy and finance"),
    "EDUC": Term(f"{EU}data-theme/EDUC", "Giáo dục, văn hóa và thể thao",
                 "Education, culture and sport"),
    "ENER": Term(f"{EU}data-theme/ENER", "Năng lượng", "Energy"),
    "ENVI": Term(f"{EU}data-theme/ENVI", "Môi trường", "Environment"),
    "GOVE": Term(f"{EU}data-theme/GOVE", "Chính phủ và khu vực công",
                 "Government and public sector"),
    "HEAL": Term(f"{EU}data-theme/HEAL", "Y tế", "Health"),
    "REGI": Term(f"{EU}data-theme/REGI", "Vùng và thành phố", "Regions and cities"),
    "SOCI": Term(f"{EU}data-theme/SOCI", "Dân số và xã hội", "Population and society"),
    "TECH": Term(f"{EU}data-theme/TECH", "Khoa học và công nghệ", "Science and technology"),
    "TRAN": Term(f"{EU}data-theme/TRAN", "Giao thông", "Transport"),
}  # fmt: skip
GROUP_THEMES = {
    "nong-nghiep": ("AGRI",),
    "kinh-te-thuong-mai": ("ECON",),
    "giao-duc": ("EDUC",),
    "y-te": ("HEAL",),
    "lao-dong": ("SOCI", "ECON"),
    "moi-truong": ("ENVI",),
    "tai-chinh": ("ECON", "GOVE"),
    "nang-luong": ("ENER",),
    "co-so-ha-tang": ("TRAN",),
    "xa-hoi": ("SOCI",),
    "cong-nghe": ("TECH",),
    "dia-phuong": ("GOVE", "REGI"),
}

# CKAN license ids -> the EU licence authority (the feed's dct:license IRIs where mapped).
LICENCES = {
    "cc-by": f"{EU}licence/CC_BY_4_0",
    "cc-by-sa": f"{EU}licence/CC_BY_SA_4_0",
    "cc-zero": f"{EU}licence/CC0",
    "odc-by": f"{EU}licence/ODC_BY",
    "odc-odbl": f"{EU}licence/ODC_BL",
    "odc-pddl": f"{EU}licence/ODC_PDDL",
    "cc-nc": f"{EU}licence/CC_BY_NC_4_0",
}

_LICENCE_TYPE = "http://purl.org/adms/licencetype/"
LICENCE_TYPE_UNKNOWN = Term(f"{_LICENCE_TYPE}UnknownIPR", "Chưa xác định", "Unknown IPR")
_ATTRIBUTION = Term(f"{_LICENCE_TYPE}Attribution", "Ghi nguồn", "Attribution")
_PUBLIC_DOMAIN = Term(f"{_LICENCE_TYPE}PublicDomain", "Phạm vi công cộng", "Public domain")
LICENCE_TYPES = {
    "cc-by": _ATTRIBUTION,
    "cc-by-sa": _ATTRIBUTION,
    "odc-by": _ATTRIBUTION,
    "odc-odbl": _ATTRIBUTION,
    "other-at": _ATTRIBUTION,
    "cc-zero": _PUBLIC_DOMAIN,
    "odc-pddl": _PUBLIC_DOMAIN,
    "other-pd": _PUBLIC_DOMAIN,
}

SHA256 = SPDX["checksumAlgorithm_sha256"]
