"""CSV files people open in spreadsheets: cells that cannot start a formula, streamed."""

import csv

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

# What spreadsheets read as the start of a formula (OWASP's list, with the full-width forms).
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def csv_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: one that could start a formula is quoted, in every
    column (names, addresses, acronyms and vocabulary labels are typed by people too)."""
    return "'" + value if value.lstrip(" ")[:1] in FORMULA_STARTS else value


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: list, rows) -> StreamingHttpResponse:
    """Stream ``header`` and then each row of the iterable ``rows`` as a UTF-8 CSV download
    (with a byte-order mark, so that spreadsheets read the accents right), every cell made safe."""
    writer = csv.writer(_Echo())

    def line(cells):
        return writer.writerow([csv_safe(str(cell)) for cell in cells])

    def lines():
        yield "\ufeff" + line(header)
        for cells in rows:
            yield line(cells)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
