"""This code against a previous checkout, in one interleaved run: req/s and CPU ms per request.

    DATABASE_URL=postgresql://... python bench/compare.py --previous /path/to/worktree

Both trees serve the same database (migrated and filled by this tree; `--load-demo` loads the demo
content first) under gunicorn with 2 sync workers and production settings, without and with the
page cache (one redis-server), beside the bare Django view (bench/bare_django.py). Round by round
every configuration is measured on every page with wrk, so a load spike on this shared machine
hits them all alike; each figure is the median of the rounds. CPU ms per request is the servers'
own CPU time (user + system, from /proc) over the requests wrk completed. A benchmark, not a
test: it prints figures and asserts nothing. Everything listens on 127.0.0.1, ports 8510-8519.
"""

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import app_env, process, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORTS = {"this": 8510, "previous": 8511, "this cached": 8512, "previous cached": 8513, "bare": 8514}
REDIS_PORT = 8519
PAGES = {"home": "/", "index": "/blogg/", "post": None, "search": "/sok/?q=landsbygd"}
TICKS = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pgid):
    """User + system CPU of every process in the group (gunicorn's master and workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def wrk(port, path, seconds, pgid):
    before = group_cpu_seconds(pgid)
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = group_cpu_seconds(pgid) - before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), 1000 * cpu / max(requests, 1)


def gunicorn(tree, port, env, name, app="website.wsgi"):
    gunicorn_bin = str(Path(sys.executable).parent / "gunicorn")
    args = [gunicorn_bin, app, "--chdir", str(tree), "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    return process([*args, "--log-level", "warning"], env=env, name=name)


def post_path():
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from blog.models import BlogPage; print(BlogPage.objects.live().first().url)",
        ],
        cwd=ROOT,
        env=app_env(False),
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--previous", required=True, help="a checkout of the previous code (git worktree)")
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--load-demo", action="store_true")
    parser.add_argument(
        "--previous-database-url",
        help="the previous code's own database (migrated and filled by that tree), when its schema differs",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    previous = Path(args.previous).resolve()
    env_plain = app_env(False)
    previous_env = dict(env_plain)
    if args.previous_database_url:
        previous_env["DATABASE_URL"] = args.previous_database_url
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env_plain, check=True
    )
    for tree, env in ((ROOT, env_plain), (previous, previous_env)):
        collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
        subprocess.run(collect, cwd=tree, env=env, check=True)
    if args.load_demo:
        subprocess.run(
            [sys.executable, "manage.py", "load_demo_content", "--no-admin"], cwd=ROOT, env=env_plain, check=True
        )
    pages = {**PAGES, "post": post_path()}
    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    bare_env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    bare_env["PYTHONPATH"] = str(ROOT / "bench")
    results = {}
    with contextlib.ExitStack() as stack:
        redis = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        stack.enter_context(process(redis, name="redis"))
        servers = {
            "this": stack.enter_context(gunicorn(ROOT, PORTS["this"], env_plain, "this")),
            "previous": stack.enter_context(gunicorn(previous, PORTS["previous"], previous_env, "previous")),
            "this cached": stack.enter_context(
                gunicorn(ROOT, PORTS["this cached"], app_env(True, redis_url), "this-cached")
            ),
            "previous cached": stack.enter_context(
                gunicorn(
                    previous,
                    PORTS["previous cached"],
                    {
                        **app_env(True, redis_url[:-1] + "1"),
                        **({"DATABASE_URL": args.previous_database_url} if args.previous_database_url else {}),
                    },
                    "prev-cached",
                )
            ),
            "bare": stack.enter_context(
                gunicorn(ROOT / "bench", PORTS["bare"], bare_env, "bare", app="bare_django:application")
            ),
        }
        for name in servers:
            wait_for(PORTS[name])
        for path in pages.values():
            for server in servers:
                if server != "bare":
                    for _ in range(3):
                        wait_for(PORTS[server], path)
        for round_number in range(args.rounds):
            for page, path in pages.items():
                for server, proc in servers.items():
                    if server == "bare" and page != "home":
                        continue
                    measured = wrk(PORTS[server], path if server != "bare" else "/", args.seconds, proc.pid)
                    results.setdefault((page, server), []).append(measured)
            print(f"  round {round_number + 1} of {args.rounds} done", flush=True)

    def figure(page, server):
        runs = results.get((page, server))
        if not runs:
            return "-"
        rps = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        return f"{rps:7.1f} req/s {cpu:6.2f} ms"

    bare = statistics.median(run[0] for run in results[("home", "bare")])
    print(f"\nbare Django view: {figure('home', 'bare')}  (medians of {args.rounds} interleaved rounds)\n")
    print("| page | previous | this | previous cached | this cached | this cached of bare |")
    print("|---|---|---|---|---|---|")
    for page in pages:
        cached = statistics.median(run[0] for run in results[(page, "this cached")])
        row = [figure(page, server) for server in ("previous", "this", "previous cached", "this cached")]
        print(f"| {page} | " + " | ".join(row) + f" | {100 * cached / bare:.0f}% |")


if __name__ == "__main__":
    main()
