// The lesson webview's script (bundled to dist/webview.js, an IIFE, so nothing here leaks into the page's globals).
// It draws what the host sends and reports clicks as step ids; it never builds a command. Text that comes from
// messages (titles, check results, container names …) is set with textContent; only the lesson HTML the host rendered
// with markdown-it (html:false) is inserted as HTML.
import './jitless';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import {
  parseHostMessage, parseWebviewState, type CheckResultView, type HostMessage, type LessonView, type StepProgress,
  type StepView, type WebviewMessage, type WebviewState,
} from './protocol';
import { varProblem } from '../lessons/variables';
import { countedSteps, stepNumbers } from '../lessons/numbering';
import { el, fillPlaceholders } from './dom';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage) => vscode.postMessage(message);

type LessonMessage = Extract<HostMessage, { type: 'lesson' }>;
type VarView = LessonView['vars'][number];

interface StepUi {
  step: StepView;
  root: HTMLElement;
  status: HTMLElement;
  result: HTMLElement;
  run?: HTMLElement;
  check?: HTMLElement;
  cancel?: HTMLElement;
  hintBox?: HTMLElement;
  hintButton?: HTMLElement;
  /** challenge: the graded hints shown so far, the reference solution's button and box. */
  hintList?: HTMLElement;
  solutionButton?: HTMLElement;
  solutionBox?: HTMLElement;
}

let labels: Record<string, string> = {};
let lesson: LessonView | undefined;
let progress: Record<string, StepProgress> = {};
let state: WebviewState = restoreState();
let values: Record<string, string> = {};
const stepUis = new Map<string, StepUi>();
let progressText: HTMLElement | undefined;
let progressFill: HTMLElement | undefined;
const root = document.getElementById('dl-root')!;

// ------------------------------------------------------------------------------------------------------ helpers

function label(key: string, ...args: (string | number)[]): string {
  return fillPlaceholders(labels[key] ?? key, args);
}

/** `icon`: a codicon drawn before the label (the page links codicon.css: no emoji font needed). */
function button(text: string, onClick: () => void, options: { secondary?: boolean; className?: string; icon?: string } = {}): HTMLElement {
  const b = el('vscode-button', options.className, text);
  if (options.secondary) b.setAttribute('secondary', '');
  if (options.icon) b.setAttribute('icon', options.icon);
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}

