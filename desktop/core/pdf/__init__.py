"""A published 决算公开 PDF read as a source of cells for the workbook importer, and of the 情况说明's text."""
