import type { Messages } from './locales/en';

export type { Messages };

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A language that may miss keys (they fall back to English) but may not
 * invent any. */
export type PartialMessages = DeepPartial<Messages>;
