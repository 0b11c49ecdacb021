/** The English catalogue has every key of the Chinese one, each a string. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
