// A private Docker engine with NO images, for the "Prepare Practice Images" scenario: a Marketplace install on a
// learner's machine starts from an engine that has none of the course's images and no registry to pull them from.
// Like the containerd/legacy legs of scripts/engines.sh it lives in a network namespace of its own (no fight over
// docker0 or iptables with the engine the other tests use), with its own socket, exec root and a data root that is
// wiped before it starts, so it really is empty. Only the dockerd started here is ever stopped (pid + exec root).
// `privateEngine(name)` makes another one under its own name (test/integration/faults.test.ts kills and restarts one);
// the module's own functions are the `dl-e2e-empty` one.
// Env: E2E_EMPTY_ENGINE=modern (default: scripts/engines.sh's Engine 26 when fetched, else Debian's dockerd) | legacy
//      E2E_EMPTY_IMAGE_STORE=containerd  use the containerd image store.
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const TRIXIE = process.env.DL_ENGINES_HOME ? path.join(process.env.DL_ENGINES_HOME, 'trixie') : '/opt/docker-lessons-engines/trixie';

function prerequisite(message) {
  const { PrerequisiteError } = require('../harness.cjs');
  return new PrerequisiteError(message);
}

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 60000, env: opts.env }).trim();
}

/**
 * A private engine named `name`: socket /run/<name>/docker.sock, data root /var/lib/<name>, netns <name>.
 * `engine` ('modern' | 'legacy') and `imageStore` ('containerd' or not) default to E2E_EMPTY_ENGINE and E2E_EMPTY_IMAGE_STORE.
 */
