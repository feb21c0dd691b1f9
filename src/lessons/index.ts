// The lesson format: parse, substitute, lint, load and render. No `vscode` here.
export * from './schema';
export { parseLesson, analyzeLesson, classifyFence, tokenizeAttrs } from './parse';
export type { FenceRole, LessonAnalysis, StepDraft } from './parse';
export { applyVars, defaultVars, invalidVarValue, resolveStep, varNamesIn } from './substitute';
export type { ResolvedStep, VarValues } from './substitute';
export { findLesson, isLessonFileName, loadLessons } from './catalog';
export { formatDiagnostic, lintAnalysis, lintFiles, lintText } from './lint';
export { forgetRenders, renderLessonHtml, renderMarkdownInline } from './render';
export type { RenderedLesson } from './render';
