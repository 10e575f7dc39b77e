"""The preview a coordinator opens, drawn by a real browser at phone width: the three places,
their numbers and whether they are open are on the first screen, with nothing cut off."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.render.preview import PHONE_SCREEN, PHONE_WIDTH, mrkdwn
from tests.conftest import ROOT, run_bot

FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# measures, in the page as drawn, where each card's name, number and open state end up
MEASURE = """<script>
const box = (node) => { if (!node) return null; const range = document.createRange();
  range.selectNodeContents(node); const r = range.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom]; };
const cards = [...document.querySelectorAll('.card')].map((card) => {
  const walk = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
  let state = null;
  while (walk.nextNode()) if (/\\b(open|closed)\\b/.test(walk.currentNode.textContent)) {
    state = walk.currentNode; break; }
  const tel = card.querySelector('a[href^="tel:"]');
  return {name: card.querySelector('b').textContent, phone: tel && tel.textContent,
          boxes: [box(card.querySelector('b')), box(tel), box(state)]};
});
document.body.setAttribute('data-report', JSON.stringify(
  {phone: (({left, top, right, bottom}) => [left, top, right, bottom])(
    document.querySelector('.phone').getBoundingClientRect()), cards}));
</script>"""


def drawn(page: Path) -> dict:
    """What Chromium reports of ``page`` in a phone-sized window."""
    measured = page.with_suffix(".measured.html")
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"))
    done = subprocess.run(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--window-size={PHONE_WIDTH},{PHONE_SCREEN}", "--dump-dom", measured.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    found = re.search(r'data-report="([^"]*)"', done.stdout)
    assert found, done.stdout[-2000:]
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run does)")
@pytest.mark.parametrize(
    ("knowledge", "question", "moment"),
    [(FIXTURES / "prairie-il" / "kb", "inpatient cert on a 15 yo girl, where does she go",
      "2026-11-24T15:00"),
     (FIXTURES / "hawkeye-ia" / "kb", "m 19 drunk and swinging at bouncers, pbt .16, where",
      "2026-11-28T00:30")],
    ids=["prairie-il", "hawkeye-ia"],
)  # fmt: skip
def test_three_places_numbers_and_states_are_on_the_first_phone_screen(
    tmp_path: Path, knowledge: Path, question: str, moment: str
) -> None:
    page = tmp_path / "answer.html"
    done = run_bot("preview", question, "--knowledge", str(knowledge), "--at", moment,
                   "--top", "3", "--out", str(page))  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = drawn(page)
    phone_left, phone_top, phone_right, _ = report["phone"]
    assert phone_right - phone_left == PHONE_WIDTH  # a headless window may be wider
    assert len(report["cards"]) == 3, report
    for card in report["cards"]:
        assert card["phone"], card
        for left, top, right, bottom in card["boxes"]:
            assert phone_left <= left and right <= phone_right, card  # not cut off at the side
            assert phone_top <= top and bottom - phone_top <= PHONE_SCREEN, card  # no scrolling


def test_preview_draws_only_safe_links_and_shows_markup_as_text():
    assert mrkdwn("<https://x.org/a|site> <tel:5551234|555-1234>") == (
        '<a href="https://x.org/a">site</a> <a href="tel:5551234">555-1234</a>'
    )
    assert mrkdwn("<javascript:alert(1)|click>") == "click"
    assert mrkdwn("&lt;script&gt; *bold* _it_ `x` :warning:") == (
        "&lt;script&gt; <b>bold</b> <i>it</i> <code>x</code> ⚠️"
    )
