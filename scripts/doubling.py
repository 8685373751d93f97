#!/usr/bin/env python3
"""The doubling benchmark: every input dimension at a size and at twice that size, through the
commands that read it, with the ratio of the two costs. Near-linear cost gives about 2x; the
contract is 2.3x at most (CONTRIBUTING.md, "Limits and cost").

    python3 scripts/doubling.py [BINARY] [--rounds N]

BINARY defaults to target/release/vision-sched (`cargo build --release` first). Inputs are
written to a temp folder. Each round runs every (dimension, size, command) once, in order, so
that a neighbour's load falls alike on both sizes; a figure is the median over rounds of the
child's CPU time (user + system, from getrusage), which waiting for a core does not inflate.
Prints a Markdown table and exits 1 if a ratio is over the limit.
"""

import argparse
import datetime
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile

LIMIT = 2.3
TODAY = "2021-06-20"


def phases(n):
    """n written milestones over ten years."""
    base = datetime.date(2015, 1, 1)
    return "".join(
        f'[[phase]]\nname = "Phase {i}"\ndue = {base + datetime.timedelta(days=i % 3650)}\n\n'
        for i in range(n))


def chain(n):
    """A written date and n - 1 dates each a day after the one before."""
    text = '[[phase]]\nname = "P0"\ndue = 2015-01-01\n'
    for i in range(1, n):
        text += f'\n[[phase]]\nname = "P{i}"\ndue = "P{i - 1} + 1d"\n'
    return text


def holidays(folder, n):
    """A weekly cadence of working-day rules over a calendar of n one-day holidays."""
    base = datetime.date(2000, 1, 1)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{i}\r\nDTSTART;VALUE=DATE:"
        f"{(base + datetime.timedelta(days=i * 365 // 12)).strftime('%Y%m%d')}\r\n"
        "SUMMARY:Holiday\r\nEND:VEVENT\r\n"
        for i in range(n))
    with open(os.path.join(folder, "holidays.ics"), "w") as f:
        f.write(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    return ('[document]\nweekend = ["Sat", "Sun"]\nholiday_calendars = ["holidays.ics"]\n\n'
            '[[cadence]]\nevery = "week"\nfrom = 2020-01-06\n\n'
            '[[cadence.phase]]\nname = "Report {n}"\ndue = "last working day"\n')


def documents(folder, n):
    """n files of 20 phases each, one of them overdue."""
    os.makedirs(os.path.join(folder, "docs"))
    for i in range(n):
        body = f'[document]\ntitle = "Document {i}"\n\n' + "".join(
            f'[[phase]]\nname = "D{i} P{j}"\ndue = 2021-{1 + j % 12:02d}-{1 + j:02d}\n'
            f'{"done = 2021-01-01" if j != 3 else ""}\n\n'
            for j in range(20))
        with open(os.path.join(folder, "docs", f"d{i}.toml"), "w") as f:
            f.write(body)
    return None


def cadence():
    """A daily cadence of 50 phases a day: a span over it lists 50 rows a day."""
    text = '[[cadence]]\nevery = "day"\nfrom = 2000-01-01\n'
    for i in range(50):
        text += f'\n[[cadence.phase]]\nname = "p{i} {{n}}"\ndue = "first day"\n'
    return text


def cycles(n):
    """A daily cadence of 5 phases that began n days before today, none of them done."""
    start = datetime.date.fromisoformat(TODAY) - datetime.timedelta(days=n)
    text = f'[[cadence]]\nevery = "day"\nfrom = {start}\n'
    for i in range(5):
        text += f'\n[[cadence.phase]]\nname = "p{i} {{n}}"\ndue = "first day"\n'
    return text


def page(folder, n):
    """The bundled schedule and a page of n paragraphs around its table."""
    shutil.copy("schedule.toml", os.path.join(folder, "s.toml"))
    para = "Some prose about the vision, a line of ordinary length for a page.\n\n"
    with open(os.path.join(folder, "page.md"), "w") as f:
        f.write(para * (n // 2) + "<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n\n"
                + para * (n - n // 2))
    return None


# (dimension, the size to double, writer of its input, the commands that read it).
DIMENSIONS = [
    ("written phases", 20_000, lambda d, n: phases(n),
     [["status"], ["phases", "--format", "json"], ["check"]]),
    ("chain of relative dates", 10_000, lambda d, n: chain(n),
     [["status"], ["phases", "--format", "json"]]),
    ("holiday events", 5_000, holidays, [["status"], ["phases"]]),
    ("documents", 2_000, documents,
     [["-f", "docs", "overdue"], ["-f", "docs", "remind"], ["-f", "docs", "check"]]),
    ("days of --from/--to", 1_000, lambda d, n: cadence(),
     [["phases", "--from", "2010-01-01", "--to", "SPAN", "--format", "json"],
      ["export", "ics", "--from", "2010-01-01", "--to", "SPAN"]]),
    ("cycles before today", 20_000, lambda d, n: cycles(n),
     [["status"], ["overdue", "--format", "json"], ["check"]]),
    ("paragraphs of a page", 20_000, page,
     [["-f", "s.toml", "check", "--page", "page.md"]]),
]


def prepare(root, name, size, writer):
    folder = os.path.join(root, f"{name.replace(' ', '-')}-{size}")
    os.makedirs(folder)
    text = writer(folder, size)
    if text is not None:
        with open(os.path.join(folder, "schedule.toml"), "w") as f:
            f.write(text)
    return folder


def argv(binary, command, size):
    span = str(datetime.date(2010, 1, 1) + datetime.timedelta(days=size))
    args = [a.replace("SPAN", span) for a in command]
    if "-f" not in args:
        args = ["-f", "schedule.toml"] + args
    return [binary, "--today", TODAY] + args


def cpu_ms(cmd, cwd, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} in {cwd} exited {done.returncode}: "
                 f"{done.stderr.decode(errors='replace')[:500]}")
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", default="target/release/vision-sched")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    root = tempfile.mkdtemp(prefix="vision-sched-doubling-")
    home = os.path.join(root, "home")
    os.makedirs(home)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TZ": "UTC",
           "LC_ALL": "C", "XDG_CONFIG_HOME": f"{home}/config", "NO_COLOR": "1"}
    try:
        cases = []
        for name, size, writer, commands in DIMENSIONS:
            folders = [prepare(root, name, n, writer) for n in (size, 2 * size)]
            for command in commands:
                cases.append((name, size, command, folders))
        times = {}
        for _ in range(options.rounds):
            for name, size, command, folders in cases:
                for n, folder in zip((size, 2 * size), folders):
                    key = (name, " ".join(command), n)
                    times.setdefault(key, []).append(cpu_ms(argv(binary, command, n), folder, env))
        over = False
        print(f"| dimension | command | n | ms at n | ms at 2n | ratio |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        for name, size, command, _ in cases:
            shown = " ".join(command).replace("SPAN", "…")
            a = statistics.median(times[(name, " ".join(command), size)])
            b = statistics.median(times[(name, " ".join(command), 2 * size)])
            ratio = b / a if a > 0 else float("inf")
            mark = "" if ratio <= LIMIT else " **over**"
            over |= ratio > LIMIT
            print(f"| {name} | `{shown}` | {size:,} | {a:.0f} | {b:.0f} | {ratio:.2f}{mark} |")
        print(f"\nMedian CPU time (user + system) over {options.rounds} interleaved rounds; "
              f"limit {LIMIT}x.")
        return 1 if over else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
