// Volume commands.
import * as vscode from 'vscode';
import type { ExplorerItem } from '../../../viewmodel/explorer/model';
import { inspect, removeAfterAsking, type ExplorerCommand, type ExplorerCommandContext } from './shared';

const l10n = vscode.l10n;

/** Asks first: the data is deleted for good. */
export function remove(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  return removeAfterAsking(ctx, 'volume', item,
    (target) => ({ message: l10n.t('Remove volume "{0}"?', target.name), detail: l10n.t('The data in it is deleted for good.'), button: l10n.t('Remove') }),
    (e, target) => e.removeVolume(target.id),
    (name) => l10n.t('Could not remove volume "{0}".', name));
}

export const inspectVolume: ExplorerCommand = (ctx, item) => inspect(ctx, 'volume', item);
