"""Printing a workbook or Word file to PDF with LibreOffice, as a user's office suite would."""

from __future__ import annotations

import subprocess
from pathlib import Path


def to_pdf(source: Path, folder: Path) -> Path:
    """The PDF LibreOffice prints of `source` into `folder`. A private profile for each conversion:
    another LibreOffice running at the same time holds the shared one, and the conversion would
    silently write nothing. The exit status and the file are checked before anyone reads them."""
    profile = folder / "lo-profile"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = folder / (source.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 0, (
        f"LibreOffice did not print {source.name}: exit {done.returncode}\n{done.stdout}{done.stderr}"
    )
    return pdf
