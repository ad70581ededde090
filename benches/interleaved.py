"""Two or more builds timed in turn, round after round, for a fair before
and after on a machine whose speed drifts (docs/performance.md).

hyperfine runs all of one command's runs, then all of the next: when the
machine slows down between the two (it has, by half, from one half hour to
the next), the later command looks slower for no fault of its own. Here
every round runs each command once, so a drift touches all of them
alike; the order is reversed every other round, so neither always runs
first. Prints each command's median wall time, its quartiles, and its
median CPU time (user and system, both cores); with two commands, also in
how many rounds the second was faster, and by how much (the median of the
rounds' differences, which a drift between rounds does not move).

Usage:
    python3 benches/interleaved.py [--before 'SHELL'] ROUNDS FOLDER 'CMD' 'CMD' ...
e.g. python3 benches/interleaved.py 25 /tmp/pf \\
    '/tmp/before status --format json' '/tmp/after status --format json'
     python3 benches/interleaved.py --before 'rm -rf data && mkdir data && sync' \\
    21 /tmp/ing '/tmp/before ingest long.csv --plan targets --data data' \\
    '/tmp/after ingest long.csv --plan targets --data data'
Each command runs in FOLDER, its output thrown away, after two warm-up runs;
`--before` runs (untimed, in FOLDER, by the shell) before every run.
Copy each build to a new file just before: on this machine a binary file
written an hour earlier started 0.7 ms slower than a fresh copy of itself
(docs/performance.md, "Issue 26, eleventh step").
"""

import resource
import statistics
import subprocess
import sys
import time


def run(command, folder):
    subprocess.run(command.split(), cwd=folder, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)


def main():
    args = sys.argv[1:]
    prepare = None
    if args[:1] == ["--before"] and len(args) > 1:
        prepare, args = args[1], args[2:]
    if len(args) < 3 or not args[0].isdigit():
        sys.exit(__doc__)
    rounds, folder, commands = int(args[0]), args[1], args[2:]

    def ready():
        if prepare:
            subprocess.run(prepare, shell=True, cwd=folder, check=False)

    wall = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    for c in commands:
        for _ in range(2):
            ready()
            run(c, folder)
    for n in range(rounds):
        for c in commands if n % 2 == 0 else commands[::-1]:
            ready()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            run(c, folder)
            wall[c].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[c].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for c in commands:
        w = sorted(wall[c])
        quartile = lambda f: w[int(f * (len(w) - 1))] * 1000
        print(f"{statistics.median(w) * 1000:7.1f} ms median wall "
              f"(quartiles {quartile(0.25):.1f} to {quartile(0.75):.1f}), "
              f"CPU {statistics.median(cpu[c]) * 1000:.1f} ms   {c}")
    if len(commands) == 2:
        a, b = (wall[c] for c in commands)
        differences = [y - x for x, y in zip(a, b)]
        faster = sum(d < 0 for d in differences)
        middle = statistics.median(differences) * 1000
        print(f"the second faster in {faster} of {rounds} rounds; "
              f"{abs(middle):.1f} ms {'faster' if middle <= 0 else 'slower'} "
              f"(the median of the rounds' differences)")


if __name__ == "__main__":
    main()
