"""Two or more builds timed in turn, round after round, for a fair before
and after on a machine whose speed drifts (docs/performance.md).

hyperfine runs all of one command's runs, then all of the next: when the
machine slows down between the two (it has, by half, from one half hour to
the next), the later command looks slower for no fault of its own. Here
every round runs each command once, in the order given, so a drift touches
all of them alike. Prints each command's median wall time, its quartiles,
and its median CPU time (user and system, both cores).

Usage:
    python3 benches/interleaved.py ROUNDS FOLDER 'CMD' 'CMD' ...
e.g. python3 benches/interleaved.py 25 /tmp/pf \\
    '/tmp/before status --format json' '/tmp/after status --format json'
Each command runs in FOLDER, its output thrown away, after two warm-up runs.
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
    rounds, folder, commands = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    wall = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    for c in commands:
        for _ in range(2):
            run(c, folder)
    for _ in range(rounds):
        for c in commands:
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


if __name__ == "__main__":
    main()
