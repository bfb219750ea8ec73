# shellcheck shell=bash
# Sourced (not run) by scripts/test.sh: a throwaway PostgreSQL 15 cluster for the store tests.
#
#   eim_postgres_start   initdb a fresh temporary folder owned by `postgres` (trust auth, UTF8,
#                        locale C), start it on a free port of 127.0.0.1 with its socket in
#                        that folder, create the database eim_test and export
#                        EIM_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/eim_test
#   eim_postgres_stop    stop it (pg_ctl stop -m fast) and remove the folder; safe to call
#                        twice or when nothing was started (use it in an EXIT trap)
#
# PostgreSQL refuses to run as root, so the server runs as the `postgres` system user
# (runuser). On a fresh Debian 12 machine, run as root, the first start installs the
# Debian package postgresql-15. Both functions return non-zero, with a message on stderr,
# instead of exiting: the caller decides (scripts/test.sh fails the run).

EIM_PG_BIN="${EIM_PG_BIN:-/usr/lib/postgresql/15/bin}"
EIM_PG_DIR=""   # the temporary folder of the running cluster (data/, socket, log)

_eim_pg_say() { printf '==> %s\n' "$*" >&2; }
_eim_pg_err() { printf 'error: %s\n' "$*" >&2; }

# Install PostgreSQL 15 when its binaries are missing (root only, Debian's apt-get).
_eim_pg_install() {
    [[ -x "$EIM_PG_BIN/initdb" && -x "$EIM_PG_BIN/pg_ctl" ]] && return 0
    if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
        _eim_pg_err "PostgreSQL 15 is not installed ($EIM_PG_BIN missing); as root run:" \
            "apt-get install -y postgresql-15"
        return 1
    fi
    _eim_pg_say "installing Debian package postgresql-15"
    # Waits for a dpkg lock another installer holds (scripts/chromium.sh may run beside it).
    local lock=(-o DPkg::Lock::Timeout=300)
    apt-get "${lock[@]}" update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -qq postgresql-15 >&2 || return 1
    [[ -x "$EIM_PG_BIN/initdb" ]] || {
        _eim_pg_err "postgresql-15 was installed but $EIM_PG_BIN/initdb is still missing"
        return 1
    }
}

# Run a PostgreSQL binary as the postgres user, from a folder it can read.
_eim_pg_as_postgres() {
    (cd "$EIM_PG_DIR" && runuser -u postgres -- "$@")
}

_eim_pg_free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

_eim_pg_show_log() {
    if [[ -n "$EIM_PG_DIR" && -f "$EIM_PG_DIR/postgres.log" ]]; then
        echo "--- last lines of $EIM_PG_DIR/postgres.log:" >&2
        tail -n 20 "$EIM_PG_DIR/postgres.log" >&2
    fi
}

eim_postgres_start() {
    local port attempt started=0
    if [[ -n "$EIM_PG_DIR" ]]; then
        _eim_pg_err "a temporary PostgreSQL is already running in $EIM_PG_DIR"
        return 1
    fi
    _eim_pg_install || return 1
    if ! id -u postgres >/dev/null 2>&1; then
        _eim_pg_err "there is no \`postgres\` system user to run PostgreSQL as"
        return 1
    fi
    if [[ $EUID -ne 0 ]]; then
        _eim_pg_err "starting PostgreSQL as the postgres user needs root (runuser)"
        return 1
    fi
    # /tmp, not $TMPDIR: the postgres user must be able to reach the folder.
    EIM_PG_DIR="$(mktemp -d /tmp/eim-postgres.XXXXXX)" || {
        _eim_pg_err "mktemp failed"
        return 1
    }
    chown postgres: "$EIM_PG_DIR" || return 1
    if ! _eim_pg_as_postgres "$EIM_PG_BIN/initdb" -D "$EIM_PG_DIR/data" -U postgres \
        --auth=trust --encoding=UTF8 --locale=C >"$EIM_PG_DIR/initdb.log" 2>&1; then
        _eim_pg_err "initdb failed:"
        cat "$EIM_PG_DIR/initdb.log" >&2
        return 1
    fi
    # The free port can be taken between the probe and the start: try a few.
    for attempt in 1 2 3; do
        port="$(_eim_pg_free_port)" || return 1
        if _eim_pg_as_postgres "$EIM_PG_BIN/pg_ctl" -D "$EIM_PG_DIR/data" \
            -l "$EIM_PG_DIR/postgres.log" -t 60 -w \
            -o "-p $port -k $EIM_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" \
            start >/dev/null; then
            started=1
            break
        fi
        _eim_pg_say "PostgreSQL did not start on port $port (attempt $attempt)"
    done
    if [[ $started -ne 1 ]]; then
        _eim_pg_err "PostgreSQL 15 did not start"
        _eim_pg_show_log
        return 1
    fi
    if ! _eim_pg_as_postgres "$EIM_PG_BIN/createdb" -h "$EIM_PG_DIR" -p "$port" -U postgres \
        eim_test; then
        _eim_pg_err "createdb eim_test failed"
        _eim_pg_show_log
        return 1
    fi
    export EIM_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/eim_test"
    _eim_pg_say "PostgreSQL 15 on 127.0.0.1:$port (data in $EIM_PG_DIR)"
}

eim_postgres_stop() {
    [[ -n "$EIM_PG_DIR" ]] || return 0
    if [[ -f "$EIM_PG_DIR/data/postmaster.pid" ]]; then
        if ! _eim_pg_as_postgres "$EIM_PG_BIN/pg_ctl" -D "$EIM_PG_DIR/data" -m fast -t 60 -w \
            stop >/dev/null &&
            ! _eim_pg_as_postgres "$EIM_PG_BIN/pg_ctl" -D "$EIM_PG_DIR/data" -m immediate \
                -t 30 -w stop >/dev/null; then
            _eim_pg_err "pg_ctl stop failed; PostgreSQL may still run from $EIM_PG_DIR"
            return 1
        fi
    fi
    rm -rf -- "$EIM_PG_DIR"
    EIM_PG_DIR=""
    unset EIM_TEST_POSTGRES_URL
}
