// A socat-like relay from a unix socket path we control to the real Docker socket. It lets a test make "the
// engine" disappear and come back (stop/start the relay) without touching the developer's daemon, and it counts
// connections, which is how the extension-host tests prove that activation does no Docker I/O.
'use strict';
const fs = require('fs');
const net = require('net');

/**
 * Listen on `listenPath`, pipe every connection to `targetPath`. `logFile` (optional) gets one JSON line per
 * connection: { t: ms since epoch, request: first request line }.
 */
function startSocketRelay({ listenPath, targetPath, logFile }) {
  const sockets = new Set();
  const relay = { path: listenPath, connections: 0, close };
  const server = net.createServer((client) => {
    relay.connections++;
    sockets.add(client);
    const upstream = net.connect(targetPath);
    sockets.add(upstream);
    let logged = !logFile;
    client.on('data', (chunk) => {
      if (logged) return;
      logged = true;
      const request = chunk.toString('latin1').split('\r\n', 1)[0];
      fs.appendFileSync(logFile, JSON.stringify({ t: Date.now(), request }) + '\n');
    });
    client.pipe(upstream).pipe(client);
    const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  try { fs.rmSync(listenPath, { force: true }); } catch { /* stale socket from a killed run */ }
  if (logFile) fs.writeFileSync(logFile, '');
  function close() {
    return new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      server.close(() => { fs.rmSync(listenPath, { force: true }); resolve(); });
    });
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPath, () => resolve(relay));
  });
}

module.exports = { startSocketRelay };
