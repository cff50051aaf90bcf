#!/usr/bin/env bash
# Set-up, serving and testing of customer_service on a real Frappe v15 bench.
#
#   scripts/bench.sh dev     system packages, MariaDB config, bench, ERPNext, app, demo site, serve
#   scripts/bench.sh test    unit tests, then the integration tests on a fresh Frappe-only site,
#                            on a fresh ERPNext site, and on a site that got ERPNext after the app;
#                            one summary per tier and a total
#   scripts/bench.sh test-replica
#                            a MariaDB primary and a real replica of it, a demo site on the primary
#                            reading from the replica, and the tests that its reads go there
#
# Runs as root; the bench itself belongs to a non-root user ($BENCH_USER) and
# bench drops privileges to it (config.json "frappe_user").
#
# Environment (all optional):
#   FRAPPE_BENCH    bench directory            (default /home/frappe/frappe-bench)
#   BENCH_USER      owner of the bench         (default: the owner of an existing FRAPPE_BENCH, else frappe)
#   FRAPPE_SOURCE   Frappe git URL or local git path (default upstream GitHub)
#   FRAPPE_BRANCH   branch of FRAPPE_SOURCE    (default version-15)
#   ERPNEXT_SOURCE  ERPNext git URL or local git path (default upstream GitHub)
#   ERPNEXT_BRANCH  branch of ERPNEXT_SOURCE   (default version-15)
#   WITH_ERPNEXT    0 = `make dev` builds a Frappe-only site (default 1)
#   ERP_COMPANY, ERP_COMPANY_ABBR  the company ERPNext's setup wizard creates
#   DEV_SITE        site served by `make dev`  (default customer-service.localhost)
#   TEST_SITE       Frappe-only site rebuilt by `make test` (default cs-test.localhost)
#   TEST_SITE_ERPNEXT, TEST_SITE_ORDER  its ERPNext sites (cs-test-erpnext / cs-test-order.localhost)
#   BENCHMARK_SITE  site of `make benchmark`   (default cs-benchmark.localhost), kept while its data
#                   set's version is current; BENCHMARK_SCALE (default 1) the share of the full data set
#   REPLICA_SITE    site of `make test-replica` (default cs-replica.localhost), on a MariaDB primary
#                   and a replica of it that the command starts on REPLICA_PORTS (default 3317 3318),
#                   their data in REPLICA_DIR (default /var/tmp/cs-replica)
#   DEV_PORT        port of `make dev`         (default 8000)
#   SERVE           0 = `make dev` sets up but does not serve
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${BENCH_USER:-}" ] && [ -n "${FRAPPE_BENCH:-}" ] && [ -d "$FRAPPE_BENCH" ]; then
	BENCH_USER="$(stat -c %U "$FRAPPE_BENCH")"  # an existing bench keeps its owner
fi
BENCH_USER="${BENCH_USER:-frappe}"
bench_home() { getent passwd "$BENCH_USER" | cut -d: -f6 | grep . || echo "/home/${BENCH_USER}"; }
FRAPPE_BENCH="${FRAPPE_BENCH:-$(bench_home)/frappe-bench}"
FRAPPE_SOURCE="${FRAPPE_SOURCE:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
ERPNEXT_SOURCE="${ERPNEXT_SOURCE:-https://github.com/frappe/erpnext}"
ERPNEXT_BRANCH="${ERPNEXT_BRANCH:-version-15}"
WITH_ERPNEXT="${WITH_ERPNEXT:-1}"
ERP_COMPANY="${ERP_COMPANY:-万象地产集团}"
ERP_COMPANY_ABBR="${ERP_COMPANY_ABBR:-WXJT}"
DEV_SITE="${DEV_SITE:-customer-service.localhost}"
TEST_SITE="${TEST_SITE:-cs-test.localhost}"
TEST_SITE_ERPNEXT="${TEST_SITE_ERPNEXT:-cs-test-erpnext.localhost}"
TEST_SITE_ORDER="${TEST_SITE_ORDER:-cs-test-order.localhost}"
BENCHMARK_SITE="${BENCHMARK_SITE:-cs-benchmark.localhost}"
BENCHMARK_SCALE="${BENCHMARK_SCALE:-1}"
REPLICA_SITE="${REPLICA_SITE:-cs-replica.localhost}"
read -r -a REPLICA_PORTS <<<"${REPLICA_PORTS:-3317 3318}"
REPLICA_DIR="${REPLICA_DIR:-/var/tmp/cs-replica}"
DEV_PORT="${DEV_PORT:-8000}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"
DB_ADMIN_USER="cs_dbadmin"
APP=customer_service

log() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (it creates and uses the bench user '${BENCH_USER}' itself)"

as_user() { runuser -u "$BENCH_USER" -- env HOME="$(bench_home)" \
	PATH="$(bench_home)/.bench-cli/bin:/usr/local/bin:/usr/bin:/bin" \
	PIP_CONSTRAINT="$(bench_home)/.bench-constraints.txt" BENCH_DISABLE_UV=1 "$@"; }
bench_cmd() { (cd "$FRAPPE_BENCH" && as_user bench "$@"); }

# --- system -----------------------------------------------------------------

ensure_packages() {
	local missing=()
	command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
	command -v mariadb >/dev/null || missing+=(mariadb-client)
	command -v redis-server >/dev/null || missing+=(redis-server)
	command -v git >/dev/null || missing+=(git)
	command -v node >/dev/null || missing+=(nodejs npm)
	command -v pkg-config >/dev/null || missing+=(pkg-config)
	command -v rsync >/dev/null || missing+=(rsync)
	dpkg -s libmariadb-dev >/dev/null 2>&1 || missing+=(libmariadb-dev)
	dpkg -s python3-venv >/dev/null 2>&1 || missing+=(python3-venv)
	dpkg -s python3-dev >/dev/null 2>&1 || missing+=(python3-dev)
	# the portal's browser test and screenshots: Debian's Chromium and its driver, and CJK fonts
	command -v chromium >/dev/null || missing+=(chromium)
	command -v chromedriver >/dev/null || missing+=(chromium-driver)
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
	# Frappe's print to PDF (pdfkit drives wkhtmltopdf); the CJK fonts above render the Chinese
	command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing system packages: ${missing[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
	fi
	if ! command -v yarn >/dev/null || [[ "$(yarn --version)" != 1.* ]]; then
		log "installing yarn 1.x from the npm registry"
		npm install -g --silent yarn@1
	fi
}

ensure_services() {
	if ! mariadb -uroot -e 'select 1' >/dev/null 2>&1; then
		log "starting MariaDB"
		start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
		for _ in $(seq 30); do mariadb -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
	fi
	if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
		log "starting Redis"
		mkdir -p /var/lib/redis /var/log/redis
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
			--dir /var/lib/redis --logfile /var/log/redis/cs.log
	fi
}

configure_mariadb() {
	local conf=/etc/mysql/mariadb.conf.d/99-frappe.cnf
	if [ ! -f "$conf" ]; then
		log "configuring MariaDB for Frappe (utf8mb4 / utf8mb4_unicode_ci)"
		mkdir -p "$(dirname "$conf")"
		cat >"$conf" <<-'EOF'
			[mysqld]
			character-set-client-handshake = FALSE
			character-set-server = utf8mb4
			collation-server = utf8mb4_unicode_ci

			[mysql]
			default-character-set = utf8mb4
		EOF
	fi
	# the running server takes the settings at once; the file keeps them over restarts
	mariadb -uroot -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';"
	local pw_file="$(bench_home)/.cs_db_admin_password"
	if [ ! -s "$pw_file" ]; then
		head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$pw_file"
		chown "$BENCH_USER" "$pw_file"; chmod 600 "$pw_file"
	fi
	local pw; pw="$(cat "$pw_file")"
	for host in localhost 127.0.0.1; do
		mariadb -uroot -e "CREATE USER IF NOT EXISTS '${DB_ADMIN_USER}'@'${host}' IDENTIFIED BY '${pw}';
			ALTER USER '${DB_ADMIN_USER}'@'${host}' IDENTIFIED BY '${pw}';
			GRANT ALL PRIVILEGES ON *.* TO '${DB_ADMIN_USER}'@'${host}' WITH GRANT OPTION;"
	done
}
db_admin_args() { echo "--db-root-username ${DB_ADMIN_USER} --db-root-password $(cat "$(bench_home)/.cs_db_admin_password")"; }

ensure_user() {
	if ! id "$BENCH_USER" >/dev/null 2>&1; then
		log "creating bench user ${BENCH_USER}"
		useradd -m -s /bin/bash "$BENCH_USER"
	fi
	local home; home="$(getent passwd "$BENCH_USER" | cut -d: -f6)"
	chmod 755 "$home"
	# Frappe 15 imports pkg_resources, which setuptools 81+ no longer ships
	echo 'setuptools<81' >"$home/.bench-constraints.txt"
	chown "$BENCH_USER" "$home/.bench-constraints.txt"
	if [ ! -x "$home/.bench-cli/bin/bench" ]; then
		log "installing frappe-bench for ${BENCH_USER}"
		as_user /usr/bin/python3 -m venv "$home/.bench-cli"
		as_user "$home/.bench-cli/bin/pip" install -q frappe-bench
	fi
	ln -sf "$home/.bench-cli/bin/bench" /usr/local/bin/bench
}

# --- bench ------------------------------------------------------------------

# A source is a git URL (used as it is) or a local git directory, which is cloned by the bench
# user into a folder of its own per source and branch, and brought up to date on every run: a
# second FRAPPE_SOURCE never silently builds the first one's clone.
source_for_bench() {
	local app="$1" source="$2" branch="$3"
	if [ ! -d "$source" ]; then
		echo "$source"
		return
	fi
	local key clone
	key="$(printf '%s@%s' "$(readlink -f "$source")" "$branch" | sha1sum | cut -c1-12)"
	clone="$(bench_home)/.cs-sources/${key}/${app}"  # bench wants a folder named after the app
	as_user mkdir -p "$(dirname "$clone")"
	if [ -d "$clone/.git" ]; then
		as_user git -C "$clone" fetch -q origin "$branch" >&2
		as_user git -C "$clone" checkout -q -B "$branch" FETCH_HEAD >&2
	else
		as_user git -c safe.directory='*' clone -q --branch "$branch" "$source" "$clone" >&2
	fi
	echo "$clone"
}

source_reachable() {
	local source="$1" branch="$2"
	if [ -d "$source" ]; then
		as_user git -c safe.directory='*' -C "$source" rev-parse --verify -q "refs/heads/$branch" >/dev/null
	else
		as_user timeout 60 git ls-remote --exit-code --heads "$source" "$branch" >/dev/null 2>&1
	fi
}

app_version() { sed -n 's/^__version__ = "\(.*\)"/\1/p' "$FRAPPE_BENCH/apps/$1/$1/__init__.py" 2>/dev/null; }

ensure_bench() {
	if [ -f "$FRAPPE_BENCH/apps/frappe/frappe/__init__.py" ] && [ -x "$FRAPPE_BENCH/env/bin/python" ]; then
		log "reusing bench $FRAPPE_BENCH (Frappe $(app_version frappe))"
	else
		source_reachable "$FRAPPE_SOURCE" "$FRAPPE_BRANCH" ||
			die "Frappe source ${FRAPPE_SOURCE} (branch ${FRAPPE_BRANCH}) is not reachable: set FRAPPE_SOURCE to a reachable git URL or a local checkout"
		local src
		src="$(source_for_bench frappe "$FRAPPE_SOURCE" "$FRAPPE_BRANCH")"
		log "creating bench $FRAPPE_BENCH (Frappe ${FRAPPE_BRANCH} from ${FRAPPE_SOURCE})"
		mkdir -p "$(dirname "$FRAPPE_BENCH")"
		chown "$BENCH_USER" "$(dirname "$FRAPPE_BENCH")"
		(cd "$(dirname "$FRAPPE_BENCH")" && as_user bench init "$(basename "$FRAPPE_BENCH")" \
			--frappe-path "$src" --frappe-branch "$FRAPPE_BRANCH" --python /usr/bin/python3 \
			--skip-redis-config-generation --no-backups)
		# the bench we create runs on the machine's Redis (an existing bench keeps its own)
		for key in redis_cache redis_queue redis_socketio; do
			(cd "$FRAPPE_BENCH" && as_user bench set-config -g "$key" redis://127.0.0.1:6379 >/dev/null)
		done
	fi
	# the bench user runs bench even when root calls it
	as_user "$FRAPPE_BENCH/env/bin/python" - "$FRAPPE_BENCH" "$BENCH_USER" <<-'PY'
		import json, sys, pathlib
		bench, user = sys.argv[1:]
		p = pathlib.Path(bench, "sites", "common_site_config.json")
		conf = json.loads(p.read_text()) if p.exists() else {}
		if conf.get("frappe_user") != user:
		    conf["frappe_user"] = user
		    p.write_text(json.dumps(conf, indent=1))
	PY
	as_user "$FRAPPE_BENCH/env/bin/pip" install -q 'setuptools<81' pytest freezegun selenium
}

APP_ROOT="$REPO"  # where the bench reads the app (and its tests) from

ensure_app() {
	local target="$FRAPPE_BENCH/apps/$APP"
	if [ -d "$target/.git" ] && [ ! -L "$target" ] && [ "$(readlink -f "$target")" != "$REPO" ]; then
		# a checkout bench get-app made: keep it aside rather than delete it
		log "moving the existing $target aside to $target.before-working-tree"
		rm -rf "$target.before-working-tree"
		mv "$target" "$target.before-working-tree"
	fi
	if as_user test -r "$REPO/pyproject.toml" -a -x "$REPO/$APP"; then
		# the working tree itself, editable
		if [ "$(readlink -f "$target" 2>/dev/null)" != "$REPO" ]; then
			rm -rf "$target"
			ln -s "$REPO" "$target"
		fi
	else
		# the bench user cannot read the working tree where it is: install a copy
		[ -L "$target" ] && rm -f "$target"
		rsync -a --delete --exclude .git "$REPO/" "$target/"
		chown -R "$BENCH_USER" "$target"
		APP_ROOT="$target"
	fi
	log "installing $APP into the bench (editable)"
	as_user "$FRAPPE_BENCH/env/bin/pip" install -q -e "$target"  # and its dependencies (pyproject.toml)
	local apps="$FRAPPE_BENCH/sites/apps.txt"
	if ! grep -qx "$APP" "$apps"; then
		sed -i -e '$a\' "$apps"   # bench writes the last line without a newline
		echo "$APP" >>"$apps"
	fi
}

site_exists() { [ -f "$FRAPPE_BENCH/sites/$1/site_config.json" ]; }
site_has_app() { bench_cmd --site "$1" list-apps 2>/dev/null | grep -q "^$2\b"; }

# new_site SITE STEP...: a fresh site, then each step in order: an app to install, or
# "wizard" to answer the setup wizard of what is installed so far.
new_site() {
	local site="$1" step
	shift
	# shellcheck disable=SC2046
	bench_cmd new-site "$site" $(db_admin_args) --admin-password "$ADMIN_PASSWORD" --force || return 1
	# a sender for the mails Frappe queues (there is no mail server in dev and test)
	bench_cmd --site "$site" set-config mail_server localhost >/dev/null || return 1
	bench_cmd --site "$site" set-config auto_email_id "noreply@${site}" >/dev/null || return 1
	for step in "$@"; do
		if [ "$step" = wizard ]; then
			complete_setup_wizard "$site" || return 1
		else
			log "installing $step on $site"
			bench_cmd --site "$site" install-app "$step" || return 1
		fi
	done
}

# Frappe's own setup wizard (and ERPNext's: company, CNY, fiscal year, Standard chart of accounts),
# answered for a Chinese developer; Frappe skips what a site has completed already. It runs
# before this app is on the site too (an ERPNext site set up before the app arrives).
complete_setup_wizard() {
	local site="$1" year
	year="$(date +%Y)"
	bench_cmd --site "$site" execute frappe.desk.page.setup_wizard.setup_wizard.setup_complete --kwargs \
		"{\"args\": {\"language\": \"简体中文\", \"country\": \"China\", \"timezone\": \"Asia/Shanghai\",
		  \"currency\": \"CNY\", \"enable_telemetry\": 0, \"company_name\": \"${ERP_COMPANY}\",
		  \"company_abbr\": \"${ERP_COMPANY_ABBR}\", \"chart_of_accounts\": \"Standard\",
		  \"fy_start_date\": \"${year}-01-01\", \"fy_end_date\": \"${year}-12-31\"}}" >/dev/null
}

ensure_erpnext() {
	if [ -f "$FRAPPE_BENCH/apps/erpnext/erpnext/__init__.py" ]; then
		log "ERPNext $(app_version erpnext) is in the bench"
		return
	fi
	source_reachable "$ERPNEXT_SOURCE" "$ERPNEXT_BRANCH" || die "ERPNext source ${ERPNEXT_SOURCE} (branch \
${ERPNEXT_BRANCH}) is not reachable. Set ERPNEXT_SOURCE to a reachable git URL or a local checkout of \
ERPNext ${ERPNEXT_BRANCH}, or run WITH_ERPNEXT=0 make dev for a Frappe-only site (make test needs ERPNext)."
	local src
	src="$(source_for_bench erpnext "$ERPNEXT_SOURCE" "$ERPNEXT_BRANCH")"
	log "getting ERPNext ${ERPNEXT_BRANCH} from ${ERPNEXT_SOURCE}"
	bench_cmd get-app --branch "$ERPNEXT_BRANCH" "$src" || die "bench get-app erpnext failed"
}

# --- commands ---------------------------------------------------------------

setup() {
	ensure_packages
	ensure_services
	ensure_user
	configure_mariadb
	ensure_bench
	ensure_app
}

cmd_dev() {
	setup
	local steps=("$APP" wizard)
	if [ "$WITH_ERPNEXT" = 1 ]; then
		ensure_erpnext
		steps=(erpnext wizard "$APP")
	fi
	if site_exists "$DEV_SITE"; then
		log "reusing site $DEV_SITE; migrating"
		bench_cmd --site "$DEV_SITE" migrate
		if [ "$WITH_ERPNEXT" = 1 ] && ! site_has_app "$DEV_SITE" erpnext; then
			log "installing ERPNext on $DEV_SITE (WITH_ERPNEXT=0 keeps a site Frappe-only)"
			bench_cmd --site "$DEV_SITE" install-app erpnext
		fi
		complete_setup_wizard "$DEV_SITE"
	else
		log "creating site $DEV_SITE ($(printf '%s ' "${steps[@]}"))"
		new_site "$DEV_SITE" "${steps[@]}"
		bench_cmd --site "$DEV_SITE" set-config developer_mode 0 >/dev/null
	fi
	bench_cmd --site "$DEV_SITE" scheduler enable >/dev/null
	bench_cmd use "$DEV_SITE" >/dev/null
	# print to PDF: wkhtmltopdf fetches the page's styles from the site by its name and port
	grep -q "[[:space:]]${DEV_SITE}\$" /etc/hosts || printf '127.0.0.1\t%s\n' "$DEV_SITE" >>/etc/hosts
	bench_cmd --site "$DEV_SITE" set-config host_name "http://${DEV_SITE}:${DEV_PORT}" >/dev/null
	log "loading demo data (idempotent)"
	bench_cmd --site "$DEV_SITE" execute customer_service.demo.make_demo
	bench_cmd build --app "$APP" || bench_cmd build
	cat <<-EOF

		customer_service is ready: http://127.0.0.1:${DEV_PORT}
		  site:  ${DEV_SITE} (Frappe $(app_version frappe)$(site_has_app "$DEV_SITE" erpnext && echo ", ERPNext $(app_version erpnext)"))
		  login: Administrator / ${ADMIN_PASSWORD}
		  demo agent: agent@demo.customer-service.localhost / demo1234

	EOF
	[ "${SERVE:-1}" = 0 ] && return 0
	log "serving (Ctrl-C stops)"
	cd "$FRAPPE_BENCH"
	exec runuser -u "$BENCH_USER" -- env HOME="$(bench_home)" \
		PATH="$(bench_home)/.bench-cli/bin:/usr/local/bin:/usr/bin:/bin" bash -c "
		trap 'kill 0' EXIT
		(cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site ${DEV_SITE} worker) &
		(cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site ${DEV_SITE} schedule) &
		node apps/frappe/socketio.js &
		cd sites && ../env/bin/python -m frappe.utils.bench_helper frappe --site ${DEV_SITE} serve --port ${DEV_PORT} --noreload"
}

TIER_LINES=()
TIER_STATUS=0

# run_tier NAME LOG COMMAND...: run one tier, keep its pytest summary line
run_tier() {
	local name="$1" logfile="$2" line
	shift 2
	set +e
	"$@" 2>&1 | tee "$logfile"
	local rc="${PIPESTATUS[0]}"
	set -e
	line="$(grep -E '[0-9]+ (passed|failed|errors?)' "$logfile" | tail -1 | sed 's/^=* *//; s/ *=*$//')"
	if [ "$rc" != 0 ]; then
		TIER_STATUS=1
	fi
	if ! grep -qE '[1-9][0-9]* passed' <<<"$line"; then
		TIER_STATUS=1
		line="${line:-no test ran} (tier did not run)"
	fi
	TIER_LINES+=("${name}: ${line}")
}

unit_tests() {
	(cd "$APP_ROOT" && as_user "$FRAPPE_BENCH/env/bin/python" -m pytest -q -p no:cacheprovider \
		-c "$APP_ROOT/pytest.ini" --rootdir "$APP_ROOT" "$APP_ROOT/tests/unit")
}

integration_tests() {
	local site="$1"
	shift
	(cd "$FRAPPE_BENCH/sites" && as_user env CS_TEST_SITE="$site" ../env/bin/python -m pytest -q \
		-p no:cacheprovider -c "$APP_ROOT/pytest.ini" --rootdir "$APP_ROOT" "$@")
}

prepare_site() {
	local site="$1" logfile="/tmp/cs-site-$1.log"
	shift
	log "fresh site $site: $*"
	new_site "$site" "$@" >"$logfile" 2>&1 || { tail -50 "$logfile"; return 1; }
	# the suite creates more users in an hour than Frappe lets a live site create
	bench_cmd --site "$site" set-config -p throttle_user_limit 100000 >/dev/null
}

cmd_test() {
	ensure_erpnext
	log "unit tests (pure Python)"
	run_tier unit /tmp/cs-unit.log unit_tests

	log "integration tests on a Frappe-only site ($TEST_SITE, Frappe $(app_version frappe))"
	if prepare_site "$TEST_SITE" "$APP" wizard; then
		run_tier frappe /tmp/cs-frappe.log integration_tests "$TEST_SITE" "$APP_ROOT/$APP"
	else
		TIER_STATUS=1; TIER_LINES+=("frappe: could not create $TEST_SITE")
	fi

	log "integration tests on an ERPNext site ($TEST_SITE_ERPNEXT, ERPNext $(app_version erpnext), app installed after ERPNext)"
	if prepare_site "$TEST_SITE_ERPNEXT" erpnext wizard "$APP"; then
		run_tier erpnext /tmp/cs-erpnext.log integration_tests "$TEST_SITE_ERPNEXT" "$APP_ROOT/$APP"
	else
		TIER_STATUS=1; TIER_LINES+=("erpnext: could not create $TEST_SITE_ERPNEXT")
	fi

	log "install order: ERPNext installed on a site that already has the app ($TEST_SITE_ORDER)"
	if prepare_site "$TEST_SITE_ORDER" "$APP" wizard erpnext wizard; then
		run_tier "erpnext-after-app" /tmp/cs-order.log integration_tests "$TEST_SITE_ORDER" \
			"$APP_ROOT/$APP/tests/test_install.py" "$APP_ROOT/$APP/tests/test_erpnext.py" \
			"$APP_ROOT/$APP/tests/test_erp_integration.py"
	else
		TIER_STATUS=1; TIER_LINES+=("erpnext-after-app: could not create $TEST_SITE_ORDER")
	fi
	# the order site has done its job; it is dropped to keep the bench small
	bench_cmd drop-site "$TEST_SITE_ORDER" $(db_admin_args) --force --no-backup >/dev/null 2>&1 || true

	replica_tier
	print_tiers
	return "$TIER_STATUS"
}

# screenshots of every portal page at phone size and of the desk (workbench, reports, a task), from
# the dev site's demo data, into docs/portal and docs/desk
cmd_screenshots() {
	setup
	site_exists "$DEV_SITE" || die "no dev site $DEV_SITE yet: run make dev first (SERVE=0 make dev sets it up without serving)"
	bench_cmd --site "$DEV_SITE" migrate >/dev/null
	bench_cmd --site "$DEV_SITE" execute customer_service.demo.make_demo >/dev/null
	local out
	out="$(as_user mktemp -d)"
	(cd "$FRAPPE_BENCH/sites" && as_user ../env/bin/python -m customer_service.tests.portal_screenshots "$DEV_SITE" "$out/portal")
	(cd "$FRAPPE_BENCH/sites" && as_user ../env/bin/python -m customer_service.tests.desk_screenshots "$DEV_SITE" "$out/desk")
	mkdir -p "$REPO/docs/portal" "$REPO/docs/desk"
	cp "$out"/portal/*.png "$REPO/docs/portal/"
	cp "$out"/desk/*.png "$REPO/docs/desk/"
	log "screenshots in docs/portal/ and docs/desk/"
}

# make benchmark: a dedicated site (reused while it holds the current data set version at this
# scale, rebuilt otherwise), every figure against its target, docs/benchmarks.md
cmd_benchmark() {
	setup
	local wanted have
	wanted="$(cd "$REPO" && python3 -c "import ast,sys; t=ast.parse(open('$APP/benchmark/dataset.py').read()); print(next(n.value.value for n in t.body if isinstance(n, ast.Assign) and n.targets[0].id == 'DATASET_VERSION') + '@' + format(float('${BENCHMARK_SCALE}'), 'g'))")"
	have="$(site_exists "$BENCHMARK_SITE" && bench_cmd --site "$BENCHMARK_SITE" execute frappe.db.get_default --args '["cs_benchmark_dataset"]' 2>/dev/null | tr -d '"' || true)"
	if [ "$have" != "$wanted" ]; then
		log "benchmark site $BENCHMARK_SITE for data set $wanted (had: ${have:-none})"
		prepare_site "$BENCHMARK_SITE" "$APP" wizard || die "could not create $BENCHMARK_SITE"
	else
		log "reusing $BENCHMARK_SITE (data set $wanted); migrating"
		bench_cmd --site "$BENCHMARK_SITE" migrate >/dev/null
	fi
	# a database server sized for the data: InnoDB's buffer pool holds the hot tables (MariaDB's
	# default is 128 MiB; a production server gives it a good share of its memory)
	local pool=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) * 1024 / 3 ))
	mysql -uroot -e "SET GLOBAL innodb_buffer_pool_size = IF(@@innodb_buffer_pool_size < ${pool}, ${pool}, @@innodb_buffer_pool_size)" 2>/dev/null \
		|| log "could not size MariaDB's buffer pool (figures will be slower than on a configured server)"
	# the bench's scheduler serves every site: none of its jobs may change the data set or run beside the figures
	bench_cmd --site "$BENCHMARK_SITE" scheduler disable >/dev/null
	# locust (PyPI) in a virtualenv of its own: it only talks HTTP to the site, and its dependencies
	# (gevent, Flask) stay out of the bench's environment
	local locust_venv
	locust_venv="$(bench_home)/.cs-locust"
	if [ ! -x "$locust_venv/bin/locust" ]; then
		log "installing locust into $locust_venv"
		as_user /usr/bin/python3 -m venv "$locust_venv" && as_user "$locust_venv/bin/pip" install --quiet "locust>=2.20,<3" \
			|| log "could not install locust: the concurrent-staff figure will fail"
	fi
	local out status
	out="$(as_user mktemp)"
	(cd "$FRAPPE_BENCH/sites" && as_user env CS_LOCUST="$locust_venv/bin/locust" ../env/bin/python -m customer_service.benchmark.run "$BENCHMARK_SITE" \
		--scale "$BENCHMARK_SCALE" --out "$out") && status=0 || status=$?
	[ -s "$out" ] && cp "$out" "$REPO/docs/benchmarks.md" && log "figures in docs/benchmarks.md"
	return "$status"
}

# make test-replica: Frappe's read_from_replica proven on a real replica. Two private MariaDB
# servers on loopback ports (the machine's own server is left as it is): a primary with a binary
# log and a read-only replica of it (GTID replication); a fresh site on the primary with the demo
# data, read_from_replica and replica_host / replica_db_port set; then the tests that go over HTTP
# and read the replica's counters (customer_service/tests/replica_reads.py).
start_private_mariadb() {  # NAME PORT SERVER_ID MARIADBD-OPTION...
	local name="$1" port="$2" server_id="$3" dir="$REPLICA_DIR/$1"
	shift 3
	mkdir -p "$dir" && chown mysql:mysql "$dir"
	mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" --auth-root-authentication-method=socket \
		>"$dir/install.log" 2>&1 || { cat "$dir/install.log"; return 1; }
	start-stop-daemon --start --background --make-pidfile --pidfile "$dir/pid" --exec /usr/sbin/mariadbd -- \
		--no-defaults --user=mysql --datadir="$dir/data" --socket="$dir/sock" --pid-file="$dir/mariadbd.pid" \
		--port="$port" --bind-address=127.0.0.1 --skip-name-resolve --server-id="$server_id" --log-error="$dir/error.log" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --character-set-client-handshake=FALSE \
		--innodb-buffer-pool-size=256M "$@"
	for _ in $(seq 60); do
		if mariadb --socket="$dir/sock" -uroot -e 'select 1' >/dev/null 2>&1; then
			# a fresh data directory has anonymous users, which would shadow the site's user; not replicated
			mariadb --socket="$dir/sock" -uroot -e "SET sql_log_bin = 0; DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)';"
			return
		fi
		sleep 1
	done
	tail -20 "$dir/error.log"
	return 1
}

stop_private_mariadb() {
	local pidfile="$REPLICA_DIR/$1/pid"
	[ -f "$pidfile" ] && start-stop-daemon --stop --retry 60 --pidfile "$pidfile" --remove-pidfile >/dev/null 2>&1
	return 0
}

private_sql() { local name="$1"; shift; mariadb --socket="$REPLICA_DIR/$name/sock" -uroot "$@"; }

stop_replication_pair() {
	stop_private_mariadb replica
	stop_private_mariadb primary
}

# prepare_replica_site: the two servers, replicating, and the demo site on the primary
prepare_replica_site() {
	local primary_port="${REPLICA_PORTS[0]}" replica_port="${REPLICA_PORTS[1]}" admin_pw repl_pw
	local logfile="/tmp/cs-site-${REPLICA_SITE}.log"
	admin_pw="$(cat "$(bench_home)/.cs_db_admin_password")"
	repl_pw="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
	drop_replica_site
	log "MariaDB primary on 127.0.0.1:${primary_port} and its replica on 127.0.0.1:${replica_port} (${REPLICA_DIR})"
	start_private_mariadb primary "$primary_port" 1 --log-bin="$REPLICA_DIR/primary/binlog" --binlog-format=ROW \
		|| { log "the primary did not start"; return 1; }
	start_private_mariadb replica "$replica_port" 2 --read-only=1 --relay-log="$REPLICA_DIR/replica/relay" \
		|| { log "the replica did not start"; return 1; }
	private_sql primary -e "CREATE USER 'cs_repl'@'127.0.0.1' IDENTIFIED BY '${repl_pw}';
		GRANT REPLICATION SLAVE ON *.* TO 'cs_repl'@'127.0.0.1';
		CREATE USER '${DB_ADMIN_USER}'@'127.0.0.1' IDENTIFIED BY '${admin_pw}';
		GRANT ALL PRIVILEGES ON *.* TO '${DB_ADMIN_USER}'@'127.0.0.1' WITH GRANT OPTION;" || return 1
	private_sql replica -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary_port},
		MASTER_USER='cs_repl', MASTER_PASSWORD='${repl_pw}', MASTER_USE_GTID=slave_pos; START SLAVE;" || return 1
	log "site $REPLICA_SITE on the primary, with the demo data, reading from the replica"
	{
		bench_cmd new-site "$REPLICA_SITE" --db-host 127.0.0.1 --db-port "$primary_port" \
			--mariadb-user-host-login-scope=% --db-root-username "$DB_ADMIN_USER" --db-root-password "$admin_pw" \
			--admin-password "$ADMIN_PASSWORD" \
			&& bench_cmd --site "$REPLICA_SITE" set-config mail_server localhost \
			&& bench_cmd --site "$REPLICA_SITE" set-config auto_email_id "noreply@${REPLICA_SITE}" \
			&& bench_cmd --site "$REPLICA_SITE" install-app "$APP" \
			&& complete_setup_wizard "$REPLICA_SITE" \
			&& bench_cmd --site "$REPLICA_SITE" set-config -p throttle_user_limit 100000 \
			&& bench_cmd --site "$REPLICA_SITE" execute customer_service.demo.make_demo \
			&& bench_cmd --site "$REPLICA_SITE" set-config -p read_from_replica 1 \
			&& bench_cmd --site "$REPLICA_SITE" set-config replica_host 127.0.0.1 \
			&& bench_cmd --site "$REPLICA_SITE" set-config -p replica_db_port "$replica_port"
	} >"$logfile" 2>&1 || { tail -50 "$logfile"; return 1; }
}

replica_tests() {
	(cd "$FRAPPE_BENCH/sites" && as_user env CS_TEST_SITE="$REPLICA_SITE" CS_DB_ADMIN_USER="$DB_ADMIN_USER" \
		CS_DB_ADMIN_PASSWORD_FILE="$(bench_home)/.cs_db_admin_password" ../env/bin/python -m pytest -q \
		-p no:cacheprovider -c "$APP_ROOT/pytest.ini" --rootdir "$APP_ROOT" "$APP_ROOT/$APP/tests/replica_reads.py")
}

# the site's database lives in the private servers: the site goes with them
drop_replica_site() {
	stop_private_mariadb replica
	stop_private_mariadb primary
	rm -rf "$REPLICA_DIR" "$FRAPPE_BENCH/sites/$REPLICA_SITE"
}

replica_tier() {
	log "reads from a MariaDB read replica ($REPLICA_SITE on a primary and a replica of it)"
	if prepare_replica_site; then
		run_tier replica /tmp/cs-replica.log replica_tests
	else
		TIER_STATUS=1; TIER_LINES+=("replica: could not set up the primary, the replica or $REPLICA_SITE")
	fi
	drop_replica_site
}

print_tiers() {
	python3 - "$TIER_STATUS" "${TIER_LINES[@]}" <<-'PY'
		import re, sys
		status, lines = sys.argv[1], sys.argv[2:]
		def count(line, word):
		    return sum(int(n) for n in re.findall(r"(\d+) " + word, line))
		print()
		for line in lines:
		    print(line)
		passed = sum(count(l, "passed") for l in lines)
		failed = sum(count(l, "failed") + count(l, "error") for l in lines)
		print(f"total: {passed} passed, {failed} failed" + ("" if status == "0" else "  (FAILED)"))
	PY
}

cmd_test_replica() {
	setup
	trap drop_replica_site EXIT
	replica_tier
	print_tiers
	return "$TIER_STATUS"
}

cmd_setup() {
	setup
	[ "$WITH_ERPNEXT" = 0 ] || ensure_erpnext
}

case "${1:-}" in
	dev) cmd_dev ;;
	test) setup; cmd_test ;;
	benchmark) cmd_benchmark ;;
	test-replica) cmd_test_replica ;;
	setup) cmd_setup ;;
	screenshots) cmd_screenshots ;;
	*) die "usage: $0 dev|test|test-replica|setup|screenshots|benchmark" ;;
esac
