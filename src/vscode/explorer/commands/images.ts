// Image commands: run (a terminal with the visible `docker run`), tag and remove through the engine.
import * as vscode from 'vscode';
import {
  dockerRunCommand, parseImageReference, validateContainerName, validateImageReference, validatePortMapping,
} from '../../../viewmodel/explorer/actions';
import type { ExplorerItem, ExplorerTarget } from '../../../viewmodel/explorer/model';
import {
  copyId, engine, inspect, inView, openTerminal, removeAfterAsking, report, targetOf, type ExplorerCommand, type ExplorerCommandContext,
} from './shared';

const l10n = vscode.l10n;

/** Asks for a container name and a port mapping (both optional), then runs `docker run -d` in a terminal. */
export async function run(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  try {
    const target = targetOf(item, 'image');
    const taken = ctx.controller.snapshot?.containers.map((c) => c.name) ?? [];
    const name = await vscode.window.showInputBox({
      title: l10n.t('Run a container from {0}', target.name),
      prompt: l10n.t('Container name (optional; leave empty to let Docker pick one)'),
      placeHolder: 'web',
      validateInput: (value) => validateContainerName(value, taken),
    });
    if (name === undefined) return;
    const ports = await vscode.window.showInputBox({
      title: l10n.t('Run a container from {0}', target.name),
      prompt: l10n.t('Port mapping host:container (optional), e.g. 8080:80'),
      placeHolder: '8080:80',
      validateInput: validatePortMapping,
    });
    if (ports === undefined) return;
    openTerminal(ctx, l10n.t('docker run'), dockerRunCommand(target.name, name, ports));
  } catch (err) {
    await report(ctx, l10n.t('Could not run the image.'), err);
  }
}

export async function tag(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  let target: ExplorerTarget | undefined;
  try {
    target = targetOf(item, 'image');
    const value = await vscode.window.showInputBox({
      title: l10n.t('Tag image {0}', target.name),
      prompt: l10n.t('New reference, repository[:tag], e.g. myapp:1.0'),
      value: target.name.includes(':') ? target.name : '',
      validateInput: validateImageReference,
    });
    const reference = value === undefined ? undefined : parseImageReference(value);
    if (!reference) return;
    const id = target.id;
    await inView(ctx, 'image', () => engine(ctx).tagImage(id, reference.repository, reference.tag));
    vscode.window.setStatusBarMessage(l10n.t('Tagged {0} as {1}:{2}', target.name, reference.repository, reference.tag), 3000);
  } catch (err) {
    await report(ctx, l10n.t('Could not tag image "{0}".', target?.name ?? ''), err);
  }
}

/** Asks first; removes the reference shown (other tags of the same image stay). */
export function remove(ctx: ExplorerCommandContext, item?: ExplorerItem): Promise<void> {
  return removeAfterAsking(ctx, 'image', item,
    (target) => ({ message: l10n.t('Remove image "{0}"?', target.name),
      detail: l10n.t('If other tags point to the same image, only this tag is removed.'), button: l10n.t('Remove') }),
    (e, target) => e.removeImage(target.name),
    (name) => l10n.t('Could not remove image "{0}".', name));
}

export const inspectImage: ExplorerCommand = (ctx, item) => inspect(ctx, 'image', item);
export const copyImageId: ExplorerCommand = (ctx, item) => copyId(ctx, 'image', item);