/** The codicon lightbulb before a hint (the 💡 emoji shows as a box where no colour-emoji font is installed). */
function bulbIcon(): HTMLElement {
  const icon = el('span', 'dl-icon codicon codicon-lightbulb');
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

function setDisabled(element: HTMLElement | undefined, disabled: boolean): void {
  if (!element) return;
  if (disabled) element.setAttribute('disabled', '');
  else element.removeAttribute('disabled');
}

function restoreState(): WebviewState {
  const parsed = parseWebviewState(vscode.getState());
  return parsed.ok ? parsed.value : { revealedQuiz: [], revealedHints: {}, vars: {} };
}

function saveState(): void {
  vscode.setState(state);
}

/** The runner's own rules (lessons/variables): the host checks again before anything runs. */
function varProblemText(variable: VarView, value: string): string | undefined {
  const problem = varProblem(variable.type, value);
  return problem === undefined ? undefined : label(`invalid.${problem}`);
}

function report(level: 'info' | 'warning' | 'error', message: string): void {
  post({ type: 'log', level, message: message.slice(0, 2000) });
}

// --------------------------------------------------------------------------------------------------- rendering

function renderLesson(message: LessonMessage): void {
  labels = message.labels;
  lesson = message.lesson;
  progress = { ...message.progress };
  const sameLesson = state.lessonId === lesson.id;
  // A re-send of the lesson on screen (reset, reload of lessons) keeps the reader where they are; a fresh page
  // (reload, revived panel) goes back to where it was saved.
  const keepY = sameLesson ? (window.scrollY || state.scrollY || 0) : 0;
  if (!sameLesson) state = { lessonId: lesson.id, scrollY: 0, revealedQuiz: [], revealedHints: {}, vars: {} };
  values = {};
  for (const variable of lesson.vars) {
    const saved = state.vars[variable.name];
    values[variable.name] = saved !== undefined && !varProblemText(variable, saved) ? saved : variable.value;
  }
  stepUis.clear();
  document.title = label('lessonTitle', lesson.order, lesson.title);

  const article = el('article', 'dl-lesson');
  // Host-rendered markdown (markdown-it, html:false): the only HTML we insert.
  article.innerHTML = lesson.html;
  const steps = new Map(lesson.steps.map((step) => [step.id, step]));
  for (const placeholder of Array.from(article.querySelectorAll<HTMLElement>('div.dl-step[data-step-id]'))) {
    const step = steps.get(placeholder.dataset.stepId ?? '');
    if (step) decorateStep(placeholder, step);
  }

  root.replaceChildren(renderToolbar(lesson), el('div', 'dl-notices'), article, ...renderEnd(lesson), renderFooterNav(lesson));
  for (const ui of stepUis.values()) showProgress(ui);
  updateProgressSummary();
  refreshVarRefs();
  saveState();
  window.scrollTo(0, keepY);
}

function renderToolbar(view: LessonView): HTMLElement {
  const bar = el('header', 'dl-toolbar');
  const titleBox = el('div', 'dl-toolbar-title');
  titleBox.append(el('h1', 'dl-title', label('lessonTitle', view.order, view.title)));
  const meter = el('div', 'dl-progress');
  progressText = el('span', 'dl-progress-text');
  const track = el('div', 'dl-progress-track');
  progressFill = el('div', 'dl-progress-fill');
  track.append(progressFill);
  meter.append(track, progressText);
  titleBox.append(meter);

  const actions = el('div', 'dl-toolbar-actions');
  const prev = button(view.prev ? label('prev', view.prev.title) : label('prev', '—'), () => view.prev && navigate(view.prev.id), { secondary: true, className: 'dl-nav-prev' });
  setDisabled(prev, !view.prev);
  const next = button(view.next ? label('next', view.next.title) : label('next', '—'), () => view.next && navigate(view.next.id), { secondary: true, className: 'dl-nav-next' });
  setDisabled(next, !view.next);
  const reset = button(label('reset'), () => post({ type: 'reset', lessonId: view.id }), { secondary: true, className: 'dl-reset' });
  actions.append(prev, next, reset);
  bar.append(titleBox, actions);
  return bar;
}

function renderFooterNav(view: LessonView): HTMLElement {
  const nav = el('nav', 'dl-footer-nav');
  if (view.prev) nav.append(button(label('prev', view.prev.title), () => navigate(view.prev!.id), { secondary: true, className: 'dl-nav-prev' }));
  nav.append(el('span', 'dl-spacer'));
  if (view.next) nav.append(button(label('next', view.next.title), () => navigate(view.next!.id), { className: 'dl-nav-next' }));
  return nav;
}

function navigate(lessonId: string): void {
  post({ type: 'navigate', lessonId });
}

function renderEnd(view: LessonView): HTMLElement[] {
  const sections: HTMLElement[] = [];
  if (view.recapHtml.length > 0) {
    const recap = el('section', 'dl-recap');
    recap.append(el('h2', undefined, label('recap')));
    const list = el('ul');
    for (const item of view.recapHtml) {
      const li = el('li');
      li.innerHTML = item; // host-rendered inline markdown
      list.append(li);
    }
    recap.append(list);
    sections.push(recap);
  }
  if (view.quiz.length > 0) {
    const quiz = el('section', 'dl-quiz');
    quiz.append(el('h2', undefined, label('quiz')));
    const list = el('ol', 'dl-quiz-list');
    view.quiz.forEach((item, index) => {
      const li = el('li', 'dl-quiz-item');
      const question = el('div', 'dl-quiz-question');
      question.innerHTML = item.questionHtml; // host-rendered inline markdown
      const answer = el('div', 'dl-quiz-answer');
      answer.innerHTML = item.answerHtml; // host-rendered inline markdown
      const toggle = button('', () => {
        const revealed = new Set(state.revealedQuiz);
        if (revealed.has(index)) revealed.delete(index);
        else revealed.add(index);
        state.revealedQuiz = [...revealed].sort((a, b) => a - b);
        saveState();
        show();
      }, { secondary: true, className: 'dl-quiz-toggle' });
      const show = () => {
        const revealed = state.revealedQuiz.includes(index);
        answer.hidden = !revealed;
        li.classList.toggle('dl-quiz-item--revealed', revealed);
        toggle.textContent = revealed ? label('hideAnswer') : label('showAnswer');
      };
      show();
      li.append(question, toggle, answer);
      list.append(li);
    });
    quiz.append(list);
    sections.push(quiz);
  }
  return sections;
}

function decorateStep(placeholder: HTMLElement, step: StepView): void {
  placeholder.classList.add(`dl-step--${step.kind}`);
  placeholder.id = `step-${step.id}`;
  const header = el('div', 'dl-step-header');
  const status = el('span', 'dl-step-status');
  status.setAttribute('aria-hidden', 'true');
  // Numbered as the tree, the status bar and the CLI count (lessons/numbering): an explain step has its badge instead.
  const number = stepNumbers(lesson?.steps ?? []).get(step.id);
  header.append(status);
  if (number !== undefined) header.append(el('span', 'dl-step-number', label('stepNumber', number)));
  if (step.kind === 'challenge') {
    const icon = el('span', 'dl-icon dl-challenge-icon codicon codicon-target');
    icon.setAttribute('aria-hidden', 'true');
    header.append(icon);
  }
  header.append(el('span', 'dl-step-title', step.title));
  if (step.kind !== 'run') {
    const badge = el('vscode-badge', `dl-badge dl-badge--${step.kind}`, label(`kind.${step.kind}`));
    header.append(badge);
  }
  placeholder.prepend(header);
  markVarRefs(placeholder.querySelector('pre code'));
  if (step.kind === 'challenge') {
    // The task was rendered right after the step's (empty) placeholder: it belongs inside, under the header.
    const task = placeholder.parentElement?.querySelector<HTMLElement>(`.dl-challenge-task[data-task-for="${CSS.escape(step.id)}"]`);
    if (task) {
      header.after(task);
      markVarRefs(task);
    }
  }

  const ui: StepUi = { step, root: placeholder, status, result: el('div', 'dl-step-result') };
  ui.result.setAttribute('aria-live', 'polite');
  ui.result.setAttribute('aria-label', label('stepResults', number ?? step.title));

  const declared = (lesson?.vars ?? []).filter((variable) => step.vars.includes(variable.name));
  if (declared.length > 0 && step.kind !== 'explain') placeholder.append(renderVarFields(declared));

  if (step.kind === 'explain') {
    placeholder.append(el('p', 'dl-step-reason', label('notRunHere', step.reason ?? '')));
  } else if (step.kind === 'challenge') {
    decorateChallenge(placeholder, ui);
  } else {
    const actions = el('div', 'dl-step-actions');
    if (step.kind === 'edit') {
      actions.append(button(label('openFile'), () => post({ type: 'openFile', lessonId: lesson!.id, stepId: step.id }), { className: 'dl-open-file' }));
    } else {
      ui.run = button(label('run'), () => runStep(ui, 'run'), { className: `dl-run${step.kind === 'destructive' ? ' dl-run--destructive' : ''}`, icon: 'play' });
      actions.append(ui.run);
    }
    if (step.hasChecks) {
      ui.check = button(label('check'), () => runStep(ui, 'check'), { secondary: true, className: 'dl-check', icon: 'check' });
      actions.append(ui.check);
    }
    ui.cancel = button(label('cancel'), () => post({ type: 'cancel', lessonId: lesson!.id, stepId: step.id }), { secondary: true, className: 'dl-cancel', icon: 'debug-stop' });
    ui.cancel.hidden = true;
    actions.append(ui.cancel);
    if (step.hint) {
      ui.hintBox = el('p', 'dl-step-hint');
      ui.hintBox.append(bulbIcon(), document.createTextNode(` ${step.hint}`));
      ui.hintBox.hidden = true;
      ui.hintButton = button(label('hint'), () => {
        ui.hintBox!.hidden = !ui.hintBox!.hidden;
        ui.hintButton!.textContent = ui.hintBox!.hidden ? label('hint') : label('hideHint');
      }, { secondary: true, className: 'dl-hint', icon: 'lightbulb' });
      actions.append(ui.hintButton);
    }
    placeholder.append(actions);
    if (ui.hintBox) placeholder.append(ui.hintBox);
  }
  placeholder.append(ui.result);
  stepUis.set(step.id, ui);
}

/**
 * A challenge: the learner does the task their own way. Start (when it has a setup) makes the starting state; the
 * lesson's terminal is where they work; Check grades the engine; Hint shows the next graded hint; the reference
 * solution is offered once a check failed (the host sends it only then).
 */
function decorateChallenge(placeholder: HTMLElement, ui: StepUi): void {
  const step = ui.step;
  const actions = el('div', 'dl-step-actions');
  if (step.hasSetup) {
    ui.run = button(label('start'), () => runStep(ui, 'run'), { className: 'dl-run dl-start', icon: 'play' });
    actions.append(ui.run);
  }
  actions.append(button(label('openTerminal'), () => post({ type: 'openTerminal', lessonId: lesson!.id, stepId: step.id }),
    { secondary: true, className: 'dl-open-terminal', icon: 'terminal' }));
  ui.check = button(label('check'), () => runStep(ui, 'check'), { secondary: step.hasSetup, className: 'dl-check', icon: 'check' });
  actions.append(ui.check);
  const hints = step.hintsHtml ?? [];
  if (hints.length > 0) {
    ui.hintList = el('ol', 'dl-challenge-hints');
    ui.hintButton = button('', () => {
      const shown = Math.min(hints.length, (state.revealedHints[step.id] ?? 0) + 1);
      state.revealedHints = { ...state.revealedHints, [step.id]: shown };
      saveState();
      showHints(ui);
    }, { secondary: true, className: 'dl-hint', icon: 'lightbulb' });
    actions.append(ui.hintButton);
  }
  ui.solutionButton = button(label('showSolution'), () => post({ type: 'showSolution', lessonId: lesson!.id, stepId: step.id, vars: stepVars(ui) }),
    { secondary: true, className: 'dl-show-solution', icon: 'eye' });
  actions.append(ui.solutionButton);
  ui.cancel = button(label('cancel'), () => post({ type: 'cancel', lessonId: lesson!.id, stepId: step.id }), { secondary: true, className: 'dl-cancel', icon: 'debug-stop' });
  ui.cancel.hidden = true;
  actions.append(ui.cancel);
  placeholder.append(actions);
  if (ui.hintList) placeholder.append(ui.hintList);
  ui.solutionBox = el('div', 'dl-solution');
  ui.solutionBox.hidden = true;
  placeholder.append(ui.solutionBox);
  showHints(ui);
}

/** The graded hints revealed so far ("Hint 1/2: …"), and the button's next number. */
function showHints(ui: StepUi): void {
  const hints = ui.step.hintsHtml ?? [];
  if (!ui.hintList || !ui.hintButton) return;
  const shown = Math.min(hints.length, state.revealedHints[ui.step.id] ?? 0);
  ui.hintList.replaceChildren(...hints.slice(0, shown).map((html, index) => {
    const item = el('li', 'dl-step-hint dl-challenge-hint');
    const text = el('span', 'dl-challenge-hint-text');
    text.innerHTML = html; // host-rendered inline markdown (html:false), like the recap
    item.append(bulbIcon(), el('strong', undefined, ` ${label('hintOf', index + 1, hints.length)}`), document.createTextNode(' '), text);
    return item;
  }));
  ui.hintList.hidden = shown === 0;
  ui.hintButton.textContent = shown < hints.length ? label('hintOf', shown + 1, hints.length) : label('noMoreHints');
  setDisabled(ui.hintButton, shown >= hints.length);
}

/** The reference solution the host sent (after a failed check), with a copy button (the host copies its own text). */
function showSolution(ui: StepUi, command: string): void {
  if (!ui.solutionBox) return;
  const head = el('div', 'dl-solution-head');
  head.append(el('span', 'dl-solution-title', label('solutionTitle')),
    button(label('copy'), () => post({ type: 'copySolution', lessonId: lesson!.id, stepId: ui.step.id, vars: stepVars(ui) }),
      { secondary: true, className: 'dl-copy-solution', icon: 'copy' }));
  const pre = el('pre');
  pre.append(el('code', 'hljs language-bash', command));
  ui.solutionBox.replaceChildren(head, pre);
  ui.solutionBox.hidden = false;
}

/** The step's variables with the learner's current values. */
function stepVars(ui: StepUi): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of ui.step.vars) if (values[name] !== undefined) vars[name] = values[name];
  return vars;
}

