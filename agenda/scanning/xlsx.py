"""Excel (.xlsx) workbooks: hidden and very hidden sheets, hidden rows and columns that
hold data, comments, names pointing at other files and links to other workbooks.

Sheets are read as a stream (iterparse), so a sheet of a million rows costs time, not
memory."""

import re

from defusedxml import ElementTree

from agenda.scanning.findings import LEAK, WARNING, Code, ScanReport, sample
from agenda.scanning.office_parts import Package, ooxml_properties, q

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTERNAL_REFERENCE = re.compile(r"\[[^\]]+\]|[A-Za-z]:\\|\\\\|https?:|file:", re.I)
CELL_COLUMN = re.compile(r"^([A-Z]+)")
COMMENT_TYPES = ("/comments", "/threadedComment")


def _column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _ranges(numbers):
    """[3, 4, 5, 9] -> "3–5, 9"."""
    numbers, out, start = sorted(numbers), [], None
    for index, n in enumerate(numbers):
        if start is None:
            start = n
        if index + 1 == len(numbers) or numbers[index + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out[:6]) + (" …" if len(out) > 6 else "")


def _letters(number):
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def _read_sheet(package, part):
    """(cells with a value, rows hidden with data, columns hidden with data)."""
    hidden_columns, hidden_rows, used_hidden_columns = set(), set(), set()
    cells = 0
    row_hidden, row_number = False, 0
    with package.open(part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start" and tag == q("x:row"):
                row_number = int(element.get("r", row_number + 1))
                row_hidden = element.get("hidden") in ("1", "true")
            elif event == "end" and tag == q("x:col") and element.get("hidden") in ("1", "true"):
                first, last = int(element.get("min", 1)), int(element.get("max", 1))
                hidden_columns.update(range(first, min(last, 16384) + 1))
            elif event == "end" and tag == q("x:c"):
                if element.find(q("x:v")) is not None or element.find(q("x:is")) is not None:
                    cells += 1
                    if row_hidden:
                        hidden_rows.add(row_number)
                    match = CELL_COLUMN.match(element.get("r", ""))
                    if match and _column_number(match.group(1)) in hidden_columns:
                        used_hidden_columns.add(_column_number(match.group(1)))
                element.clear()
            elif event == "end" and tag == q("x:row"):
                element.clear()
    return cells, hidden_rows, used_hidden_columns


def _sheet_findings(package, name, state, part, report):
    where = f"sheet “{sample(name, 40)}”"
    cells, rows, columns = (
        _read_sheet(package, part) if part in package.names else (0, set(), set())
    )
    if state in ("hidden", "veryHidden"):
        very = state == "veryHidden"
        how = "very hidden (it cannot even be unhidden from Excel’s menus)" if very else "hidden"
        report.add(
            LEAK,
            Code.VERY_HIDDEN_SHEET if very else Code.HIDDEN_SHEET,
            where,
            f"The sheet is {how} and holds {cells} filled cell(s).",
            "Delete the sheet if it should not be published (for a very hidden sheet: "
            "Developer > Visual Basic, set Visible to -1, then delete), save and upload again.",
        )
    if rows:
        report.add(
            LEAK,
            Code.HIDDEN_ROWS,
            where,
            _hidden_sentence("Row", _ranges(rows), len(rows)),
            "Delete the hidden rows (select all, Unhide, then delete what should not be "
            "there), save and upload again.",
        )
    if columns:
        report.add(
            LEAK,
            Code.HIDDEN_COLUMNS,
            where,
            _hidden_sentence("Column", _ranges_letters(columns), len(columns)),
            "Delete the hidden columns (select all, Unhide, then delete what should not be "
            "there), save and upload again.",
        )
    comments = 0
    for target, external, kind in package.relationships(part).values():
        if not external and kind.endswith(COMMENT_TYPES) and target in package.names:
            root = package.xml(target)
            comments = max(
                comments,
                len(list(root.iter(q("x:comment"))))
                + len([e for e in root.iter() if e.tag.endswith("}threadedComment")]),
            )
    if comments:
        report.add(
            LEAK,
            Code.COMMENT,
            where,
            f"{comments} cell comment(s) or note(s).",
            "Delete the comments (Review > Delete), save and upload again.",
        )
    return cells


def _hidden_sentence(what, which, count):
    if count == 1:
        return f"{what} {which} is hidden but holds data."
    return f"{what}s {which} are hidden but hold data."


def _ranges_letters(columns):
    return ", ".join(_letters(c) for c in sorted(columns)[:8]) + (" …" if len(columns) > 8 else "")


def _names_and_links(package, workbook, report):
    external = []
    for name in workbook.iter(q("x:definedName")):
        if EXTERNAL_REFERENCE.search(name.text or ""):
            external.append(f"{name.get('name', '')} = {name.text}")
    if external:
        report.add(
            WARNING,
            Code.EXTERNAL_NAME,
            "the workbook’s names",
            f"{len(external)} defined name(s) point at other files: “{sample(external[0], 60)}”.",
            "Delete the names in Formulas > Name Manager (or paste the values), save and "
            "upload again.",
        )
    for _, (target, is_external, kind) in package.relationships("xl/workbook.xml").items():
        if is_external or not kind.endswith("/externalLink") or target not in package.names:
            continue
        links = package.relationships(target)
        path = next((t for t, ext, _ in links.values() if ext), "another workbook")
        root = package.xml(target)
        cached = len([e for e in root.iter() if e.tag == q("x:cell")])
        report.add(
            LEAK if cached else WARNING,
            Code.EXTERNAL_LINK,
            "links to other workbooks",
            f"The workbook links to “{sample(path, 60)}”"
            + (f" and keeps a copy of {cached} of its cells." if cached else "."),
            "Break the links (Data > Edit Links > Break Link), save and upload again.",
        )


def scan_xlsx(data):
    package = Package(data)
    report = ScanReport(content_type=XLSX)
    workbook = package.xml("xl/workbook.xml")
    if workbook is None:
        raise ValueError("The file is damaged: it has no workbook.")
    relationships = package.relationships("xl/workbook.xml")
    sheets = list(workbook.iter(q("x:sheet")))
    for sheet in sheets:
        target = relationships.get(sheet.get(q("r:id")), ("", False, ""))[0]
        _sheet_findings(
            package, sheet.get("name", "?"), sheet.get("state", "visible"), target, report
        )
    _names_and_links(package, workbook, report)
    ooxml_properties(package, report)
    report.pages = len(sheets)
    report.findings.sort(key=lambda f: f.kind != LEAK)
    return report
