/** A value, or a promise of one: what a store may answer with when it holds its data in memory. */
export type MaybePromise<T> = T | Promise<T>;