/** Replace `{{name}}` in `container`'s text with a span showing the learner's current value (kept in sync with the fields). */
function markVarRefs(code: Element | null): void {
  if (!code || !lesson || lesson.vars.length === 0) return;
  const names = new Set(lesson.vars.map((variable) => variable.name));
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const text of texts) {
    const source = text.data;
    const pattern = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;
    if (!pattern.test(source)) continue;
    pattern.lastIndex = 0;
    const parts: Node[] = [];
    let last = 0;
    for (const match of source.matchAll(pattern)) {
      if (!names.has(match[1])) continue;
      parts.push(document.createTextNode(source.slice(last, match.index)));
      const ref = el('span', 'dl-var-ref');
      ref.dataset.var = match[1];
      ref.title = `{{${match[1]}}}`;
      parts.push(ref);
      last = match.index + match[0].length;
    }
    if (parts.length === 0) continue;
    parts.push(document.createTextNode(source.slice(last)));
    text.replaceWith(...parts);
  }
}

function refreshVarRefs(): void {
  for (const ref of Array.from(root.querySelectorAll<HTMLElement>('.dl-var-ref'))) ref.textContent = values[ref.dataset.var ?? ''] ?? '';
}

let varTimer: ReturnType<typeof setTimeout> | undefined;
const pendingVars = new Map<string, string>();

