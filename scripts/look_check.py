"""Checks the Mermaid CLI's drawings of vision-sched's Mermaid blocks, made by scripts/look.sh.

`look_check.py DIR`: DIR holds days-mermaid.svg, hostile-mermaid.svg and hostile.json (the
phases of tests/fixtures/pictures/hostile.toml), and the axis-*.svg drawings. Exit 0 when all
holds, 1 with what failed.

- "June 14 - June 30" is drawn over exactly 17 days, from the start of June 14 (the axis's
  first and last ticks give the scale);
- on every axis-*.svg, the axis has at least two ticks and no tick label repeats;
- every hostile name is one task whose text on the page is the name as written (trimmed,
  names of over 200 characters cut with an ellipsis), under the one section, 2021.
"""

import glob
import json
import re
from datetime import date
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
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
    # "%d %b" labels of 2021: days from June 1 to each tick.
    at = {}
    for label, x in ticks.items():
        day_of, month = label.split()
        at[(date(2021, MONTHS.index(month) + 1, int(day_of)) - date(2021, 6, 1)).days] = x
    if len(at) < 2:
        failures.append(f"{path}: fewer than two ticks in {sorted(ticks)}")
        return
    (d1, x1), (d2, x2) = min(at.items()), max(at.items())
    day = (x2 - x1) / (d2 - d1)
    x, width = named["June 14 - June 30"]
    days = width / day
    start = d1 + (x - x1) / day
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


def check_axis(path):
    """The tick labels, left to right: at least two, none twice."""
    root = ET.parse(path).getroot()
    labels = sorted(
        (dx, text_of(node).strip())
        for node, dx in walk(root)
        if node.tag == SVG + "g" and "tick" in node.attrib.get("class", "").split()
    )
    labels = [label for _, label in labels]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    print(f"{path.rsplit('/', 1)[-1]}: {' '.join(labels)}")
    if len(labels) < 2:
        failures.append(f"{path}: {len(labels)} ticks on the axis")
    if repeated:
        failures.append(f"{path}: the axis repeats {repeated}: {labels}")


check_days(f"{sys.argv[1]}/days-mermaid.svg")
axes = sorted(glob.glob(f"{sys.argv[1]}/axis-*.svg"))
for drawing in axes:
    check_axis(drawing)
if len(axes) != 8:
    failures.append(f"{len(axes)} axis drawings, not 8 (4 spans in 2 Mermaid versions)")
check_hostile(f"{sys.argv[1]}/hostile-mermaid.svg", f"{sys.argv[1]}/hostile.json")
for f in failures:
    print(f"look_check: {f}", file=sys.stderr)
sys.exit(1 if failures else 0)
