# customer_service — two commands: `make dev` and `make test` (see README.md).
# Both run as root; the bench belongs to the user $(BENCH_USER) (default frappe).

.PHONY: dev test test-replica setup unit lint screenshots benchmark

dev:
	bash scripts/bench.sh dev

test:
	bash scripts/bench.sh test

# reports, cards and portal reads served by a real MariaDB read replica (Frappe's read_from_replica)
test-replica:
	bash scripts/bench.sh test-replica

setup:
	bash scripts/bench.sh setup

unit:
	python3 -m pytest -q -p no:cacheprovider tests/unit

lint:
	bash scripts/lint.sh

# screenshots of every portal page at phone size (docs/portal/), from the dev site's demo data
screenshots:
	bash scripts/bench.sh screenshots

# figures against their targets on a dedicated site with the group-scale data set (docs/benchmarks.md)
benchmark:
	bash scripts/bench.sh benchmark