function renderVarFields(variables: VarView[]): HTMLElement {
  const box = el('div', 'dl-step-vars');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', label('varsUsed'));
  for (const variable of variables) {
    const row = el('div', 'dl-var');
    const id = `var-${variable.name}-${Math.random().toString(36).slice(2, 8)}`;
    const caption = el('label', 'dl-var-label', variable.label);
    caption.htmlFor = id;
    const field = el('vscode-textfield', 'dl-var-field') as HTMLElement & { value: string; invalid: boolean };
    field.id = id;
    field.dataset.var = variable.name;
    field.setAttribute('value', values[variable.name] ?? '');
    if (variable.type === 'port') field.setAttribute('inputmode', 'numeric');
    const error = el('span', 'dl-var-error');
    error.setAttribute('role', 'alert');
    field.addEventListener('input', () => onVarInput(variable, field.value));
    row.append(caption, field, error);
    box.append(row);
  }
  return box;
}

function onVarInput(variable: VarView, raw: string): void {
  const value = raw.trim();
  const problem = varProblemText(variable, value);
  // Every field for this variable (several steps may use it) shows the same value and verdict.
  const fields = root.querySelectorAll<HTMLElement & { value: string; invalid: boolean }>(`vscode-textfield[data-var="${variable.name}"]`);
  for (const field of Array.from(fields)) {
    if (field.value !== raw) field.value = raw;
    field.invalid = Boolean(problem);
    const error = field.parentElement?.querySelector('.dl-var-error');
    if (error) error.textContent = problem ?? '';
  }
  if (problem) {
    invalidVars.add(variable.name);
  } else {
    invalidVars.delete(variable.name);
    values[variable.name] = value;
    state.vars = { ...state.vars, [variable.name]: value };
    saveState();
    refreshVarRefs();
    pendingVars.set(variable.name, value);
    clearTimeout(varTimer);
    varTimer = setTimeout(flushVars, 400);
  }
  for (const ui of stepUis.values()) showProgress(ui);
}

