"""Build benchmark (issue 7): how long a build takes, by stage, cold, up to date and incremental,
at 5 to 2,225 sources, with the peak memory of each, in one run. `make bench` runs it.

    .venv/bin/python benchmarks/build.py            # the whole table (about 10 minutes on 2 cores)
    .venv/bin/python benchmarks/build.py --quick    # leaves out N = 2,225
    .venv/bin/python benchmarks/build.py --sizes 500,2225 --out results.md

Rows:
  (a)  cold build of the seed brief (sources/ and briefgen.toml), broken down by stage;
  (b)  the same build again with nothing changed ("up to date"), by the pipeline API and by the CLI;
  (c)  200 BBC articles built, one more added, rebuilt; against a cold build of the same 201; and the
       same rebuild in a process that stays up between builds, as ``briefgen watch`` does;
  (d)  cold builds over N BBC articles (N = 500 and 2,225);
  and the analysis stage's time divided by spaCy's bare ``nlp.pipe`` over the same texts, with the
  same components and the same number of processes (the model's loading counted in both). Both are
  run twice, build / bare / bare / build, and the least time of each side is used: on a shared
  machine one pair alone can be off by a tenth either way.

Every build runs in a child process of its own, in its own temporary folder, through the pipeline
API as a user's script would (`briefgen.pipeline.build`), so that its peak memory can be measured:
"peak RSS" is the largest single process (``ru_maxrss`` from ``wait4``), "peak PSS" the largest sum of
proportional set sizes over the child's whole process tree (spaCy workers and the browser included),
sampled every second from /proc. The BBC articles come from the BBC News Summary set, fetched into the
git-ignored benchmarks/data/bbc/ (see docs/quality.md); rows that need it say so when it is missing.
The table goes to stdout and to benchmarks/data/build-bench.md (with the raw numbers in .json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
ARTICLES = DATA / "bbc" / "News Articles"
BBC_TOTAL = 2225
PYTHON = sys.executable
GiB = 1024**3
#: Seconds between two samples of the process tree's PSS. Reading smaps_rollup walks every mapping of
#: every process: about 45 ms for a tree with Chromium in it, so a sample every 0.2 s took a fifth of
#: a core from the build it measured (and less from the bare nlp.pipe, which has no browser).
PSS_INTERVAL = 1.0

# --------------------------------------------------------------------------------------------------
# Children: each measurement runs in a process of its own.


def child_build(config_path: str, output: str, force: bool) -> dict:
    from briefgen.config import load_config
    from briefgen.pipeline import build

    config = load_config(Path(config_path), overrides={"paths.output": output})
    start = time.perf_counter()
    result = build(config, config_path=Path(config_path), force=force)
    return _outcome(result, time.perf_counter() - start)


def _outcome(result, seconds: float) -> dict:
    """What a child reports of one timed build."""
    return {
        "status": result.status,
        "build_seconds": seconds,
        "timings": result.timings,
        "analysed": result.analysed,
        "cached": result.cached,
        "sources": len(result.brief.sources) if result.brief else None,
        "excluded": len(result.excluded),
        "code": str(Path(__import__("briefgen").__file__).parent),
    }


def child_resident(config_path: str, output: str, article: str) -> dict:
    """A rebuild after one new source in a process that stays up between builds, as ``briefgen watch``
    does: spaCy's model is loaded once per process and one chart browser serves every build. The
    first build (of the sources without *article*) is not timed; then *article* is added and the
    second build is timed."""
    from briefgen.charts import ChartExporter
    from briefgen.config import load_config
    from briefgen.nlp import load_pipeline
    from briefgen.pipeline import build

    config = load_config(Path(config_path), overrides={"paths.output": output})
    load_pipeline(config.nlp.model)  # resident: loaded by an earlier build of the same process
    with ChartExporter(browser_path=config.charts.browser) as exporter:  # one browser, as watch keeps
        build(config, config_path=Path(config_path), exporter=exporter)
        shutil.copyfile(article, config.sources_dir / Path(article).name)
        start = time.perf_counter()
        result = build(config, config_path=Path(config_path), exporter=exporter)
        seconds = time.perf_counter() - start  # not the browser's closing, which watch does once
    return _outcome(result, seconds)


def child_bare(config_path: str) -> dict:
    """spaCy alone: load the same pipeline and run ``nlp.pipe`` over the texts a build would analyse."""
    from briefgen.config import load_config
    from briefgen.ingest import read_sources
    from briefgen.nlp import load_pipeline, processes_for

    config = load_config(Path(config_path))
    sources = read_sources(
        config.sources_dir, max_chars=config.ingest.max_chars, exclude_non_english=config.ingest.exclude_non_english
    )
    texts = [s.text for s in sources if s.status == "included"]
    processes = processes_for(len(texts), config.nlp.processes)
    start = time.perf_counter()
    nlp = load_pipeline(config.nlp.model)  # briefgen's analysis component stays disabled
    loaded = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=config.nlp.batch_size, n_process=processes))
    end = time.perf_counter()
    return {
        "texts": count,
        "processes": processes,
        "components": nlp.pipe_names,
        "load_seconds": loaded - start,
        "pipe_seconds": end - loaded,
        "bare_seconds": end - start,
    }


def child_main(argv: list[str]) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    kind, *args = argv
    if kind == "build":
        out = child_build(args[0], args[1], force=args[2] == "force")
    elif kind == "bare":
        out = child_bare(args[0])
    elif kind == "resident":
        out = child_resident(args[0], args[1], args[2])
    else:
        raise SystemExit(f"unknown child {kind}")
    print("BENCH-RESULT " + json.dumps(out))


# --------------------------------------------------------------------------------------------------
# Measuring a child: wall time, ru_maxrss from wait4, the process tree's PSS sampled from /proc.


def _children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may contain spaces and brackets: the ppid is the second field after ")".
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree_pss(pid: int) -> int:
    tree = _children_map()
    todo, total = [pid], 0
    while todo:
        current = todo.pop()
        todo.extend(tree.get(current, []))
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


def measure(args: list[str], *, env: dict | None = None, timeout: float = 1800) -> dict:
    """Run a child, return its parsed result plus wall time and peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, start_new_session=True
    )
    peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_pss
        while not done.is_set():
            peak_pss = max(peak_pss, _tree_pss(proc.pid))
            done.wait(PSS_INTERVAL)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [
        threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True),
        threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True),
    ]
    for reader in readers:
        reader.start()
    deadline = start + timeout
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            # The child's own children (spaCy workers, the browser) go with it: it leads its group.
            timed_out = True
            os.killpg(proc.pid, 9)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    for reader in readers:
        reader.join()
    stdout = b"".join(out_chunks).decode(errors="replace")
    stderr = b"".join(err_chunks).decode(errors="replace")
    result: dict = {}
    for line in stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            result = json.loads(line[len("BENCH-RESULT ") :])
    if timed_out:
        return {"timed_out": True, "wall_seconds": wall, "peak_rss": usage.ru_maxrss * 1024, "peak_pss": peak_pss}
    if proc.returncode != 0 or (not result and "briefgen" not in args[0]):
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        print(f"  FAILED: {' '.join(args)} exited with {proc.returncode}:\n{tail}", flush=True)
        return {"failed": True, "wall_seconds": wall, "peak_rss": usage.ru_maxrss * 1024, "peak_pss": peak_pss}
    result.update(wall_seconds=wall, peak_rss=usage.ru_maxrss * 1024, peak_pss=peak_pss, exit=proc.returncode)
    return result


