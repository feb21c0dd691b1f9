// The explorer's commands: one registration table from command id to handler; the handlers live in one file per group.
// Lifecycle actions go through the engine; logs, shell and run open a terminal with the visible docker command, so
// learners see (and can re-type) what happened.
import * as vscode from 'vscode';
import type { ExplorerItem } from '../../../viewmodel/explorer/model';
import { EXPLORER_COMMANDS as ID, type ExplorerCommandId } from '../../ids';
import * as connectionCommands from './connection';
import * as containers from './containers';
import * as images from './images';
import * as networks from './networks';
import * as prune from './prune';
import type { ExplorerCommand, ExplorerCommandContext } from './shared';
import * as volumes from './volumes';

export type { ExplorerCommand, ExplorerCommandContext } from './shared';

/** Every explorer command of package.json, exactly once (the type makes a missing one a compile error). */
export const EXPLORER_COMMAND_TABLE: Readonly<Record<ExplorerCommandId, ExplorerCommand>> = {
  [ID.refresh]: connectionCommands.refresh,
  [ID.retryConnection]: connectionCommands.retryConnection,
  [ID.openSettings]: connectionCommands.openSettings,

  [ID.containerStart]: containers.start,
  [ID.containerStop]: containers.stop,
  [ID.containerRestart]: containers.restart,
  [ID.containerPause]: containers.pause,
  [ID.containerUnpause]: containers.unpause,
  [ID.containerRemove]: containers.remove,
  [ID.containerLogs]: containers.logs,
  [ID.containerShell]: containers.shell,
  [ID.containerInspect]: containers.inspectContainer,
  [ID.containerCopyId]: containers.copyContainerId,

  [ID.imageRun]: images.run,
  [ID.imageTag]: images.tag,
  [ID.imageRemove]: images.remove,
  [ID.imageInspect]: images.inspectImage,
  [ID.imageCopyId]: images.copyImageId,

  [ID.volumeInspect]: volumes.inspectVolume,
  [ID.volumeRemove]: volumes.remove,

  [ID.networkInspect]: networks.inspectNetwork,
  [ID.networkRemove]: networks.remove,

  [ID.pruneContainers]: prune.pruneContainers,
  [ID.pruneImages]: prune.pruneImages,
  [ID.pruneVolumes]: prune.pruneVolumes,
  [ID.pruneNetworks]: prune.pruneNetworks,
};

/** Registers the table; `controller` and `connection` are the window's (or, in tests, stand-ins for them). */
export function registerExplorerCommands(
  controller: ExplorerCommandContext['controller'],
  connection: ExplorerCommandContext['connection'],
): vscode.Disposable {
  const ctx: ExplorerCommandContext = { controller, connection };
  const registrations = Object.entries(EXPLORER_COMMAND_TABLE).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (item?: ExplorerItem) => handler(ctx, item)));
  return vscode.Disposable.from(...registrations);
}
