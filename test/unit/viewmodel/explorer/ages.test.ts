import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ageRefreshDelay } from '../../../../src/viewmodel/explorer/ages';

const NOW = Date.UTC(2026, 11, 5, 12, 0, 0);
const ago = (seconds: number) => NOW / 1000 - seconds;

describe('explorer ages: how often a view is redrawn', () => {
  test('the youngest object decides: seconds → 5 s, minutes → 30 s, older → 5 min', () => {
    assert.equal(ageRefreshDelay([ago(7200), ago(3)], NOW), 5_000);
    assert.equal(ageRefreshDelay([ago(7200), ago(120)], NOW), 30_000);
    assert.equal(ageRefreshDelay([ago(7200), ago(86400)], NOW), 300_000);
  });

  test('nothing to age: no redraw; a clock behind the engine counts as brand new', () => {
    assert.equal(ageRefreshDelay([], NOW), undefined);
    assert.equal(ageRefreshDelay([ago(-30)], NOW), 5_000);
  });
});
