#!/usr/bin/env bash
# Makes sure a Docker engine answers on the socket the docker CLI will use (DOCKER_HOST, or
# /var/run/docker.sock), installing Debian's packages and starting a private dockerd if none does.
#
#   bash scripts/provision-docker.sh start    # ensure an engine answers; a dockerd it starts keeps running
#   bash scripts/provision-docker.sh stop     # stop the dockerd this script started for that socket (only that one)
#   bash scripts/provision-docker.sh status
#   source scripts/provision-docker.sh; dl_docker_ensure; trap dl_docker_cleanup EXIT   # from other scripts (.ci/run)
#
# A dockerd started here gets its own data-root, exec-root and pidfile, derived from the socket path,
# so it never shares state with another engine on the machine. When another dockerd already runs
# (its docker0 bridge exists), ours uses its own bridge and leaves iptables alone, so the two do
# not fight over docker0 or the DOCKER chains.
#
# Environment: DOCKER_HOST (unix:// only for starting), DL_DOCKER_WAIT (seconds, default 60),
# DL_DOCKER_PACKAGES (extra apt packages), CI (no prompts).

dl_log() { printf '[provision-docker] %s\n' "$*" >&2; }

dl_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else dl_log "need root for: $*  (run as root or install sudo)"; return 1
  fi
}

DL_APT_UPDATED=${DL_APT_UPDATED:-0}
# Installs the given Debian packages that are not installed yet; runs `apt-get update` at most once.
dl_apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    dl_log "missing packages ${missing[*]} and no apt-get here: install them by other means"
    return 1
  fi
  if [ "$DL_APT_UPDATED" != 1 ]; then
    dl_log "apt-get update"
    dl_sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    DL_APT_UPDATED=1
  fi
  dl_log "apt-get install ${missing[*]}"
  dl_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

# Paths of the private daemon for the current DOCKER_HOST (sets DL_SOCKET, DL_DATA_ROOT, DL_EXEC_ROOT, …).
dl_docker_paths() {
  local host=${DOCKER_HOST:-unix:///var/run/docker.sock}
  case "$host" in
    unix://*) DL_SOCKET=${host#unix://} ;;
    *) DL_SOCKET= ;;
  esac
  local suffix=
  if [ -n "$DL_SOCKET" ] && [ "$DL_SOCKET" != /var/run/docker.sock ] && [ "$DL_SOCKET" != /run/docker.sock ]; then
    suffix="-$(printf '%s' "$DL_SOCKET" | cksum | cut -d' ' -f1)"
  fi
  DL_DATA_ROOT=/var/lib/docker-lessons-ci$suffix
  # Kept short: containerd puts unix sockets under the exec-root (108-byte path limit).
  DL_EXEC_ROOT=/run/dl-ci$suffix
  DL_PIDFILE=$DL_EXEC_ROOT/dockerd.pid
  DL_MARKER=$DL_EXEC_ROOT/started-by-docker-lessons
  DL_LOG=/var/log/docker-lessons-ci$suffix.log
  DL_BRIDGE=dlci${suffix:1:8}
  DL_BRIDGE=${DL_BRIDGE:0:15}
}

dl_docker_answers() {
  timeout 10 docker info >/dev/null 2>&1
}