function privateEngine(name, { engine, imageStore } = {}) {
  const NAME = name;
  const RUN_DIR = `/run/${NAME}`;
  const SOCKET = `${RUN_DIR}/docker.sock`;
  const EXEC_ROOT = `${RUN_DIR}/x`;             // short: containerd's sockets live below it (108-byte limit)
  const PIDFILE = `${RUN_DIR}/dockerd.pid`;
  const DATA_ROOT = `/var/lib/${NAME}`;
  const CONFIG = `${RUN_DIR}/daemon.json`;
  const LOG = `/var/log/${NAME}.log`;
  const NETNS = NAME;

  /** The docker CLI against the empty engine. */
  function docker(args, opts = {}) {
    return sh('docker', args, { ...opts, env: { ...process.env, DOCKER_HOST: `unix://${SOCKET}`, DOCKER_CONTEXT: '' } });
  }

  function answers() {
    try { docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 5000 }); return true; } catch { return false; }
  }

  /** Our dockerd's pid when it runs (the pidfile's process has our exec root on its command line). */
  function ourPid() {
    try {
      const pid = Number(fs.readFileSync(PIDFILE, 'utf8').trim());
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      return cmdline.includes(`--exec-root ${EXEC_ROOT}`) ? pid : undefined;
    } catch { return undefined; }
  }

  function mountPointsUnder(dir) {
    return fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1] || '').filter((point) => point.startsWith(dir));
  }

  function mountsUnder(dir) {
    return mountPointsUnder(dir).length;
  }

  async function sleep(ms) { await new Promise((r) => setTimeout(r, ms)); }

  async function stop() {
    const pid = ourPid();
    if (pid) {
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 60 && fs.existsSync(`/proc/${pid}`); i++) await sleep(500);
      if (fs.existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
    }
    // A dockerd that was killed leaves its mounts (its data root bound onto itself, containers' layers and network
    // namespaces); they are all below our own data and exec roots, so with our dockerd gone they go too, deepest first.
    if (!ourPid()) {
      for (const point of [...mountPointsUnder(DATA_ROOT), ...mountPointsUnder(EXEC_ROOT)].sort((a, b) => b.length - a.length)) {
        try { sh('umount', ['-l', point]); } catch { /* gone meanwhile */ }
      }
    }
    // Nothing of it stays behind; the data root only when dockerd left no mount in it.
    if (!ourPid() && mountsUnder(DATA_ROOT) === 0) fs.rmSync(DATA_ROOT, { recursive: true, force: true });
  }

  /**
   * Starts the empty engine (a leftover one from an interrupted run is stopped and wiped first). Resolves with its info.
   * `keepData`: start again on what the data root holds (after `kill`), as a daemon restarted by systemd would.
   */
  async function start({ keepData = false } = {}) {
    if (process.getuid && process.getuid() !== 0) throw prerequisite('the empty engine needs root (dockerd, ip netns)');
    const flavour = engine || process.env.E2E_EMPTY_ENGINE || 'modern';
    const modern = path.join(TRIXIE, 'usr/sbin/dockerd');
    const dockerd = flavour === 'modern' && fs.existsSync(modern) ? modern : '/usr/sbin/dockerd';
    if (!fs.existsSync(dockerd)) throw prerequisite(`no dockerd (${modern} or /usr/sbin/dockerd): bash scripts/engines.sh fetch, or apt-get install docker.io`);
    if (!keepData) {
      await stop();
      if (mountsUnder(DATA_ROOT) > 0) throw new Error(`${DATA_ROOT} still has mounts from an earlier run; unmount them first`);
      fs.rmSync(DATA_ROOT, { recursive: true, force: true });
    } else if (ourPid()) {
      throw new Error(`${NAME} is still running`);
    }
    fs.mkdirSync(EXEC_ROOT, { recursive: true });
    fs.mkdirSync(DATA_ROOT, { recursive: true });
    const containerdStore = (imageStore || process.env.E2E_EMPTY_IMAGE_STORE) === 'containerd';
    fs.writeFileSync(CONFIG, JSON.stringify(containerdStore ? { features: { 'containerd-snapshotter': true } } : {}));
    if (!fs.existsSync(`/var/run/netns/${NETNS}`)) {
      sh('ip', ['netns', 'add', NETNS]);
      sh('nsenter', [`--net=/var/run/netns/${NETNS}`, 'ip', 'link', 'set', 'lo', 'up']);
    }
    const env = { ...process.env };
    if (dockerd === modern) env.PATH = `${path.join(TRIXIE, 'usr/sbin')}:${path.join(TRIXIE, 'usr/bin')}:${env.PATH}`;
    const log = fs.openSync(LOG, 'a');
    // nsenter, not `ip netns exec`: the latter remounts /sys and hides the cgroup mounts dockerd needs.
    const child = spawn('nsenter', [`--net=/var/run/netns/${NETNS}`, 'setsid', dockerd, '--host', `unix://${SOCKET}`,
      '--data-root', DATA_ROOT, '--exec-root', EXEC_ROOT, '--pidfile', PIDFILE, '--config-file', CONFIG],
    { env, stdio: ['ignore', log, log], detached: true });
    child.unref();
    fs.closeSync(log);
    for (let i = 0; i < 120 && !answers(); i++) {
      // setsid forks and its first process exits 0 at once; a failure to start shows as an error exit or no dockerd.
      if ((child.exitCode !== null && child.exitCode !== 0) || (i >= 20 && !ourPid())) break;
      await sleep(500);
    }
    if (!answers()) {
      const tail = fs.existsSync(LOG) ? fs.readFileSync(LOG, 'utf8').split('\n').slice(-20).join('\n') : '';
      await stop();
      throw new Error(`the empty engine did not answer on ${SOCKET}:\n${tail}`);
    }
    const version = docker(['version', '--format', '{{.Server.Version}}']);
    const driver = docker(['info', '--format', '{{.Driver}}']);
    return { host: `unix://${SOCKET}`, version, driver, containerdStore, pid: ourPid() };
  }

  /** Kill our dockerd with `signal` (a crash: no clean-up, the socket file stays) and wait until it is gone. */
  async function kill(signal = 'SIGKILL') {
    const pid = ourPid();
    if (!pid) throw new Error(`${NAME} is not running`);
    process.kill(pid, signal);
    for (let i = 0; i < 100 && fs.existsSync(`/proc/${pid}`); i++) await sleep(50);
  }

  /** Every image ref (repo:tag) the engine has. */
  function imageRefs() {
    const out = docker(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    return out ? out.split('\n') : [];
  }

  /** Back to empty between sessions: no containers, no images (only on this private engine). */
  function clear() {
    const containers = docker(['ps', '-aq']);
    if (containers) docker(['rm', '-f', ...containers.split('\n')]);
    // prune -a also takes the classic builder's intermediate images, which `rmi` of a parent refuses.
    docker(['image', 'prune', '-af']);
    docker(['builder', 'prune', '-af']);
    const left = docker(['images', '-aq']);
    if (left) throw new Error(`the empty engine still has images after clearing: ${left.split('\n').join(' ')}`);
  }

  return { start, stop, kill, clear, docker, imageRefs, answers, SOCKET, NAME };
}

module.exports = { ...privateEngine('dl-e2e-empty'), privateEngine };
