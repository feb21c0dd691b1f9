// DOM helpers the webview pages (lesson page, 环境体检, 课程地图) share.

/** `{0}`, `{1}` … in a localized label replaced by the arguments; a placeholder without an argument stays as it is. */
export function fillPlaceholders(text: string, args: readonly (string | number)[]): string {
  return text.replace(/\{(\d+)\}/g, (whole, index: string) => (args[Number(index)] !== undefined ? String(args[Number(index)]) : whole));
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K];
export function el(tag: string, className?: string, text?: string): HTMLElement;
export function el(tag: string, className?: string, text?: string): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A codicon glyph (the pages link codicon.css: no emoji font needed), hidden from screen readers. */
export function codicon(name: string, className = ''): HTMLElement {
  const node = el('span', `codicon codicon-${name} ${className}`.trim());
  node.setAttribute('aria-hidden', 'true');
  return node;
}
