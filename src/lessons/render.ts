// Lesson Markdown → HTML for the webview. Raw HTML is off and links go through markdown-it's validateLink, so a lesson
// cannot inject script; step fences become placeholders the webview fills with buttons and check results.
import type { HLJSApi, LanguageFn } from 'highlight.js';
import type MarkdownIt from 'markdown-it';
import { classifyFence, markdownItClass, tokenizeAttrs } from './parse';
import type { Lesson } from './schema';
import { prebuiltPage } from './prebuilt';

// markdown-it and highlight.js load on the first render (the webview), not when the extension loads.
/* eslint-disable @typescript-eslint/no-require-imports */
const interop = <T>(module: T | { default: T }): T => ((module as { default?: T }).default ?? module) as T;
let highlighter: HLJSApi | undefined;
function hljs(): HLJSApi {
  if (highlighter) return highlighter;
  const core = interop<HLJSApi>(require('highlight.js/lib/core'));
  const grammars: Record<string, LanguageFn> = {
    bash: interop(require('highlight.js/lib/languages/bash')),
    dockerfile: interop(require('highlight.js/lib/languages/dockerfile')),
    ini: interop(require('highlight.js/lib/languages/ini')),
    json: interop(require('highlight.js/lib/languages/json')),
    yaml: interop(require('highlight.js/lib/languages/yaml')),
  };
  for (const [name, grammar] of Object.entries(grammars)) core.registerLanguage(name, grammar);
  return (highlighter = core);
}
type Plugin = (md: MarkdownIt.MarkdownIt) => void;
function loadMarkdownIt(): { MarkdownItClass: typeof MarkdownIt; cjkFriendly: Plugin; cjkBreaks: Plugin } {
  return {
    MarkdownItClass: markdownItClass(),
    // ESM-only; node ≥ 20.19 require()s it and esbuild bundles it.
    cjkFriendly: interop<Plugin>(require('markdown-it-cjk-friendly')),
    // A line break inside a Chinese paragraph is not a space ("打印一段\n说明文字" → "打印一段说明文字").
    cjkBreaks: interop<Plugin>(require('markdown-it-cjk-breaks')),
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Fence languages as lessons write them → the highlight.js grammar. */
const LANGUAGE_ALIASES: Record<string, string> = {
  bash: 'bash', sh: 'bash', shell: 'bash', console: 'bash', zsh: 'bash',
  dockerfile: 'dockerfile', docker: 'dockerfile',
  yaml: 'yaml', yml: 'yaml',
  json: 'json', jsonc: 'json',
  ini: 'ini', toml: 'ini', conf: 'ini', properties: 'ini',
};

export interface RenderedLesson {
  html: string;
  /** The step placeholders in document order; `index` is the step's position in `lesson.steps`. */
  steps: { id: string; index: number }[];
}

interface RenderEnv extends MarkdownIt.Env {
  steps: { id: string; index: number }[];
  /** The challenge whose fence came last: its task block is drawn for it. */
  challenge?: string;
}

let markdown: MarkdownIt.MarkdownIt | undefined;

function renderer(): MarkdownIt.MarkdownIt {
  if (markdown) return markdown;
  const { MarkdownItClass, cjkFriendly, cjkBreaks } = loadMarkdownIt();
  const md = new MarkdownItClass({ html: false, linkify: true, typographer: false });
  md.use(cjkFriendly);
  md.core.ruler.push('cjk_breaks', cjkBreaksRule(cjkBreaks));
  const escape = md.utils.escapeHtml;

  md.renderer.rules.fence = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    const fence = classifyFence(token.info);
    // Check, input, solution and setup blocks are for the runner; the webview shows their results instead.
    if (fence.role === 'check' || fence.role === 'input' || fence.role === 'solution' || fence.role === 'setup') return '';
    const renderEnv = env as RenderEnv | undefined;
    if (fence.role === 'task') {
      // A challenge's task is Markdown, drawn after its step's placeholder (the page moves it inside).
      const owner = renderEnv?.challenge;
      if (owner === undefined) return '';
      return `<div class="dl-challenge-task" data-task-for="${escape(owner)}">${md.render(token.content, { steps: [] })}</div>\n`;
    }
    if (fence.role !== 'step') return `${highlightedCode(token.content, fence.lang, escape)}\n`;
    const attrs = tokenizeAttrs(fence.attrs).attrs;
    const id = attrs.id ?? '';
    const steps = renderEnv?.steps;
    if (steps) steps.push({ id, index: steps.length });
    if (renderEnv) renderEnv.challenge = attrs.kind === 'challenge' ? id : undefined;
    // A challenge's fence is its reference solution: never in the page (it is shown after a failed check, on request).
    if (attrs.kind === 'challenge') return `<div class="dl-step" data-step-id="${escape(id)}"></div>\n`;
    return `<div class="dl-step" data-step-id="${escape(id)}">${highlightedCode(token.content, fence.lang, escape)}</div>\n`;
  };

  const defaultLinkOpen = md.renderer.rules.link_open
    ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('rel', 'noopener');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  markdown = md;
  return md;
}

type InlineToken = { type: string; content: string };
type CoreRule = (state: { tokens: { type: string; children: InlineToken[] | null }[] }) => void;

/**
 * markdown-it-cjk-breaks, asked about one line break at a time. Its 2.0.0 rule throws on an empty text token beside a
 * break ("**粗**\n文", "中\n`code`\n文": markdown-it makes such tokens around emphasis, and the rule leaves one for each
 * break it removes; fixed upstream after 2.0.0). So each break is shown to it alone, between the nearest non-empty text
 * before and after (a space where there is none, as the plugin assumes), and its answer is applied.
 */
function cjkBreaksRule(plugin: Plugin): CoreRule {
  let rule: CoreRule | undefined;
  plugin({ core: { ruler: { push: (_name: string, fn: CoreRule) => { rule = fn; } } } } as unknown as MarkdownIt.MarkdownIt);
  if (!rule) throw new Error('markdown-it-cjk-breaks added no rule');
  const removes = (before: string, after: string): boolean => {
    const probe = { type: 'softbreak', content: '' };
    rule!({ tokens: [{ type: 'inline', children: [{ type: 'text', content: before }, probe, { type: 'text', content: after }] }] });
    return probe.type !== 'softbreak';
  };
  const nearestChar = (children: InlineToken[], from: number, step: 1 | -1): string => {
    for (let i = from + step; i >= 0 && i < children.length; i += step) {
      if (children[i].type !== 'text' || children[i].content === '') continue;
      const chars = Array.from(children[i].content);
      return step < 0 ? chars[chars.length - 1] : chars[0];
    }
    return ' ';
  };
  return (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const children = block.children;
      children.forEach((token, i) => {
        if (token.type !== 'softbreak' || !removes(nearestChar(children, i, -1), nearestChar(children, i, 1))) return;
        token.type = 'text';
        token.content = '';
      });
    }
  };
}

