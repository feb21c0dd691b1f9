// src/vscode/ids.ts and package.json name the same commands, views, settings, context keys, task type and walkthrough:
// a contribution without a constant, or a constant without a contribution, fails here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  COMMANDS, CONTEXT_KEYS, EDITOR_COMMANDS, EXPLORER_COMMANDS, EXPLORER_VIEW_COMMANDS, LESSON_COMMANDS, SETTINGS, STATUS_BAR_ITEMS, STORAGE_KEYS,
  TASK_TYPE, VIEW_CONTAINER, EXPLORER_VIEW_CONTAINER, VIEWS, WALKTHROUGHS, WEBVIEW_PANELS,
} from '../../../src/vscode/ids';
import { PROGRESS_KEY } from '../../../src/viewmodel/lessons/progress';

interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    viewsWelcome: { view: string; when?: string }[];
    configuration: { properties: Record<string, unknown> };
    menus: Record<string, { command: string; when?: string }[]>;
    taskDefinitions: { type: string }[];
    walkthroughs: { id: string; steps: { completionEvents?: string[] }[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('ids.ts ↔ package.json', () => {
  test('every contributed command has a constant, and every constant is contributed', () => {
    assert.deepEqual(sorted(Object.values(COMMANDS)), sorted(manifest.contributes.commands.map((c) => c.command)));
    const groups = [EXPLORER_COMMANDS, EXPLORER_VIEW_COMMANDS, LESSON_COMMANDS, EDITOR_COMMANDS].flatMap((group) => Object.values(group));
    assert.equal(groups.length, new Set(groups).size, 'no command in two groups');
  });

  test('menus name only contributed commands', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(known.has(entry.command), `${menu}: ${entry.command}`);
    }
  });

  test('every contributed view has a constant, and every constant is contributed', () => {
    assert.deepEqual(sorted(Object.values(VIEWS)), sorted(Object.values(manifest.contributes.views).flat().map((v) => v.id)));
    assert.deepEqual(Object.keys(manifest.contributes.views), [VIEW_CONTAINER, EXPLORER_VIEW_CONTAINER]);
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [VIEW_CONTAINER, EXPLORER_VIEW_CONTAINER]);
    const views = new Set<string>(Object.values(VIEWS));
    for (const welcome of manifest.contributes.viewsWelcome) assert.ok(views.has(welcome.view), welcome.view);
  });

  test('settings, context keys, the task type, the walkthrough and the webview panel', () => {
    assert.deepEqual(sorted(Object.values(SETTINGS)), sorted(Object.keys(manifest.contributes.configuration.properties)));
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, [SETTINGS.host]);
    assert.deepEqual(manifest.contributes.taskDefinitions.map((d) => d.type), [TASK_TYPE]);
    assert.deepEqual(manifest.contributes.walkthroughs.map((w) => w.id), Object.values(WALKTHROUGHS));
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${WEBVIEW_PANELS.lesson}`));

    // Context keys: those the manifest reads (when clauses, completion events) are exactly those we set.
    const text = JSON.stringify(manifest.contributes);
    const read = sorted([...text.matchAll(/(dockerLessons\.\w+) ==|onContext:(dockerLessons\.\w+)/g)].map((m) => m[1] ?? m[2]!));
    assert.deepEqual(read, sorted(Object.values(CONTEXT_KEYS)));
  });

  test('every dockerLessons.* name in package.json is a known id', () => {
    const known = new Set<string>([...Object.values(COMMANDS), ...Object.values(VIEWS), ...Object.values(SETTINGS),
      ...Object.values(CONTEXT_KEYS), ...Object.values(WALKTHROUGHS), ...Object.values(WEBVIEW_PANELS)]);
    const names = sorted(JSON.stringify(manifest).match(/dockerLessons\.[\w.]*\w/g) ?? []);
    assert.deepEqual(names.filter((name) => !known.has(name)), []);
  });

  test('status bar items and storage keys are distinct; the progress key is the model\'s', () => {
    assert.equal(STORAGE_KEYS.progress, PROGRESS_KEY);
    const all = [...Object.values(STATUS_BAR_ITEMS)];
    assert.equal(all.length, new Set(all).size);
  });
});