const invalidVars = new Set<string>();

function flushVars(): void {
  if (!lesson) return;
  for (const [name, value] of pendingVars) post({ type: 'setVar', lessonId: lesson.id, name, value });
  pendingVars.clear();
}

/** `redo`: the failed step's offer, run again what it needs first (the host knows which steps from its verdict). */
function runStep(ui: StepUi, kind: 'run' | 'check', redo = false): void {
  if (!lesson) return;
  flushVars();
  const vars = stepVars(ui);
  progress[ui.step.id] = { state: kind === 'run' ? 'running' : 'checking', checks: [] };
  showProgress(ui);
  post(kind === 'run' && redo ? { type: 'run', lessonId: lesson.id, stepId: ui.step.id, vars, redo } : { type: kind, lessonId: lesson.id, stepId: ui.step.id, vars });
}

/** A check waiting for the engine: what for, and a countdown of the time it may still take. One per step. */
const waitTimers = new Map<string, ReturnType<typeof setInterval>>();

function waitingLine(ui: StepUi, waiting: NonNullable<StepProgress['waiting']>): HTMLElement {
  const line = el('div', 'dl-waiting');
  const deadline = Date.now() + waiting.seconds * 1000;
  const show = () => {
    line.textContent = label('waiting', waiting.title, waiting.expected, Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  };
  show();
  waitTimers.set(ui.step.id, setInterval(show, 1000));
  return line;
}

const STATUS_MARKS: Record<StepProgress['state'], string> = {
  idle: '○', running: '◌', checking: '◌', passed: '✓', failed: '✗', cancelled: '⊘', error: '!', skipped: '–', started: '◎', stale: '↻',
};

function showProgress(ui: StepUi): void {
  const current = progress[ui.step.id] ?? { state: 'idle', checks: [] };
  const busy = current.state === 'running' || current.state === 'checking';
  ui.root.dataset.state = current.state;
  ui.status.textContent = ui.step.kind === 'explain' ? 'ℹ' : STATUS_MARKS[current.state];
  ui.status.title = current.state === 'idle' ? '' : label(current.state);
  const blocked = ui.step.vars.some((name) => invalidVars.has(name));
  setDisabled(ui.run, busy || blocked);
  setDisabled(ui.check, busy || blocked);
  if (ui.cancel) ui.cancel.hidden = !busy;
  if (ui.step.kind === 'challenge') {
    if (ui.run) ui.run.textContent = current.state === 'idle' ? label('start') : label('restart');
    // The reference solution only after a failed check (the host keeps to that rule too).
    setDisabled(ui.solutionButton, busy || !current.unlocked);
    if (ui.solutionButton) ui.solutionButton.title = current.unlocked ? '' : label('solutionLocked');
    // (While a check runs the in-flight state carries no flag: the box stays.)
    if (!current.unlocked && !busy && ui.solutionBox) ui.solutionBox.hidden = true;
  }

  const children: HTMLElement[] = [];
  clearInterval(waitTimers.get(ui.step.id));
  waitTimers.delete(ui.step.id);
  if (busy) {
    const line = el('div', 'dl-busy');
    const ring = el('vscode-progress-ring', 'dl-busy-ring');
    ring.setAttribute('aria-label', label(current.state));
    line.append(ring, el('span', undefined, label(current.state)));
    children.push(line);
    if (current.waiting) children.push(waitingLine(ui, current.waiting));
  } else if (current.state !== 'idle') {
    const verdict = el('div', `dl-verdict dl-verdict--${current.state}`, label(current.state));
    if (current.auto) {
      const note = el('span', 'dl-verdict-auto');
      const eye = el('span', 'dl-icon codicon codicon-eye');
      eye.setAttribute('aria-hidden', 'true');
      note.append(eye, document.createTextNode(` ${label(current.state === 'passed' ? 'autoPassed' : 'autoFailed')}`));
      verdict.append(' ', note);
    }
    children.push(verdict);
    if (current.state === 'started' && !current.message) children.push(el('p', 'dl-muted', label('startedNote')));
    if (current.message) children.push(el('pre', 'dl-result-message', current.message));
    if (current.checks.length > 0) {
      const list = el('ul', 'dl-checks');
      for (const check of current.checks) list.append(renderCheck(check));
      children.push(list);
      // The service gives each failed check the step's hint too: show each distinct hint once, after the list.
      const hints = new Set(current.checks.filter((check) => !check.pass && check.hint).map((check) => check.hint!));
      for (const text of hints) {
        const hint = el('p', 'dl-check-hint');
        hint.append(bulbIcon(), document.createTextNode(` ${text}`));
        children.push(hint);
      }
    } else if (current.state === 'passed' && !ui.step.hasChecks) {
      children.push(el('p', 'dl-muted', label('noChecks')));
    }
    if (current.state === 'failed' && current.redo?.length) children.push(redoButton(ui, current.redo));
  }
  ui.result.replaceChildren(...children);
  ui.result.hidden = children.length === 0;
}

function renderCheck(check: CheckResultView): HTMLElement {
  const li = el('li', `dl-check-result ${check.pass ? 'dl-check-result--pass' : 'dl-check-result--fail'}`);
  const head = el('div', 'dl-check-head');
  head.append(el('span', 'dl-check-mark', check.pass ? '✓' : '✗'), el('span', 'dl-check-title', check.title));
  li.append(head);
  if (!check.pass) {
    const detail = el('dl', 'dl-check-detail');
    detail.append(el('dt', undefined, label('expected')), el('dd', undefined, check.expected));
    detail.append(el('dt', undefined, label('found')), el('dd', undefined, check.actual));
    li.append(detail);
    const maker = check.madeBy && stepUis.get(check.madeBy.stepId);
    if (maker) {
      const number = stepNumbers(lesson?.steps ?? []).get(maker.step.id) ?? '';
      li.append(button(label('runMaker', number, maker.step.title), () => runStep(maker, 'run'), { secondary: true, className: 'dl-run-maker', icon: 'play' }));
    }

  }
  return li;
}

/** The failed step's way out: run again the steps it needs (their numbers on the button), then it. */
function redoButton(ui: StepUi, redo: readonly string[]): HTMLElement {
  const numbers = stepNumbers(lesson?.steps ?? []);
  const list = redo.map((id) => numbers.get(id)).filter((n) => n !== undefined);
  return button(label(list.length === 1 ? 'redoOne' : 'redo', list.join(', ')), () => runStep(ui, 'run', true), { className: 'dl-redo', icon: 'debug-restart' });
}

function updateProgressSummary(): void {
  if (!lesson || !progressText || !progressFill) return;
  const countable = countedSteps(lesson.steps);
  const done = countable.filter((step) => progress[step.id]?.state === 'passed').length;
  progressText.textContent = label('progress', done, countable.length);
  // CSSOM, not a style attribute: allowed under the page's CSP (style-src has no 'unsafe-inline').
  progressFill.style.width = `${countable.length === 0 ? 100 : Math.round((done / countable.length) * 100)}%`;
  progressFill.parentElement?.setAttribute('aria-valuenow', String(done));
}

function showNotice(level: 'info' | 'warning' | 'error', message: string): void {
  const box = root.querySelector('.dl-notices') ?? root;
  const notice = el('div', `dl-notice dl-notice--${level}`);
  notice.setAttribute('role', level === 'error' ? 'alert' : 'status');
  const close = el('button', 'dl-notice-close', '×');
  close.type = 'button';
  close.addEventListener('click', () => notice.remove());
  notice.append(el('span', undefined, message), close);
  box.append(notice);
}

function focusStep(stepId: string): void {
  const ui = stepUis.get(stepId);
  if (!ui) return;
  ui.root.scrollIntoView({ block: 'center' });
  ui.root.classList.add('dl-step--focused');
  setTimeout(() => ui.root.classList.remove('dl-step--focused'), 2000);
}

// ---------------------------------------------------------------------------------------------------- messages

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'lesson':
      renderLesson(message);
      return;
    case 'step': {
      if (message.lessonId !== lesson?.id) return;
      progress[message.stepId] = message.progress;
      const ui = stepUis.get(message.stepId);
      if (ui) showProgress(ui);
      updateProgressSummary();
      return;
    }
    case 'engine':
      root.classList.toggle('dl-engine-down', !message.connected);
      if (!message.connected) showNotice('warning', label('engineDisconnected', message.message ?? ''));
      return;
    case 'notice':
      showNotice(message.level, message.message);
      return;
    case 'focus':
      focusStep(message.stepId);
      return;
    case 'solution': {
      const ui = message.lessonId === lesson?.id ? stepUis.get(message.stepId) : undefined;
      if (ui) showSolution(ui, message.command);
      return;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseHostMessage(event.data);
  if (!parsed.ok) {
    report('warning', `dropped an invalid host message: ${parsed.error}`);
    return;
  }
  handle(parsed.value);
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    state.scrollY = Math.round(window.scrollY);
    saveState();
  }, 200);
}, { passive: true });

// The learner reading (scrolling, pointing, typing) keeps the chapter's study clock running; said at most every 20 s.
let lastActivity = 0;
const activity = () => {
  const now = Date.now();
  if (now - lastActivity < 20_000) return;
  lastActivity = now;
  post({ type: 'activity' });
};
for (const type of ['scroll', 'pointerdown', 'keydown', 'wheel']) window.addEventListener(type, activity, { passive: true });

// Surface what would otherwise fail silently inside the iframe: a blocked resource or a script error.
document.addEventListener('securitypolicyviolation', (event) => {
  report('error', `CSP blocked ${event.effectiveDirective}: ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
});
window.addEventListener('error', (event) => report('error', `${event.message} at ${event.filename}:${event.lineno}`));

post({ type: 'ready' });
