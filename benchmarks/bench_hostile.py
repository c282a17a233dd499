"""Peak memory and time of `quotes extract` on hostile articles, against a normal one.

    python benchmarks/bench_hostile.py [--case TEXT]... [--tree DIR] [--article-timeout S]
                                       [--ingest WORKERS] [--limit-seconds S] [--limit-mb MB]

Each case of `hostile_texts.CASES` (runs of 16,000 quotation marks, brackets or
exclamation marks; 200 KB of nested quotes; 0.9 M characters of prose and of quotes; a
3 M-character text let through with `--max-chars`; a 30 MB text) is written to a file
and given to `quotes extract FILE -o OUT` in a new process, whose resident memory (RSS,
with any child) is sampled every 0.05 s. The first case, a normal 5,000-character
article, is the baseline of the same run: the machine is shared and its speed swings, so
each case is also given as a multiple of it.

`--tree DIR` runs the `quotes` package found in DIR instead (say, an older release
unpacked with `git archive HEAD~3 quotes | tar -x -C DIR`), for a before/after
comparison; each runs with its own defaults (the first line says which limits it has),
and options it lacks are left out. `--article-timeout S` is passed to every case. A case
is stopped when it passes `--limit-seconds` (default 300) or `--limit-mb` of memory
(default 4096), and its figures are then printed as lower bounds (">"). `--ingest 2`
then stores all the cases in one `quotes ingest --workers 2` run and prints the peak
memory of the command and its workers together: the bound for a whole run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_texts import CASES, OPTIONS, write_cases
from peak_memory import PeakMemory

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    seconds: float
    peak_mb: float
    status: str
    quotes: int
    note: str


def main() -> None:
    options = arguments()
    tree = Path(options.tree).resolve() if options.tree else ROOT
    supported = supported_options(tree)
    print(f"quotes from {tree}; options: {' '.join(supported) or 'none of the new ones'}")
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        wanted = [next(iter(CASES)), *options.case] if options.case else None
        paths = write_cases(Path(folder), wanted)
        runs = {}
        for name, path in paths.items():
            extra = OPTIONS.get(name, [])
            if options.article_timeout:
                extra = [*extra, "--article-timeout", options.article_timeout]
            extra = [arg for n, arg in enumerate(extra)
                     if (arg if arg.startswith("--") else extra[n - 1]) in supported]
            runs[name] = run_case(tree, path, extra, options)
            show(name, path, runs[name], runs[next(iter(runs))])
        if options.ingest:
            run = run_ingest(tree, Path(folder), supported, options)
            print(f"all of them in one `quotes ingest --workers {options.ingest}`: "
                  f"{'>' if run.status == 'killed' else ''}{run.seconds:.1f} s, peak {run.peak_mb:.0f} MB"
                  f" (the command and its workers), exit {run.status}; {run.note}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", default=[],
                        help="Run only the cases whose name holds TEXT (the baseline always runs).")
    parser.add_argument("--tree", help="Run the quotes package in this source tree.")
    parser.add_argument("--article-timeout", help="Pass --article-timeout to quotes extract.")
    parser.add_argument("--ingest", type=int, metavar="WORKERS",
                        help="Then ingest all the cases at once with this many workers.")
    parser.add_argument("--limit-seconds", type=float, default=300.0)
    parser.add_argument("--limit-mb", type=float, default=4096.0)
    return parser.parse_args()


def supported_options(tree: Path) -> list[str]:
    """The new options `quotes extract` of `tree` knows."""
    helptext = subprocess.run(quotes_command(tree) + ["extract", "--help"], env=environment(tree),
                              capture_output=True, text=True, check=True).stdout
    return [option for option in ("--max-chars", "--article-timeout") if option in helptext]


def quotes_command(tree: Path) -> list[str]:
    """The `quotes` command of `tree`, past the editable install of this one."""
    if tree == ROOT:
        return [sys.executable, "-m", "quotes"]
    code = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path"
            " if 'editable' not in getattr(f, '__module__', '')];"
            f" sys.path.insert(0, {str(tree)!r}); from quotes.cli import cli; cli(prog_name='quotes')")
    return [sys.executable, "-c", code]


def environment(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def run_case(tree: Path, path: Path, extra: list[str], options: argparse.Namespace) -> Run:
    output = path.with_suffix(".jsonl")
    command = quotes_command(tree) + ["extract", str(path), "-o", str(output), "--no-progress", *extra]
    run = measure(tree, command, options)
    if output.exists():
        run.quotes = sum(line.count('"rule"') for line in output.read_text(encoding="utf-8").splitlines())
    return run


def run_ingest(tree: Path, folder: Path, supported: list[str], options: argparse.Namespace) -> Run:
    """Every case file of `folder` in one ingest into a new database."""
    cases = [str(path) for path in sorted(folder.glob("case*.txt"))]
    command = quotes_command(tree) + ["ingest", *cases, "--db", str(folder / "quotes.db"),
                                      "--workers", str(options.ingest), "--no-progress"]
    if "--article-timeout" in supported and options.article_timeout:
        command += ["--article-timeout", options.article_timeout]
    return measure(tree, command, options)


def measure(tree: Path, command: list[str], options: argparse.Namespace) -> Run:
    """Run `command`, sampling its memory, stopped past the limits."""
    started = time.perf_counter()
    process = psutil.Popen(command, env=environment(tree), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    peak = PeakMemory(process, every=0.05)
    note = ""
    while process.poll() is None:
        elapsed = time.perf_counter() - started
        if elapsed > options.limit_seconds or peak.bytes > options.limit_mb * 2**20:
            note = "stopped: over the time limit" if elapsed > options.limit_seconds \
                else "stopped: over the memory limit"
            for child in [*process.children(recursive=True), process]:
                child.kill()
            break
        time.sleep(0.05)
    errors = process.communicate()[1]
    seconds = time.perf_counter() - started
    peak.stop()
    if not note:
        lines = [line for line in errors.splitlines() if line.strip()]
        note = lines[-1][:110] if lines else ""
    status = "killed" if note.startswith("stopped") else str(process.returncode)
    return Run(seconds, peak.bytes / 2**20, status, 0, note)


def show(name: str, path: Path, run: Run, baseline: Run) -> None:
    bound = ">" if run.status == "killed" else ""
    size = path.stat().st_size
    print(f"{name:<36} {size / 1e6:6.2f} MB  {bound}{run.seconds:7.1f} s ({run.seconds / baseline.seconds:5.1f} x)"
          f"  peak {bound}{run.peak_mb:6.0f} MB ({run.peak_mb / baseline.peak_mb:4.1f} x)"
          f"  exit {run.status:>6}  {run.quotes:6} quotes  {run.note}", flush=True)


if __name__ == "__main__":
    main()
