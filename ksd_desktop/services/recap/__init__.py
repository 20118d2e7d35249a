"""The TKKSD recap of a year: figures (domain/recap.py) written as a PDF report or an XLSX workbook.

context.py  what the report prints besides the figures; progress/cancel callables
writer.py   write_recap: gather, compute and write atomically (PDF or XLSX by suffix)
pdf.py      the report's pages (reportlab)
charts.py   the bar charts drawn with reportlab graphics
xlsx.py     the workbook (openpyxl)
"""
