"""Spreadsheet exchange with partners: reading files to import, writing workbooks to export.

The only layer that imports openpyxl and python-calamine.
"""
