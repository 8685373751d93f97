"""The measuring half of scripts/bench.sh: times whole processes in strictly alternating pairs and
prints Markdown tables, with each figure's target and whether it is met.

    python3 scripts/bench_pairs.py quick|full INPUTS STATIC DEFAULT HELLO_STATIC HELLO_DEFAULT

INPUTS is the folder bench_inputs.py wrote; the four binaries are vision-sched's static and
default release builds and a hello world built each way.

A pair is one run of A, then one of B (vision-sched, then remind or a hello world, on the same
events); its ratio is A/B and its difference A - B. Pairs of several kinds take turns, so a
neighbour's load falls alike on both halves of a pair. A set is a number of pairs of every row
of a table; sets run one after another over the whole table, so that they see different moments
of the machine. A figure is the median over sets of each set's median, with the lowest and
highest set median beside it: "1.04 (0.98-1.10)".

Each time is perf_counter_ns around subprocess.run, output to /dev/null: it includes starting
the process, and so does the hello world's, which is the floor of this harness. The child's CPU
time (user + system, from getrusage) is kept too: the cost of a phase is given in both, since a
long run waits for a core on a busy machine far more than a short one.
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = ("status", "upcoming", "overdue", "phases", "remind", "check")
EVERYDAY = ("bundled", "8", "40", "200")
LARGE = ("1000", "10000", "100000")

# (sets, pairs of each kind in a set) for each input, per mode.
PLAN = {
    "full": {"bundled": (5, 200), "8": (5, 200), "40": (5, 200), "200": (5, 200),
             "1000": (5, 50), "10000": (5, 10), "100000": (3, 3), "portfolio": (3, 3)},
    "quick": {"bundled": (2, 10), "8": (2, 10), "40": (2, 10), "200": (2, 10),
              "1000": (2, 5), "10000": (2, 2), "100000": (1, 1), "portfolio": (1, 1)},
}
MEMORY_RUNS = {"full": 3, "quick": 1}

# Nothing from the user's environment: no config file, no VISION_SCHED_* variables.
HOME = tempfile.mkdtemp(prefix="vision-sched-bench-")
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": HOME, "TZ": "UTC",
       "LC_ALL": "C", "XDG_CONFIG_HOME": f"{HOME}/config", "XDG_CACHE_HOME": f"{HOME}/cache"}


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv):
    """One run: its wall time and its CPU time (user + system, which time spent waiting for a
    core on a busy machine does not inflate), in ms, and its exit code."""
    cpu = cpu_of_children()
    start = time.perf_counter_ns()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    wall = (time.perf_counter_ns() - start) / 1e6
    return (wall, (cpu_of_children() - cpu) * 1e3), done.returncode


class Command:
    """A command line whose exit code must stay what its first run gave: check exits 1 when a
    milestone is overdue; 2 is bad input, a broken benchmark, shown and fatal."""

    def __init__(self, argv):
        self.argv = argv
        self.code = None

    def time(self):
        """(wall ms, CPU ms) of one run."""
        ms, code = run(self.argv)
        if self.code is None and code not in (0, 1):
            done = subprocess.run(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env=ENV, text=True)
            sys.exit(f"bench: {' '.join(self.argv)} exited {code}:\n{done.stderr}")
        if self.code is None:
            self.code = code
        if code != self.code:
            sys.exit(f"bench: {' '.join(self.argv)} exited {code}, before {self.code}")
        return ms


class Pairs:
    """The pairs of one kind (A then B) of one row, grouped by set."""

    def __init__(self, a, b):
        self.a, self.b = a, b
        self.sets = []

    def new_set(self):
        self.sets.append([])

    def once(self):
        self.sets[-1].append((self.a.time(), self.b.time()))

    def _over_sets(self, per_pair, cpu):
        i = 1 if cpu else 0
        meds = [statistics.median(per_pair(a[i], b[i]) for a, b in s) for s in self.sets]
        return statistics.median(meds), min(meds), max(meds)

    def ratio(self):
        return self._over_sets(lambda a, b: a / b, cpu=False)

    def diff(self, cpu=False):
        return self._over_sets(lambda a, b: a - b, cpu)

    def a_ms(self):
        return self._over_sets(lambda a, b: a, cpu=False)[0]

    def b_ms(self):
        return self._over_sets(lambda a, b: b, cpu=False)[0]


def measure(title, rows, plan_of):
    """Runs every row's pairs: set after set over all rows, and within a row the kinds taking
    turns, pair by pair. rows: [(input, {kind: Pairs})]."""
    most = max(plan_of(name)[0] for name, _ in rows)
    for s in range(most):
        print(f"bench: {title}, set {s + 1} of {most}", file=sys.stderr, flush=True)
        for name, kinds in rows:
            sets, pairs = plan_of(name)
            if s >= sets:
                continue
            for p in kinds.values():
                p.new_set()
            for _ in range(pairs):
                for p in kinds.values():
                    p.once()


def peak_mb(argv, runs):
    """Median peak resident set over runs, in MB (GNU time's %M is in KiB)."""
    out = []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as f:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name, *argv],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
            out.append(int(f.read().split()[-1]))
    return statistics.median(out) * 1024 / 1e6


