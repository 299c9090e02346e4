/*
 * Small per-browser preferences (the trainee's name, captions on or off). Private browsing can refuse
 * storage: the app then just does not remember.
 */
import { strings } from '../strings/en-gb.ts';
import { readLocal, writeLocal } from './local-store.ts';

export const loadTraineeName = (): string => readLocal('trainee') || strings.ui.defaultTrainee;
export const saveTraineeName = (name: string): void => writeLocal('trainee', name);
export const loadCaptionsOn = (): boolean => readLocal('captions') !== 'off';
export const saveCaptionsOn = (on: boolean): void => writeLocal('captions', on ? 'on' : 'off');
/** The course new attempts are attached to, if the trainee chose one. */
export const loadCourse = (): string | undefined => readLocal('course') || undefined;
export const saveCourse = (course: string): void => writeLocal('course', course);
export const loadSupervisorName = (): string => readLocal('supervisor') ?? '';
export const saveSupervisorName = (name: string): void => writeLocal('supervisor', name);
