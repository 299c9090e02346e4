/*
 * One tab owns an attempt. Two tabs playing one call would race each other's events (the second's are
 * refused by storage, and it stops hearing the caller), so the tab playing a call holds a Web Lock named
 * for the attempt. A second tab finds it held, says the call is open elsewhere and can take it over: the
 * lock is stolen, and the first tab, told it has lost it, stops playing and says where the call went.
 */

/** The hold a tab has on an attempt; released when the tab leaves the call. */
export interface Hold {
  release(): void;
}

const lockName = (attemptId: string) => `control-room-trainer:attempt:${attemptId}`;

/**
 * Takes the attempt for this tab. Resolves null if another tab holds it (unless `takeOver`, which takes
 * it from that tab). `lost` is called if another tab later takes it over. Browsers without Web Locks
 * cannot tell tabs apart: every tab holds it.
 */
export function holdAttempt(attemptId: string, takeOver: boolean, lost: () => void): Promise<Hold | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return Promise.resolve({ release: () => {} });
  return new Promise((resolve, reject) => {
    let release = () => {};
    let released = false;
    const held = new Promise<void>((done) => (release = done));
    locks
      .request(lockName(attemptId), takeOver ? { steal: true } : { ifAvailable: true }, async (lock) => {
        if (!lock) return resolve(null);
        resolve({
          release: () => {
            released = true;
            release();
          },
        });
        await held;
      })
      .catch((error: unknown) => {
        // A stolen lock rejects the request that held it; anything else is a failure to report.
        if (error instanceof DOMException && error.name === 'AbortError') {
          if (!released) lost();
        } else reject(error);
      });
  });
}
