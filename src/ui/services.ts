/*
 * Services the UI reaches lazily, so their libraries stay out of the first-paint bundle.
 */
import type { AttemptStore } from '../storage/attempt-store.ts';

let store: Promise<AttemptStore> | null = null;

export function attemptStore(): Promise<AttemptStore> {
  store ??= import('../storage/attempt-store.ts').then(({ AttemptStore }) => new AttemptStore());
  return store;
}
