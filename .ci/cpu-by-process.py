#!/usr/bin/env python3
"""CPU of a command and everything it starts, by process name: /usr/bin/time misses the browsers
(Chromium's processes are not waited for by the test host), so this samples /proc instead.

    python3 .ci/cpu-by-process.py -- dotnet test tests/BudgetPortal.Web.Tests -c Release --no-build

Every 0.3 s it reads utime+stime of each process under the command; at the end it prints each
process's largest reading summed by name (Chromium by --type: browser, renderer, gpu-process …).
A process that lives less than 0.3 s may be missed. The PostgreSQL server is not under the command:
read its postmaster's children's time (fields 16 and 17 of /proc/PID/stat) before and after.
"""
import collections, os, re, subprocess, sys, time

HZ = os.sysconf("SC_CLK_TCK")


def processes():
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
            cmdline = open(f"/proc/{pid}/cmdline").read()
        except OSError:
            continue
        end = stat.rindex(")")
        name, fields = stat[stat.index("(") + 1:end], stat[end + 2:].split()
        if name.startswith("chromium"):
            kind = re.search(r"--type=([a-z-]+)", cmdline)
            name = f"chromium:{kind.group(1) if kind else 'browser'}"
        found[int(pid)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / HZ)
    return found


def main():
    command = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    child = subprocess.Popen(command)
    largest = {}
    while child.poll() is None:
        found = processes()
        children = collections.defaultdict(list)
        for pid, (parent, _, _) in found.items():
            children[parent].append(pid)
        stack, seen = [child.pid], set()
        while stack:
            pid = stack.pop()
            if pid not in seen:
                seen.add(pid)
                stack.extend(children[pid])
        for pid in seen & found.keys():
            _, name, cpu = found[pid]
            if cpu >= largest.get(pid, ("", 0.0))[1]:
                largest[pid] = (name, cpu)
        time.sleep(0.3)
    by_name = collections.defaultdict(float)
    for name, cpu in largest.values():
        by_name[name] += cpu
    for name, cpu in sorted(by_name.items(), key=lambda x: -x[1]):
        print(f"{cpu:8.1f} s  {name}", file=sys.stderr)
    print(f"{sum(by_name.values()):8.1f} s  in all", file=sys.stderr)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
