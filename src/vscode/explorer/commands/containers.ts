// Container commands: lifecycle through the engine; logs and shell open a terminal with the visible docker command.
import * as vscode from 'vscode';
import type { DockerEngine } from '../../../engine';
import { dockerLogsCommand, dockerShellCommand } from '../../../viewmodel/explorer/actions';
import type { ExplorerItem, ExplorerTarget } from '../../../viewmodel/explorer/model';
import {
  copyId, engine, inspect, inView, openTerminal, removeAfterAsking, report, targetOf, type ExplorerCommand, type ExplorerCommandContext,
} from './shared';

const l10n = vscode.l10n;

function lifecycle(action: (e: DockerEngine, id: string) => Promise<void>, failure: (name: string) => string): ExplorerCommand {
  return async (ctx, item) => {
    let target: ExplorerTarget | undefined;
    try {
      target = targetOf(item, 'container');
      const id = target.id;
      await inView(ctx, 'container', () => action(engine(ctx), id));
    } catch (err) {
      await report(ctx, failure(target?.name ?? ''), err);
    }
  };
}

export const start = lifecycle((e, id) => e.startContainer(id), (n) => l10n.t('Could not start container "{0}".', n));
export const stop = lifecycle((e, id) => e.stopContainer(id), (n) => l10n.t('Could not stop container "{0}".', n));
export const restart = lifecycle((e, id) => e.restartContainer(id), (n) => l10n.t('Could not restart container "{0}".', n));
export const pause = lifecycle((e, id) => e.pauseContainer(id), (n) => l10n.t('Could not pause container "{0}".', n));
export const unpause = lifecycle((e, id) => e.unpauseContainer(id), (n) => l10n.t('Could not resume container "{0}".', n));

const isLive = (target: ExplorerTarget): boolean =>
  target.state === 'running' || target.state === 'paused' || target.state === 'restarting';

/** Asks first (a live container is stopped and removed: forced), then removes. */
export function remove(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  return removeAfterAsking(ctx, 'container', item,
    (target) => isLive(target)
      ? { message: l10n.t('Container "{0}" is running. Remove it anyway?', target.name),
        detail: l10n.t('It will be stopped and removed (forced removal). Data that is not in a volume is lost.'), button: l10n.t('Stop and Remove') }
      : { message: l10n.t('Remove container "{0}"?', target.name),
        detail: l10n.t('Its filesystem changes are lost; named volumes stay.'), button: l10n.t('Remove') },
    (e, target) => e.removeContainer(target.id, { force: isLive(target) }),
    (name) => l10n.t('Could not remove container "{0}".', name));
}

export async function logs(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  try {
    const target = targetOf(item, 'container');
    openTerminal(ctx, l10n.t('logs: {0}', target.name), dockerLogsCommand(target.name));
  } catch (err) { await report(ctx, l10n.t('Could not open the logs.'), err); }
}

export async function shell(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  try {
    const target = targetOf(item, 'container');
    openTerminal(ctx, l10n.t('shell: {0}', target.name), dockerShellCommand(target.name));
  } catch (err) { await report(ctx, l10n.t('Could not open a shell.'), err); }
}

export const inspectContainer: ExplorerCommand = (ctx, item) => inspect(ctx, 'container', item);
export const copyContainerId: ExplorerCommand = (ctx, item) => copyId(ctx, 'container', item);
