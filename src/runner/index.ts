// Public face of the runner: prepare/execute/check steps, run whole lessons, record and reset what they create.
export * from './types';
export { addLessonLabel, labelInsertionPoints } from './rewrite';
export { stepEnv } from './env';
export { runShell, hasScript, missingScriptMessage, MAX_CAPTURE_BYTES } from './process';
export type { ProcessOptions, ProcessResult } from './process';
export { ensureImages, missingImageMessage, PULL_TIMEOUT_MS } from './images';
export type { MissingImage } from './images';
export {
  busyboxCandidates, CatalogError, listStandins, loadCatalog, normalizeRef, prepareStandins, pullWithCli, selectByName,
  selectByTag, summarize, LABEL_STANDIN,
} from './standins';
export type { Catalog, CatalogEntry, PrepareStandinsResult, StandinProgress, StandinResult } from './standins';
export { stateDir, defaultWorkRoot, lessonWorkDir, prepareWorkDir } from './workdir';
export { JsonFileStore, StepRecorder, takeSnapshot, diffCreated, mergeRecords, declaredNames, normalizeImageRef } from './record';
export type { EngineState, DeclaredNames, StepRecording } from './record';
export { planReset, resetLesson, describeResetItem } from './reset';
export type { ResetItem, ResetKind, ResetOptions, ResetResult } from './reset';
export {
  prepareStep, executeStep, checkStep, ensureLessonImages, explainMessage, selectSteps, unknownStepIds, workDirOf,
} from './runner';
export type {
  PrepareOptions, PreparedStep, RunnerContext, ExecuteResult, CheckStepOptions, StepSelection, VarOverrides,
} from './runner';
export { runStepSession, checkStepSession, runStep, runLesson, redoThenRun } from './session';
export { objectsMadeBy, stepMaking, shellOf } from './makers';
export type { MadeKind, MadeObject } from './makers';
export { adoptChallengeObjects, dependentSteps, missingPrerequisites, redoChain, undoSteps } from './rerun';
export type { ChallengeMode, StepHooks, StepPhase, StepSessionOptions, CheckSessionOptions, RunLessonOptions, LessonRun } from './session';
export { recordedCommand, plainTranscript, readTranscript } from './transcript';
export { engineProfile, applicableChecks, describeProfile, conditionHolds, builderFor, engineVersionMatches } from './profile';
export type { EngineProfile } from './profile';
