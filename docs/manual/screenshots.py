"""Take the README's pictures: HTML pages in headless Chromium, PDF pages with pdftoppm.

Usage (after `make html pdf`): python docs/manual/screenshots.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "img"
# name: (page, window width): desktop pictures and one as a phone shows it.
HTML_PAGES = {"html-front": ("index.html", 1200),
              "html-chronology": ("briefing/chronology.html", 1200),
              "html-phone-chronology": ("briefing/chronology.html", 390)}
PDF_CHAPTERS = {"pdf-at-a-glance": "At a glance", "pdf-chronology": "Chronology"}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def html_shots() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    for name, (page, width) in HTML_PAGES.items():
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                            f"--window-size={width},1100", f"--screenshot={OUT / name}.png",
                            (ROOT / "docs/_build/html" / page).as_uri()],
                           check=True, capture_output=True, timeout=120)


def chapter_page(pdf: Path, title: str) -> int:
    """The page on which a chapter starts: its numbered heading ("5 Chronology") stands on a
    line of its own below the running head."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    heading = re.compile(rf"\d+\s+{re.escape(title)}")
    for number, page in enumerate(text.split("\f"), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if any(heading.fullmatch(line) for line in lines[1:]):
            return number
    raise SystemExit(f"no chapter {title!r} in {pdf}")


def pdf_shots() -> None:
    pdf = ROOT / "docs/_build/pdf/briefing.pdf"
    shots = {name: (pdf, chapter_page(pdf, title)) for name, title in PDF_CHAPTERS.items()}
    shots["pdf-title-page"] = (pdf, 1)
    shots["handout-page-1"] = (ROOT / "docs/_build/pdf/handout.pdf", 1)
    for name, (document, page) in shots.items():
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page),
                        "-singlefile", str(document), str(OUT / name)], check=True)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    html_shots()
    pdf_shots()
    print(f"pictures in {OUT}")
