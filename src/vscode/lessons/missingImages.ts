// A lesson's images are missing and cannot be pulled: say so, and offer what gets them.
import * as vscode from 'vscode';
import type { MissingImage } from '../../runner';

const l10n = vscode.l10n;
export const README_MIRROR_SECTION = 'practice-images-without-a-registry';

/** Tell the learner; false: the images are still missing (the step ends with the message as its verdict). */
export async function explainMissingImages(extensionUri: vscode.Uri, missing: MissingImage[]): Promise<boolean> {
  const copy = l10n.t('Copy "npm run images"');
  const readme = l10n.t('Open the README (registry mirrors)');
  const choice = await vscode.window.showErrorMessage(missing[0].message, copy, readme);
  if (choice === copy) {
    await vscode.env.clipboard.writeText('npm run images');
  } else if (choice === readme) {
    const uri = vscode.Uri.joinPath(extensionUri, 'README.md').with({ fragment: README_MIRROR_SECTION });
    await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.commands.executeCommand('vscode.open', uri));
  }
  return false;
}
