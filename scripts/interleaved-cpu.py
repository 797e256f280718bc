#!/usr/bin/env python3
"""Paired whole-process timings: runs each command in turn, round after round, so that a change in the machine's
load touches every command alike (hyperfine runs one command's batch after another's). Prints each command's
median wall and CPU (user + system, from wait4) time, and its ratio to the first command's.

usage: interleaved-cpu.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]   (COMMAND split as a shell would; no shell runs)
"""
import os
import shlex
import statistics
import sys
import time

WARMUP = 5


def main() -> None:
    rounds = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    wall = {name: [] for name, _ in commands}
    cpu = {name: [] for name, _ in commands}
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    for round_ in range(WARMUP + rounds):
        for name, command in commands:
            argv = shlex.split(command)
            start = time.perf_counter()
            pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=quiet)
            _, status, usage = os.wait4(pid, 0)
            elapsed = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"interleaved-cpu: '{command}' exited with {os.waitstatus_to_exitcode(status)}")
            if round_ >= WARMUP:
                wall[name].append(elapsed * 1000)
                cpu[name].append((usage.ru_utime + usage.ru_stime) * 1000)
    first = commands[0][0]
    base_wall, base_cpu = statistics.median(wall[first]), statistics.median(cpu[first])
    print(f"| Command ({rounds} interleaved rounds) | Wall median [ms] | Relative | CPU median [ms] | Relative |")
    print("|:---|---:|---:|---:|---:|")
    for name, _ in commands:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"| {name} | {w:.2f} | {w / base_wall:.2f} | {c:.2f} | {c / base_cpu:.2f} |")


if __name__ == "__main__":
    main()
