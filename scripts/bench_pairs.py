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

import atexit
import os
import resource
import shutil
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
atexit.register(shutil.rmtree, HOME, ignore_errors=True)
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
    """"met", or how far over its limit a figure is: a ratio's miss in percent under twice the
    limit, as a factor of it above."""
    if value <= limit:
        return "met"
    if unit != "x":
        return f"**miss by {value - limit:.0f} {unit}**"
    if value < 2 * limit:
        return f"**miss: {(value / limit - 1) * 100:.1f}% over**"
    return f"**miss: {value / limit:.1f}x the limit**"


class Inputs:
    """The cases bench_inputs.py listed, and the command lines that read them."""

    def __init__(self, folder):
        self.cases = {}
        with open(f"{folder}/cases", encoding="utf-8") as f:
            for line in f:
                name, schedule, rem, today = line.split()
                self.cases[name] = (schedule, rem, today)

    def vs(self, binary, name, command):
        schedule, _, today = self.cases[name]
        return Command([binary, "-f", schedule, "--today", today, "--color", "never", command])

    def remind(self, name):
        _, rem, today = self.cases[name]
        return Command(["remind", "-q", rem, today])


def everyday(plan, inputs, static, default, hs, hd):
    """Both builds against remind, each against its hello world, and remind against the static
    hello world (its own distance from a bare process, for comparison)."""
    rows, floors = [], []
    for name in EVERYDAY:
        r = inputs.remind(name)
        floors.append((name, {"r-h": Pairs(r, hs)}))
        for c in COMMANDS:
            s, d = inputs.vs(static, name, c), inputs.vs(default, name, c)
            rows.append((name, {"s/r": Pairs(s, r), "d/r": Pairs(d, r),
                                "s-h": Pairs(s, hs), "d-h": Pairs(d, hd)}))
    measure("everyday schedules", rows + floors, plan.get)

    sets, pairs = plan["8"]
    print(f"### Everyday schedules ({sets} sets of {pairs} pairs of each kind)\n")
    print("| input | command | static ms | remind ms | static / remind | target "
          "| default / remind | static − hello ms | default − hello ms |")
    print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    for (name, k), c in zip(rows, COMMANDS * len(EVERYDAY)):
        limit = 1.3 if name == "200" else 1.1
        ratio = k["s/r"].ratio()
        print(f"| {name} | {c} | {k['s/r'].a_ms():.2f} | {k['s/r'].b_ms():.2f} | {fmt(ratio)} "
              f"| ≤ {limit}: {verdict(ratio[0], limit)} | {fmt(k['d/r'].ratio())} "
              f"| {fmt(k['s-h'].diff())} | {fmt(k['d-h'].diff())} |")
    floor_s, floor_d = floors[0][1]["r-h"].b_ms(), rows[0][1]["d-h"].b_ms()
    remind_above = "; ".join(f"{name} {fmt(k['r-h'].diff())}" for name, k in floors)
    print(f"\nA hello world through this harness: static {floor_s:.2f} ms, default "
          f"{floor_d:.2f} ms. remind − static hello, ms: {remind_above}.\n")


