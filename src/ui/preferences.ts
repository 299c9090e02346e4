/*
 * Small per-browser preferences (the trainee's name, captions on or off). Private browsing can refuse
 * storage: the app then just does not remember.
 */
import { strings } from '../strings/en-gb.ts';

const PREFIX = 'control-room-trainer.';

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}

export const loadTraineeName = (): string => read('trainee') || strings.ui.defaultTrainee;
export const saveTraineeName = (name: string): void => write('trainee', name);
export const loadCaptionsOn = (): boolean => read('captions') !== 'off';
export const saveCaptionsOn = (on: boolean): void => write('captions', on ? 'on' : 'off');
/** The course new attempts are attached to, if the trainee chose one. */
export const loadCourse = (): string | undefined => read('course') || undefined;
export const saveCourse = (course: string): void => write('course', course);
export const loadSupervisorName = (): string => read('supervisor') ?? '';
export const saveSupervisorName = (name: string): void => write('supervisor', name);
