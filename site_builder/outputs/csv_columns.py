"""The columns of data/practices.csv, defined once: the CSV (exports.py), its header in the
download of a selection (export_selection.py) and its CSV on the Web metadata (csvw.py)
are all made from :data:`COLUMNS`, in its order.

Each column says where its cell comes from (the practice's record, exports.practice_record)
and what the metadata says of it: a datatype, whether every row has a value, whether it
is a list (its values joined with :data:`SEPARATOR`), and a title where the practice
schema has none for it. A column cannot be added without saying what it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from typing import Any

TABLE = "data/practices.csv"  # the CSV's path in the site
SEPARATOR = ";"  # between the values of a list column
PERIOD = {"base": "string", "format": r"^[12][0-9]{3}(-(0[1-9]|1[0-2]))?$"}  # 2016, 2016-06

Record = dict[str, Any]  # a practice's record, as exports.practice_record makes it


@dataclass(frozen=True)
class Column:
    name: str
    datatype: Any  # an XSD datatype's name, or a CSVW datatype description
    _: KW_ONLY
    required: bool  # every row has a value
    is_list: bool = False
    title: str | None = None  # where the practice schema's field of that name has none
    value: Callable[[Record], Any] | None = None  # else the record's field of that name

    def cell(self, record: Record) -> object:
        """The column's cell of one practice, before a spreadsheet's guard."""
        value = record[self.name] if self.value is None else self.value(record)
        return SEPARATOR.join(value) if self.is_list else value


def _period(end: str) -> Callable[[Record], Any]:
    return lambda record: record["period"][end] if record["period"] else ""


def _contacts(key: str) -> Callable[[Record], list[str]]:
    """One detail of every contact that gives it (a record's contact leaves out the empty)."""
    return lambda record: [contact[key] for contact in record["contacts"] if key in contact]


COLUMNS = (
    Column("id", "string", required=True),
    Column("title", "string", required=True),
    Column("organisation", "string", required=True),
    Column("country", "string", required=True),
    Column("country_name", "string", required=True, title="Country name"),
    Column("region", "string", required=False),
    Column("ecosystems", "string", required=True, is_list=True),
    Column("helix", "string", required=True, is_list=True),
    Column("cluster_role", "string", required=True),
    # a handbook may have no themes
    Column("themes", "string", required=False, is_list=True, title="Themes"),
    Column(
        "period_start", PERIOD, required=False, title="Start of the period", value=_period("start")
    ),
    Column("period_end", PERIOD, required=False, title="End of the period", value=_period("end")),
    Column(
        "contact_names",
        "string",
        required=False,
        is_list=True,
        title="Contact persons",
        value=_contacts("name"),
    ),
    Column(
        "contact_emails",
        "string",
        required=False,
        is_list=True,
        title="Contact e-mail addresses",
        value=_contacts("email"),
    ),
    Column(
        "websites",
        "anyURI",
        required=False,
        is_list=True,
        title="Contact websites",
        value=_contacts("website"),
    ),
    Column("source", "string", required=True),
    Column("source_section", "string", required=False),
    # absolute under site_url, else relative to data/ (exports.practice_csv_row): CSVW
    # resolves it against the metadata file, which is beside the CSV
    Column("url", "anyURI", required=True, title="Address of the practice's page"),
)
HEADER = [column.name for column in COLUMNS]
