/** The same keys as the Chinese messages, any strings: a missing or extra key fails the typecheck. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
