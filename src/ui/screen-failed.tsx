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
