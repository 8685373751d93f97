"""Writes the inputs of scripts/bench.sh into a folder (target/bench/inputs): each schedule with a
remind file of the same events, so that both programs read the same things.

    python3 scripts/bench_inputs.py OUT

- s{N}.toml and s{N}.rem for N phases (8 to 100,000): phase i starts on day i from 2000-01-01;
  a third are two-week windows, the rest milestones, delivered two days late except every
  tenth, never delivered. Today is the middle day.
- bundled.rem: the bundled schedule.toml's 2021 rows, for 2021-06-20.
- portfolio/tree/: 10,000 schedule files of 20 phases (8 written, 12 from a yearly cadence) in
  folders of 100, for `-f DIR`; portfolio/rem/: the same events, one remind file per schedule,
  INCLUDEd by portfolio/rem/all.rem.
- cases: one line per case, `name schedule remind-file today`, read by bench_pairs.py.

A remind file holds one `REM date MSG text` line per event that can still fire: a window's
start and end, a milestone's due date unless it was done by today.
"""

import datetime
import os
import sys

SIZES = (8, 40, 200, 1000, 10000, 100000)
PORTFOLIO_FILES = 10000
PORTFOLIO_TODAY = datetime.date(2026, 12, 1)


def day(base, i):
    return base + datetime.timedelta(days=i)


def generated(n):
    """The schedule of n phases, its remind file, and its today."""
    base = datetime.date(2000, 1, 1)
    today = day(base, n // 2)
    toml = ['[document]', 'timezone = "UTC"']
    rem = []
    for i in range(n):
        name = f"Phase {i} of the generated schedule"
        d = day(base, i)
        toml += ['', '[[phase]]', f'name = "{name}"']
        if i % 3 == 0:
            end = day(base, i + 13)
            toml += [f'start = {d}', f'end = {end}']
            rem += [f"REM {d} MSG {name} starts", f"REM {end} MSG {name} ends"]
        elif i % 10 == 9:
            toml += [f'due = {d}']
            rem += [f"REM {d} MSG {name} due"]
        else:
            done = day(base, i + 2)
            toml += [f'due = {d}', f'done = {done}']
            if done > today:
                rem += [f"REM {d} MSG {name} due"]
    return '\n'.join(toml) + '\n', '\n'.join(rem) + '\n', today


def bundled():
    """schedule.toml's 2021 rows (the ones that matter on 2021-06-20) as remind lines."""
    rem = [
        "REM 2021-03-31 MSG Drafting initial stories and proposals ends",
        "REM 2021-03-31 MSG 2021 Q1 revision published due",
    ]
    for q, (s, e) in {2: ('06-14', '06-30'), 3: ('09-13', '09-30'), 4: ('11-29', '12-10')}.items():
        rem += [f"REM 2021-{s} MSG 2021 Q{q} revision process begins starts",
                f"REM 2021-{e} MSG 2021 Q{q} revision process begins ends",
                f"REM 2021-{e} MSG 2021 Q{q} revision published due"]
    return '\n'.join(rem) + '\n'


def policy(f):
    """Portfolio file f: 8 written phases and a yearly review cadence of 6 cycles (12 phases)."""
    base = datetime.date(2022, 1, 1)
    toml = [f'[document]\ntitle = "Policy {f}"\n']
    rem = []
    for i in range(8):
        k = (f * 37 + i * 131) % 1400
        name = f"Step {i}"
        d = day(base, k)
        if i % 4 == 0:
            toml.append(f'[[phase]]\nname = "{name}"\nstart = {d}\nend = {day(base, k + 13)}\n')
            rem += [f"REM {d} MSG Policy {f}: {name} starts",
                    f"REM {day(base, k + 13)} MSG Policy {f}: {name} ends"]
        elif i % 4 == 1:
            toml.append(f'[[phase]]\nname = "{name}"\ndue = {d}\n')
            rem.append(f"REM {d} MSG Policy {f}: {name} due")
        else:
            toml.append(f'[[phase]]\nname = "{name}"\ndue = {d}\ndone = {day(base, k + 2)}\n')
            if day(base, k + 2) > PORTFOLIO_TODAY:
                rem.append(f"REM {d} MSG Policy {f}: {name} due")
    month = f % 12 + 1
    toml.append(f'[[cadence]]\nevery = "year"\nfrom = 2022-{month:02d}-01\ncount = 6\n\n'
                '[[cadence.phase]]\nname = "{year} review window"\nstart = "first day"\n'
                'end = "day 14"\n\n'
                '[[cadence.phase]]\nname = "{year} review"\ndue = "day 14"\n')
    for y in range(2022, 2028):
        s, e = datetime.date(y, month, 1), datetime.date(y, month, 14)
        rem += [f"REM {s} MSG Policy {f}: {y} review window starts",
                f"REM {e} MSG Policy {f}: {y} review window ends",
                f"REM {e} MSG Policy {f}: {y} review due"]
    return '\n'.join(toml), '\n'.join(rem) + '\n'


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main(out):
    os.makedirs(out, exist_ok=True)
    cases = [f"bundled schedule.toml {out}/bundled.rem 2021-06-20"]
    write(f"{out}/bundled.rem", bundled())
    for n in SIZES:
        toml, rem, today = generated(n)
        write(f"{out}/s{n}.toml", toml)
        write(f"{out}/s{n}.rem", rem)
        cases.append(f"{n} {out}/s{n}.toml {out}/s{n}.rem {today}")

    root = f"{out}/portfolio"
    top = []
    for f in range(PORTFOLIO_FILES):
        team = f"team{f // 100:03d}"
        os.makedirs(f"{root}/tree/{team}", exist_ok=True)
        os.makedirs(f"{root}/rem/{team}", exist_ok=True)
        toml, rem = policy(f)
        write(f"{root}/tree/{team}/policy{f:05d}.toml", toml)
        write(f"{root}/rem/{team}/policy{f:05d}.rem", rem)
        top.append(f"INCLUDE {root}/rem/{team}/policy{f:05d}.rem")
    write(f"{root}/rem/all.rem", '\n'.join(top) + '\n')
    cases.append(f"portfolio {root}/tree {root}/rem/all.rem {PORTFOLIO_TODAY}")
    write(f"{out}/cases", '\n'.join(cases) + '\n')


if __name__ == '__main__':
    main(sys.argv[1])
