import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { Toast } from 'radix-ui';
import { useSyncExternalStore } from 'react';
import { IconButton } from './Button';

type Tone = 'success' | 'error' | 'info';

interface ToastItem {
  readonly id: number;
  readonly tone: Tone;
  readonly title: string;
  readonly description: string | undefined;
}

let items: readonly ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: readonly ToastItem[]) {
  items = next;
  for (const listener of listeners) listener();
}

function push(tone: Tone, title: string, description?: string) {
  publish([...items, { id: nextId++, tone, title, description }].slice(-4));
}

/** Short confirmations and failures, callable from anywhere (pages, the session, the router). */
export const toast = {
  success: (title: string, description?: string) => push('success', title, description),
  error: (title: string, description?: string) => push('error', title, description),
  info: (title: string, description?: string) => push('info', title, description),
};

/** Removes every toast at once (the component tests start each test without the last one's). */
export function clearToasts() {
  publish([]);
}

const icons = { success: CircleCheck, error: CircleAlert, info: Info } as const;

export function Toaster() {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => items,
  );
  return (
    <Toast.Provider swipeDirection="right" duration={6000} label="Notification">
      {current.map((item) => {
        const Icon = icons[item.tone];
        return (
          <Toast.Root
            key={item.id}
            className={`toast toast--${item.tone}`}
            type={item.tone === 'error' ? 'foreground' : 'background'}
            duration={item.tone === 'error' ? 10_000 : 6000}
            onOpenChange={(open) => {
              if (!open) publish(items.filter((i) => i.id !== item.id));
            }}
          >
            <Icon aria-hidden="true" />
            <div>
              <Toast.Title className="toast__title">{item.title}</Toast.Title>
              {item.description ? (
                <Toast.Description className="toast__description">{item.description}</Toast.Description>
              ) : null}
            </div>
            <Toast.Close asChild>
              <IconButton label="Dismiss">
                <X aria-hidden="true" />
              </IconButton>
            </Toast.Close>
          </Toast.Root>
        );
      })}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}