function highlightedCode(content: string, lang: string, escape: (text: string) => string): string {
  const grammar = LANGUAGE_ALIASES[lang.toLowerCase()];
  const body = content.replace(/\n$/, '');
  if (!grammar) {
    const langClass = /^[\w-]+$/.test(lang) ? ` language-${lang}` : '';
    return `<pre><code class="hljs${langClass}">${escape(body)}</code></pre>`;
  }
  let html: string;
  try {
    html = hljs().highlight(body, { language: grammar, ignoreIllegals: true }).value;
  } catch {
    html = escape(body);
  }
  return `<pre><code class="hljs language-${grammar}">${html}</code></pre>`;
}

/** Pages rendered lately, by their Markdown (the content is the key): opening a page again costs nothing. */
const rendered = new Map<string, RenderedLesson>();
const RENDER_CACHE_SIZE = 8;
/** Inline Markdown → HTML from the pages the build rendered (prebuilt.ts) that were read. */
const prebuiltInline = new Map<string, string>();

/**
 * The lesson body as HTML; steps keep `{{vars}}` as written (the webview shows the learner's values). The last few
 * are kept by content, so a page opened again (or a lesson file saved unchanged) is not rendered again; a page the
 * build rendered is read from the package. `cache: false` renders anew (the bench's cold render).
 */
export function renderLessonHtml(lesson: Pick<Lesson, 'markdown'>, options: { cache?: boolean } = {}): RenderedLesson {
  const useCache = options.cache !== false;
  const hit = useCache ? rendered.get(lesson.markdown) ?? readPrebuilt(lesson.markdown) : undefined;
  if (hit) {
    rendered.delete(lesson.markdown); // most recently used last
    remember(lesson.markdown, hit);
    return { html: hit.html, steps: hit.steps.map((step) => ({ ...step })) };
  }
  const env: RenderEnv = { steps: [] };
  const html = renderer().render(lesson.markdown, env);
  if (useCache) remember(lesson.markdown, { html, steps: env.steps.map((step) => ({ ...step })) });
  return { html, steps: env.steps };
}

/** Forget the pages rendered or read so far (the bench's and tests' cold start). */
export function forgetRenders(): void {
  rendered.clear();
  prebuiltInline.clear();
}

function remember(markdown: string, page: RenderedLesson): void {
  rendered.set(markdown, page);
  if (rendered.size > RENDER_CACHE_SIZE) rendered.delete(rendered.keys().next().value!);
}

function readPrebuilt(markdown: string): RenderedLesson | undefined {
  const page = prebuiltPage(markdown);
  if (!page) return undefined;
  for (const [text, html] of Object.entries(page.inline)) prebuiltInline.set(text, html);
  return { html: page.html, steps: page.steps };
}

/** One line of Markdown (quiz questions, recap items) without the surrounding <p>; `cache: false` renders anew. */
export function renderMarkdownInline(text: string, options: { cache?: boolean } = {}): string {
  return (options.cache !== false ? prebuiltInline.get(text) : undefined) ?? renderer().renderInline(text, {});
}
