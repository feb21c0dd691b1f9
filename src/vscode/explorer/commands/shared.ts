// What every explorer command needs: the engine, the controller, and the same few moves (find the item's target, ask
// before a removal, show progress in the view, say what failed, open a terminal whose docker CLI talks to the engine).
import * as vscode from 'vscode';
import { classifyError, EngineError, type DockerEngine } from '../../../engine';
import type { ResourceKind } from '../../../engine/types';
import { terminalEnv } from '../../../runner/env';
import type { ExplorerModelController } from '../../../viewmodel/explorer/controller';
import { shortId, type ExplorerItem, type ExplorerTarget, type ExplorerView } from '../../../viewmodel/explorer/model';
import type { EngineConnection } from '../../engine/connection';
import { VIEWS } from '../../ids';

export interface ExplorerCommandContext {
  readonly controller: Pick<ExplorerModelController, 'refresh' | 'retry' | 'snapshot'>;
  readonly connection: Pick<EngineConnection, 'get' | 'current'>;
}

/** A command's handler: the context, then what VS Code passes (the tree item for item commands). */
export type ExplorerCommand = (ctx: ExplorerCommandContext, item?: ExplorerItem) => Thenable<unknown>;

export const VIEW_OF: Record<ResourceKind, ExplorerView> = {
  container: 'containers', image: 'images', volume: 'volumes', network: 'networks',
};

/** Thrown when there is nothing to act on; reported as nothing. */
export class Cancelled extends Error {}

export function engine(ctx: ExplorerCommandContext): DockerEngine {
  return ctx.connection.get();
}

function describe(ctx: ExplorerCommandContext, err: unknown): string {
  if (err instanceof EngineError) return err.message;
  const current = ctx.connection.current;
  if (current) return classifyError(err, current.endpoint).message;
  return err instanceof Error ? err.message : String(err);
}

export async function report(ctx: ExplorerCommandContext, failure: string, err: unknown): Promise<void> {
  if (err instanceof Cancelled) return;
  await vscode.window.showErrorMessage(`${failure} ${describe(ctx, err)}`);
}

export function targetOf(item: ExplorerItem | undefined, kind: ResourceKind): ExplorerTarget {
  const target = item?.target;
  if (!target || target.kind !== kind) {
    throw new Cancelled(); // palette entries are hidden; a stray invocation without an item does nothing
  }
  return target;
}

/** Runs an engine call with the view's progress bar, then refreshes that kind right away (events follow anyway). */
export async function inView<T>(ctx: ExplorerCommandContext, kind: ResourceKind, task: () => Promise<T>): Promise<T> {
  try {
    return await vscode.window.withProgress({ location: { viewId: VIEWS[VIEW_OF[kind]] } }, task);
  } finally {
    void ctx.controller.refresh([kind]);
  }
}

/** A modal question with one button; true when the learner pressed it. */
export async function confirm(message: string, detail: string | undefined, button: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  return choice === button;
}

/** A new terminal pointed at the window's engine, running a visible docker command line. */
export function openTerminal(ctx: ExplorerCommandContext, name: string, commandLine: string): void {
  const terminal = vscode.window.createTerminal({ name, env: terminalEnv(engine(ctx).endpoint) });
  terminal.show();
  terminal.sendText(commandLine);
}

async function showJson(value: unknown): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(value, null, 2) });
  await vscode.window.showTextDocument(document, { preview: true });
}

/** The engine's inspect JSON of the item, in an editor. */
export async function inspect(ctx: ExplorerCommandContext, kind: ResourceKind, item: ExplorerItem | undefined): Promise<void> {
  let target: ExplorerTarget | undefined;
  try {
    target = targetOf(item, kind);
    const e = engine(ctx);
    const id = target.id;
    const info = kind === 'container' ? await e.inspectContainer(id)
      : kind === 'image' ? await e.inspectImage(id)
        : kind === 'volume' ? await e.inspectVolume(id) : await e.inspectNetwork(id);
    await showJson(info);
  } catch (err) {
    await report(ctx, vscode.l10n.t('Could not inspect "{0}".', target?.name ?? ''), err);
  }
}

/** The item's id to the clipboard, confirmed in the status bar. */
export async function copyId(ctx: ExplorerCommandContext, kind: ResourceKind, item: ExplorerItem | undefined): Promise<void> {
  try {
    const target = targetOf(item, kind);
    await vscode.env.clipboard.writeText(target.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the ID of "{0}": {1}', target.name, shortId(target.id)), 3000);
  } catch (err) {
    await report(ctx, '', err);
  }
}

/** Ask, then remove through the engine in the view's progress; a failure names the object. */
export async function removeAfterAsking(ctx: ExplorerCommandContext, kind: ResourceKind, item: ExplorerItem | undefined,
  question: (target: ExplorerTarget) => { message: string; detail?: string; button: string },
  remove: (e: DockerEngine, target: ExplorerTarget) => Promise<unknown>,
  failure: (name: string) => string): Promise<void> {
  let target: ExplorerTarget | undefined;
  try {
    target = targetOf(item, kind);
    const { message, detail, button } = question(target);
    if (!await confirm(message, detail, button)) return;
    const chosen = target;
    await inView(ctx, kind, () => remove(engine(ctx), chosen));
  } catch (err) {
    await report(ctx, failure(target?.name ?? ''), err);
  }
}
