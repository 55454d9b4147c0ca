// Checking a value against a zod schema, with every issue reported under the file, entity and
// field it concerns, and as much of the entity kept as is valid: the cross-checks that follow
// then run on the valid fields, so that one mistake does not hide the entity's others.
import { ZodArray, ZodDefault, ZodOptional, ZodPrefault, type ZodObject, type ZodType } from 'zod';
import { formatPath, type DataProblem } from './problems.js';
import { zodMessage } from './zod-messages.js';

/** Where a value being validated is: its file and entity, and the path of its fields in the entity, if any. */
export type Location = Omit<DataProblem, 'message' | 'field'> & { under?: string };

/**
 * Validates `value` and reports each issue under the file, entity and field it concerns.
 * Unknown keys are reported and then dropped, so that a misspelt key does not hide the
 * entity's other problems: the entity is checked further without them.
 */
export function validate<T>(schema: ZodType<T>, value: unknown, { under, ...problem }: Location, problems: DataProblem[]): T | undefined {
  const result = schema.safeParse(value, { error: zodMessage });
  if (result.success) return result.data;
  reportIssues(result.error.issues, { under, ...problem }, problems);
  const unknownKeys = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
  if (unknownKeys.length < result.error.issues.length) return undefined;
  const retried = schema.safeParse(withoutKeys(value, unknownKeys));
  return retried.success ? retried.data : undefined;
}

/**
 * An entity checked field by field: the fields that are valid, and the keys of those that are
 * not (reported). The cross-checks then run on the valid fields, so that a bad value in one
 * field does not hide the entity's other problems, and skip the invalid ones, which are
 * reported already: no problem is reported twice, or follows from another.
 */
export interface Checked<T> {
  fields: Partial<T>;
  /** Top-level keys whose value is invalid; empty when the entity is complete. */
  failed: ReadonlySet<string>;
  /** Whether every field is valid: the entity can be built from `fields`. */
  complete: boolean;
  /** Of a list field that is invalid, its valid items, at their indices (undefined at the invalid ones). */
  items?: Items<T>;
}

type Items<T> = { [K in keyof T]?: NonNullable<T[K]> extends readonly (infer E)[] ? (E | undefined)[] : never };

/** The schema of a list's items, when `schema` is a list (with a default or not). */
function itemSchema(schema: ZodType): ZodType | undefined {
  let inner: ZodType = schema;
  while (inner instanceof ZodDefault || inner instanceof ZodOptional || inner instanceof ZodPrefault) inner = inner.unwrap() as ZodType;
  return inner instanceof ZodArray ? (inner.element as ZodType) : undefined;
}

/** A list field's items to check: all of them when it is valid, else its valid ones (see Checked.items). */
export function itemsOf<T, K extends keyof T>(checked: { fields: Partial<T>; items?: Items<T> | undefined }, key: K): readonly (ItemOf<T[K]> | undefined)[] {
  return ((checked.fields[key] as readonly ItemOf<T[K]>[] | undefined) ?? checked.items?.[key] ?? []) as readonly (ItemOf<T[K]> | undefined)[];
}
type ItemOf<V> = NonNullable<V> extends readonly (infer E)[] ? E : never;

/** Marks an entity that is not a mapping at all: no field of it can be checked. */
const NOT_AN_OBJECT = '';

/**
 * Validates an entity with an object schema, reporting each issue as `validate` does (unknown
 * keys are reported and dropped), and parses each of its fields on its own: the valid fields
 * are kept even when others are not.
 */
export function validateFields<T extends Record<string, unknown>>(schema: ZodObject, value: unknown, location: Location, problems: DataProblem[]): Checked<T> {
  const result = schema.safeParse(value, { error: zodMessage });
  if (result.success) return { fields: result.data as Partial<T>, failed: new Set(), complete: true };
  reportIssues(result.error.issues, location, problems);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { fields: {}, failed: new Set([NOT_AN_OBJECT]), complete: false };
  const unknownKeys = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
  const cleaned = withoutKeys(value, unknownKeys) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const items: Record<string, unknown[]> = {};
  const failed = new Set<string>();
  for (const [key, field] of Object.entries(schema.shape as Record<string, ZodType>)) {
    const written = cleaned[key];
    const parsed = field.safeParse(written);
    if (parsed.success) {
      if (parsed.data !== undefined || key in cleaned) fields[key] = parsed.data;
      continue;
    }
    failed.add(key);
    // A list with one bad item: the others are still checked, at their own indices.
    const item = itemSchema(field);
    if (item && Array.isArray(written)) items[key] = written.map((value) => item.safeParse(value).data);
  }
  return { fields: fields as Partial<T>, failed, complete: failed.size === 0, items: items as Items<T> };
}

function reportIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], { under, ...problem }: Location, problems: DataProblem[]): void {
  for (const issue of issues) {
    const field = formatPath(under === undefined ? issue.path : [under, ...issue.path]);
    problems.push({ ...problem, ...(field ? { field } : {}), message: issue.message });
  }
}

/** A copy of `value` without the keys named by unrecognized-key issues. */
function withoutKeys(value: unknown, issues: readonly { path: readonly PropertyKey[]; keys: readonly string[] }[]): unknown {
  const copy: unknown = structuredClone(value);
  for (const { path, keys } of issues) {
    let target = copy as Record<PropertyKey, unknown>;
    for (const key of path) target = target[key] as Record<PropertyKey, unknown>;
    for (const key of keys) delete target[key];
  }
  return copy;
}

/** How problems name an entry: `<kind> "<id>"`, or `<kind> #<n>` (from 1) when it has no id. */
export function entityName(kind: string, value: unknown, index: number): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `${kind} "${id}"` : `${kind} #${index + 1}`;
}

/** An id written on an entry, valid or not. */
export function writtenId(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
