// The check kinds, in one table. Each kind is one module, ./<key>.ts, that exports its entry { key, schema, evaluate,
// describe } (see CheckKindModule in ./common.ts); everything kind-specific elsewhere derives from KINDS below:
// CHECK_KINDS, the Check union and its zod schema, the schema per kind (lessons/substitute.ts validates each item of a
// check block with it), evaluation and the description of a check that could not be evaluated (../evaluate.ts).
// A new kind is one file here, its entry in KINDS and its zh-CN strings in l10n/zh-cn/checks.json.
//
// Layering: the check schemas live with their evaluators, below the lesson format: src/lessons imports this table
// (lessons/schema.ts re-exports Check, CheckKind, checkSchema …) and nothing in src/checks imports src/lessons, so the
// arrows run runner → lessons → checks → engine without a cycle, and a kind cannot be declared without its evaluator.
import * as z from 'zod';
import type { CheckKindModule } from './common';
import { containerKind } from './container';
import { execKind } from './exec';
import { exitCodeKind } from './exitCode';
import { fileKind } from './file';
import { httpKind } from './http';
import { imageKind } from './image';
import { logsKind } from './logs';
import { mountKind } from './mount';
import { networkKind } from './network';
import { outputKind } from './output';
import { portKind } from './port';
import { registryKind } from './registry';
import { serviceKind } from './service';
import { swarmKind } from './swarm';
import { volumeKind } from './volume';
import { workspaceFileKind } from './workspaceFile';

/**
 * In the order the parser tries the keys: a kind whose key is also a field of another kind comes after it
 * (`container` and `service` checks may name an `image`, a container check an `exitCode`).
 */
const KINDS = [
  containerKind, serviceKind, imageKind, portKind, mountKind, volumeKind, networkKind, execKind, fileKind, logsKind, httpKind,
  outputKind, exitCodeKind, workspaceFileKind, swarmKind, registryKind,
] as const;

type Kinds = typeof KINDS;
export type CheckKind = Kinds[number]['key'];

/** The discriminating key of every check kind, in the order the parser tries them. */
export const CHECK_KINDS: readonly CheckKind[] = KINDS.map((kind) => kind.key);

/** The schemas of a tuple of kinds, as a tuple (what z.union needs to type its result). */
type SchemasOf<T extends readonly unknown[]> = { -readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never };

/** Any check of any kind. */
export const checkSchema = z.union(KINDS.map((kind) => kind.schema) as SchemasOf<Kinds>);
export type Check = z.infer<typeof checkSchema>;

/** A kind's entry with its check type widened to Check (the table's own types keep each kind's exact one). */
export type AnyCheckKind = CheckKindModule<CheckKind, z.ZodType<Check>>;

const BY_KEY = new Map<CheckKind, AnyCheckKind>(KINDS.map((kind) => [kind.key, kind as unknown as AnyCheckKind]));

export function kindModule(kind: CheckKind): AnyCheckKind {
  return BY_KEY.get(kind)!;
}

/** The schema of one kind's checks. */
export function checkSchemaOf(kind: CheckKind): z.ZodType<Check> {
  return kindModule(kind).schema;
}

export function checkKind(check: Check): CheckKind {
  for (const kind of CHECK_KINDS) if (kind in check) return kind;
  throw new Error('unreachable: check without a kind');
}

export { checkConditionSchema, durationMs, type CheckCondition, type Duration, type TextMatch } from './common';
