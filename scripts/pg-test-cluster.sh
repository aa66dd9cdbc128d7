#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests (issue 20 item 3), from Debian's `postgresql` package.
#   scripts/pg-test-cluster.sh start          prints postgres://postgres@127.0.0.1:PORT/postgres (a free port)
#   scripts/pg-test-cluster.sh stop   URL|PORT stops it and deletes its folder
#   scripts/pg-test-cluster.sh crash  URL|PORT stops it like a power cut (pg_ctl -m immediate: no checkpoint, the next
#                                             start replays the WAL), keeping its folder
#   scripts/pg-test-cluster.sh resume URL|PORT starts a crashed or stopped cluster again on the same port
# The cluster lives in ${TMPDIR:-/tmp}/sc-pg-PORT (initdb -A trust: loopback only, no password; never for real data).
# As root it runs as the `postgres` user (the server refuses root); otherwise as the current user.
set -euo pipefail

bindir() {
  local b
  for b in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(pg_config --bindir 2>/dev/null || true)"; do
    if [ -x "$b/initdb" ]; then echo "$b"; return; fi
  done
  echo "pg-test-cluster: no initdb found (apt-get install -y postgresql)" >&2
  exit 3
}
BIN=$(bindir)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_of() { local a=${1:?URL or port}; a=${a##*:}; a=${a%%/*}; echo "$a"; }
dir_of() { echo "${TMPDIR:-/tmp}/sc-pg-$1"; }
pg_start() { # dir port
  (cd "$1" && as_pg "$BIN/pg_ctl" -D "$1/data" -l "$1/log" -w -t 30 \
    -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on" start >/dev/null)
}

case "${1:-}" in
  start)
    for _ in 1 2 3 4 5 6 7 8; do
      port=$(( 20000 + RANDOM % 40000 ))
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
      d=$(dir_of "$port")
      mkdir "$d" 2>/dev/null || continue
      [ "$(id -u)" = 0 ] && chown postgres "$d"
      if ! (cd "$d" && as_pg "$BIN/initdb" -D "$d/data" -A trust -U postgres --no-sync >/dev/null); then rm -rf "$d"; continue; fi
      if pg_start "$d" "$port"; then
        echo "postgres://postgres@127.0.0.1:$port/postgres"
        exit 0
      fi
      cat "$d/log" >&2 || true
      rm -rf "$d"
    done
    echo "pg-test-cluster: could not start a cluster" >&2
    exit 1
    ;;
  stop)
    p=$(port_of "${2:-}"); d=$(dir_of "$p")
    if [ -d "$d/data" ]; then
      # never delete the folder of a server still running: fast, then immediate, and keep it if both fail
      (cd "$d" && as_pg "$BIN/pg_ctl" -D "$d/data" -m fast -w stop >/dev/null 2>&1) \
        || (cd "$d" && as_pg "$BIN/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1) || true
      if [ -f "$d/data/postmaster.pid" ]; then echo "pg-test-cluster: $d still running; left in place" >&2; exit 1; fi
    fi
    rm -rf "$d"
    ;;
  crash)
    p=$(port_of "${2:-}"); d=$(dir_of "$p")
    (cd "$d" && as_pg "$BIN/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null)
    ;;
  resume)
    p=$(port_of "${2:-}"); d=$(dir_of "$p")
    pg_start "$d" "$p"
    ;;
  *)
    echo "usage: $0 start | stop URL | crash URL | resume URL" >&2
    exit 2
    ;;
esac
