// Every name the extension shares with package.json `contributes` or with VS Code's own state: command ids, view ids,
// setting keys, context keys, the task type, the walkthrough, status bar items and storage keys. Typed constants in one
// place, so a typo is a compile error; test/unit/vscode/ids.test.ts keeps this file and package.json in step.
// No imports but types: the activation path loads it for nothing.
import type { PROGRESS_KEY } from '../viewmodel/lessons/progress';
import type { ExplorerView } from '../viewmodel/explorer/model';

type ValueOf<T> = T[keyof T];

/** The explorer's commands (src/vscode/explorer/commands/). */
export const EXPLORER_COMMANDS = {
  refresh: 'dockerLessons.refresh',
  retryConnection: 'dockerLessons.retryConnection',
  openSettings: 'dockerLessons.openSettings',

  containerStart: 'dockerLessons.container.start',
  containerStop: 'dockerLessons.container.stop',
  containerRestart: 'dockerLessons.container.restart',
  containerPause: 'dockerLessons.container.pause',
  containerUnpause: 'dockerLessons.container.unpause',
  containerRemove: 'dockerLessons.container.remove',
  containerLogs: 'dockerLessons.container.logs',
  containerShell: 'dockerLessons.container.shell',
  containerInspect: 'dockerLessons.container.inspect',
  containerCopyId: 'dockerLessons.container.copyId',

  imageRun: 'dockerLessons.image.run',
  imageTag: 'dockerLessons.image.tag',
  imageRemove: 'dockerLessons.image.remove',
  imageInspect: 'dockerLessons.image.inspect',
  imageCopyId: 'dockerLessons.image.copyId',

  volumeInspect: 'dockerLessons.volume.inspect',
  volumeRemove: 'dockerLessons.volume.remove',

  networkInspect: 'dockerLessons.network.inspect',
  networkRemove: 'dockerLessons.network.remove',

  pruneContainers: 'dockerLessons.prune.containers',
  pruneImages: 'dockerLessons.prune.images',
  pruneVolumes: 'dockerLessons.prune.volumes',
  pruneNetworks: 'dockerLessons.prune.networks',
} as const;

/** The lessons' commands (src/vscode/lessons/, src/vscode/panel/). */
export const LESSON_COMMANDS = {
  continue: 'dockerLessons.continue',
  refreshLessons: 'dockerLessons.refreshLessons',
  resetProgress: 'dockerLessons.resetProgress',
  runStep: 'dockerLessons.runStep',
  checkStep: 'dockerLessons.checkStep',
  cancelStep: 'dockerLessons.cancelStep',
  openStepFile: 'dockerLessons.openStepFile',
  resetLesson: 'dockerLessons.resetLesson',
  checkEngine: 'dockerLessons.checkEngine',
  gettingStarted: 'dockerLessons.gettingStarted',
  /** `()` every stand-in, or `({ images, quiet })` those a step lacks: builds the offline practice images. */
  prepareImages: 'dockerLessons.prepareImages',
  /** `(lessonId?, stepId?)`: the lesson webview, at that step. */
  openLesson: 'dockerLessons.openLesson',
} as const;

/** Commands of the explorer's views themselves (src/vscode/explorer/providers.ts): one filter over the four views. */
export const EXPLORER_VIEW_COMMANDS = {
  filter: 'dockerLessons.filter',
  clearFilter: 'dockerLessons.clearFilter',
} as const;

/** The editor help's commands (src/vscode/editor/). */
export const EDITOR_COMMANDS = {
  /** `(command: string)`: a docker command from a Markdown note, in the engine's terminal. */
  runInTerminal: 'dockerLessons.runInTerminal',
  /** `(command: string)`: a usage line with placeholders from a Markdown note, to the clipboard. */
  copyCommand: 'dockerLessons.copyCommand',
} as const;

/** The environment check's commands (src/vscode/doctor/). */
export const DOCTOR_COMMANDS = {
  /** 环境体检 / Check My Docker Setup: runs the doctor and shows the report; resolves with it. */
  checkSetup: 'dockerLessons.checkSetup',
} as const;

/** The course map's commands (src/vscode/map/). */
export const MAP_COMMANDS = {
  /** 课程地图 / Course Map: every chapter on a path with the learner's progress. */
  courseMap: 'dockerLessons.courseMap',
} as const;