#: The environment of the children: PYTHONPATH points at a snapshot of the package taken when the run
#: starts (see ``snapshot_code``), so that an edit to the tree during a run cannot change the code's
#: fingerprint between two builds that are meant to be identical.
CHILD_ENV: dict[str, str] | None = None


def snapshot_code(work: Path) -> None:
    global CHILD_ENV
    code = work / "code"
    shutil.copytree(ROOT / "src" / "briefgen", code / "briefgen", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(code), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


def run_build(config: Path, output: Path, *, force: bool = False, timeout: float = 1800) -> dict:
    return measure(
        [PYTHON, __file__, "--child", "build", str(config), str(output), "force" if force else "no"],
        env=CHILD_ENV,
        timeout=timeout,
    )


def run_resident(config: Path, output: Path, article: Path) -> dict:
    return measure([PYTHON, __file__, "--child", "resident", str(config), str(output), str(article)], env=CHILD_ENV)


def run_bare(config: Path) -> dict:
    return measure([PYTHON, __file__, "--child", "bare", str(config)], env=CHILD_ENV)


# --------------------------------------------------------------------------------------------------
# The data.


def bbc_articles() -> list[Path]:
    """All BBC articles, categories interleaved (001 of each category, then 002, …), so that any prefix
    of the list mixes business, entertainment, politics, sport and tech."""
    return sorted(ARTICLES.glob("*/*.txt"), key=lambda p: (p.stem, p.parent.name))


def make_project(folder: Path, articles: list[Path]) -> Path:
    """A project folder with *articles* in sources/ and a briefgen.toml; returns the config's path."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for article in articles:
        add_article(folder, article)
    config = folder / "briefgen.toml"
    config.write_text(
        "[brief]\n"
        'title = "BBC News, 2004-2005"\n'
        'issue = "the government\'s economic policy"\n\n'
        "[paths]\n"
        'sources = "sources"\n'
        'output = "output"\n',
        encoding="utf-8",
    )
    return config


def add_article(folder: Path, article: Path) -> None:
    shutil.copyfile(article, folder / "sources" / f"{article.parent.name}-{article.name}")


def seed_project(folder: Path) -> Path:
    """A copy of the seed brief (sources/, templates/ and briefgen.toml) in *folder*."""
    shutil.copytree(ROOT / "sources", folder / "sources")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copyfile(ROOT / "briefgen.toml", folder / "briefgen.toml")
    return folder / "briefgen.toml"


# --------------------------------------------------------------------------------------------------
# The table.

STAGES = ("read", "analyse", "synthesise", "charts", "render")


def _s(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds:.2f}"


def _mem(result: dict) -> tuple[str, str]:
    return f"{result['peak_rss'] / GiB:.2f}", f"{result['peak_pss'] / GiB:.2f}"


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f"{mem_kb / 1024**2:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    import spacy

    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)),
        "memory": mem,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "platform": platform.platform(),
    }


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def check(checks: list, name: str, part: dict, whole: dict, limit: float) -> None:
    """Append the ratio *part* / *whole* of wall times, or say why there is none."""
    if part.get("failed") or whole.get("failed"):
        checks.append((name, "a build failed", f"< {limit:.0%}", None))
        return
    ratio = part["wall_seconds"] / whole["wall_seconds"]
    checks.append((name, f"{ratio:.1%}", f"< {limit:.0%}", ratio < limit))


def render_table(rows: list[dict], checks: list[tuple[str, str, str, bool | None]], info: dict) -> str:
    lines = [
        "| run | sources | analysed | wall s | " + " | ".join(STAGES) + " | peak RSS GiB | peak PSS GiB |",
        "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in STAGES) + " | ---: | ---: |",
    ]
    for row in rows:
        r = row["result"]
        timings = r.get("timings") or {}
        rss, pss = _mem(r)
        name = row["name"] + (" — FAILED" if r.get("failed") else "")
        lines.append(
            f"| {name} | {row.get('sources', '')} | {r.get('analysed', '')} | {_s(r['wall_seconds'])} | "
            + " | ".join(_s(timings.get(stage)) for stage in STAGES)
            + f" | {rss} | {pss} |"
        )
    lines += ["", "| target | measured | limit | met |", "| --- | ---: | ---: | --- |"]
    for name, value, limit, ok in checks:
        lines.append(f"| {name} | {value} | {limit} | {'n/a' if ok is None else ('yes' if ok else 'NO')} |")
    lines += [
        "",
        f"Machine: {info['machine']['cpu']}, {info['machine']['usable_cpus']} usable CPUs, {info['machine']['memory']}; "
        f"Python {info['machine']['python']}, spaCy {info['machine']['spacy']}.",
        f"Load average (1, 5, 15 min) before: {info['load_before']}; after: {info['load_after']}. "
        f"Run {info['started']} to {info['finished']} ({info['total_minutes']:.1f} min).",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2225", help="N for row (d), comma-separated (default 500,2225)")
    parser.add_argument("--quick", action="store_true", help="leave out N = 2,225")
    parser.add_argument("--out", type=Path, default=DATA / "build-bench.md", help="also write the table here")
    parser.add_argument("--base", type=int, default=200, help="sources before the one added in row (c) (default 200)")
    parser.add_argument("--budget", type=float, default=15, help="minutes for the whole run: a row (d) build still "
                        "running when they are spent is stopped and reported as such (default 15)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary build folders")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    if args.quick:
        sizes = [n for n in sizes if n < BBC_TOTAL]

    started = datetime.now(timezone.utc)
    info = {"machine": machine(), "load_before": load(), "started": started.strftime("%Y-%m-%d %H:%M UTC")}
    print(f"build benchmark: load average {info['load_before']}, {info['machine']['usable_cpus']} CPUs", flush=True)
    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    rows: list[dict] = []
    checks: list[tuple[str, str, str, bool | None]] = []
    missing: list[str] = []
    skipped: list[int] = []
    t0 = time.monotonic()

    def step(name: str) -> None:
        print(f"  {time.strftime('%H:%M:%S')} {name} (load {load()})", flush=True)

    try:
        snapshot_code(work)
        # (a) and (b): the seed brief.
        config = seed_project(work / "seeds")
        step("(a) cold build of the seed brief")
        cold = run_build(config, work / "seeds" / "output", force=True)
        rows.append({"name": "(a) seeds, cold", "sources": cold.get("sources"), "result": cold})
        step("(b) rebuild with nothing changed")
        same = run_build(config, work / "seeds" / "output")
        if same.get("status") != "up to date" and not same.get("failed"):
            print(f"  WARNING: the rebuild with nothing changed was {same.get('status')!r}, not 'up to date'")
        rows.append({"name": "(b) seeds, nothing changed (API)", "sources": cold.get("sources"), "result": same})
        briefgen = Path(PYTHON).with_name("briefgen")
        cli = measure(
            [str(briefgen), "build", "-c", str(config), "--output", str(work / "seeds" / "output"), "--quiet"],
            env=CHILD_ENV,
        )
        rows.append({"name": "(b) seeds, nothing changed (CLI)", "sources": cold.get("sources"), "result": cli})
        check(checks, "(b) / (a), wall time", same, cold, 0.05)
        check(checks, "(b) by the CLI / (a)", cli, cold, 0.05)

        articles = bbc_articles()
        if len(articles) < BBC_TOTAL:
            missing.append(
                f"{ARTICLES} has {len(articles)} of the {BBC_TOTAL} BBC articles: rows (c) and (d) need them. "
                "Extract the 'BBC News Summary' folder of github:Miguel-G-Soares/PRI_proj1 into benchmarks/data/bbc/ "
                "(docs/quality.md gives the command)."
            )
        else:
            # (c): 200 built, one added, rebuilt; against a cold build of the same 201.
            inc = work / "inc"
            m = args.base
            config = make_project(inc, articles[:m])
            step(f"(c) cold build of {m} BBC articles (the starting point)")
            base = run_build(config, inc / "output", force=True)
            rows.append({"name": f"(c) {m}, cold (starting point)", "sources": base.get("sources"), "result": base})
            add_article(inc, articles[m])
            step("(c) rebuild after one new source")
            incremental = run_build(config, inc / "output")
            rows.append({"name": f"(c) {m} + 1 new, rebuild", "sources": incremental.get("sources"), "result": incremental})
            config201 = make_project(work / "cold201", articles[: m + 1])
            step(f"(c) cold build of the same {m + 1}")
            cold201 = run_build(config201, work / "cold201" / "output", force=True)
            rows.append({"name": f"(c) the same {m + 1}, cold", "sources": cold201.get("sources"), "result": cold201})
            check(checks, f"(c) rebuild / cold {m + 1}, wall time", incremental, cold201, 0.15)
            # The same rebuild in a process that stays up (briefgen watch): no start-up, spaCy loaded.
            # Its wall time includes the untimed first build, so the ratio uses the timed build alone.
            new = inc / "sources" / f"{articles[m].parent.name}-{articles[m].name}"
            new.unlink()
            step("(c) the same rebuild in a resident process (as briefgen watch)")
            resident = run_resident(config, inc / "output", articles[m])
            rows.append({"name": f"(c) {m} + 1 new, rebuild in a resident process (timed build only)",
                         "sources": resident.get("sources"), "result": {**resident, "wall_seconds": resident.get("build_seconds", resident["wall_seconds"])}})
            if not resident.get("failed") and not cold201.get("failed"):
                ratio_r = resident["build_seconds"] / cold201["wall_seconds"]
                checks.append((f"(c) resident rebuild / cold {m + 1}", f"{ratio_r:.1%}", "(no target)", None))

            # (d): N articles, cold; the analysis against bare spaCy on the first size.
            for n in sizes:
                folder = work / f"n{n}"
                config = make_project(folder, articles[:n])
                left = args.budget * 60 - (time.monotonic() - t0)
                if left < 60:
                    print(f"  skipping N = {n:,}: the time budget of {args.budget} min is spent", flush=True)
                    skipped.append(n)
                    continue
                step(f"(d) cold build of {n} BBC articles (stopped after {left:.0f} s, the time budget left)")
                big = run_build(config, folder / "output", force=True, timeout=left)
                if big.get("timed_out"):
                    rows.append({"name": f"(d) N = {n:,}, cold: STOPPED at the time budget", "sources": n, "result": big})
                    checks.append((f"(d) N = {n:,} finished within the budget", f"> {big['wall_seconds']:.0f} s", f"{args.budget} min in all", False))
                    continue
                rows.append({"name": f"(d) N = {n:,}, cold", "sources": big.get("sources", n), "result": big})
                if n == sizes[0] and not big.get("failed"):
                    step(f"bare nlp.pipe over the same {n} texts")
                    bare = run_bare(config)
                    if bare.get("failed"):
                        continue
                    rows.append(
                        {
                            "name": f"bare nlp.pipe, same {n:,} texts ({bare['processes']} proc.)",
                            "sources": bare["texts"],
                            "result": {**bare, "timings": {"analyse": bare["bare_seconds"]}},
                        }
                    )
                    # The machines are shared: one pair can be off by 10% either way. A second pair in the
                    # reverse order (bare, then the build: A B B A, which cancels a load that rises or falls
                    # through the four) and the least disturbed time of each side make the ratio.
                    analysed = [big["timings"]["analyse"]]
                    bares = [bare["bare_seconds"]]
                    left = args.budget * 60 - (time.monotonic() - t0)
                    if left > 180:
                        step(f"bare nlp.pipe over the same {n} texts, again")
                        bare2 = run_bare(config)
                        step(f"(d) cold build of {n} BBC articles, again")
                        big2 = run_build(config, folder / "output-again", force=True, timeout=left)
                        if not bare2.get("failed") and not big2.get("failed") and not big2.get("timed_out"):
                            rows.append(
                                {
                                    "name": f"bare nlp.pipe, same {n:,} texts, again",
                                    "sources": bare2["texts"],
                                    "result": {**bare2, "timings": {"analyse": bare2["bare_seconds"]}},
                                }
                            )
                            rows.append({"name": f"(d) N = {n:,}, cold, again", "sources": big2.get("sources", n), "result": big2})
                            analysed.append(big2["timings"]["analyse"])
                            bares.append(bare2["bare_seconds"])
                    ratio_a = min(analysed) / min(bares)
                    pairs = ", ".join(f"{a / b:.2f}" for a, b in zip(analysed, bares))
                    checks.append(
                        (
                            f"analysis stage / bare nlp.pipe (N = {n:,}; least of {len(bares)} each; pairs {pairs})",
                            f"{ratio_a:.2f}",
                            "< 1.25",
                            ratio_a < 1.25,
                        )
                    )
                if n >= BBC_TOTAL and not big.get("failed"):
                    peak = max(big["peak_rss"], big["peak_pss"]) / GiB
                    checks.append((f"(d) peak memory at N = {n:,}", f"{peak:.2f} GiB", "< 2.5 GiB", peak < 2.5))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"build folders kept in {work}")

    finished = datetime.now(timezone.utc)
    info.update(
        load_after=load(),
        finished=finished.strftime("%H:%M UTC"),
        total_minutes=(finished - started).total_seconds() / 60,
    )
    table = render_table(rows, checks, info)
    notes = [
        "",
        "wall s: the child process from start to exit (Python start-up and imports included); the stage "
        "columns are BuildResult.timings (the analysis includes loading spaCy; the browser starts meanwhile).",
        "peak RSS: the largest single process (wait4 ru_maxrss); peak PSS: the whole process tree, sampled.",
    ]
    print()
    print(table + "\n".join(notes))
    for n in skipped:
        print(f"\nSKIPPED: N = {n:,}, for want of time (--budget)")
    for message in missing:
        print(f"\nMISSING DATA: {message}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table + "\n".join(notes) + "\n", encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        json.dumps({"info": info, "rows": rows, "checks": checks, "missing": missing}, indent=2), encoding="utf-8"
    )
    print(f"\n(table also written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out})")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    else:
        sys.exit(main())
