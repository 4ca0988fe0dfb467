"""Start-up imports only what every update needs: charts (matplotlib, numpy, Pillow) and
spreadsheets (openpyxl) are imported by the first chart or workbook, not by the bot's start-up
(issue 14: ~50 MB of every worker's memory)."""

from __future__ import annotations

import subprocess
import sys

from tests.support.processes import ROOT

HEAVY = ("matplotlib", "numpy", "PIL", "openpyxl", "docx", "fpdf")


def test_starting_the_bot_imports_no_chart_or_document_library() -> None:
    code = (
        "import sys\n"
        "import bot.app, handlers\n"
        "handlers.setup_routers()\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)
    assert out.stdout.strip() == "", f"imported at start-up: {out.stdout.strip()}"


async def test_a_chart_still_renders_after_the_lazy_import() -> None:
    from handlers.charts import Series, radar_png

    png = await radar_png(["a", "b", "c"], [Series("now", [10.0, 50.0, 90.0])])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
