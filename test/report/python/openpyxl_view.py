"""Prints what openpyxl sees of an .xlsx as JSON: per sheet every cell's value and format, widths, pane, filter."""
import json
import sys

import openpyxl


def cell_view(cell):
    fill = cell.fill.fgColor.rgb if cell.fill.fill_type == 'solid' else None
    return [cell.value, bool(cell.font.b), bool(cell.alignment.wrap_text), cell.alignment.vertical, cell.number_format, bool(cell.quotePrefix), fill]


def sheet_view(sheet):
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    return {
        'rows': [[cell_view(cell) for cell in row] for row in sheet.iter_rows()],
        'widths': [widths[key] for key in sorted(widths, key=lambda k: (len(k), k))],
        'freeze': sheet.freeze_panes,
        'filter': sheet.auto_filter.ref,
    }


workbook = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({sheet.title: sheet_view(sheet) for sheet in workbook.worksheets}))
