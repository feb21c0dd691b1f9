// Prune commands (the views' title bars): list what would go, ask with that list, remove, say what was reclaimed.
import * as vscode from 'vscode';
import type { ResourceKind } from '../../../engine/types';
import { pruneListing } from '../../../viewmodel/explorer/actions';
import { humanSize } from '../../../viewmodel/explorer/model';
import { VIEWS } from '../../ids';
import { confirm, engine, inView, report, type ExplorerCommand } from './shared';

const l10n = vscode.l10n;

type PruneKind = 'containers' | 'images' | 'volumes' | 'networks';

// English needs the singular for one; zh-CN says the same either way.
const question: Record<PruneKind, (n: number) => string> = {
  containers: (n) => (n === 1 ? l10n.t('Remove 1 stopped container?') : l10n.t('Remove {0} stopped containers?', n)),
  images: (n) => (n === 1 ? l10n.t('Remove 1 dangling image?') : l10n.t('Remove {0} dangling images?', n)),
  volumes: (n) => (n === 1 ? l10n.t('Remove 1 unused volume? Its data is deleted for good.')
    : l10n.t('Remove {0} unused volumes? Their data is deleted for good.', n)),
  networks: (n) => (n === 1 ? l10n.t('Remove 1 unused network?') : l10n.t('Remove {0} unused networks?', n)),
};
const kindOf: Record<PruneKind, ResourceKind> = {
  containers: 'container', images: 'image', volumes: 'volume', networks: 'network',
};

function prune(kind: PruneKind): ExplorerCommand {
  return async (ctx) => {
    try {
      const e = engine(ctx);
      const candidates = await vscode.window.withProgress({ location: { viewId: VIEWS[kind] } }, () => e.previewPrune(kind));
      if (candidates.length === 0) {
        await vscode.window.showInformationMessage(l10n.t('Nothing to remove.'));
        return;
      }
      if (!await confirm(question[kind](candidates.length), pruneListing(candidates), l10n.t('Remove'))) return;
      const result = await inView(ctx, kindOf[kind], () => e.prune(kind));
      const reclaimed = humanSize(result.spaceReclaimed);
      await vscode.window.showInformationMessage(result.removed.length === 1
        ? l10n.t('Removed 1 object, reclaimed {0}.', reclaimed) : l10n.t('Removed {0} objects, reclaimed {1}.', result.removed.length, reclaimed));
    } catch (err) {
      await report(ctx, l10n.t('Could not clean up.'), err);
    }
  };
}

export const pruneContainers = prune('containers');
export const pruneImages = prune('images');
export const pruneVolumes = prune('volumes');
export const pruneNetworks = prune('networks');
