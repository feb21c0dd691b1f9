#!/usr/bin/env bash
# The engine matrix: Docker engines the course is tested on, each its own private dockerd.
#
#   bash scripts/engines.sh fetch            # download the current engine (Debian trixie's packages) once
#   bash scripts/engines.sh start LEG        # start LEG's dockerd; prints the DOCKER_HOST to use
#   bash scripts/engines.sh stop LEG         # stop the dockerd this script started for LEG (only that one)
#   bash scripts/engines.sh env LEG          # the environment a test run against LEG needs (eval-able)
#   bash scripts/engines.sh run LEG -- CMD…  # CMD with LEG's environment, inside LEG's network namespace
#
# Legs:
#   modern      Engine 26 (trixie docker.io) + BuildKit (buildx) + Compose v2, overlay2      host network
#   containerd  the same engine with the containerd image store                              netns dl-containerd
#   legacy      Debian bookworm's Engine 20.10, legacy builder (DOCKER_BUILDKIT=0), Compose v2 plugin   netns dl-legacy
#
# The modern leg listens on /var/run/docker.sock (unless DOCKER_HOST names another unix socket) in the host's network,
# so the extension-host and UI tests reach its published ports on 127.0.0.1. The other two live in network namespaces
# of their own (`ip netns add`, dockerd started with `nsenter --net=…`: `ip netns exec` remounts /sys and hides the
# cgroup mounts dockerd needs), with their own socket and data root, so their published ports never collide and they
# can run beside the modern one.
#
# Trixie's packages come through a private sources list (`apt-get -o Dir::Etc::sourcelist=…`): the system's apt sources
# are left alone. Trixie's runc needs glibc 2.38, so bookworm's runc is used by every leg. The two CLI plugins go in
# /usr/libexec/docker/cli-plugins, where a docker-ce install has them too.

set -Eeuo pipefail
DL_ENGINES_HOME=${DL_ENGINES_HOME:-/opt/docker-lessons-engines}
# Names of the legs' namespaces, sockets and data roots: another prefix gives a second, separate matrix (a trial run
# beside a developer's engines).
DL_ENGINES_PREFIX=${DL_ENGINES_PREFIX:-dl}
DL_TRIXIE_ROOT=$DL_ENGINES_HOME/trixie
DL_TRIXIE_PACKAGES=(docker.io docker-compose docker-buildx containerd)
DL_PLUGINS_DIR=/usr/libexec/docker/cli-plugins

eng_log() { printf '[engines] %s\n' "$*" >&2; }

eng_apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "${DL_APT_UPDATED:-0}" != 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DL_APT_UPDATED=1
  fi
  eng_log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

# Bookworm's engine (the legacy leg), its containerd and runc (used by every leg), and the tools the matrix needs.
eng_base() {
  eng_apt_install docker.io containerd runc iptables iproute2 busybox-static docker-registry util-linux
}