# Ensures an engine answers; starts a private dockerd if not. Sets DL_DOCKER_STARTED=1 when it started one.
dl_docker_ensure() {
  DL_DOCKER_STARTED=${DL_DOCKER_STARTED:-0}
  dl_docker_paths
  local packages=()
  command -v docker >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
  [ -x /usr/bin/busybox ] || [ -n "${BUSYBOX:-}" ] || packages+=(busybox-static)
  [ -x /usr/bin/docker-registry ] || packages+=(docker-registry)
  if [ "${#packages[@]}" -gt 0 ]; then dl_apt_install "${packages[@]}" || return 1; fi

  if dl_docker_answers; then
    dl_log "an engine already answers on ${DOCKER_HOST:-unix:///var/run/docker.sock}; using it"
    return 0
  fi
  if [ -z "$DL_SOCKET" ]; then
    dl_log "DOCKER_HOST=$DOCKER_HOST does not answer and is not a unix socket, so nothing can be started for it"
    return 1
  fi

  local flags=(--host "unix://$DL_SOCKET" --data-root "$DL_DATA_ROOT" --exec-root "$DL_EXEC_ROOT" --pidfile "$DL_PIDFILE")
  if ip link show docker0 >/dev/null 2>&1 && [ "$DL_SOCKET" != /var/run/docker.sock ]; then
    # Another engine owns docker0 and the iptables chains: use a bridge of our own, no iptables.
    # Published ports still work on 127.0.0.1 through docker-proxy.
    if ! ip link show "$DL_BRIDGE" >/dev/null 2>&1; then
      dl_sudo ip link add name "$DL_BRIDGE" type bridge &&
        dl_sudo ip addr add "10.213.$(( $(printf '%s' "$DL_BRIDGE" | cksum | cut -d' ' -f1) % 200 + 20 )).1/24" dev "$DL_BRIDGE" &&
        dl_sudo ip link set "$DL_BRIDGE" up || { dl_log "cannot create bridge $DL_BRIDGE; containers get no network"; DL_BRIDGE=none; }
    fi
    # Not --bridge=none, and no --default-address-pool: with either, dockerd 20.10 deletes the host's
    # docker0 interface at start-up (removeDefaultBridgeInterface), breaking the other engine.
    flags+=(--bridge "$DL_BRIDGE" --iptables=false --ip-masq=false)
  fi

  dl_sudo mkdir -p "$DL_EXEC_ROOT" "$DL_DATA_ROOT" "$(dirname "$DL_SOCKET")" "$(dirname "$DL_LOG")"
  dl_log "starting dockerd on unix://$DL_SOCKET (data-root $DL_DATA_ROOT, exec-root $DL_EXEC_ROOT, log $DL_LOG)"
  # setsid: the daemon outlives this shell in `start` mode and does not get the terminal's signals.
  dl_sudo setsid dockerd "${flags[@]}" >>"$DL_LOG" 2>&1 </dev/null &
  local launcher=$! waited=0 limit=${DL_DOCKER_WAIT:-60}
  until dl_docker_answers; do
    if [ "$waited" -ge "$limit" ] || ! kill -0 "$launcher" 2>/dev/null; then
      dl_log "dockerd did not answer within ${waited}s. Last lines of $DL_LOG:"
      tail -n 40 "$DL_LOG" >&2
      # The launcher is dockerd itself (setsid execs it) or sudo, which passes the signal on;
      # the pidfile may not be written yet.
      dl_sudo kill "$launcher" 2>/dev/null || true
      if [ -f "$DL_PIDFILE" ]; then dl_sudo kill "$(cat "$DL_PIDFILE")" 2>/dev/null || true; fi
      wait "$launcher" 2>/dev/null || true
      dl_remove_bridge
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  printf '%s\n' "$(cat "$DL_PIDFILE")" | dl_sudo tee "$DL_MARKER" >/dev/null
  DL_DOCKER_STARTED=1
  dl_log "dockerd answers (pid $(cat "$DL_PIDFILE"), ${waited}s)"
}

# Stops the dockerd this script started for the current socket, and nothing else.
dl_docker_stop() {
  dl_docker_paths
  if [ ! -f "$DL_MARKER" ] || [ ! -f "$DL_PIDFILE" ]; then
    dl_log "no dockerd started by this script for ${DOCKER_HOST:-unix:///var/run/docker.sock}; nothing to stop"
    return 0
  fi
  local pid
  pid=$(cat "$DL_PIDFILE")
  # The pid must still be our dockerd (same exec-root on its command line), not a recycled pid.
  if [ "$pid" = "$(cat "$DL_MARKER")" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--exec-root $DL_EXEC_ROOT"; then
    dl_log "stopping dockerd (pid $pid)"
    dl_sudo kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 30 ]; do sleep 1; waited=$((waited + 1)); done
    kill -0 "$pid" 2>/dev/null && dl_sudo kill -KILL "$pid"
  fi
  dl_sudo rm -f "$DL_MARKER"
  dl_remove_bridge
  DL_DOCKER_STARTED=0
}

# Deletes the bridge a private dockerd used (only ours: named dlci…).
dl_remove_bridge() {
  if [[ "$DL_BRIDGE" == dlci* ]] && ip link show "$DL_BRIDGE" >/dev/null 2>&1; then dl_sudo ip link delete "$DL_BRIDGE" || true; fi
}

# For traps: stops the daemon only if this shell started it.
dl_docker_cleanup() {
  if [ "${DL_DOCKER_STARTED:-0}" = 1 ]; then dl_docker_stop; fi
}

dl_docker_status() {
  dl_docker_paths
  if dl_docker_answers; then
    dl_log "engine answers on ${DOCKER_HOST:-unix:///var/run/docker.sock}$([ -f "$DL_MARKER" ] && echo " (started by this script, pid $(cat "$DL_MARKER"))")"
  else
    dl_log "no engine answers on ${DOCKER_HOST:-unix:///var/run/docker.sock}"
    return 1
  fi
}

# Run as a command (not sourced).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -Eeuo pipefail
  case "${1:-}" in
    start) dl_docker_ensure ;;
    stop) dl_docker_stop ;;
    status) dl_docker_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
fi
