/** A value, or a promise of one: what a store may answer with when it holds its data in memory. */
export type MaybePromise<T> = T | Promise<T>;

/** Applies `map` at once to a value, or when a promise settles: no promise is made where none was. */
export function thenMaybe<T, R>(value: MaybePromise<T>, map: (resolved: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(map) : map(value);
}
