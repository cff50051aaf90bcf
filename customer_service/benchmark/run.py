"""`make benchmark`: build (or reuse) the data set on the benchmark site, measure every figure,
print `figure | measured | target | baseline | ratio | ok`, write docs/benchmarks.md and exit
non-zero when a target is missed.

    python -m customer_service.benchmark.run SITE [--scale 1.0] [--out docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import sys
import time

import frappe

from customer_service.benchmark import dataset, figures


def fmt(value: float | None, unit: str = "") -> str:
	if value is None:
		return "—"
	return f"{value:.3f} {unit}".strip() if value < 1 else f"{value:,.1f} {unit}".strip()


def table(results: list[figures.Figure]) -> list[str]:
	lines = ["| figure | measured | target | baseline | ratio | ok |", "|---|---|---|---|---|---|"]
	for f in results:
		baseline = fmt(f.baseline, f.unit) if f.baseline else "—"
		ratio = f"{f.ratio:.2f}×" if f.ratio else "—"
		lines.append(f"| {f.name} | {fmt(f.measured, f.unit)} | {f.target} | {baseline} | {ratio} | {'yes' if f.ok else '**no**'} |")
	return lines


def machine() -> str:
	cores = os.cpu_count()
	memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
	database = frappe.db.sql("select version()")[0][0]
	pool = frappe.db.sql("select @@innodb_buffer_pool_size")[0][0] / 2**30
	return (
		f"{cores} cores, {memory:.0f} GiB, {platform.platform()}, Python {platform.python_version()}, "
		f"Frappe {frappe.__version__}, MariaDB {database} (InnoDB buffer pool {pool:.0f} GiB)"
	)


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("site")
	parser.add_argument("--scale", type=float, default=1.0)
	parser.add_argument("--out")
	parser.add_argument("--only", help="run only the figures whose function name contains this")
	args = parser.parse_args()
	# a stopped run still undoes what a figure set up (its finally blocks run on SystemExit)
	signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
	frappe.init(site=args.site, sites_path=os.getcwd())
	frappe.connect()
	frappe.set_user(dataset.USER)
	started = time.monotonic()
	try:
		sizes = dataset.build(args.scale)
		results: list[figures.Figure] = []
		for figure in figures.FIGURES:
			if args.only and args.only not in figure.__name__:
				continue
			print(f"measuring {figure.__name__} ...", flush=True)
			out = figure()
			results.extend(out if isinstance(out, list) else [out])
			if args.out:  # after every figure: a stopped run still leaves what it measured
				write(args.out, table(results), sizes, args.scale, time.monotonic() - started, complete=False)
		lines = table(results)
		print("\n".join(lines))
		if args.out:
			write(args.out, lines, sizes, args.scale, time.monotonic() - started)
		missed = [f.name for f in results if not f.ok]
		if missed:
			print(f"{len(missed)} target(s) missed", file=sys.stderr)
		return 1 if missed else 0
	finally:
		frappe.destroy()


def write(path: str, lines: list[str], sizes: dict, scale: float, seconds: float, complete: bool = True) -> None:
	data = "\n".join(f"| {doctype} | {count:,} |" for doctype, count in sizes.items())
	text = f"""# Benchmarks

Written by `make benchmark` ({time.strftime("%Y-%m-%d %H:%M")} UTC, {seconds / 60:.0f} minutes in all, data set
`{dataset.DATASET_VERSION}` at scale {scale}). Baselines are measured in the same run on the same site.{"" if complete else " **The run stopped before its last figures: the table is partial.**"}

Machine: {machine()}.

| data set | rows |
|---|---|
{data}

{chr(10).join(lines)}
"""
	with open(path, "w") as f:
		f.write(text)


if __name__ == "__main__":
	sys.exit(main())
