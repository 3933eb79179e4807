"""Wall time and peak RSS of one command, for the side-by-side benchmark scripts."""
import os
import subprocess
import time


def run_once(argv):
    """Milliseconds one run of argv takes (its output discarded); exits on a failed run."""
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr.decode()}")
    return elapsed


def peak_rss_mb(argv):
    """Peak RSS of one run in MB from GNU time (`/usr/bin/time -f %M`); NaN without it."""
    if not os.access("/usr/bin/time", os.X_OK):
        return float("nan")
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return int(proc.stderr.decode().strip().splitlines()[-1]) / 1024.0
