// The lesson webview's HTML shell: a strict CSP, the page's stylesheet and the codicon font's, one nonce'd script, no
// inline script or style.
// Pure (vscode-free) so the policy is unit-tested; the lesson itself arrives later as a message.
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlInput {
  /** webview.cspSource: the origin VS Code serves local resources from. */
  cspSource: string;
  nonce: string;
  /** asWebviewUri(dist/webview.js). */
  scriptUri: string;
  /** asWebviewUri(media/lesson.css). */
  styleUri: string;
  /**
   * asWebviewUri(dist/codicons/codicon.css): icons without an emoji font. @vscode-elements finds it by the link's id
   * (`vscode-codicon-stylesheet`) for the `icon` attribute of its buttons.
   */
  codiconsUri?: string;
  /** `lang` of the page, e.g. "zh-cn". */
  lang?: string;
  /** Shown until the script has drawn the lesson. */
  loadingText?: string;
}

/** 32 random alphanumerics: the per-page nonce the one script must carry. */
export function makeNonce(): string {
  return randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(32, '0').slice(0, 32);
}

/** Every value goes into text or a double-quoted attribute, so these four are all that must be escaped. */
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function buildWebviewHtml(input: WebviewHtmlInput): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(input.nonce)) throw new Error('the nonce must be 16+ alphanumerics');
  const attr = escapeHtml;
  const codicons = input.codiconsUri ? `<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(input.codiconsUri)}">\n` : '';
  return `<!DOCTYPE html>
<html lang="${attr(input.lang ?? 'zh-cn')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${codicons}<link rel="stylesheet" href="${attr(input.styleUri)}">
</head>
<body>
<div id="dl-root" class="dl-root"><p class="dl-loading">${escapeHtml(input.loadingText ?? '…')}</p></div>
<script nonce="${attr(input.nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>
`;
}
