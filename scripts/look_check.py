"""Checks the Mermaid CLI's drawings of vision-sched's Mermaid blocks, made by scripts/look.sh.

`look_check.py DIR`: DIR holds days-mermaid.svg, hostile-mermaid.svg and hostile.json (the
phases of tests/fixtures/pictures/hostile.toml). Exit 0 when all holds, 1 with what failed.

- "June 14 - June 30" is drawn over exactly 17 days, from the start of June 14 (the axis's
  "01 Jun" and "01 Jul" ticks give the scale);
- every hostile name is one task whose text on the page is the name as written (trimmed,
  names of over 200 characters cut with an ellipsis), under the one section, 2021.
"""

import json
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
failures = []


def walk(node, dx=0.0):
    """Every element with the x offset its ancestors' translate() gives it."""
    m = re.match(r"translate\(\s*([-0-9.]+)", node.attrib.get("transform", ""))
    if m:
        dx += float(m.group(1))
    yield node, dx
    for child in node:
        yield from walk(child, dx)


def text_of(node):
    return "".join(node.itertext())


def tasks(path):
    """Task name on the page -> its rect's (x, width), and the section titles."""
    root = ET.parse(path).getroot()
    rects, texts, sections, ticks = {}, {}, [], {}
    for node, dx in walk(root):
        tag = node.tag.replace(SVG, "")
        cls = node.attrib.get("class", "")
        ident = node.attrib.get("id", "")
        if tag == "rect" and re.search(r"\btask\b", cls) and ident:
            rects[ident] = (dx + float(node.attrib["x"]), float(node.attrib["width"]))
        elif tag == "text" and ident.endswith("-text"):
            texts[ident[: -len("-text")]] = text_of(node).strip()
        elif tag == "text" and "sectionTitle" in cls:
            sections.append(text_of(node).strip())
        elif tag == "g" and "tick" in cls.split():
            ticks[text_of(node).strip()] = dx
    named = {texts[i]: r for i, r in rects.items() if i in texts}
    return named, sections, ticks, len(rects)


def check_days(path):
    named, _, ticks, _ = tasks(path)
    if "01 Jun" not in ticks or "01 Jul" not in ticks:
        failures.append(f"{path}: no 01 Jun / 01 Jul ticks in {sorted(ticks)}")
        return
    day = (ticks["01 Jul"] - ticks["01 Jun"]) / 30
    x, width = named["June 14 - June 30"]
    days = width / day
    start = (x - ticks["01 Jun"]) / day
    print(f"June 14 - June 30: {days:.2f} days wide, starting {start:.2f} days after June 1")
    if abs(days - 17) > 0.1:
        failures.append(f"June 14 - June 30 is drawn over {days:.2f} days, not 17")
    if abs(start - 13) > 0.1:
        failures.append(f"June 14 - June 30 starts {start:.2f} days after June 1, not 13")
    one = named["One day"][1] / day
    if abs(one - 1) > 0.1:
        failures.append(f"a one-day window is drawn over {one:.2f} days")


def check_hostile(svg_path, json_path):
    named, sections, _, count = tasks(svg_path)
    phases = json.load(open(json_path))["phases"]
    want = []
    for p in phases:
        name = p["name"]
        name = name[:200] + "…" if len(name) > 200 else name
        want.append(name.strip())
    if count != len(want):
        failures.append(f"{count} tasks drawn for {len(want)} names")
    for name in want:
        if name not in named:
            failures.append(f"no task shows {name!r}; shown: {sorted(named)}")
    if sections != ["2021"]:
        failures.append(f"sections {sections}, not ['2021']")
    print(f"{len(want)} hostile names, {count} tasks, sections {sections}")


check_days(f"{sys.argv[1]}/days-mermaid.svg")
check_hostile(f"{sys.argv[1]}/hostile-mermaid.svg", f"{sys.argv[1]}/hostile.json")
for f in failures:
    print(f"look_check: {f}", file=sys.stderr)
sys.exit(1 if failures else 0)
