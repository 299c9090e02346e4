/*
 * The browser's localStorage under the app's prefix. Private browsing or a locked-down browser can
 * refuse it: reads then find nothing and writes are not kept, and nothing else breaks.
 */
const PREFIX = 'control-room-trainer.';

export function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function writeLocal(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch {
    // Not kept; what depends on it copes without.
  }
}

export function removeLocal(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing was kept to remove.
  }
}
