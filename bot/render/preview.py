"""Block Kit -> an HTML page drawn as Slack's phone app draws it, for coordinators to see
how an edit reads before officers do (``python -m bot preview``).

Only what the bot sends is drawn: sections (with their accessory button), context, dividers
and actions. The text is Slack's mrkdwn, already escaped for Slack, whose ``&amp;``,
``&lt;`` and ``&gt;`` are HTML's too; links are the only markup it holds, and only web,
phone and mail links become links here.
"""

from __future__ import annotations

import html
import re
from typing import Any

PHONE_WIDTH = 390  # CSS pixels of a common phone (iPhone 12 to 15)
PHONE_SCREEN = 700  # what Slack leaves for messages on it, under its header and composer

_EMOJI = {
    "large_green_circle": "🟢", "red_circle": "🔴", "white_circle": "⚪", "warning": "⚠️",
    "grey_question": "❔", "no_entry": "⛔",
}  # fmt: skip
_LINK = re.compile(r"<([^|>]*)\|([^>]*)>")
_SAFE_SCHEMES = ("https:", "http:", "tel:", "mailto:")
_STYLE = f"""
body {{ margin: 0; background: #1a1d21; font: 15px/1.45 -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; }}
.phone {{ width: {PHONE_WIDTH}px; min-height: {PHONE_SCREEN}px; margin: 0 auto; background: #fff;
  color: #1d1c1d; box-sizing: border-box; padding: 12px 14px; overflow-wrap: anywhere; }}
.who {{ font-weight: 700; margin-bottom: 4px; }} .who span {{ color: #616061; font-weight: 400;
  font-size: 12px; margin-left: 6px; }}
.section {{ margin: 6px 0; display: flex; gap: 8px; align-items: flex-start; }}
.section .text {{ flex: 1; min-width: 0; }}
.context {{ color: #616061; font-size: 13px; margin: 6px 0; }}
hr {{ border: 0; border-top: 1px solid #ddd; margin: 10px 0; }}
.actions {{ display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }}
button {{ font: 600 13px/1 inherit; padding: 7px 10px; border: 1px solid #bbb; border-radius: 4px;
  background: #fff; color: #1d1c1d; }}
a {{ color: #1264a3; text-decoration: none; }}
code {{ font-size: 12px; background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px;
  padding: 0 3px; color: #e01e5a; }}
"""


def preview_html(blocks: list[dict[str, Any]], *, title: str, ephemeral: bool = True) -> str:
    """A whole HTML page showing ``blocks`` as one bot message at phone width."""
    who = "PMHC Assistant<span>APP" + (" · Only visible to you" if ephemeral else "") + "</span>"
    body = "\n".join(_block(block) for block in blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width={PHONE_WIDTH}">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>\n"
        f'<body><div class="phone"><div class="who">{who}</div>\n{body}\n</div></body></html>\n'
    )


def _block(block: dict[str, Any]) -> str:
    kind = block.get("type")
    if kind == "section":
        accessory = block.get("accessory")
        button = _button(accessory) if accessory else ""
        card = " card" if accessory else ""
        text = mrkdwn(block["text"]["text"]) if "text" in block else ""
        return f'<div class="section{card}"><div class="text">{text}</div>{button}</div>'
    if kind == "context":
        parts = " ".join(mrkdwn(e.get("text", "")) for e in block.get("elements", []))
        return f'<div class="context">{parts}</div>'
    if kind == "actions":
        buttons = "".join(_button(e) for e in block.get("elements", []))
        return f'<div class="actions">{buttons}</div>'
    if kind == "divider":
        return "<hr>"
    return ""


def _button(element: dict[str, Any]) -> str:
    return f"<button>{html.escape(element.get('text', {}).get('text', ''))}</button>"


def mrkdwn(text: str) -> str:
    """Slack's mrkdwn (escaped as Slack wants it) as HTML: links, *bold*, _italic_, `code`,
    the emoji the bot uses, line breaks. Anything else that looks like markup is shown."""
    links: list[str] = []

    def keep_link(match: re.Match[str]) -> str:
        url, label = match.group(1), match.group(2)
        safe = url.lower().startswith(_SAFE_SCHEMES) and '"' not in url
        links.append(f'<a href="{url}">{label}</a>' if safe else label)
        return f"\x00{len(links) - 1}\x00"

    text = _LINK.sub(keep_link, text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")  # none but links should be left
    text = re.sub(r"\*([^*\n]+)\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w/])_([^_\n]+)_(?!\w)", r"<i>\1</i>", text)
    text = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", text)
    text = re.sub(r":([a-z_]+):", lambda m: _EMOJI.get(m.group(1), m.group(0)), text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))], text)
    return text.replace("\n", "<br>")
