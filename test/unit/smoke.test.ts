import { describe, expect, it } from 'vitest';
import { initialTransition, setup } from 'xstate';

describe('toolchain', () => {
  it('runs XState pure transitions in Node', () => {
    const machine = setup({}).createMachine({ initial: 'idle', states: { idle: {} } });
    const [snapshot] = initialTransition(machine);
    expect(snapshot.value).toBe('idle');
  });
});