# Downloads and unpacks trixie's engine, containerd and the two CLI plugins (once; kept under DL_ENGINES_HOME).
eng_fetch() {
  eng_base
  if [ -x "$DL_TRIXIE_ROOT/usr/sbin/dockerd" ] && [ -x "$DL_TRIXIE_ROOT/usr/libexec/docker/cli-plugins/docker-compose" ] &&
    [ -x "$DL_TRIXIE_ROOT/usr/libexec/docker/cli-plugins/docker-buildx" ] && [ -x "$DL_TRIXIE_ROOT/usr/bin/containerd" ]; then
    eng_log "trixie engine already unpacked in $DL_TRIXIE_ROOT"
  else
    local apt=$DL_ENGINES_HOME/apt debs=$DL_ENGINES_HOME/debs
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$debs"
    cat >"$apt/sources.list" <<'EOF'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
EOF
    local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt/lists"
      -o "Dir::Cache=$apt/cache" -o Dir::State::status=/var/lib/dpkg/status -o Debug::NoLocking=1)
    eng_log "apt-get update (private trixie list in $apt)"
    apt-get "${opts[@]}" update -qq
    eng_log "apt-get download ${DL_TRIXIE_PACKAGES[*]}"
    (cd "$debs" && rm -f ./*.deb && apt-get "${opts[@]}" download "${DL_TRIXIE_PACKAGES[@]}")
    rm -rf "$DL_TRIXIE_ROOT.tmp" && mkdir -p "$DL_TRIXIE_ROOT.tmp"
    local deb
    for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$DL_TRIXIE_ROOT.tmp"; done
    # Bookworm's runc stays (trixie's needs glibc 2.38); trixie's docker.io does not ship one, containerd neither.
    rm -f "$DL_TRIXIE_ROOT.tmp/usr/sbin/runc" "$DL_TRIXIE_ROOT.tmp/usr/bin/runc"
    rm -rf "$DL_TRIXIE_ROOT" && mv "$DL_TRIXIE_ROOT.tmp" "$DL_TRIXIE_ROOT"
  fi
  mkdir -p "$DL_PLUGINS_DIR"
  local plugin
  for plugin in docker-compose docker-buildx; do
    ln -sf "$DL_TRIXIE_ROOT/usr/libexec/docker/cli-plugins/$plugin" "$DL_PLUGINS_DIR/$plugin"
  done
  eng_log "dockerd $("$DL_TRIXIE_ROOT/usr/sbin/dockerd" --version | sed 's/Docker version //'), $(docker compose version --short 2>/dev/null | sed 's/^/compose /'), $(docker buildx version 2>/dev/null | cut -d' ' -f1,2)"
}

# Per-leg paths: LEG_NETNS (empty for the host network), LEG_SOCKET, LEG_DATA, LEG_EXEC, LEG_DOCKERD, LEG_PATH, …
eng_leg() {
  LEG=$1
  case "$LEG" in
    modern | containerd)
      LEG_DOCKERD=$DL_TRIXIE_ROOT/usr/sbin/dockerd
      LEG_PATH=$DL_TRIXIE_ROOT/usr/sbin:$DL_TRIXIE_ROOT/usr/bin:$PATH
      ;;
    legacy)
      LEG_DOCKERD=/usr/sbin/dockerd
      LEG_PATH=$PATH
      ;;
    *) eng_log "unknown leg '$LEG' (modern, containerd, legacy)"; return 2 ;;
  esac
  local prefix=$DL_ENGINES_PREFIX
  LEG_NETNS=$prefix-$LEG
  LEG_SOCKET=/run/$prefix-$LEG/docker.sock
  if [ "$LEG" = modern ]; then
    LEG_NETNS=
    case "${DOCKER_HOST:-}" in
      unix://*) LEG_SOCKET=${DOCKER_HOST#unix://} ;;
      *) LEG_SOCKET=/var/run/docker.sock ;;
    esac
  fi
  LEG_DATA=/var/lib/$prefix-$LEG
  # Short: containerd's sockets live under the exec root (108-byte limit).
  LEG_EXEC=/run/$prefix-$LEG/x
  LEG_PIDFILE=/run/$prefix-$LEG/dockerd.pid
  LEG_MARKER=/run/$prefix-$LEG/started-by-docker-lessons
  LEG_LOG=/var/log/$prefix-$LEG.log
  LEG_CONFIG=/etc/$prefix-$LEG/daemon.json
  LEG_BUILDKIT=1
  [ "$LEG" = legacy ] && LEG_BUILDKIT=0
  return 0
}

eng_answers() { timeout 10 env DOCKER_HOST="unix://$LEG_SOCKET" docker info >/dev/null 2>&1; }

eng_netns_exec() {
  if [ -n "$LEG_NETNS" ]; then nsenter --net="/var/run/netns/$LEG_NETNS" "$@"; else "$@"; fi
}

eng_start() {
  eng_leg "$1"
  [ "$LEG" = legacy ] || [ -x "$LEG_DOCKERD" ] || eng_fetch
  if eng_answers; then
    eng_log "$LEG: an engine already answers on unix://$LEG_SOCKET; using it"
    echo "unix://$LEG_SOCKET"
    return 0
  fi
  if [ -n "$LEG_NETNS" ] && [ ! -e "/var/run/netns/$LEG_NETNS" ]; then
    ip netns add "$LEG_NETNS"
    nsenter --net="/var/run/netns/$LEG_NETNS" ip link set lo up
  fi
  mkdir -p "$(dirname "$LEG_SOCKET")" "$LEG_EXEC" "$LEG_DATA" "$(dirname "$LEG_CONFIG")"
  if [ "$LEG" = containerd ]; then
    echo '{"features":{"containerd-snapshotter":true}}' >"$LEG_CONFIG"
  else
    echo '{}' >"$LEG_CONFIG"
  fi
  local flags=(--host "unix://$LEG_SOCKET" --data-root "$LEG_DATA" --exec-root "$LEG_EXEC" --pidfile "$LEG_PIDFILE"
    --config-file "$LEG_CONFIG")
  if [ -z "$LEG_NETNS" ] && [ "$LEG_SOCKET" != /var/run/docker.sock ] && [ "$LEG_SOCKET" != /run/docker.sock ] &&
    ip link show docker0 >/dev/null 2>&1; then
    eng_log "$LEG: docker0 belongs to another engine in the host network; give this leg a namespace of its own instead"
    return 1
  fi
  eng_log "$LEG: starting $("$LEG_DOCKERD" --version) on unix://$LEG_SOCKET${LEG_NETNS:+ in netns $LEG_NETNS} (log $LEG_LOG)"
  # setsid: the daemon outlives this shell and does not get the terminal's signals.
  PATH=$LEG_PATH eng_netns_exec setsid "$LEG_DOCKERD" "${flags[@]}" >>"$LEG_LOG" 2>&1 </dev/null &
  local launcher=$! waited=0 limit=${DL_DOCKER_WAIT:-60}
  until eng_answers; do
    if [ "$waited" -ge "$limit" ] || ! kill -0 "$launcher" 2>/dev/null; then
      eng_log "$LEG: dockerd did not answer within ${waited}s. Last lines of $LEG_LOG:"
      tail -n 30 "$LEG_LOG" >&2
      kill "$launcher" 2>/dev/null || true
      [ -f "$LEG_PIDFILE" ] && kill "$(cat "$LEG_PIDFILE")" 2>/dev/null || true
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  cat "$LEG_PIDFILE" >"$LEG_MARKER"
  eng_log "$LEG: dockerd answers (pid $(cat "$LEG_PIDFILE"), ${waited}s)"
  echo "unix://$LEG_SOCKET"
}

# Stops LEG's dockerd only when this script started it (marker = pidfile, same exec root on its command line).
eng_stop() {
  eng_leg "$1"
  if [ ! -f "$LEG_MARKER" ] || [ ! -f "$LEG_PIDFILE" ]; then
    eng_log "$LEG: no dockerd started by this script; nothing to stop"
    return 0
  fi
  local pid
  pid=$(cat "$LEG_PIDFILE")
  if [ "$pid" = "$(cat "$LEG_MARKER")" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--exec-root $LEG_EXEC"; then
    eng_log "$LEG: stopping dockerd (pid $pid)"
    kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 30 ]; do sleep 1; waited=$((waited + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$LEG_MARKER"
}

eng_env() {
  eng_leg "$1"
  printf 'export DOCKER_HOST=%q DOCKER_BUILDKIT=%q DL_ENGINE_LEG=%q\n' "unix://$LEG_SOCKET" "$LEG_BUILDKIT" "$LEG"
}

eng_run() {
  local leg=$1
  shift
  [ "${1:-}" = -- ] && shift
  eng_leg "$leg"
  eng_netns_exec env DOCKER_HOST="unix://$LEG_SOCKET" DOCKER_BUILDKIT="$LEG_BUILDKIT" DL_ENGINE_LEG="$LEG" "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    fetch) eng_fetch ;;
    start) eng_start "${2:?leg}" ;;
    stop) eng_stop "${2:?leg}" ;;
    env) eng_env "${2:?leg}" ;;
    run) shift; eng_run "$@" ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
  esac
fi
