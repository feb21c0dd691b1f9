// httpRequest against a raw socket server: what misbehaving practice servers send must not fail a check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { httpRequest } from '../../../src/checks/kinds/http';

/** A server that writes `reply` in one write to every connection, then closes it. */
async function rawServer(reply: string): Promise<{ url: URL; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (data) => {
      requests.push(data.toString('latin1').split('\r\n')[0]);
      socket.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/`), requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('HEAD: a server that sends a body with its headers (busybox httpd) still gives its status', async () => {
  const body = '<html>Welcome</html>';
  const server = await rawServer(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await httpRequest(server.url, 'HEAD', 2000);
      assert.deepEqual(answer, { status: 200, body: '' });
    }
    assert.deepEqual(server.requests, Array(5).fill('HEAD / HTTP/1.1'));
  } finally {
    await server.close();
  }
});

test('GET reads the body; HEAD gives other statuses as they are', async () => {
  const server = await rawServer('HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found');
  try {
    assert.deepEqual(await httpRequest(server.url, 'GET', 2000), { status: 404, body: 'not found' });
    assert.deepEqual(await httpRequest(server.url, 'HEAD', 2000), { status: 404, body: '' });
  } finally {
    await server.close();
  }
});
