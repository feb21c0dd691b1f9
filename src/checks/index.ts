// The check evaluator: typed, declarative lesson checks judged through the Engine API.
export { evaluateCheck, evaluateChecks, describeCheck } from './evaluate';
export { matchText, describeTextMatch, pickTextMatch, hasTextMatch } from './text';
export { loopbackUrl } from './kinds/http';
export { tarMembers, hasMember } from './tar';
export type { CheckContext, CheckResult, StepOutput } from './types';
