// Network commands (only custom networks can be removed; the menus offer nothing else).
import * as vscode from 'vscode';
import type { ExplorerItem } from '../../../viewmodel/explorer/model';
import { inspect, removeAfterAsking, type ExplorerCommand, type ExplorerCommandContext } from './shared';

const l10n = vscode.l10n;

export function remove(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  return removeAfterAsking(ctx, 'network', item,
    (target) => ({ message: l10n.t('Remove network "{0}"?', target.name), button: l10n.t('Remove') }),
    (e, target) => e.removeNetwork(target.id),
    (name) => l10n.t('Could not remove network "{0}".', name));
}

export const inspectNetwork: ExplorerCommand = (ctx, item) => inspect(ctx, 'network', item);