def large(plan, inputs, static, runs):
    """The static build against remind, and against itself on 8 phases: the cost of a phase
    above start-up, (time at N - time at 8) / (N - 8)."""
    rows = []
    for name in LARGE:
        r = inputs.remind(name)
        for c in COMMANDS:
            s = inputs.vs(static, name, c)
            eight = inputs.vs(static, "8", c)
            rows.append((name, c, {"s/r": Pairs(s, r), "s-8": Pairs(s, eight)}))
    measure("1,000 to 100,000 phases", [(name, k) for name, _, k in rows], plan.get)

    plans = ", ".join(f"{int(n):,}: {plan[n][0]} × {plan[n][1]}" for n in LARGE)
    print(f"### 1,000 to 100,000 phases (static build; sets × pairs: {plans})\n")
    print("µs a phase: the cost of a phase above 8 phases at 1,000 / 10,000 / 100,000 phases "
          "(largest / smallest), in wall time and in CPU time (user + system). Peak resident "
          f"set at 100,000 phases: median of {runs}.\n")
    print("| command | static / remind at 1,000 | at 10,000 | at 100,000 | target ≤ 5 "
          "| ms at 100,000 (remind) | wall µs a phase | CPU µs a phase | target ≤ 1.5 "
          "| peak MB (< 300) |")
    print("| --- | ---: | ---: | ---: | --- | ---: | --- | --- | --- | ---: |")
    for c in COMMANDS:
        mine = [(int(name), k) for name, cmd, k in rows if cmd == c]
        ratios = [(n, k["s/r"].ratio()) for n, k in mine]
        over = [f"{n:,}: {verdict(r[0], 5)}" for n, r in ratios if r[0] > 5]
        costs, flat = [], []
        for cpu in (False, True):
            each = [k["s-8"].diff(cpu)[0] / (n - 8) * 1000 for n, k in mine]
            spread = max(each) / min(each) if min(each) > 0 else float("inf")
            costs.append(" / ".join(f"{x:.2f}" for x in each) + f" ({spread:.2f})")
            flat.append(f"{'CPU' if cpu else 'wall'} {verdict(spread, 1.5)}")
        biggest = mine[-1][1]["s/r"]
        mb = peak_mb(biggest.a.argv, runs)
        print(f"| {c} | " + " | ".join(fmt(r) for _, r in ratios)
              + f" | {'; '.join(over) or 'met'} "
              f"| {biggest.a_ms():.0f} ({biggest.b_ms():.0f}) | {costs[0]} | {costs[1]} "
              f"| {', '.join(reversed(flat))} | {mb:.0f}: {verdict(mb, 300, 'MB')} |")
    mb = peak_mb(rows[-1][2]["s/r"].b.argv, runs)
    print(f"\nremind's peak resident set at 100,000 phases: {mb:.1f} MB.\n")


def folder(plan, inputs, static, runs):
    """`-f DIR` on 10,000 files against remind INCLUDEing one file per schedule."""
    r = inputs.remind("portfolio")
    rows = [(c, Pairs(inputs.vs(static, "portfolio", c), r)) for c in COMMANDS]
    measure("10,000 files", [("portfolio", {"s/r": p}) for _, p in rows], plan.get)

    sets, pairs = plan["portfolio"]
    print(f"### 10,000 files of 20 phases, `-f DIR` (static build; {sets} sets of {pairs} "
          f"pairs; peak resident set: median of {runs})\n")
    print("| command | static ms | remind ms | static / remind | target < 1 s | target ≤ 1.5 "
          "| peak MB |")
    print("| --- | ---: | ---: | ---: | --- | --- | ---: |")
    for c, p in rows:
        ms, ratio = p.a_ms(), p.ratio()
        print(f"| {c} | {ms:.0f} | {p.b_ms():.0f} | {fmt(ratio)} | {verdict(ms, 1000, 'ms')} "
              f"| {verdict(ratio[0], 1.5)} | {peak_mb(p.a.argv, runs):.0f} |")
    print(f"\nremind's peak resident set: {peak_mb(r.argv, runs):.1f} MB.\n")


def main(mode, folder_of_inputs, static, default, hello_static, hello_default):
    plan, runs = PLAN[mode], MEMORY_RUNS[mode]
    inputs = Inputs(folder_of_inputs)
    started = time.monotonic()
    everyday(plan, inputs, static, default, Command([hello_static]), Command([hello_default]))
    large(plan, inputs, static, runs)
    folder(plan, inputs, static, runs)
    print(f"(measured in {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    if len(sys.argv) != 7 or sys.argv[1] not in PLAN:
        sys.exit(__doc__.split("\n\n")[1])
    main(*sys.argv[1:])