/** Every command in package.json `contributes.commands`. */
export const COMMANDS = { ...EXPLORER_COMMANDS, ...EXPLORER_VIEW_COMMANDS, ...LESSON_COMMANDS, ...EDITOR_COMMANDS, ...DOCTOR_COMMANDS, ...MAP_COMMANDS } as const;

export type ExplorerCommandId = ValueOf<typeof EXPLORER_COMMANDS>;
export type ExplorerViewCommandId = ValueOf<typeof EXPLORER_VIEW_COMMANDS>;
export type LessonCommandId = ValueOf<typeof LESSON_COMMANDS>;
export type EditorCommandId = ValueOf<typeof EDITOR_COMMANDS>;
export type CommandId = ValueOf<typeof COMMANDS>;

/** VS Code's own commands we execute. */
export const VSCODE_COMMANDS = {
  setContext: 'setContext',
  openSettings: 'workbench.action.openSettings',
  openWalkthrough: 'workbench.action.openWalkthrough',
  markdownPreview: 'markdown.showPreview',
  open: 'vscode.open',
} as const;

/** The activity bar container of the course (the lessons view has it to itself: long chapter lists need the room). */
export const VIEW_CONTAINER = 'dockerLessons';
/** The activity bar container of the explorer's four views. */
export const EXPLORER_VIEW_CONTAINER = 'dockerLessonsExplorer';

/** Every view in package.json `contributes.views`; an explorer view's id is `VIEWS[view]`. */
export const VIEWS = {
  lessons: 'dockerLessons.lessons',
  containers: 'dockerLessons.containers',
  images: 'dockerLessons.images',
  volumes: 'dockerLessons.volumes',
  networks: 'dockerLessons.networks',
} as const satisfies Record<ExplorerView | 'lessons', string>;
export type ViewId = ValueOf<typeof VIEWS>;

/** Webview panel types (activation event `onWebviewPanel:<type>`). */
export const WEBVIEW_PANELS = {
  lesson: 'dockerLessons.lesson',
  doctor: 'dockerLessons.doctor',
  courseMap: 'dockerLessons.courseMap',
} as const;
export type WebviewPanelType = ValueOf<typeof WEBVIEW_PANELS>;

/** Every setting in package.json `contributes.configuration`. */
export const SETTINGS = {
  /** The Docker engine address; restricted in untrusted workspaces. */
  host: 'dockerLessons.host',
  codeLensEnabled: 'dockerLessons.codeLens.enabled',
  /** Re-check the open lesson's current step on engine events (default on). */
  liveCheck: 'dockerLessons.liveCheck',
} as const;
export type SettingKey = ValueOf<typeof SETTINGS>;

/** Context keys we set (`when` clauses, walkthrough completion events). */
export const CONTEXT_KEYS = {
  /** unknown | connected | unreachable | permission-denied | bad-host (the explorer's EngineState). */
  engineState: 'dockerLessons.engineState',
  engineConnected: 'dockerLessons.engineConnected',
  /** A lesson was shown (the walkthrough's "open a lesson"). */
  lessonOpened: 'dockerLessons.lessonOpened',
  firstStepPassed: 'dockerLessons.firstStepPassed',
  /** true while the explorer's filter hides objects. */
  explorerFiltered: 'dockerLessons.explorerFiltered',
} as const;
export type ContextKey = ValueOf<typeof CONTEXT_KEYS>;

/** package.json `contributes.taskDefinitions[].type`. */
export const TASK_TYPE = 'docker-lesson';

/** package.json `contributes.walkthroughs[].id`. */
export const WALKTHROUGHS = {
  gettingStarted: 'dockerLessons.gettingStarted',
} as const;

/** Status bar item ids (VS Code remembers a hidden item by id). */
export const STATUS_BAR_ITEMS = {
  engine: 'dockerLessons.engine',
  lesson: 'dockerLessons.lesson',
} as const;

/** Keys in `context.globalState`; the progress key is checked against the model's own without loading it. */
export const STORAGE_KEYS = {
  progress: 'dockerLessons.progress' satisfies typeof PROGRESS_KEY,
} as const;
