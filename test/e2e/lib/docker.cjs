// Test containers through the docker CLI (the same way a developer would create them), all named dl-e2e-… and
// labelled docker-lessons.test=e2e so that cleanup removes exactly what the e2e tests created.
'use strict';
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

/** The same image test/support/engine.ts builds (FROM scratch + Debian's static busybox): nothing can be pulled. */
const TEST_IMAGE = 'dl-test/busybox:latest';
const TEST_LABEL = 'docker-lessons.test=e2e';
/** Sleeps, but exits at once on SIGTERM (a bare `sleep` as PID 1 ignores it, so every stop would take 10 s). */
const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'];
const BUSYBOX_APPLETS = ['sh', 'sleep', 'echo', 'cat', 'ls', 'httpd', 'wget', 'env', 'true', 'false'];

function docker(args, opts = {}) {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 60000, cwd: opts.cwd }).trim();
}

function uniqueName(prefix = 'dl-e2e') {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

/** Build TEST_IMAGE if it is absent (same recipe as test/support/engine.ts, so either build serves both). */
function ensureTestImage() {
  try { docker(['image', 'inspect', '--format', '{{.Id}}', TEST_IMAGE]); return TEST_IMAGE; } catch { /* build it */ }
  const busybox = '/usr/bin/busybox';
  if (!fs.existsSync(busybox)) {
    const { PrerequisiteError } = require('../harness.cjs');
    throw new PrerequisiteError(`${busybox} is missing: apt-get install busybox-static (needed to build ${TEST_IMAGE})`);
  }
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-e2e-image-'));
  try {
    const bin = path.join(context, 'rootfs', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.mkdirSync(path.join(context, 'rootfs', 'tmp'), { recursive: true });
    fs.chmodSync(path.join(context, 'rootfs', 'tmp'), 0o1777);
    fs.copyFileSync(busybox, path.join(bin, 'busybox'));
    fs.chmodSync(path.join(bin, 'busybox'), 0o755);
    for (const applet of BUSYBOX_APPLETS) fs.symlinkSync('busybox', path.join(bin, applet));
    fs.writeFileSync(path.join(context, 'Dockerfile'),
      ['FROM scratch', 'COPY rootfs/ /', 'ENV PATH=/bin', 'LABEL docker-lessons.test=support', 'CMD ["/bin/sh"]', ''].join('\n'));
    docker(['build', '--quiet', '-t', TEST_IMAGE, '.'], { cwd: context, timeoutMs: 300000 });
    return TEST_IMAGE;
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}

/**
 * `docker run -d` a labelled sleeper; returns its name. `publish` (e.g. '127.0.0.1::8080') gives it a port to show;
 * if the engine's default bridge is unusable (seen here: "could not find bridge docker0") it runs without a network
 * instead, since the explorer tests do not depend on ports.
 */
function runTestContainer({ name = uniqueName(), publish } = {}) {
  const base = ['run', '-d', '--name', name, '--label', TEST_LABEL];
  if (publish) {
    try {
      docker([...base, '-p', publish, TEST_IMAGE, ...SLEEPER]);
      return { name, published: true };
    } catch (err) {
      removeContainers([name]);          // created but not started
      console.log(`note: could not publish a port (${String(err.stderr || err.message).trim().split('\n').pop()}); running without a network`);
    }
  }
  docker([...base, '--network', 'none', TEST_IMAGE, ...SLEEPER]);
  return { name, published: false };
}

function containerState(name) {
  return docker(['inspect', '--format', '{{.State.Status}}', name]);
}

/** Remove containers this run created (by exact name; never anything else). */
function removeContainers(names) {
  for (const name of names) {
    try { docker(['rm', '-f', name]); } catch (err) {
      if (!/No such container/i.test(String(err.stderr))) console.error(`could not remove ${name}: ${String(err.stderr || err.message).trim()}`);
    }
  }
}

/** The unix socket of the developer's engine (DOCKER_HOST=unix://… or the default path). */
function engineSocketPath() {
  const host = process.env.DOCKER_HOST;
  if (host && host.startsWith('unix://')) return host.slice('unix://'.length);
  if (host) {
    const { PrerequisiteError } = require('../harness.cjs');
    throw new PrerequisiteError(`DOCKER_HOST=${host} is not a unix socket; the e2e relay needs one`);
  }
  return '/var/run/docker.sock';
}

module.exports = { TEST_IMAGE, TEST_LABEL, docker, uniqueName, ensureTestImage, runTestContainer, containerState, removeContainers, engineSocketPath };
