"""Report writers: PDF (WeasyPrint) and Excel (openpyxl)."""
