import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { inspect } from 'node:util';
import { Engine, quietAgent } from '../../../src/engine/client';
import { parseDockerHost } from '../../../src/engine/endpoint';

// docker-modem util.inspects each request's options (agent included) with showHidden and unlimited depth, though its
// debug log is off: the agent must not drag its sockets into that.
test('the agent docker-modem formats on every request prints as one word, whatever it holds', () => {
  const agent = quietAgent(new http.Agent({ keepAlive: false }));
  assert.equal(inspect({ agent }, { showHidden: true, depth: null }), '{ agent: [Agent] }');
  const engine = new Engine(parseDockerHost('unix:///nonexistent/docker.sock', 'test'));
  try {
    const modem = (engine as unknown as { api: { modem: { agent?: http.Agent } } }).api.modem;
    assert.ok(modem.agent instanceof http.Agent, 'a unix socket gets its own agent');
    assert.equal(inspect(modem.agent, { showHidden: true, depth: null }), '[Agent]');
  } finally {
    engine.dispose();
  }
});
