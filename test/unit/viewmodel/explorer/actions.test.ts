import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dockerLogsCommand, dockerRunCommand, dockerShellCommand, parseImageReference, pruneListing,
  validateContainerName, validatePortMapping,
} from '../../../../src/viewmodel/explorer/actions';

describe('explorer actions', () => {
  test('image references are validated like Docker does', () => {
    assert.deepEqual(parseImageReference('myapp:1.0'), { repository: 'myapp', tag: '1.0' });
    assert.deepEqual(parseImageReference('myapp'), { repository: 'myapp', tag: 'latest' });
    assert.deepEqual(parseImageReference('registry.local:5000/team/app:dev'), { repository: 'registry.local:5000/team/app', tag: 'dev' });
    assert.deepEqual(parseImageReference('localhost/app_x:v1'), { repository: 'localhost/app_x', tag: 'v1' });
    for (const bad of ['', 'MyApp:1', 'app:', 'app:-x', 'a//b', 'app@sha256:00', 'app name', '-app']) {
      assert.equal(parseImageReference(bad), undefined, bad);
    }
  });

  test('container names and port mappings', () => {
    assert.equal(validateContainerName(''), undefined);
    assert.equal(validateContainerName('web-1'), undefined);
    assert.ok(validateContainerName('-web'));
    assert.match(validateContainerName('web', ['web']) ?? '', /already exists/);
    for (const ok of ['8080:80', '80', '127.0.0.1:8080:80', '5353:53/udp', '']) assert.equal(validatePortMapping(ok), undefined, ok);
    for (const bad of ['8080:', 'abc', '70000:80', '0:80']) assert.ok(validatePortMapping(bad), bad);
  });

  test('terminal command lines are the visible docker commands', () => {
    assert.equal(dockerRunCommand('nginx:latest', 'web', '8080:80'), 'docker run -d --name web -p 8080:80 nginx:latest');
    assert.equal(dockerRunCommand('nginx:latest', '', ''), 'docker run -d nginx:latest');
    assert.equal(dockerLogsCommand('web'), 'docker logs -f --tail 200 web');
    assert.equal(dockerShellCommand('web'), 'docker exec -it web sh');
  });

  test('prune listing shows at most 20 names and then how many more', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ label: `c${i}` }));
    const listing = pruneListing(items).split('\n');
    assert.equal(listing.length, 21);
    assert.equal(listing[0], '• c0');
    assert.equal(listing[20], '… and 3 more');
    assert.equal(pruneListing(items.slice(0, 2)), '• c0\n• c1');
  });
});
