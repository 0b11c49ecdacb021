/** The time source; tests pass a fixed one, production uses the wall clock. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