def fmt(figure, digits=2):
    mid, lo, hi = figure
    return f"{mid:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


def verdict(value, limit, unit="x"):
    """"met", or how far over its limit a figure is: a ratio's miss as a factor of the limit."""
    if value <= limit:
        return "met"
    if unit == "x":
        return f"**miss: {value / limit:.2f}x the limit**"
    return f"**miss by {value - limit:.0f} {unit}**"


def main(mode, inputs, static, default, hello_static, hello_default):
    plan = PLAN[mode]
    cases = {}
    with open(f"{inputs}/cases", encoding="utf-8") as f:
        for line in f:
            name, schedule, rem, today = line.split()
            cases[name] = (schedule, rem, today)

    def vs(binary, name, command):
        schedule, _, today = cases[name]
        return Command([binary, "-f", schedule, "--today", today, "--color", "never", command])

    def remind(name):
        _, rem, today = cases[name]
        return Command(["remind", "-q", rem, today])

    hs, hd = Command([hello_static]), Command([hello_default])
    started = time.monotonic()

    # Everyday schedules: both builds against remind, and each against its hello world.
    everyday = []
    for name in EVERYDAY:
        r = remind(name)
        for c in COMMANDS:
            s, d = vs(static, name, c), vs(default, name, c)
            everyday.append((name, {"s/r": Pairs(s, r), "d/r": Pairs(d, r),
                                    "s-h": Pairs(s, hs), "d-h": Pairs(d, hd)}))
    measure("everyday schedules", everyday, plan.get)
    sets, pairs = plan["8"]
    print(f"### Everyday schedules ({sets} sets of {pairs} pairs of each kind)\n")
    first = everyday[0][1]
    print(f"A hello world through this harness: static {first['s-h'].b_ms():.2f} ms, "
          f"default {first['d-h'].b_ms():.2f} ms.\n")
    print("| input | command | static ms | remind ms | static / remind | target | "
          "default / remind | static − hello ms | default − hello ms |")
    print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    for (name, k), c in zip(everyday, COMMANDS * len(EVERYDAY)):
        limit = 1.3 if name == "200" else 1.1
        ratio = k["s/r"].ratio()
        print(f"| {name} | {c} | {k['s/r'].a_ms():.2f} | {k['s/r'].b_ms():.2f} | {fmt(ratio)} "
              f"| ≤ {limit}: {verdict(ratio[0], limit)} | {fmt(k['d/r'].ratio())} "
              f"| {fmt(k['s-h'].diff())} | {fmt(k['d-h'].diff())} |")
    print(f"\n({time.monotonic() - started:.0f} s so far)\n", flush=True)

    # 1,000 to 100,000 phases: the static build against remind, and against itself on 8 phases
    # for the cost of a phase above start-up.
    large = []
    for name in LARGE:
        r = remind(name)
        for c in COMMANDS:
            s = vs(static, name, c)
            large.append((name, {"s/r": Pairs(s, r), "s-8": Pairs(s, vs(static, "8", c))}))
    biggest = {c: k["s/r"] for (name, k), c in zip(large, COMMANDS * len(LARGE))
               if name == LARGE[-1]}
    measure("1,000 to 100,000 phases", large, plan.get)
    print("### 1,000 to 100,000 phases (static build; sets × pairs: "
          + ", ".join(f"{n}: {plan[n][0]} × {plan[n][1]}" for n in LARGE) + ")\n")
    print("| phases | command | static ms | remind ms | static / remind | target ≤ 5 "
          "| above 8 phases ms |")
    print("| ---: | --- | ---: | ---: | ---: | --- | ---: |")
    # µs a phase above 8 phases, wall and CPU, for each command: [(wall, cpu) at each size].
    per_phase = {c: [] for c in COMMANDS}
    for (name, k), c in zip(large, COMMANDS * len(LARGE)):
        n = int(name)
        ratio, above = k["s/r"].ratio(), k["s-8"].diff()
        per_phase[c].append(tuple(k["s-8"].diff(cpu)[0] / (n - 8) * 1000
                                  for cpu in (False, True)))
        print(f"| {n:,} | {c} | {k['s/r'].a_ms():.1f} | {k['s/r'].b_ms():.1f} | {fmt(ratio)} "
              f"| {verdict(ratio[0], 5)} | {fmt(above, 1)} |")

    runs = MEMORY_RUNS[mode]
    print("\nLinearity: the cost of a phase above 8 phases, (time at N - time at 8) / (N - 8), "
          "in µs, at N = 1,000 / 10,000 / 100,000, in wall time and in CPU time (user + "
          f"system); memory at 100,000 phases (peak resident set, median of {runs}):\n")
    print("| command | wall µs a phase | largest / smallest | CPU µs a phase "
          "| largest / smallest | target ≤ 1.5 | peak MB | target < 300 |")
    print("| --- | --- | ---: | --- | ---: | --- | ---: | --- |")
    for c in COMMANDS:
        cells = []
        for i in (0, 1):
            costs = [x[i] for x in per_phase[c]]
            spread = max(costs) / min(costs) if min(costs) > 0 else float("inf")
            cells.append((" / ".join(f"{x:.2f}" for x in costs), spread))
        (wall, wall_spread), (cpu, cpu_spread) = cells
        mb = peak_mb(biggest[c].a.argv, runs)
        print(f"| {c} | {wall} | {wall_spread:.2f} | {cpu} | {cpu_spread:.2f} "
              f"| wall: {verdict(wall_spread, 1.5)}; CPU: {verdict(cpu_spread, 1.5)} "
              f"| {mb:.0f} | {verdict(mb, 300, 'MB')} |")
    mb = peak_mb(biggest["status"].b.argv, runs)
    print(f"| remind (the C tool) | | | | | | {mb:.1f} | |")
    print(f"\n({time.monotonic() - started:.0f} s so far)\n", flush=True)

    # 10,000 files of 20 phases: `-f DIR` against remind INCLUDEing one file per schedule.
    r = remind("portfolio")
    folder = [("portfolio", {"s/r": Pairs(vs(static, "portfolio", c), r)}) for c in COMMANDS]
    measure("10,000 files", folder, plan.get)
    sets, pairs = plan["portfolio"]
    print(f"### 10,000 files of 20 phases, `-f DIR` (static build; {sets} sets of {pairs} "
          f"pairs; peak memory: median of {runs})\n")
    print("| command | static ms | remind ms | static / remind | target < 1 s | target ≤ 1.5 "
          "| peak MB |")
    print("| --- | ---: | ---: | ---: | --- | --- | ---: |")
    for (_, k), c in zip(folder, COMMANDS):
        ms, ratio = k["s/r"].a_ms(), k["s/r"].ratio()
        mb = peak_mb(k["s/r"].a.argv, runs)
        print(f"| {c} | {ms:.0f} | {k['s/r'].b_ms():.0f} | {fmt(ratio)} "
              f"| {verdict(ms, 1000, 'ms')} | {verdict(ratio[0], 1.5)} | {mb:.0f} |")
    mb = peak_mb(r.argv, runs)
    print(f"| remind (the C tool) | | | | | | {mb:.1f} |")
    print(f"\n(measured in {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    if len(sys.argv) != 7 or sys.argv[1] not in PLAN:
        sys.exit(__doc__.split("\n\n")[1])
    main(*sys.argv[1:])
