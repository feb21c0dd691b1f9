// "Prepare Practice Images" (dockerLessons.prepareImages): builds the offline stand-in images with this window's engine
// from what the extension ships (images/ definitions, dist/busybox/busybox), behind a cancellable progress
// notification. A step whose images are missing and cannot be pulled offers it (offerPreparation) and then continues.
import * as path from 'path';
import * as vscode from 'vscode';
import { classifyError, EngineError, type DockerEngine } from '../../engine';
import {
  busyboxCandidates, CatalogError, loadCatalog, prepareStandins, selectByTag, summarize, type Catalog, type MissingImage,
  type StandinResult,
} from '../../runner';
import { LESSON_COMMANDS, VSCODE_COMMANDS } from '../ids';

const l10n = vscode.l10n;
/** The README section on registry mirrors (its heading's anchor). */
export const README_MIRROR_SECTION = 'practice-images-without-a-registry';

export interface PrepareImagesContext {
  extensionUri: vscode.Uri;
  engine: () => DockerEngine;
  output?: vscode.OutputChannel;
}

/** Arguments of the command; none from the palette (every stand-in). */
export interface PrepareImagesArgs {
  /** Only the stand-ins that provide these images (a lesson's missing ones). */
  images?: string[];
  /** No "ready" notification (the step that asked continues instead). */
  quiet?: boolean;
}

export interface PrepareImagesOutcome {
  /** Every image asked for exists now. */
  ok: boolean;
  cancelled: boolean;
  results: StandinResult[];
}

function catalogFile(extensionUri: vscode.Uri): string {
  return vscode.Uri.joinPath(extensionUri, 'images', 'standins.json').fsPath;
}

function readCatalog(extensionUri: vscode.Uri): Catalog | undefined {
  try {
    return loadCatalog(catalogFile(extensionUri));
  } catch {
    return undefined;
  }
}

export async function prepareImages(ctx: PrepareImagesContext, args: PrepareImagesArgs = {}): Promise<PrepareImagesOutcome> {
  const failed: PrepareImagesOutcome = { ok: false, cancelled: false, results: [] };
  let catalog: Catalog;
  try {
    catalog = loadCatalog(catalogFile(ctx.extensionUri));
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof CatalogError ? error.message : String(error));
    return failed;
  }
  let engine: DockerEngine | undefined;
  try {
    engine = ctx.engine();
    await engine.ping();
  } catch (error) {
    const message = error instanceof EngineError ? error.message : engine ? classifyError(error, engine.endpoint).message : String(error);
    void vscode.window.showErrorMessage(message);
    return failed;
  }
  const connected = engine;
  const images = Array.isArray(args.images) ? args.images.filter((i): i is string => typeof i === 'string') : [];
  const wanted = images.length > 0 ? selectByTag(catalog, images) : { entries: catalog.images, unknown: [] as string[] };
  const log = (line: string) => ctx.output?.appendLine(line);
  log(l10n.t('Preparing the practice images on {0}', connected.endpoint.url));

  type Run = { result?: Awaited<ReturnType<typeof prepareStandins>>; error?: unknown; cancelled: boolean };
  const outcome = await vscode.window.withProgress<Run>({
    location: vscode.ProgressLocation.Notification,
    title: l10n.t('Preparing the practice images'),
    cancellable: true,
  }, async (progress, token) => {
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    let reported = 0;
    try {
      const result = await prepareStandins(connected, catalog, wanted.entries, {
        busybox: busyboxCandidates(process.env, path.join(ctx.extensionUri.fsPath, 'dist', 'busybox', 'busybox')),
        signal: abort.signal,
        onProgress: (p) => {
          log(p.message);
          // The bar moves per finished build; the text says which image is being built.
          const share = p.total > 0 ? (p.done / p.total) * 100 : 0;
          progress.report({ message: p.message, increment: Math.max(0, share - reported) });
          reported = Math.max(reported, share);
        },
        onBuildOutput: (line) => log(`    ${line}`),
      });
      if (result.busyboxRejected) {
        log(l10n.t('No usable static busybox. Looked at:'));
        for (const r of result.busyboxRejected) log(`  ${r.path}: ${r.reason}`);
      }
      return { result, cancelled: abort.signal.aborted };
    } catch (error) {
      log(String(error instanceof Error ? error.message : error));
      return { error, cancelled: abort.signal.aborted };
    } finally {
      subscription.dispose();
    }
  });

  if (outcome.cancelled) {
    void vscode.window.showWarningMessage(l10n.t('Preparing the practice images was cancelled.'));
    return { ok: false, cancelled: true, results: outcome.result?.images ?? [] };
  }
  if (!outcome.result) {
    const error = outcome.error;
    const message = error instanceof EngineError ? error.message : classifyError(error, connected.endpoint).message;
    void showWithOutput(ctx, 'error', l10n.t('The practice images could not be prepared: {0}', message));
    return failed;
  }
  const results = outcome.result.images;
  const counts = summarize(results);
  const problems = results.filter((r) => r.action === 'failed' || r.action === 'skipped');
  const asked = new Set(results.map((r) => r.tag));
  const ok = problems.length === 0 && wanted.unknown.length === 0;
  log(l10n.t('Done: {0} built, {1} already present, {2} not prepared.', counts.built, counts.present + counts.real + counts.pulled, problems.length));
  if (problems.length > 0 || wanted.unknown.length > 0) {
    const names = [...new Set([...problems.map((r) => r.tag), ...wanted.unknown.filter((tag) => !asked.has(tag))])];
    const reasons = [...new Set(problems.map((r) => r.detail).filter((d): d is string => !!d))];
    void showWithOutput(ctx, counts.built > 0 ? 'warning' : 'error', l10n.t('Not prepared: {0}. {1}', names.join(', '),
      reasons.length > 0 ? reasons.join(' ') : l10n.t('The course has no stand-in for these images.')));
  } else if (!args.quiet) {
    void vscode.window.showInformationMessage(counts.built > 0
      ? l10n.t('The practice images are ready: {0} built, {1} already present.', counts.built, counts.present + counts.real)
      : l10n.t('The practice images are ready: all {0} were already present.', results.length));
  }
  return { ok, cancelled: false, results };
}

