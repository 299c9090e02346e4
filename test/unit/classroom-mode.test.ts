/*
 * Who may open the supervisor screens on a device (src/ui/classroom/classroom-mode.ts), from what the
 * device remembers. localStorage is the browser's; here a Map stands in for it at the edge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  joinedClassroom,
  supervisorName,
  supervisorScreensOpen,
} from '../../src/ui/classroom/classroom-mode.ts';

const remembered = new Map<string, string>();
const storage = {
  getItem: (key: string) => remembered.get(key) ?? null,
  setItem: (key: string, value: string) => void remembered.set(key, value),
  removeItem: (key: string) => void remembered.delete(key),
};

const place = (role: 'trainee' | 'supervisor', user: string) => ({
  server: 'http://192.168.1.20:5984/',
  user,
  course: 'academy-january-2027',
  role,
});
/** What joinClassroom remembers of a sign-in. */
function joined(role: 'trainee' | 'supervisor', user: string): void {
  remembered.set('control-room-trainer.classroom', JSON.stringify(place(role, user)));
  remembered.set('control-room-trainer.classroom-device', place(role, user).server);
}
/** What leaveClassroom forgets. */
const left = () => remembered.delete('control-room-trainer.classroom');

beforeEach(() => {
  remembered.clear();
  Object.assign(globalThis, { localStorage: storage });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('the supervisor screens on a device', () => {
  it('open on a trainer’s machine that never joined a classroom', () => {
    expect(supervisorScreensOpen()).toBe(true);
  });

  it('are refused to a trainee’s session, and stay refused after the trainee leaves', () => {
    joined('trainee', 'sian-jones');
    expect(joinedClassroom()?.role).toBe('trainee');
    expect(supervisorScreensOpen()).toBe(false);
    left();
    expect(joinedClassroom()).toBeNull();
    expect(supervisorScreensOpen()).toBe(false);
  });

  it('open to a supervisor’s sign-in, on a device a trainee used before', () => {
    joined('trainee', 'sian-jones');
    left();
    joined('supervisor', 'sgt-okafor');
    expect(supervisorScreensOpen()).toBe(true);
    left();
    expect(supervisorScreensOpen()).toBe(false);
  });

  it('record moderations as the signed-in supervisor, not a name typed on the device', () => {
    remembered.set('control-room-trainer.supervisor', 'Sian Jones');
    expect(supervisorName()).toBe('Sian Jones');
    joined('supervisor', 'sgt-okafor');
    expect(supervisorName()).toBe('sgt-okafor');
  });

  it('are refused when what is remembered names no role the app knows', () => {
    joined('trainee', 'sian-jones');
    remembered.set(
      'control-room-trainer.classroom',
      JSON.stringify({ ...place('trainee', 'sian-jones'), role: 'admin' }),
    );
    expect(joinedClassroom()).toBeNull();
    expect(supervisorScreensOpen()).toBe(false);
  });
});
