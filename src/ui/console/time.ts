import { useEffect, useState } from 'react';
import { strings } from '../../strings/en-gb.ts';

/** "21:40" plus seconds on the phase clock, as the control room clock shows it: "21:41:05". */
export function clockTime(clockStart: string, seconds: number): string {
  const [hours = 0, minutes = 0] = clockStart.split(':').map(Number);
  const total = (hours * 3600 + minutes * 60 + Math.floor(seconds)) % 86_400;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** "4:05", or "10:02:05" past an hour, for a duration in seconds. */
export function stopwatch(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(whole % 60)}` : `${minutes}:${pad(whole % 60)}`;
}

/** A stored ISO time as people here read it: "22/11/2026, 23:02:26". */
export const dateTime = (iso: string): string => new Date(iso).toLocaleString(strings.locale);

/** Re-renders every second while `running`, returning the value of `read` now. */
export function useTicking(read: () => number, running: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return read();
}
