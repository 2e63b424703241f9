"""The group's view as an HTML page: one slide, large type, both light and dark, no assets.

The page is whole in itself (its style and its script inline, nothing fetched from anywhere
else) and only says what a `GroupView` holds, escaped. Its script asks the server for the
slide every half second (`slide.json` beside the page, with the same token in the address)
and redraws it, so the page follows the session without reloading; without scripts a meta
refresh reloads it every few seconds instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape

from iop_facilitator.session import GroupView

POLL_MILLISECONDS = 500

STYLE = """
:root { color-scheme: light dark; --fg: #111; --bg: #fff; --muted: #555; }
@media (prefers-color-scheme: dark) { :root { --fg: #f2f2f2; --bg: #111; --muted: #bbb; } }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { font: 28px/1.35 system-ui, sans-serif; padding: 4vh 5vw; }
h1 { font-size: 2.2em; margin: 0 0 0.3em; line-height: 1.15; }
.sub { font-size: 1.3em; font-weight: 700; margin: 0 0 0.4em; }
.clock { display: flex; align-items: baseline; gap: 0.6em; margin: 0.2em 0 0.4em; }
.digits { font-size: 4.5em; font-weight: 800; font-variant-numeric: tabular-nums; }
.words { font-size: 1.4em; font-weight: 700; }
h2 { font-size: 1.2em; margin: 0.6em 0 0.2em; text-decoration: underline; }
ul { margin: 0; padding-left: 1.2em; }
li { margin: 0.2em 0; }
.text { margin-top: 0.6em; white-space: pre-line; }
[hidden] { display: none !important; }
"""

SCRIPT = (
    """
"use strict";
const show = (id, text) => {
  const node = document.getElementById(id);
  node.textContent = text || "";
  node.hidden = !text;
};
async function poll() {
  try {
    const answer = await fetch("slide.json", {cache: "no-store"});
    if (answer.ok) {
      const slide = await answer.json();
      show("heading", slide.heading);
      show("sub", slide.subheading);
      show("digits", slide.countdown);
      show("words", slide.countdown_words);
      document.getElementById("clock").hidden = !(slide.countdown || slide.countdown_words);
      show("list-title", slide.list_title);
      const list = document.getElementById("items");
      list.replaceChildren(...slide.items.map((item) => {
        const li = document.createElement("li");
        li.textContent = item;
        return li;
      }));
      list.hidden = slide.items.length === 0;
      show("text", slide.text);
      if (slide.ended) { return; }
    }
  } catch (error) {
    show("words", "Reconnecting…");
  }
  setTimeout(poll, """
    + str(POLL_MILLISECONDS)
    + """);
}
setTimeout(poll, """
    + str(POLL_MILLISECONDS)
    + """);
"""
)


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_digest(STYLE)}; script-src {_digest(SCRIPT)}; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Only the page's own style and script (by their hashes) and requests to its own server."""


def slide_json(view: GroupView, *, ended: bool = False) -> str:
    """The slide as the page's script reads it."""
    return json.dumps(
        {
            "heading": view.heading,
            "subheading": view.subheading,
            "countdown": view.countdown or "",
            "countdown_words": view.countdown_words,
            "list_title": view.list_title,
            "items": list(view.items),
            "text": view.text,
            "ended": ended,
        },
        ensure_ascii=False,
    )


def _block(tag: str, node_id: str, text: str, css: str = "") -> str:
    hidden = "" if text else " hidden"
    klass = f' class="{css}"' if css else ""
    return f'<{tag} id="{node_id}"{klass}{hidden}>{escape(text)}</{tag}>'


def render_page(view: GroupView) -> str:
    """The whole page showing `view`, ready to follow the session by itself."""
    items = "".join(f"<li>{escape(item)}</li>" for item in view.items)
    clock_hidden = "" if (view.countdown or view.countdown_words) else " hidden"
    digits = _block("span", "digits", view.countdown or "", "digits")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<noscript><meta http-equiv="refresh" content="3"></noscript>
<title>Group view</title>
<style>{STYLE}</style>
</head>
<body>
<main>
{_block("h1", "heading", view.heading)}
{_block("p", "sub", view.subheading, "sub")}
<div id="clock" class="clock"{clock_hidden}>{digits}
{_block("span", "words", view.countdown_words, "words")}</div>
{_block("h2", "list-title", view.list_title)}
<ul id="items"{"" if items else " hidden"}>{items}</ul>
{_block("p", "text", view.text, "text")}
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""
