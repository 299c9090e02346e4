import { strings } from '../strings/en-gb.ts';

const KEY = 'control-room-trainer.trainee';

export function loadTraineeName(): string {
  try {
    return localStorage.getItem(KEY) || strings.ui.defaultTrainee;
  } catch {
    return strings.ui.defaultTrainee;
  }
}

export function saveTraineeName(name: string): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // Private browsing can refuse storage; the name is then just not remembered.
  }
}
