// Lesson Markdown → HTML for the webview. Raw HTML is off and links go through markdown-it's validateLink, so a lesson
// cannot inject script; step fences become placeholders the webview fills with buttons and check results.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import ini from 'highlight.js/lib/languages/ini';
import json from 'highlight.js/lib/languages/json';
import yaml from 'highlight.js/lib/languages/yaml';
import MarkdownIt from 'markdown-it';
// ESM-only; node ≥ 20.19 require()s it and esbuild bundles it.
import cjkFriendly from 'markdown-it-cjk-friendly';
import { classifyFence, tokenizeAttrs } from './parse';
import type { Lesson } from './schema';

hljs.registerLanguage('bash', bash);
hljs.registerLanguage('dockerfile', dockerfile);
hljs.registerLanguage('ini', ini);
hljs.registerLanguage('json', json);
hljs.registerLanguage('yaml', yaml);

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
}

let markdown: MarkdownIt.MarkdownIt | undefined;

function renderer(): MarkdownIt.MarkdownIt {
  if (markdown) return markdown;
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(cjkFriendly);
  const escape = md.utils.escapeHtml;

  md.renderer.rules.fence = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    const fence = classifyFence(token.info);
    // Check, input and solution blocks are for the runner; the webview shows their results instead.
    if (fence.role === 'check' || fence.role === 'input' || fence.role === 'solution') return '';
    const code = highlightedCode(token.content, fence.lang, escape);
    if (fence.role !== 'step') return `${code}\n`;
    const id = tokenizeAttrs(fence.attrs).attrs.id ?? '';
    const steps = (env as RenderEnv | undefined)?.steps;
    if (steps) steps.push({ id, index: steps.length });
    return `<div class="dl-step" data-step-id="${escape(id)}">${code}</div>\n`;
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

function highlightedCode(content: string, lang: string, escape: (text: string) => string): string {
  const grammar = LANGUAGE_ALIASES[lang.toLowerCase()];
  const body = content.replace(/\n$/, '');
  if (!grammar) {
    const langClass = /^[\w-]+$/.test(lang) ? ` language-${lang}` : '';
    return `<pre><code class="hljs${langClass}">${escape(body)}</code></pre>`;
  }
  let html: string;
  try {
    html = hljs.highlight(body, { language: grammar, ignoreIllegals: true }).value;
  } catch {
    html = escape(body);
  }
  return `<pre><code class="hljs language-${grammar}">${html}</code></pre>`;
}

/** The lesson body as HTML; steps keep `{{vars}}` as written (the webview shows the learner's values). */
export function renderLessonHtml(lesson: Pick<Lesson, 'markdown'>): RenderedLesson {
  const env: RenderEnv = { steps: [] };
  const html = renderer().render(lesson.markdown, env);
  return { html, steps: env.steps };
}

/** One line of Markdown (quiz questions, recap items) without the surrounding <p>. */
export function renderMarkdownInline(text: string): string {
  return renderer().renderInline(text, {});
}
