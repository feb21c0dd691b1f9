// What `activate` returns: a small API that extension-host and end-to-end tests use to observe the explorer
// without scraping the UI.
import type { EngineSnapshot } from '../../engine/types';
import type { ExplorerView } from './model';

export interface ExplorerItemInfo {
  label: string;
  description: string;
  contextValue: string;
  /** Markdown text of the tooltip. */
  tooltip: string;
  /** Codicon id of the item's icon. */
  icon: string;
  /** Label of the parent node (image tags sit under their repository); undefined at the top level. */
  parent?: string;
}

export interface ExplorerTestApi {
  /** Resolves when no refresh is queued or running and no event batch is waiting. */
  waitForIdle(): Promise<void>;
  /** The data the trees are drawn from; undefined before the first load or while disconnected. */
  snapshot(): EngineSnapshot | undefined;
  /** The items of one view, depth first (image repositories followed by their tags). Loads data if none yet. */
  items(view: ExplorerView): Promise<ExplorerItemInfo[]>;
}

export interface DockerLessonsApi {
  explorer: ExplorerTestApi;
  /** Value of the `dockerLessons.engineState` context key: unknown | connected | unreachable | permission-denied | bad-host. */
  engineState(): string;
}
