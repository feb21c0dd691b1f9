// Prune commands (the views' title bars): list what would go, ask with that list, remove, say what was reclaimed.
import * as vscode from 'vscode';
import type { ResourceKind } from '../../../engine/types';
import { pruneListing } from '../../../viewmodel/explorer/actions';
import { humanSize } from '../../../viewmodel/explorer/model';
import { VIEWS } from '../../ids';
import { confirm, engine, inView, report, type ExplorerCommand } from './shared';

const l10n = vscode.l10n;

type PruneKind = 'containers' | 'images' | 'volumes' | 'networks';

const question: Record<PruneKind, (n: number) => string> = {
  containers: (n) => l10n.t('Remove {0} stopped container(s)?', n),
  images: (n) => l10n.t('Remove {0} dangling image(s)?', n),
  volumes: (n) => l10n.t('Remove {0} unused volume(s)? Their data is deleted for good.', n),
  networks: (n) => l10n.t('Remove {0} unused network(s)?', n),
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
      await vscode.window.showInformationMessage(l10n.t('Removed {0} object(s), reclaimed {1}.',
        result.removed.length, humanSize(result.spaceReclaimed)));
    } catch (err) {
      await report(ctx, l10n.t('Could not clean up.'), err);
    }
  };
}

export const pruneContainers = prune('containers');
export const pruneImages = prune('images');
export const pruneVolumes = prune('volumes');
export const pruneNetworks = prune('networks');
