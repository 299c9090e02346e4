import { useCallback, useRef, useState } from 'react';

/**
 * A text field whose contents are sent (a question, a search, a trainee's name) and which is emptied
 * once what was sent is stored, by the third member, unless something else has been typed since: on a
 * slow disk a quick trainee or trainer is already typing the next one when the last is stored, and that
 * must not be taken from them. `keep` is told of every change (a draft kept as it is typed).
 */
export function useSentField(
  initial: string | (() => string) = '',
  keep?: (text: string) => void,
): [string, (text: string) => void, (sent: string) => void] {
  const [text, setText] = useState(initial);
  const latest = useRef(text);
  const set = useCallback(
    (next: string) => {
      latest.current = next;
      setText(next);
      keep?.(next);
    },
    [keep],
  );
  const clearSent = useCallback(
    (sent: string) => {
      if (latest.current.trim() === sent.trim()) set('');
    },
    [set],
  );
  return [text, set, clearSent];
}
