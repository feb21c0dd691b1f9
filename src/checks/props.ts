// Property specs: a check is a list of (label, expected, judge) triples over one inspected object. Keeping the
// expected text independent of the object lets a missing object still produce a precise title and expectation.
import { combine, type Outcome, type Prop } from './describe';

export interface Verdict {
  pass: boolean;
  actual: string;
  hint?: string;
}

export interface PropSpec<T> {
  label: string;
  expected: string;
  judge(subject: T): Verdict;
}

export function spec<T>(label: string, expected: string, judge: (subject: T) => Verdict): PropSpec<T> {
  return { label, expected, judge };
}

export function judgeAll<T>(specs: readonly PropSpec<T>[], subject: T): Prop[] {
  return specs.map((s) => {
    const verdict = s.judge(subject);
    return { label: s.label, expected: s.expected, actual: verdict.actual, pass: verdict.pass, hint: verdict.pass ? undefined : verdict.hint };
  });
}

/** The object is not there: the whole check fails with one `actual` ("no such container") and one hint. */
export function missingOutcome<T>(titleFor: (labels: string) => string, specs: readonly PropSpec<T>[], actual: string, hint: string): Outcome {
  const shape = combine(titleFor, specs.map((s) => ({ label: s.label, expected: s.expected, actual, pass: false })));
  return { ...shape, actual, hint };
}

/** Adapt a Prop-returning comparison (recordProp, subsetProp) to a verdict. */
export function verdictOf(prop: Prop): Verdict {
  return { pass: prop.pass, actual: prop.actual, hint: prop.hint };
}

/** Strict equality of displayed values. */
export function same(expected: string, actual: string, hint?: string): Verdict {
  return { pass: expected === actual, actual, hint };
}
