// The explorer's commands. Lifecycle actions go through the Engine; logs, shell and run open a terminal with the
// visible docker command, so learners see (and can re-type) what happened.
import * as vscode from 'vscode';
import { classifyError, EngineError, type DockerEngine } from '../../engine';
import type { ResourceKind } from '../../engine/types';
import type { EngineConnection } from '../engine/connection';
import { HOST_SETTING } from '../engine/connection';
import {
  dockerLogsCommand, dockerRunCommand, dockerShellCommand, parseImageReference, pruneListing, terminalEnv,
  validateContainerName, validateImageReference, validatePortMapping,
} from '../../viewmodel/explorer/actions';
import type { ExplorerModelController } from '../../viewmodel/explorer/controller';
import { humanSize, shortId, type ExplorerItem, type ExplorerTarget, type ExplorerView } from '../../viewmodel/explorer/model';

type PruneKind = 'containers' | 'images' | 'volumes' | 'networks';

const VIEW_OF: Record<ResourceKind, ExplorerView> = {
  container: 'containers', image: 'images', volume: 'volumes', network: 'networks',
};

class Cancelled extends Error {}

export function registerExplorerCommands(controller: ExplorerModelController, connection: EngineConnection): vscode.Disposable {
  const l10n = vscode.l10n;

  function engine(): DockerEngine {
    return connection.get();
  }

  function describe(err: unknown): string {
    if (err instanceof EngineError) return err.message;
    const current = connection.current;
    if (current) return classifyError(err, current.endpoint).message;
    return err instanceof Error ? err.message : String(err);
  }

  async function report(failure: string, err: unknown): Promise<void> {
    if (err instanceof Cancelled) return;
    await vscode.window.showErrorMessage(`${failure} ${describe(err)}`);
  }

  function targetOf(item: ExplorerItem | undefined, kind: ResourceKind): ExplorerTarget {
    const target = item?.target;
    if (!target || target.kind !== kind) {
      throw new Cancelled(); // palette entries are hidden; a stray invocation without an item does nothing
    }
    return target;
  }

  /** Runs an engine call with the view's progress bar, then refreshes that kind right away (events follow anyway). */
  async function inView<T>(kind: ResourceKind, task: () => Promise<T>): Promise<T> {
    try {
      return await vscode.window.withProgress({ location: { viewId: `dockerLessons.${VIEW_OF[kind]}` } }, task);
    } finally {
      void controller.refresh([kind]);
    }
  }

  async function confirm(message: string, detail: string | undefined, button: string): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
    return choice === button;
  }

  function openTerminal(name: string, commandLine: string): void {
    const terminal = vscode.window.createTerminal({ name, env: terminalEnv(engine().endpoint) });
    terminal.show();
    terminal.sendText(commandLine);
  }

  async function showJson(value: unknown): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(value, null, 2) });
    await vscode.window.showTextDocument(document, { preview: true });
  }

  async function copyId(target: ExplorerTarget): Promise<void> {
    await vscode.env.clipboard.writeText(target.id);
    vscode.window.setStatusBarMessage(l10n.t('Copied the ID of "{0}": {1}', target.name, shortId(target.id)), 3000);
  }

  // ------------------------------------------------------------ containers

  const lifecycle = (
    action: (e: DockerEngine, id: string) => Promise<void>,
    failure: (name: string) => string,
  ) => async (item?: ExplorerItem) => {
    let target: ExplorerTarget | undefined;
    try {
      target = targetOf(item, 'container');
      const id = target.id;
      await inView('container', () => action(engine(), id));
    } catch (err) {
      await report(failure(target?.name ?? ''), err);
    }
  };

  async function removeContainer(item?: ExplorerItem): Promise<void> {
    let target: ExplorerTarget | undefined;
    try {
      target = targetOf(item, 'container');
      const live = target.state === 'running' || target.state === 'paused' || target.state === 'restarting';
      const ok = live
        ? await confirm(l10n.t('Container "{0}" is running. Remove it anyway?', target.name),
          l10n.t('It will be stopped and removed (forced removal). Data that is not in a volume is lost.'), l10n.t('Stop and Remove'))
        : await confirm(l10n.t('Remove container "{0}"?', target.name),
          l10n.t('Its filesystem changes are lost; named volumes stay.'), l10n.t('Remove'));
      if (!ok) return;
      const id = target.id;
      await inView('container', () => engine().removeContainer(id, { force: live }));
    } catch (err) {
      await report(l10n.t('Could not remove container "{0}".', target?.name ?? ''), err);
    }
  }

  async function inspect(kind: ResourceKind, item: ExplorerItem | undefined): Promise<void> {
    let target: ExplorerTarget | undefined;
    try {
      target = targetOf(item, kind);
      const e = engine();
      const id = target.id;
      const info = kind === 'container' ? await e.inspectContainer(id)
        : kind === 'image' ? await e.inspectImage(id)
          : kind === 'volume' ? await e.inspectVolume(id) : await e.inspectNetwork(id);
      await showJson(info);
    } catch (err) {
      await report(l10n.t('Could not inspect "{0}".', target?.name ?? ''), err);
    }
  }

  // ------------------------------------------------------------ images

  async function runImage(item?: ExplorerItem): Promise<void> {
    try {
      const target = targetOf(item, 'image');
      const taken = controller.snapshot?.containers.map((c) => c.name) ?? [];
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
      openTerminal(l10n.t('docker run'), dockerRunCommand(target.name, name, ports));
    } catch (err) {
      await report(l10n.t('Could not run the image.'), err);
    }
  }

  async function tagImage(item?: ExplorerItem): Promise<void> {
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
      await inView('image', () => engine().tagImage(id, reference.repository, reference.tag));
      vscode.window.setStatusBarMessage(l10n.t('Tagged {0} as {1}:{2}', target.name, reference.repository, reference.tag), 3000);
    } catch (err) {
      await report(l10n.t('Could not tag image "{0}".', target?.name ?? ''), err);
    }
  }

  async function removeImage(item?: ExplorerItem): Promise<void> {
    let target: ExplorerTarget | undefined;
    try {
      target = targetOf(item, 'image');
      const ok = await confirm(l10n.t('Remove image "{0}"?', target.name),
        l10n.t('If other tags point to the same image, only this tag is removed.'), l10n.t('Remove'));
      if (!ok) return;
      const ref = target.name;
      await inView('image', () => engine().removeImage(ref));
    } catch (err) {
      await report(l10n.t('Could not remove image "{0}".', target?.name ?? ''), err);
    }
  }

  // ------------------------------------------------------------ volumes and networks

  async function removeVolume(item?: ExplorerItem): Promise<void> {
    let target: ExplorerTarget | undefined;
    try {
      target = targetOf(item, 'volume');
      const ok = await confirm(l10n.t('Remove volume "{0}"?', target.name),
        l10n.t('The data in it is deleted for good.'), l10n.t('Remove'));
      if (!ok) return;
      const name = target.id;
      await inView('volume', () => engine().removeVolume(name));
    } catch (err) {
      await report(l10n.t('Could not remove volume "{0}".', target?.name ?? ''), err);
    }
  }

  async function removeNetwork(item?: ExplorerItem): Promise<void> {
    let target: ExplorerTarget | undefined;
    try {
      target = targetOf(item, 'network');
      const ok = await confirm(l10n.t('Remove network "{0}"?', target.name), undefined, l10n.t('Remove'));
      if (!ok) return;
      const id = target.id;
      await inView('network', () => engine().removeNetwork(id));
    } catch (err) {
      await report(l10n.t('Could not remove network "{0}".', target?.name ?? ''), err);
    }
  }

  // ------------------------------------------------------------ prune

  const pruneQuestion: Record<PruneKind, (n: number) => string> = {
    containers: (n) => l10n.t('Remove {0} stopped container(s)?', n),
    images: (n) => l10n.t('Remove {0} dangling image(s)?', n),
    volumes: (n) => l10n.t('Remove {0} unused volume(s)? Their data is deleted for good.', n),
    networks: (n) => l10n.t('Remove {0} unused network(s)?', n),
  };
  const kindOfPrune: Record<PruneKind, ResourceKind> = {
    containers: 'container', images: 'image', volumes: 'volume', networks: 'network',
  };

  async function prune(kind: PruneKind): Promise<void> {
    try {
      const e = engine();
      const candidates = await vscode.window.withProgress({ location: { viewId: `dockerLessons.${kind}` } },
        () => e.previewPrune(kind));
      if (candidates.length === 0) {
        await vscode.window.showInformationMessage(l10n.t('Nothing to remove.'));
        return;
      }
      if (!await confirm(pruneQuestion[kind](candidates.length), pruneListing(candidates), l10n.t('Remove'))) return;
      const result = await inView(kindOfPrune[kind], () => e.prune(kind));
      await vscode.window.showInformationMessage(l10n.t('Removed {0} object(s), reclaimed {1}.',
        result.removed.length, humanSize(result.spaceReclaimed)));
    } catch (err) {
      await report(l10n.t('Could not clean up.'), err);
    }
  }

  // ------------------------------------------------------------ registration

  const commands: Record<string, (...args: never[]) => unknown> = {
    'dockerLessons.refresh': () => vscode.window.withProgress({ location: vscode.ProgressLocation.Window,
      title: l10n.t('Refreshing Docker objects') }, () => controller.refresh()),
    'dockerLessons.retryConnection': () => vscode.window.withProgress({ location: vscode.ProgressLocation.Window,
      title: l10n.t('Connecting to Docker') }, () => controller.retry()),
    'dockerLessons.openSettings': () => vscode.commands.executeCommand('workbench.action.openSettings', HOST_SETTING),

    'dockerLessons.container.start': lifecycle((e, id) => e.startContainer(id), (n) => l10n.t('Could not start container "{0}".', n)),
    'dockerLessons.container.stop': lifecycle((e, id) => e.stopContainer(id), (n) => l10n.t('Could not stop container "{0}".', n)),
    'dockerLessons.container.restart': lifecycle((e, id) => e.restartContainer(id), (n) => l10n.t('Could not restart container "{0}".', n)),
    'dockerLessons.container.pause': lifecycle((e, id) => e.pauseContainer(id), (n) => l10n.t('Could not pause container "{0}".', n)),
    'dockerLessons.container.unpause': lifecycle((e, id) => e.unpauseContainer(id), (n) => l10n.t('Could not resume container "{0}".', n)),
    'dockerLessons.container.remove': removeContainer,
    'dockerLessons.container.logs': async (item?: ExplorerItem) => {
      try {
        const target = targetOf(item, 'container');
        openTerminal(l10n.t('logs: {0}', target.name), dockerLogsCommand(target.name));
      } catch (err) { await report(l10n.t('Could not open the logs.'), err); }
    },
    'dockerLessons.container.shell': async (item?: ExplorerItem) => {
      try {
        const target = targetOf(item, 'container');
        openTerminal(l10n.t('shell: {0}', target.name), dockerShellCommand(target.name));
      } catch (err) { await report(l10n.t('Could not open a shell.'), err); }
    },
    'dockerLessons.container.inspect': (item?: ExplorerItem) => inspect('container', item),
    'dockerLessons.container.copyId': async (item?: ExplorerItem) => {
      try { await copyId(targetOf(item, 'container')); } catch (err) { await report('', err); }
    },

    'dockerLessons.image.run': runImage,
    'dockerLessons.image.tag': tagImage,
    'dockerLessons.image.remove': removeImage,
    'dockerLessons.image.inspect': (item?: ExplorerItem) => inspect('image', item),
    'dockerLessons.image.copyId': async (item?: ExplorerItem) => {
      try { await copyId(targetOf(item, 'image')); } catch (err) { await report('', err); }
    },

    'dockerLessons.volume.inspect': (item?: ExplorerItem) => inspect('volume', item),
    'dockerLessons.volume.remove': removeVolume,
    'dockerLessons.network.inspect': (item?: ExplorerItem) => inspect('network', item),
    'dockerLessons.network.remove': removeNetwork,

    'dockerLessons.prune.containers': () => prune('containers'),
    'dockerLessons.prune.images': () => prune('images'),
    'dockerLessons.prune.volumes': () => prune('volumes'),
    'dockerLessons.prune.networks': () => prune('networks'),
  };

  const registrations = Object.entries(commands).map(([id, handler]) =>
    vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
  return vscode.Disposable.from(...registrations);
}
