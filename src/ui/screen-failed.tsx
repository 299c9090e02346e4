import { strings } from '../strings/en-gb.ts';

/** A screen that could not be shown: still a titled page, with the reason in words. */
export function ScreenFailed({ message, detail }: { message: string; detail?: string }) {
  return (
    <>
      <h1>{strings.ui.screenFailed}</h1>
      <div role="alert" className="notice error">
        <p>{message}</p>
        {detail && <p>{detail}</p>}
      </div>
    </>
  );
}

/** A screen whose data is not ready: still loading, or the reason it cannot be shown. */
export function NotReady({ loaded }: { loaded: { state: 'loading' } | { state: 'error'; message: string } }) {
  return loaded.state === 'loading' ? (
    <p role="status">{strings.ui.loading}</p>
  ) : (
    <ScreenFailed message={loaded.message} />
  );
}
