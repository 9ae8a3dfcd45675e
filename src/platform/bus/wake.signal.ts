/**
 * A loop's sleep that a notification can cut short. `wait(ms)` resolves after `ms` or at the
 * next `wake()`, whichever comes first; a wake that arrives while the loop is busy is remembered
 * so the loop does not sleep past work that arrived meanwhile.
 */
export interface WakeSignal {
  wake(): void;
  wait(ms: number): Promise<void>;
}

export function createWakeSignal(): WakeSignal {
  let pending = false;
  let release: (() => void) | undefined;
  return {
    wake() {
      if (release) {
        const r = release;
        release = undefined;
        r();
      } else {
        pending = true;
      }
    },
    wait(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          release = undefined;
          resolve();
        }, ms);
        release = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}
