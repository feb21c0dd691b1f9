// The engine profile that `when:` conditions match: builder from DOCKER_BUILDKIT / buildx, image store from GET /info,
// version ranges on major.minor, and the words a conditional check's title gets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toEngineInfo } from '../../../src/engine/client';
import { applicableChecks, builderFor, conditionHolds, describeCondition, engineVersionMatches, parseEngineVersion, type EngineProfile } from '../../../src/runner/profile';
import type { DockerEngine } from '../../../src/engine/api';
import { useLanguage } from '../../../src/i18n';
import * as path from 'node:path';

const profile = (over: Partial<EngineProfile> = {}): EngineProfile => ({
  version: '26.1.5+dfsg1', major: 26, minor: 1, builder: 'buildkit', imageStore: 'graphdriver', driver: 'overlay2', composeV2: true, ...over,
});

describe('engine profile', () => {
  test('builder: DOCKER_BUILDKIT decides when set, else buildx presence', () => {
    assert.equal(builderFor({ DOCKER_BUILDKIT: '0' }, true), 'legacy');
    assert.equal(builderFor({ DOCKER_BUILDKIT: 'false' }, true), 'legacy');
    assert.equal(builderFor({ DOCKER_BUILDKIT: '1' }, false), 'buildkit');
    assert.equal(builderFor({}, true), 'buildkit');
    assert.equal(builderFor({ DOCKER_BUILDKIT: '' }, false), 'legacy');
  });

  test('image store from the /info answers of the three engines the course is tested on', () => {
    const containerd = toEngineInfo({ ServerVersion: '26.1.5+dfsg1', Driver: 'overlayfs', DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']], Swarm: { LocalNodeState: 'inactive' } });
    assert.deepEqual(containerd, { serverVersion: '26.1.5+dfsg1', driver: 'overlayfs', imageStore: 'containerd', swarm: 'inactive' });
    const overlay = toEngineInfo({ ServerVersion: '20.10.24+dfsg1', Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true']] });
    assert.equal(overlay.imageStore, 'graphdriver');
    assert.equal(toEngineInfo({}).imageStore, 'graphdriver');
  });

  test('version ranges compare major.minor', () => {
    assert.deepEqual(parseEngineVersion('20.10.24+dfsg1'), { major: 20, minor: 10 });
    const v26 = parseEngineVersion('26.1.5');
    assert.ok(engineVersionMatches('>=25', v26));
    assert.ok(!engineVersionMatches('<25', v26));
    assert.ok(engineVersionMatches('<25', parseEngineVersion('20.10.24')));
    assert.ok(engineVersionMatches('>= 23.0', parseEngineVersion('23.0.1')));
    assert.ok(engineVersionMatches('26', v26));
    assert.ok(!engineVersionMatches('=26.0', v26));
    assert.ok(!engineVersionMatches('banana', v26));
  });

  test('a condition holds only when every field does', () => {
    assert.ok(conditionHolds({ builder: 'buildkit', engine: '>=25' }, profile()));
    assert.ok(!conditionHolds({ builder: 'legacy' }, profile()));
    assert.ok(!conditionHolds({ imageStore: 'containerd' }, profile()));
    assert.ok(conditionHolds({ imageStore: 'containerd' }, profile({ imageStore: 'containerd', driver: 'overlayfs' })));
  });

  test('conditional checks are kept or left out, and say which variant they stand for', async () => {
    useLanguage('en', path.resolve(__dirname, '..', '..', '..'));
    assert.equal(describeCondition({ builder: 'buildkit', engine: '>=25' }, profile()), 'BuildKit · Engine ≥ 25');
    // No conditional check: the engine is never asked.
    const untouched = { info: () => { throw new Error('asked the engine'); } } as unknown as DockerEngine;
    const plain: { a: number; when?: undefined }[] = [{ a: 1 }];
    assert.deepEqual(await applicableChecks(plain, untouched, {}), [{ check: { a: 1 } }]);
    const engine = { info: async () => ({ serverVersion: '20.10.24', driver: 'overlay2', imageStore: 'graphdriver', swarm: '' }) } as unknown as DockerEngine;
    const checks = [{ id: 'both' }, { id: 'new', when: { engine: '>=25' } }, { id: 'old', when: { engine: '<25' } }];
    // PATH without docker: buildx is not found, so the builder is legacy unless DOCKER_BUILDKIT says otherwise.
    const kept = await applicableChecks(checks, engine, { PATH: '/nonexistent', DOCKER_BUILDKIT: '1' });
    assert.deepEqual(kept.map((entry) => [entry.check.id, entry.variant]), [['both', undefined], ['old', 'Engine < 25']]);
  });
});