async function showWithOutput(ctx: PrepareImagesContext, kind: 'error' | 'warning', message: string): Promise<void> {
  const show = l10n.t('Show Output');
  const choice = kind === 'error' ? await vscode.window.showErrorMessage(message, show) : await vscode.window.showWarningMessage(message, show);
  if (choice === show) ctx.output?.show(true);
}

/** The step's error text when images are missing, and which of them a stand-in can provide. */
export function missingImagesOffer(extensionUri: vscode.Uri, missing: readonly MissingImage[]): { message: string; preparable: string[] } {
  const catalog = readCatalog(extensionUri);
  const images = missing.map((m) => m.image).filter(Boolean);
  const unknown = catalog ? selectByTag(catalog, images).unknown : images;
  const preparable = images.filter((image) => !unknown.includes(image));
  const lines: string[] = [];
  if (preparable.length > 0) {
    lines.push(l10n.t('The lesson needs {0}, which this Docker engine does not have and cannot pull (no access to a registry). "Prepare Practice Images" builds small offline stand-ins for them.', preparable.join(', ')));
  }
  for (const m of missing) if (!preparable.includes(m.image)) lines.push(m.message);
  return { message: lines.join('\n'), preparable };
}

/**
 * The error notification of a step whose images are missing: "Prepare Practice Images" runs the command for them and,
 * when every one is there, `onReady` continues the step; the README explains registry mirrors.
 */
export async function offerPreparation(
  offer: { message: string; preparable: string[] }, readme: vscode.Uri, onReady: () => unknown,
): Promise<void> {
  const prepare = l10n.t('Prepare Practice Images');
  const readmeLabel = l10n.t('Open the README (registry mirrors)');
  const buttons = offer.preparable.length > 0 ? [prepare, readmeLabel] : [readmeLabel];
  const choice = await vscode.window.showErrorMessage(offer.message, ...buttons);
  if (choice === prepare) {
    const args: PrepareImagesArgs = { images: offer.preparable, quiet: true };
    const outcome = await vscode.commands.executeCommand<PrepareImagesOutcome | undefined>(LESSON_COMMANDS.prepareImages, args);
    if (outcome?.ok) await onReady();
  } else if (choice === readmeLabel) {
    await vscode.commands.executeCommand(VSCODE_COMMANDS.markdownPreview, readme).then(undefined,
      () => vscode.commands.executeCommand(VSCODE_COMMANDS.open, readme));
  }
}
